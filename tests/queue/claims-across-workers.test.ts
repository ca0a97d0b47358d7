/**
 * The claim template on n8n in queue mode (main + two workers on Redis and PostgreSQL), run by
 * `npm run test:queue` only:
 * - 200 claims for 20 members submitted at once and decided by both workers in parallel: no member
 *   is paid past the plan's 10 000-yuan cap, no accident past its tier, no claim twice. Checked in
 *   the platform's database against SPEC §6 written out below, not against the platform's own
 *   running totals (those are compared with it too).
 * - A worker killed (SIGKILL) in the middle of a batch and another started on the same user folder,
 *   as a restarted container with its volume: n8n marks the dead worker's runs crashed and does not
 *   resume them, so the template's sweep of undecided claims decides those (here every minute, for
 *   claims waiting over 3 minutes). Every claim is decided, none paid twice, no member texted twice.
 * The gateway's per-number SMS limits are raised here (an Aliyun account can raise them): ten
 * decisions for one member within a minute would otherwise wait out Aliyun's 1/min, 5/h, 10/day.
 */
import type { PlatformServer } from '../../sandbox';
import { claimInput, invoice, invoiceKeyOf, memberPicker, type Invoice, type SeededMember } from '../fixtures/claims';
import { inParallel, waitFor } from '../fixtures/faults/n8n';
import { killWorkerAndReplace, liveWorkersIdle, startQueueRun, stopQueueRun, templateWithQuickSweep, type QueueInstance, type QueueRun } from './queueInstance';

const { platformClient } = require('../../scripts/lib/platformClient');

const CAP_FEN = 1_000_000;
const RAISED = { perMinute: 100, perHour: 1000, perDay: 1000 };

/** SPEC §6 tiers on the counted amount of one accident. */
function tierOf(countedFen: number): number {
	if (countedFen < 20_000) return 0;
	if (countedFen <= 50_000) return 20_000;
	if (countedFen <= 200_000) return 50_000;
	if (countedFen <= 500_000) return 200_000;
	if (countedFen <= 1_000_000) return 500_000;
	return 600_000;
}

function claimTemplate() {
	const workflow = templateWithQuickSweep('claim-adjudication.json', 'Undecided 30 min to 7 days?');
	const sms = workflow.nodes.find((node) => node.name === 'SMS member')!;
	sms.parameters.options = { ...sms.parameters.options, smsPerMinute: RAISED.perMinute, smsPerHour: RAISED.perHour, smsPerDay: RAISED.perDay };
	return workflow;
}

interface ClaimRow {
	claimId: string;
	memberId: string;
	accidentId: string;
	status: string;
	invoices: Invoice[];
	decision: { outcome: string; payoutFen: number; countedInvoiceKeys: string[] } | null;
}

