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
const FAULT_RATE = 0.2;
/** A hanging request is cut after this long (the platform's fault option; 30 s by default). */
const HANG_MS = 5000;
const TEMPLATES = ['membership-application.json', 'claim-adjudication.json', 'enterprise-union-transfer.json'].map(
	(file) => JSON.parse(readFileSync(path.join(ROOT, 'workflows', file), 'utf8')) as { id: string; name: string },
);
const APPLICANT_NAMES = ['周晓东', '吴海燕', '郑国强', '王丽娜', '冯建华', '陈志明', '褚秀英', '卫东升', '蒋春花', '沈立新'];

/** Where each failed execution stopped and why: the node it was running and the error it gave. */
function failedExecutions(n8n: RunningN8n): string[] {
	const failures: string[] = [];
	for (const template of TEMPLATES) {
		for (const execution of executionsOf(n8n.databaseFile, template.id)) {
			if (execution.status === 'success' || execution.status === 'waiting') continue;
			let where = '';
			try {
				const data = parseFlatted(execution.data) as { resultData?: { lastNodeExecuted?: string; error?: { message?: string; description?: string } } };
				where = `${data.resultData?.lastNodeExecuted ?? '?'}: ${data.resultData?.error?.message ?? ''} ${data.resultData?.error?.description ?? ''}`.trim();
			} catch {
				where = 'data unreadable';
			}
			failures.push(`${template.name} execution ${execution.id} (${execution.status}) stopped at ${where}`);
		}
	}
	return failures;
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
		const picker = memberPicker(platform, client);
		const members: SeededMember[] = [];
		for (let i = 0; i < CLAIMS; i++) members.push(await picker.covered());
		const employer = platform.db
			.prepare(
				`SELECT employer_usci AS usci, city_code AS cityCode, COUNT(*) AS n FROM members
				  WHERE org_id = 'FED-' || city_code AND employer_usci IS NOT NULL AND employment_relation IN ('labor_contract', 'dispatch')
				  GROUP BY employer_usci, city_code ORDER BY n DESC LIMIT 1`,
			)
			.get() as { usci: string; cityCode: string; n: number };
		const paidBefore = new Map(
			(platform.db.prepare('SELECT member_id, plan_id, paid_fen FROM plan_payouts').all() as Array<{ member_id: string; plan_id: string; paid_fen: number }>).map((r) => [`${r.member_id} ${r.plan_id}`, r.paid_fen]),
		);

		const traffic = watchTraffic(platform);
		platform.setFaults({ rate: FAULT_RATE, kinds: ['500', '429', 'timeout'], timeoutMs: HANG_MS });
		const applicationIds: string[] = [];
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
				const phone = `139${String(10000000 + i).slice(-8)}`;
				const body = applicationFor(workers[i], { name: APPLICANT_NAMES[i % APPLICANT_NAMES.length], phone });
				const created = await client.post('/applications', body, { idempotencyKey: `faults-app-${workers[i].idNumber}` });
				expect(created.status).toBe(201);
				applicationIds.push(created.body.applicationId);
			} else {
				const i = Math.floor(k / 2);
				const created = await client.post('/claims', claimInput(members[i]), { idempotencyKey: `faults-claim-${members[i].memberId}` });
				expect(created.status).toBe(201);
				claimIds.push(created.body.claimId);
			}
		});
		expect(applicationIds).toHaveLength(APPLICATIONS);
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
			applicationState().every((a) => a.status !== 'pending') && claimState().every((c) => c.decision !== null) && transferState().length >= employer.n;
		// Nothing retries a lost execution by itself; wait a while for stragglers, then count.
		await waitFor('every application, claim and transfer through', allThrough, 60_000, 1000).catch(() => undefined);

		const applications = applicationState();
		const claims = claimState();
		const transfers = transferState();
		const undecided = applications.filter((a) => a.status === 'pending');
		// Nobody acts on a review link here, so every application is decided once: approve, reject or review.
		const decidedTwice = applications.filter((a) => a.decisions.length > 1);
		const membersTwice = platform.db
			.prepare(`SELECT id_number, COUNT(*) AS n FROM members WHERE id_number IN (${workers.map(() => '?').join(',')}) GROUP BY id_number HAVING n > 1`)
			.all(...workers.map((w) => w.idNumber));
		const unjudged = claims.filter((c) => c.decision === null);
		// No double payout: what the platform counts as paid per member and plan is what the recorded decisions paid.
		const payoutMismatches = members.flatMap((member) => {
			const plans = new Set(claims.filter((c) => c.memberId === member.memberId && c.decision?.planId).map((c) => c.decision!.planId!));
			return [...plans].flatMap((planId) => {
				const recorded = claims.filter((c) => c.memberId === member.memberId && c.decision?.planId === planId).reduce((sum, c) => sum + (c.decision!.payoutFen ?? 0), 0);
				const row = platform.db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ? AND plan_id = ?').get(member.memberId, planId) as { paid_fen: number } | undefined;
				const paid = (row?.paid_fen ?? 0) - (paidBefore.get(`${member.memberId} ${planId}`) ?? 0);
				return paid === recorded ? [] : [`${member.memberId} ${planId}: plan total grew by ${paid}, decisions paid ${recorded}`];
			});
		});
		const transferMembers = new Set(transfers.map((t) => t.memberId));
		const transfersTwice = transfers.length - transferMembers.size;
		const transfersMissing = Math.max(0, employer.n - transferMembers.size);

		const requests = APPLICATIONS + CLAIMS + employer.n;
		const lost = undecided.length + unjudged.length + transfersMissing;
		const duplicates = decidedTwice.length + membersTwice.length + payoutMismatches.length + transfersTwice;
		const processed = requests - lost;
		console.log(
			`platform faults: requests=${requests}, refused=${traffic.refused}, processed=${processed}, duplicates=${duplicates}, lost=${lost}` +
				` | API requests under faults ${traffic.total} (${traffic.status500}×500, ${traffic.status429}×429, ${traffic.cut} cut; ${faultsSeen} of them the test's own submissions)` +
				` | applications ${APPLICATIONS - undecided.length}/${APPLICATIONS} (${applications.filter((a) => a.status === 'review').length} in review), claims ${CLAIMS - unjudged.length}/${CLAIMS}, transfers ${transferMembers.size}/${employer.n}`,
		);
		const failures = failedExecutions(n8n);
		if (failures.length > 0) console.log(`executions that did not finish:\n${failures.join('\n')}`);

		expect({ undecided: undecided.map((a) => a.id), unjudged: unjudged.map((c) => c.id), transfersMissing, whyLost: lost > 0 ? failures : [] }).toEqual({
			undecided: [],
			unjudged: [],
			transfersMissing: 0,
			whyLost: [],
		});
		expect({ decidedTwice: decidedTwice.map((a) => a.id), membersTwice, payoutMismatches, transfersTwice }).toEqual({
			decidedTwice: [],
			membersTwice: [],
			payoutMismatches: [],
			transfersTwice: 0,
		});
		expect(applications.every((a) => ['approved', 'rejected', 'review'].includes(a.status))).toBe(true);
		expect(applications.filter((a) => a.status === 'approved').every((a) => a.memberId)).toBe(true);
		expect(claims.every((c) => c.decision?.outcome)).toBe(true);
		expect(duplicates).toBe(0);
		expect(lost).toBe(0);
	}, 600_000);
});
