/**
 * The templates on a real n8n against a platform that fails: a fifth of API requests answered
 * 500 or 429 or left hanging until the connection is cut. Applications, claims and a new
 * enterprise union are submitted meanwhile; then the faults stop and everything must have come
 * through exactly once: each application decided (or in review) once, each claim decided once
 * with the plan totals equal to the payouts recorded, each planned transfer created once.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createPlatformServer, type PlatformServer } from '../../sandbox';
import { applicationFor, nextWorker } from '../fixtures/membership-application';
import { claimInput, memberPicker, type SeededMember } from '../fixtures/claims';
import { executionsOf, freePort, inParallel, ROOT, startN8n, waitFor, type RunningN8n } from '../fixtures/faults/n8n';
import { persistentClient, type PersistentClient } from '../fixtures/faults/platform';

const { parse: parseFlatted } = require('flatted');

const APPLICATIONS = 30;
const CLAIMS = 30;
const FAULT_RATE = Number(process.env.FAULTS_RATE ?? 0.2);
/** A hanging request is cut after this long (the platform's fault option; 30 s by default). */
const HANG_MS = 5000;
const TEMPLATES = ['membership-application.json', 'claim-adjudication.json', 'enterprise-union-transfer.json'].map(
	(file) => JSON.parse(readFileSync(path.join(ROOT, 'workflows', file), 'utf8')) as { id: string; name: string },
);
/** The SMS templates the claim and transfer templates send with (workflows/*.json). */
const CLAIM_SMS = 'SMS_465100001';
const TRANSFER_SMS = 'SMS_480100001';
const APPLICANT_NAMES = ['周晓东', '吴海燕', '郑国强', '王丽娜', '冯建华', '陈志明', '褚秀英', '卫东升', '蒋春花', '沈立新'];

interface TaskData {
	error?: { message?: string; description?: string };
	data?: { main?: Array<Array<{ json?: { error?: unknown; message?: unknown } }> | null> };
}

/** The executions that handled an item (their data names its id), how each ended and which nodes failed in it. */
function trace(n8n: RunningN8n, id: string): string {
	const found: string[] = [];
	for (const template of TEMPLATES) {
		for (const execution of executionsOf(n8n.databaseFile, template.id)) {
			if (!execution.data.includes(id)) continue;
			let detail = '';
			try {
				const data = parseFlatted(execution.data) as { resultData?: { lastNodeExecuted?: string; runData?: Record<string, TaskData[]> } };
				const failedNodes = Object.entries(data.resultData?.runData ?? {}).flatMap(([node, tasks]) =>
					tasks.flatMap((task) => {
						if (task.error) return [`${node}: ${task.error.message ?? ''} ${task.error.description ?? ''}`.trim()];
						const errorItem = (task.data?.main ?? []).flat().find((item) => item?.json?.error !== undefined);
						return errorItem ? [`${node} (continued): ${String(errorItem.json?.message ?? errorItem.json?.error)}`] : [];
					}),
				);
				detail = `last node ${data.resultData?.lastNodeExecuted ?? '?'}${failedNodes.length ? `; failed: ${failedNodes.join(' | ')}` : ''}`;
			} catch {
				detail = 'data unreadable';
			}
			found.push(`${template.name} execution ${execution.id} (${execution.status}), ${detail}`);
		}
	}
	return found.length ? found.join(' // ') : 'no execution names it (the delivery never started one)';
}