describe('claims on n8n in queue mode, two workers', () => {
	let run: QueueRun | undefined;
	let platform: PlatformServer;
	let instance: QueueInstance;
	let client: ReturnType<typeof platformClient>;
	let members: ReturnType<typeof memberPicker>;

	beforeAll(async () => {
		run = await startQueueRun('queue-claims-', [claimTemplate()], {
			smsRules: [
				{ limit: RAISED.perMinute, windowMs: 60_000, label: `${RAISED.perMinute}/min` },
				{ limit: RAISED.perHour, windowMs: 3_600_000, label: `${RAISED.perHour}/h` },
				{ limit: RAISED.perDay, windowMs: 86_400_000, label: `${RAISED.perDay}/day` },
			],
		});
		({ platform, instance } = run);
		client = platformClient(platform.url);
		members = memberPicker(platform, client);
	}, 300_000);

	afterAll(() => stopQueueRun(run), 60_000);

	function claimRows(claimIds: string[]): ClaimRow[] {
		const select = platform.db.prepare('SELECT claim_id, member_id, accident_id, status, body, decision FROM claims WHERE claim_id = ?');
		return claimIds.map((id) => {
			const row = select.get(id) as { claim_id: string; member_id: string; accident_id: string; status: string; body: string; decision: string | null };
			return {
				claimId: row.claim_id,
				memberId: row.member_id,
				accidentId: row.accident_id,
				status: row.status,
				invoices: JSON.parse(row.body).invoices,
				decision: row.decision ? JSON.parse(row.decision) : null,
			};
		});
	}

	const reviewerNotices = () => platform.sinks.messages({ channel: 'wecom' }).map((m) => m.text);
	const smsByClaim = () => {
		const counts = new Map<string, number>();
		for (const m of platform.sinks.messages({ channel: 'sms' })) {
			const outId = String((m.body as { OutId?: string }).OutId);
			counts.set(outId, (counts.get(outId) ?? 0) + 1);
		}
		return counts;
	};

	async function submitAll(bodies: object[]): Promise<string[]> {
		const ids: string[] = new Array(bodies.length);
		await inParallel(bodies.length, 50, async (i) => {
			const body = bodies[i] as { accidentId: string; invoices: Invoice[] };
			const reply = await client.post('/claims', body, { idempotencyKey: `queue-${body.accidentId}-${body.invoices.map((x) => x.invoiceNo).join('-')}` });
			if (reply.status !== 201) throw new Error(`POST /claims: ${reply.status} ${JSON.stringify(reply.body)}`);
			ids[i] = reply.body.claimId;
		});
		return ids;
	}

	it('200 claims for 20 members at once: never past the cap or a tier, no claim paid twice', async () => {
		const picked: SeededMember[] = [];
		for (let i = 0; i < 20; i++) picked.push(await members.covered());
		// Per member: accident A in four claims of 1 500 yuan (its tier climbs as invoices add up),
		// B, C and D in two claims of 3 000 yuan each. Due in full that would be 20 000 yuan, twice the cap.
		const bodies = picked.flatMap((member) => [
			...[1, 2, 3, 4].map(() => claimInput(member, { accidentId: `ACC-${member.memberId}-A`, invoices: [invoice('2022-07-15', 150_000)] })),
			...['B', 'C', 'D'].flatMap((accident, n) => {
				const date = `2022-08-${String(5 + n * 10).padStart(2, '0')}`;
				return [1, 2].map(() =>
					claimInput(member, { accidentId: `ACC-${member.memberId}-${accident}`, accidentDate: date, invoices: [invoice(date, 300_000)] }),
				);
			}),
		]);
		expect(bodies).toHaveLength(200);
		const executionsBefore = instance.workerExecutions();
		const started = Date.now();
		const claimIds = await submitAll(bodies);

		// Settled: decided on the platform, or refused by its guard and handed to the reviewers.
		const settled = await waitFor(
			'every claim decided or with the reviewers',
			() => {
				const notices = reviewerNotices();
				const rows = claimRows(claimIds);
				const open = rows.filter((row) => !row.decision && !notices.some((text) => text.includes(row.claimId)));
				return open.length === 0 ? rows : undefined;
			},
			900_000,
			2000,
		);
		const seconds = (Date.now() - started) / 1000;

		const decided = settled.filter((row) => row.decision);
		const refused = settled.filter((row) => !row.decision);
		const notices = reviewerNotices();
		for (const row of refused) {
			const notice = notices.find((text) => text.includes(row.claimId));
			expect(notice).toMatch(/CAP_EXCEEDED|TIER_EXCEEDED|VERSION_CONFLICT|ALREADY_DECIDED/);
		}

		const amountOf = new Map(settled.flatMap((row) => row.invoices.map((inv) => [invoiceKeyOf(inv), inv.selfPaidInScopeFen] as const)));
		const countedBy = new Map<string, string>();
		let duplicates = 0;
		const paidByMember = new Map<string, number>();
		const byAccident = new Map<string, { paid: number; counted: number }>();
		for (const row of decided) {
			const decision = row.decision!;
			for (const key of decision.countedInvoiceKeys) {
				if (countedBy.has(key)) duplicates++;
				countedBy.set(key, row.claimId);
			}
			paidByMember.set(row.memberId, (paidByMember.get(row.memberId) ?? 0) + decision.payoutFen);
			const accident = byAccident.get(`${row.memberId}/${row.accidentId}`) ?? { paid: 0, counted: 0 };
			accident.paid += decision.payoutFen;
			accident.counted += decision.countedInvoiceKeys.reduce((sum, key) => sum + (amountOf.get(key) ?? 0), 0);
			byAccident.set(`${row.memberId}/${row.accidentId}`, accident);
		}
		const planTotal = platform.db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ? AND plan_id = ?');
		for (const member of picked) {
			const paid = paidByMember.get(member.memberId) ?? 0;
			expect(paid).toBeLessThanOrEqual(CAP_FEN);
			expect((planTotal.get(member.memberId, 'GD-NEWFORM-2022') as { paid_fen: number } | undefined)?.paid_fen ?? 0).toBe(paid);
		}
		for (const [accident, { paid, counted }] of byAccident) {
			if (paid > tierOf(counted)) throw new Error(`${accident}: paid ${paid} fen, past the tier of ${counted} fen counted`);
		}
		const sms = smsByClaim();
		const secondSms = [...sms.values()].filter((n) => n > 1).length;
		const executions = instance.workerExecutions();
		const ran = Object.fromEntries(Object.entries(executions).map(([name, n]) => [name, (n as number) - (executionsBefore[name] ?? 0)]));
		const paidOut = [...paidByMember.values()].reduce((a, b) => a + b, 0);
		console.log(
			`200 claims, 20 members, 2 workers: requests=${claimIds.length}, decided=${decided.length} ` +
				`(approved ${decided.filter((r) => r.decision!.outcome === 'approved').length}, paid ¥${(paidOut / 100).toFixed(2)}, ` +
				`highest per member ¥${(Math.max(...paidByMember.values()) / 100).toFixed(2)} of ¥${CAP_FEN / 100}), ` +
				`refused by the platform's cap/tier guard and sent to reviewers=${refused.length}, processed=${settled.length}, ` +
				`duplicates=${duplicates + secondSms}, lost=0, in ${seconds.toFixed(0)} s; executions per worker ${JSON.stringify(ran)}`,
		);
		expect(duplicates).toBe(0);
		expect(secondSms).toBe(0);
		expect(decided.filter((row) => !sms.has(row.claimId))).toEqual([]);
		for (const name of ['worker1', 'worker2']) expect(ran[name]).toBeGreaterThan(0);
	}, 1_000_000);

	it('a worker killed in the middle of a batch: after another starts, every claim decided, none twice', async () => {
		const picked: SeededMember[] = [];
		for (let i = 0; i < 40; i++) picked.push(await members.covered());
		const startedBefore = instance.workerExecutions().worker1 as number;
		const claimIds = await submitAll(picked.map((member) => claimInput(member, { invoices: [invoice('2022-07-15', 70_000)] })));

		await waitFor('worker1 to be in the middle of the batch', () => (instance.workerExecutions().worker1 as number) - startedBefore >= 3, 120_000, 100);
		const undecidedAtKill = claimRows(claimIds).filter((row) => !row.decision).length;
		const killedAt = Date.now();
		const runsLost = await killWorkerAndReplace(instance, 'worker1');

		const rows = await waitFor(
			'every claim decided',
			() => {
				const all = claimRows(claimIds);
				return all.every((row) => row.decision) ? all : undefined;
			},
			300_000,
			1000,
		);
		await liveWorkersIdle(instance, 'worker1');
		const planTotal = platform.db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ?');
		const paidTwice = rows.filter((row) => (planTotal.get(row.memberId) as { paid_fen: number }).paid_fen !== row.decision!.payoutFen);
		const sms = smsByClaim();
		const smsTwice = claimIds.filter((id) => (sms.get(id) ?? 0) > 1);
		const smsMissing = claimIds.filter((id) => !sms.has(id));
		const updatedAt = platform.db.prepare('SELECT updated_at FROM claims WHERE claim_id = ?');
		const bySweep = claimIds.filter((id) => Date.parse((updatedAt.get(id) as { updated_at: string }).updated_at) > killedAt + 60_000).length;
		console.log(
			`worker killed mid-batch: requests=${claimIds.length}, undecided when worker1 was killed=${undecidedAtKill}, ` +
				`runs in flight on it=${runsLost}, decided=${rows.length} (${bySweep} by the sweep; each ¥${rows[0].decision!.payoutFen / 100}), ` +
				`duplicates=${paidTwice.length + smsTwice.length}, lost=${claimIds.length - rows.length}, SMS missing=${smsMissing.length} ` +
				`(runs that died between recording and texting); executions per worker ${JSON.stringify(instance.workerExecutions())}`,
		);
		expect(undecidedAtKill).toBeGreaterThan(0);
		expect(rows.every((row) => row.decision!.outcome === 'approved' && row.decision!.payoutFen === 50_000)).toBe(true);
		expect(paidTwice).toEqual([]);
		expect(smsTwice).toEqual([]);
		// The member is texted at most once: a run that died after recording, before texting, is not
		// run again (the claim is decided), so its SMS is the one thing a crash can cost.
		expect(smsMissing.length).toBeLessThanOrEqual(runsLost);
	}, 600_000);
});
