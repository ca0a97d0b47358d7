/**
 * Webhook throughput on a real n8n 1.x, in one process (SQLite) and in queue mode (main + two
 * workers, PostgreSQL and Redis), each against a bare Webhook → Respond workflow on the same n8n in
 * the same run:
 * - Member Approval behind a webhook (the node's cost inside n8n's request path);
 * - each template started by a platform event, end to end: the platform delivers signed webhooks,
 *   and an event counts once its result is on the platform.
 * Each measurement is warmed up and repeated; the median is reported, with the peak resident memory
 * of the n8n processes together and each process's CPU share (cores busy, of the 2 this machine
 * has; the local platform runs in this process).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlatformServer, type PlatformServer } from '../sandbox';
import { cleanApplication } from '../tests/fixtures/applications';
import { applicationFor, nextRosterWorkers } from '../tests/fixtures/membership-application';
import { claimInput, invoice, type SeededMember } from '../tests/fixtures/claims';
import type { BenchResult } from './benchResult';
import { bareWebhookWorkflow, load, postJson } from './webhookLoad';
import { ProcessSampler } from './processSampler';

const { N8nInstance, freePort } = require('../scripts/lib/n8n');
const { localCredentialsForImport } = require('../scripts/lib/localCredentials');
const { platformClient } = require('../scripts/lib/platformClient');
const { ensureQueuePackages, startPostgres, startRedis } = require('../scripts/lib/queueServices');

const ROOT = path.resolve(__dirname, '..');
const CONCURRENCY = 10;
const REPEATS = 3;
/** The warm-up, then the measured rounds: each round feeds events of its own. */
const ROUNDS = ['warm', 'run1', 'run2', 'run3'];
const TEMPLATES = ['membership-application', 'claim-adjudication', 'enterprise-union-transfer'] as const;
type TemplateName = (typeof TEMPLATES)[number];
type Mode = 'one process' | 'queue mode, 2 workers';
type Measure = TemplateName | 'bare' | 'approval';

interface Measured {
	rate: number;
	unit: string;
	events: number;
	peakRssMb: number;
	cpu: Record<string, number>;
}