/** Counts the platform's API answers while it fails: 500s, 429s and connections cut without an answer. */
function watchTraffic(platform: PlatformServer) {
	const counts = { total: 0, status500: 0, status429: 0, cut: 0 };
	const listener = (req: IncomingMessage, res: ServerResponse) => {
		if (!/^\/(api\/v1|companies)\//.test(req.url ?? '')) return;
		counts.total++;
		res.once('close', () => {
			if (!res.writableFinished) counts.cut++;
			else if (res.statusCode === 500) counts.status500++;
			else if (res.statusCode === 429) counts.status429++;
		});
	};
	platform.server.on('request', listener);
	return {
		get total() {
			return counts.total;
		},
		get status500() {
			return counts.status500;
		},
		get status429() {
			return counts.status429;
		},
		get cut() {
			return counts.cut;
		},
		get refused() {
			return counts.status500 + counts.status429 + counts.cut;
		},
		stop: () => platform.server.off('request', listener),
	};
}

interface Decision {
	outcome?: string;
	planId?: string | null;
	payoutFen?: number;
}

describe('the templates on a real n8n, the platform failing a fifth of its API requests', () => {
	let platform: PlatformServer;
	let n8n: RunningN8n;
	let client: PersistentClient;

	beforeAll(async () => {
		platform = await createPlatformServer({ dbFile: ':memory:', port: await freePort(), seed: true });
		n8n = await startN8n({ name: 'faults-platform', platformUrl: platform.url, workflows: TEMPLATES });
		client = persistentClient(platform.url);
		// The triggers subscribed at activation, before any fault.
		const hooks = await client.all('/webhooks');
		expect(hooks.length).toBeGreaterThanOrEqual(TEMPLATES.length);
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await platform?.close();
	}, 60_000);

	it(`${APPLICATIONS} applications, ${CLAIMS} claims and a new union through ${FAULT_RATE * 100}% faults (500, 429, hanging): nothing lost, nothing twice`, async () => {
		// What is submitted: workers of the company the template asks, covered members, the employer with most reservoir members.
		const workers = Array.from({ length: APPLICATIONS }, (_, i) =>
			nextWorker(platform, { companyId: 'meituan-demo', relation: 'platform_managed', cityCode: ['440300', '440100', '441900'][i % 3] }),
		);
		const employer = platform.db
			.prepare(
				`SELECT employer_usci AS usci, city_code AS cityCode, COUNT(*) AS n FROM members
				  WHERE org_id = 'FED-' || city_code AND employer_usci IS NOT NULL AND employment_relation IN ('labor_contract', 'dispatch')
				  GROUP BY employer_usci, city_code ORDER BY n DESC LIMIT 1`,
			)
			.get() as { usci: string; cityCode: string };
		const reservoir = (
			platform.db
				.prepare(`SELECT member_id FROM members WHERE org_id = ? AND employer_usci = ? AND employment_relation IN ('labor_contract', 'dispatch') ORDER BY seq`)
				.all(`FED-${employer.cityCode}`, employer.usci) as Array<{ member_id: string }>
		).map((r) => r.member_id);
		// Claimants apart from the employees who move: an SMS gateway limits how often one phone is texted.
		const picker = memberPicker(platform, client);
		const members: SeededMember[] = [];
		while (members.length < CLAIMS) {
			const member = await picker.covered();
			if (!reservoir.includes(member.memberId)) members.push(member);
		}
		const applicationBodies = workers.map((worker, i) =>
			applicationFor(worker, { name: APPLICANT_NAMES[i % APPLICANT_NAMES.length], phone: `139${String(10000000 + i).slice(-8)}` }),
		);
		const paidBefore = new Map(
			(platform.db.prepare('SELECT member_id, plan_id, paid_fen FROM plan_payouts').all() as Array<{ member_id: string; plan_id: string; paid_fen: number }>).map((r) => [`${r.member_id} ${r.plan_id}`, r.paid_fen]),
		);

		const traffic = watchTraffic(platform);
		platform.setFaults({ rate: FAULT_RATE, kinds: ['500', '429', 'timeout'], timeoutMs: HANG_MS });
		const applicationIds: string[] = new Array(APPLICATIONS);
		const claimIds: string[] = [];
		let unionId = '';
		const jobs = APPLICATIONS + CLAIMS + 1;
		await inParallel(jobs, 8, async (j) => {
			if (j === Math.floor(jobs / 2)) {
				const union = await client.post(
					'/organizations',
					{ type: 'enterprise', cityCode: employer.cityCode, name: '故障演练企业工会', usci: employer.usci, admins: [{ name: '王建国', phone: '13800138000' }] },
					{ idempotencyKey: `faults-union-${employer.usci}` },
				);
				expect(union.status).toBe(201);
				unionId = union.body.orgId;
				return;
			}
			const k = j > jobs / 2 ? j - 1 : j;
			if (k % 2 === 0 && k / 2 < APPLICATIONS) {
				const i = k / 2;
				const created = await client.post('/applications', applicationBodies[i], { idempotencyKey: `faults-app-${workers[i].idNumber}` });
				expect(created.status).toBe(201);
				applicationIds[i] = created.body.applicationId;
			} else {
				const i = Math.floor(k / 2);
				const created = await client.post('/claims', claimInput(members[i]), { idempotencyKey: `faults-claim-${members[i].memberId}` });
				expect(created.status).toBe(201);
				claimIds.push(created.body.claimId);
			}
		});
		expect(applicationIds.filter(Boolean)).toHaveLength(APPLICATIONS);
		expect(claimIds).toHaveLength(CLAIMS);

		// Faults on until every delivery has reached n8n and every execution has stopped, then off.
		await platform.webhooksIdle();
		await waitFor(
			'the executions to stop while the platform still fails',
			() => TEMPLATES.every((t) => executionsOf(n8n.databaseFile, t.id).every((e) => e.status !== 'running' && e.status !== 'new')),
			240_000,
			1000,
		);
		const faultsSeen = client.faultsSeen();
		platform.setFaults({ rate: 0 });
		traffic.stop();

		const applicationState = () =>
			applicationIds.map((id) => {
				const row = platform.db.prepare('SELECT status, decisions, member_id FROM applications WHERE application_id = ?').get(id) as { status: string; decisions: string; member_id: string | null };
				return { id, status: row.status, decisions: JSON.parse(row.decisions) as unknown[], memberId: row.member_id };
			});
		const claimState = () =>
			claimIds.map((id) => {
				const row = platform.db.prepare('SELECT member_id, status, decision FROM claims WHERE claim_id = ?').get(id) as { member_id: string; status: string; decision: string | null };
				return { id, memberId: row.member_id, status: row.status, decision: row.decision ? (JSON.parse(row.decision) as Decision) : null };
			});
		const transferState = () =>
			platform.db.prepare('SELECT member_id AS memberId, transfer_id AS transferId FROM transfers WHERE to_org_id = ?').all(unionId) as Array<{ memberId: string; transferId: string }>;
		const allThrough = () =>
			applicationState().every((a) => a.status !== 'pending') && claimState().every((c) => c.decision !== null) && transferState().length >= reservoir.length;
		// Nothing retries a lost execution by itself; wait a while for stragglers, then count.
		await waitFor('every application, claim and transfer through', allThrough, 60_000, 1000).catch(() => undefined);

		const applications = applicationState();
		const claims = claimState();
		const transfers = transferState();
		const sms = platform.sinks.messages({ channel: 'sms' });
		const smsTo = (phone: string, template?: string) => sms.filter((m) => (m.phoneNumbers ?? []).includes(phone) && (!template || m.msgtype === template)).length;
		const phoneOf = (memberId: string) => (platform.db.prepare('SELECT phone FROM members WHERE member_id = ?').get(memberId) as { phone: string }).phone;

		// Lost: an item that never came through, or came through without telling the person it concerns.
		const lostItems: Array<{ what: string; id: string }> = [];
		const twice: string[] = [];
		for (const [i, a] of applications.entries()) {
			const phone = applicationBodies[i].phone as string;
			const told = smsTo(phone);
			if (a.status === 'pending') lostItems.push({ what: 'application left pending', id: a.id });
			else if (a.status !== 'review' && told === 0) lostItems.push({ what: `application ${a.status}, applicant not told`, id: a.id });
			// Nobody acts on a review link here, so every application is decided once: approve, reject or review.
			if (a.decisions.length > 1) twice.push(`${a.id} decided ${a.decisions.length} times`);
			if (told > 1) twice.push(`${a.id}: applicant told ${told} times`);
		}
		const membersTwice = platform.db
			.prepare(`SELECT id_number, COUNT(*) AS n FROM members WHERE id_number IN (${workers.map(() => '?').join(',')}) GROUP BY id_number HAVING n > 1`)
			.all(...workers.map((w) => w.idNumber)) as Array<{ id_number: string; n: number }>;
		for (const m of membersTwice) twice.push(`applicant ${m.id_number.slice(0, 3)}…: ${m.n} member records`);
		for (const c of claims) {
			const told = smsTo(phoneOf(c.memberId), CLAIM_SMS);
			if (!c.decision) lostItems.push({ what: 'claim left undecided', id: c.id });
			else if (told === 0) lostItems.push({ what: `claim ${c.decision.outcome}, member not told`, id: c.id });
			if (told > 1) twice.push(`${c.id}: member told ${told} times`);
		}
		// No double payout: what the platform counts as paid per member and plan is what the recorded decisions paid.
		for (const member of members) {
			const plans = new Set(claims.filter((c) => c.memberId === member.memberId && c.decision?.planId).map((c) => c.decision!.planId!));
			for (const planId of plans) {
				const recorded = claims.filter((c) => c.memberId === member.memberId && c.decision?.planId === planId).reduce((sum, c) => sum + (c.decision!.payoutFen ?? 0), 0);
				const row = platform.db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ? AND plan_id = ?').get(member.memberId, planId) as { paid_fen: number } | undefined;
				const paid = (row?.paid_fen ?? 0) - (paidBefore.get(`${member.memberId} ${planId}`) ?? 0);
				if (paid !== recorded) twice.push(`${member.memberId} ${planId}: plan total grew by ${paid} fen, decisions paid ${recorded}`);
			}
		}
		for (const memberId of reservoir) {
			const made = transfers.filter((t) => t.memberId === memberId).length;
			const told = smsTo(phoneOf(memberId), TRANSFER_SMS);
			if (made === 0) lostItems.push({ what: 'transfer not created for member', id: memberId });
			else if (told === 0) lostItems.push({ what: 'transfer created, member not told', id: memberId });
			if (made > 1) twice.push(`${memberId}: ${made} transfers`);
			if (told > 1) twice.push(`${memberId}: told of the transfer ${told} times`);
		}

		const deliveries = platform.db.prepare(`SELECT COUNT(*) AS n, SUM(attempts > 1) AS redelivered, SUM(state <> 'delivered') AS undelivered FROM webhook_deliveries`).get() as {
			n: number;
			redelivered: number;
			undelivered: number;
		};
		const requests = APPLICATIONS + CLAIMS + reservoir.length;
		const lost = lostItems.length;
		const duplicates = twice.length;
		console.log(
			`platform faults: requests=${requests}, refused=${traffic.refused}, processed=${requests - lost}, duplicates=${duplicates}, lost=${lost}` +
				` | API requests under faults ${traffic.total} (${traffic.status500}×500, ${traffic.status429}×429, ${traffic.cut} cut; ${faultsSeen} of them the test's own submissions)` +
				` | webhook deliveries ${deliveries.n} (${deliveries.redelivered} redelivered, ${deliveries.undelivered} not delivered)` +
				` | applications ${applications.filter((a) => a.status !== 'pending').length}/${APPLICATIONS} (${applications.filter((a) => a.status === 'review').length} in review), claims ${claims.filter((c) => c.decision).length}/${CLAIMS}, transfers ${new Set(transfers.map((t) => t.memberId)).size}/${reservoir.length}`,
		);
		const whyLost = lostItems.map((item) => `${item.what} ${item.id}: ${trace(n8n, item.id)}`);
		if (whyLost.length) console.log(`lost, and where:\n${whyLost.join('\n')}`);

		expect(whyLost).toEqual([]);
		expect(twice).toEqual([]);
		expect(applications.filter((a) => a.status === 'approved').every((a) => a.memberId)).toBe(true);
		expect(duplicates).toBe(0);
		expect(lost).toBe(0);
	}, 600_000);
});