function template(name: TemplateName) {
	return JSON.parse(readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'));
}

async function until(what: string, done: () => boolean, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Feeds `count` platform events and waits until their results are on the platform. */
type Drive = (platform: PlatformServer, count: number, round: string) => Promise<{ events: number; unit: string; done: () => boolean }>;

const drives: Record<TemplateName, Drive> = {
	'membership-application': async (platform, count, round) => {
		// Workers on the platform company's roster, so the employment check finds them and a clean
		// application goes the whole way: approved, recorded, enrolled, the applicant texted.
		const client = platformClient(platform.url);
		const workers = nextRosterWorkers(platform, count);
		const applicants = workers.map((worker, i) => ({ worker, phone: `139${ROUNDS.indexOf(round)}${String(i).padStart(7, '0')}` }));
		await load(count, CONCURRENCY, async (i) => {
			const body = { applicationId: `BENCH-${round}-${i}`, ...applicationFor(applicants[i].worker, { name: '张三', phone: applicants[i].phone }) };
			const reply = await client.post('/applications', body, { idempotencyKey: body.applicationId });
			if (reply.status !== 201) throw new Error(`create application: ${reply.status}`);
		});
		const phones = new Set(applicants.map((a) => a.phone));
		const texted = () => platform.sinks.messages({ channel: 'sms' }).filter((m) => m.phoneNumbers?.some((phone) => phones.has(phone))).length;
		return { events: count, unit: 'applications/s', done: () => texted() === count };
	},

	'claim-adjudication': async (platform, count, round) => {
		const client = platformClient(platform.url);
		const members = platform.db
			.prepare(
				`SELECT m.member_id AS memberId FROM members m JOIN enrolments e ON e.member_id = m.member_id AND e.plan_id = 'GD-NEWFORM-2022'
				  WHERE m.real_name_registered = 1 AND e.enrolled_at < '2022-06-01'
				    AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.member_id = m.member_id)
				  ORDER BY m.seq LIMIT ?`,
			)
			.all(count) as Array<{ memberId: string }>;
		if (members.length < count) throw new Error(`only ${members.length} covered members without claims`);
		const ids: string[] = [];
		await load(count, CONCURRENCY, async (i) => {
			const member = (await client.get(`/members/${members[i].memberId}`)).body as SeededMember;
			const body = claimInput(member, { accidentId: `ACC-BENCH-${round}-${i}`, invoices: [invoice('2022-07-15', 70_000)] });
			const reply = await client.post('/claims', body, { idempotencyKey: `bench-${round}-${i}` });
			if (reply.status !== 201) throw new Error(`create claim: ${reply.status}`);
			ids.push(reply.body.claimId);
		});
		const undecided = platform.db.prepare(`SELECT COUNT(*) AS n FROM claims WHERE accident_id LIKE ? AND decision IS NULL`);
		return { events: count, unit: 'claims/s', done: () => (undecided.get(`ACC-BENCH-${round}-%`) as { n: number }).n === 0 };
	},

	'enterprise-union-transfer': async (platform, count, round) => {
		const client = platformClient(platform.url);
		// Employers with members at their city's reservoir, a new enterprise union for each, other
		// employers in each round.
		const employers = platform.db
			.prepare(
				`SELECT employer_usci AS usci, city_code AS cityCode, COUNT(*) AS n FROM members
				  WHERE org_id = 'FED-' || city_code AND employer_usci IS NOT NULL AND employment_relation IN ('labor_contract', 'dispatch')
				  GROUP BY employer_usci, city_code ORDER BY n DESC, employer_usci LIMIT ? OFFSET ?`,
			)
			.all(count, ROUNDS.indexOf(round) * count) as Array<{ usci: string; cityCode: string; n: number }>;
		const expected = employers.reduce((sum, e) => sum + e.n, 0);
		const orgIds: string[] = [];
		await load(employers.length, CONCURRENCY, async (i) => {
			const { usci, cityCode } = employers[i];
			const reply = await client.post(
				'/organizations',
				{ type: 'enterprise', cityCode, name: `基准测试企业工会 ${round}-${i}`, usci, admins: [{ name: '王建国', phone: '13800138000' }] },
				{ idempotencyKey: `bench-union-${round}-${usci}` },
			);
			if (reply.status !== 201) throw new Error(`create union: ${reply.status} ${JSON.stringify(reply.body)}`);
			orgIds.push(reply.body.orgId);
		});
		const transfers = platform.db.prepare(`SELECT COUNT(*) AS n FROM transfers WHERE to_org_id IN (SELECT value FROM json_each(?))`);
		return { events: expected, unit: 'transfers/s', done: () => (transfers.get(JSON.stringify(orgIds)) as { n: number }).n >= expected };
	},
};

function approvalWebhookWorkflow() {
	return bareWebhookWorkflow('benchApprovalNode1', 'bench-approval', [
		{
			id: 'benchApprovalNode1-node',
			name: 'Member Approval',
			type: 'n8n-nodes-gonghui.memberApproval',
			typeVersion: 1,
			position: [300, 0],
			parameters: { operation: 'reviewApplications', applicationField: 'body' },
		},
	]);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Repeats a measured round and keeps the median rate, the highest peak memory and the median CPU shares. */
async function repeated(round: (name: string) => Promise<Measured>): Promise<Measured> {
	const runs: Measured[] = [];
	for (const name of ROUNDS.slice(1, 1 + REPEATS)) runs.push(await round(name));
	const rate = median(runs.map((r) => r.rate));
	const cpu = Object.fromEntries(Object.keys(runs[0].cpu).map((p) => [p, median(runs.map((r) => r.cpu[p]))]));
	return { rate, unit: runs[0].unit, events: runs[0].events, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), cpu };
}

/** Starts the platform and n8n in `mode` with the bare webhook, Member Approval behind one, and the three templates. */
async function startMode(mode: Mode, folder: string) {
	const services: Array<() => Promise<void> | void> = [];
	let queue: object | undefined;
	if (mode !== 'one process') {
		ensureQueuePackages();
		const postgres = startPostgres(folder, await freePort());
		services.push(postgres.stop);
		const redis = await startRedis(folder, await freePort());
		services.push(redis.stop);
		queue = { redis: { host: redis.host, port: redis.port }, postgres: { host: postgres.host, port: postgres.port, user: postgres.user, psql: postgres.psql }, workers: 2 };
	}
	const platform = await createPlatformServer({ dbFile: ':memory:', port: await freePort(), seed: true });
	services.push(() => platform.close());
	// After the last round the transfer template's runs are still texting members at the robots' and
	// gateway's pace; stopping need not wait for them (n8n's default is 30 s).
	const env = { N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '2' };
	const n8n = new N8nInstance({ userFolder: path.join(folder, 'n8n'), port: await freePort(), queue, env });
	n8n.installPackage();
	n8n.importCredentials(localCredentialsForImport(platform.url));
	n8n.importWorkflows([bareWebhookWorkflow('benchBareWebhook01', 'bench-bare', []), approvalWebhookWorkflow(), ...TEMPLATES.map(template)]);
	await n8n.start();
	services.push(() => n8n.stop());
	const processes = (): Record<string, number> => ({
		[mode === 'one process' ? 'n8n' : 'main']: n8n.child.pid,
		...Object.fromEntries(n8n.workers.map((w: { name: string; child: { pid: number } }) => [w.name, w.child.pid])),
	});
	return {
		platform,
		url: n8n.url as string,
		processes,
		async stop() {
			while (services.length) await services.pop()!();
		},
	};
}

async function measureMode(mode: Mode, sizes: { requests: number; events: Record<TemplateName, number> }) {
	const folder = path.join(ROOT, '.data', mode === 'one process' ? 'bench-templates' : 'bench-templates-queue');
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const running = await startMode(mode, folder);
	try {
		const sampled = async (work: () => Promise<{ events: number; unit: string }>): Promise<Measured> => {
			const sampler = new ProcessSampler(running.processes());
			const started = process.hrtime.bigint();
			const { events, unit } = await work();
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			return { rate: events / seconds, unit, events, ...sampler.stop() };
		};
		const body = cleanApplication();
		const webhook = async (webhookPath: string) => {
			const url = `${running.url}/webhook/${webhookPath}`;
			await load(Math.ceil(sizes.requests / 10), CONCURRENCY, () => postJson(url, body));
			return await repeated(() =>
				sampled(async () => {
					await load(sizes.requests, CONCURRENCY, () => postJson(url, body));
					return { events: sizes.requests, unit: 'req/s' };
				}),
			);
		};
		const measured: Partial<Record<Measure, Measured>> = {};
		measured.bare = await webhook('bench-bare');
		measured.approval = await webhook('bench-approval');
		for (const name of TEMPLATES) {
			const warm = await drives[name](running.platform, Math.max(2, Math.ceil(sizes.events[name] / 5)), 'warm');
			await until(`${name} warm-up`, warm.done);
			measured[name] = await repeated((round) =>
				sampled(async () => {
					const fed = await drives[name](running.platform, sizes.events[name], round);
					await until(name, fed.done);
					return fed;
				}),
			);
		}
		return measured as Record<Measure, Measured>;
	} finally {
		await running.stop();
		rmSync(folder, { recursive: true, force: true });
	}
}

function cpuText(cpu: Record<string, number>) {
	return Object.entries(cpu)
		.map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
		.join(', ');
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
	// Events per round. Each new union's admins hear on one WeCom robot, which takes 20 messages a
	// minute: more unions than that in a minute would measure the robot's limit, not the workflow
	// (in queue mode the runs waiting on it fill the workers' slots).
	const sizes = quick
		? { requests: 90, events: { 'membership-application': 10, 'claim-adjudication': 15, 'enterprise-union-transfer': 4 } }
		: { requests: 600, events: { 'membership-application': 50, 'claim-adjudication': 120, 'enterprise-union-transfer': 5 } };
	const modes: Mode[] = ['one process', 'queue mode, 2 workers'];
	const byMode = {} as Record<Mode, Record<Measure, Measured>>;
	for (const mode of modes) {
		console.log(`  templates: ${mode}…`);
		byMode[mode] = await measureMode(mode, sizes);
	}
	const results: BenchResult[] = [];
	for (const mode of modes) {
		const m = byMode[mode];
		results.push({
			name: `${mode}: bare Webhook → Respond (${sizes.requests} requests, ${CONCURRENCY} connections; CPU cores busy: ${cpuText(m.bare.cpu)})`,
			value: m.bare.rate,
			unit: 'req/s',
			baseline: null,
			ratio: null,
			target: 'baseline',
			pass: true,
		});
		results.push({
			name: `${mode}: Member Approval behind a webhook (CPU cores busy: ${cpuText(m.approval.cpu)}) vs bare`,
			value: m.approval.rate,
			unit: 'req/s',
			baseline: m.bare.rate,
			ratio: m.approval.rate / m.bare.rate,
			target: '≥ 0.8',
			pass: m.approval.rate / m.bare.rate >= 0.8,
		});
		for (const name of TEMPLATES) {
			const t = m[name];
			results.push({
				name: `${mode}: template ${name} end to end (${t.events} ${t.unit.replace('/s', '')}; CPU cores busy: ${cpuText(t.cpu)}) vs bare`,
				value: t.rate,
				unit: t.unit,
				baseline: m.bare.rate,
				ratio: t.rate / m.bare.rate,
				target: '≥ 0.8',
				pass: t.rate / m.bare.rate >= 0.8,
			});
		}
	}
	for (const name of ['bare', ...TEMPLATES] as const) {
		const one = byMode['one process'][name];
		const queued = byMode['queue mode, 2 workers'][name];
		results.push({
			name: `scaling: ${name === 'bare' ? 'bare webhook' : name}, queue mode (main + 2 workers) vs one process`,
			value: queued.rate,
			unit: queued.unit,
			baseline: one.rate,
			ratio: queued.rate / one.rate,
			target: '≥ 1.3',
			pass: queued.rate / one.rate >= 1.3,
		});
	}
	for (const mode of modes) {
		for (const name of ['bare', ...TEMPLATES] as const) {
			results.push({
				name: `peak RSS of the n8n processes together (${mode === 'one process' ? 'n8n' : 'main + 2 workers'}) during ${name === 'bare' ? 'the bare webhook' : name}`,
				value: byMode[mode][name].peakRssMb,
				unit: 'MB',
				baseline: null,
				ratio: null,
				target: 'for information',
				pass: true,
			});
		}
	}
	return results;
}
