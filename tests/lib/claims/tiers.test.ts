import { adjudicateClaim, BUILT_IN_PLANS, computePayout, planById, tierFor } from '../../../lib';
import { claimWith, codes, invoice, type HistoryFixture } from './fixtures';

const plan = planById('GD-NEWFORM-2022')!;

// 第五条（二）: 200–500 元（含）→ 200; 500–2000（含）→ 500; 2000–5000（含）→ 2000; 5000–10000（含）→ 5000; >10000 → 6000.
const EDGES: [number, number][] = [
	[0, 0],
	[19999, 0],
	[20000, 20000],
	[50000, 20000],
	[50001, 50000],
	[200000, 50000],
	[200001, 200000],
	[500000, 200000],
	[500001, 500000],
	[1000000, 500000],
	[1000001, 600000],
	[99999999, 600000],
];

describe('tiers on one accident’s counted amount (附件4 第五条（二）)', () => {
	it.each(EDGES)('%i fen counted → tier %i fen', (counted, tier) => {
		expect(tierFor(counted, plan.tiers)).toBe(tier);
	});

	it.each(EDGES)('a claim of %i fen pays %i fen', (counted, tier) => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(counted)] }));
		expect(decision.countedFen).toBe(counted);
		expect(decision.tierFen).toBe(tier);
		expect(decision.payoutFen).toBe(tier);
		expect(decision.outcome).toBe(tier > 0 ? 'approved' : 'below_threshold');
		expect(decision.paidInPlanAfterFen).toBe(tier);
		expect(decision.remainingCapAfterFen).toBe(1000000 - tier);
		if (tier === 0) {
			expect(codes(decision)).toEqual(['BELOW_THRESHOLD']);
			expect(decision.explanation).toContain('2022年9月1日（含）前因同一事故就诊的发票可以继续申报');
		}
		else expect(decision.reasons).toEqual([]);
	});

	it('adds the invoices of one claim before choosing the tier', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(10000), invoice(10000), invoice(30001)] }));
		expect(decision.countedFen).toBe(50001);
		expect(decision.payoutFen).toBe(50000);
	});

	it('counts only the in-scope self-paid amount, never the out-of-scope 自费', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(19999, '2022-03-05', { outOfScopeFen: 900000 })] }));
		expect(decision.countedFen).toBe(19999);
		expect(decision.outcome).toBe('below_threshold');
		expect(decision.lines[0].note).toContain('医保范围外自费 ¥9,000.00 不计入');
	});
});

describe('top-ups across claims of one accident (第八条, SPEC §6 Decision)', () => {
	/** What the platform records after a decision, for the next claim of the same accident. */
	function nextHistory(previous: ReturnType<typeof adjudicateClaim>, history: HistoryFixture | undefined, newKeys: string[]): HistoryFixture {
		return {
			paidInPlanFen: previous.paidInPlanAfterFen,
			paidForAccidentFen: (history?.paidForAccidentFen ?? 0) + previous.payoutFen,
			countedForAccidentFen: previous.countedFen,
			countedInvoiceKeys: [...(history?.countedInvoiceKeys ?? []), ...newKeys],
		};
	}

	it('pays the difference as the counted total climbs, then nothing until a higher tier', () => {
		const steps: [number, string, number, number][] = [
			// new invoice fen, outcome, counted so far, payout
			[15000, 'below_threshold', 15000, 0],
			[15000, 'approved', 30000, 20000],
			[30000, 'approved', 60000, 30000],
			[10000, 'below_threshold', 70000, 0],
			[500000, 'approved', 570000, 450000],
			[500000, 'approved', 1070000, 100000],
			[500000, 'below_threshold', 1570000, 0],
		];
		let history: HistoryFixture | undefined = undefined;
		let paidForAccident = 0;
		for (const [fen, outcome, counted, payout] of steps) {
			const inv = invoice(fen, '2022-04-01');
			const decision = adjudicateClaim(claimWith({ invoices: [inv], history }));
			expect([decision.outcome, decision.countedFen, decision.payoutFen]).toEqual([outcome, counted, payout]);
			paidForAccident += decision.payoutFen;
			history = nextHistory(decision, history, [`${inv.invoiceCode}:${inv.invoiceNo}`]);
			expect(history.paidForAccidentFen).toBe(paidForAccident);
		}
		expect(paidForAccident).toBe(600000);
	});

	it('says the tier is already paid when nothing new is due', () => {
		const decision = adjudicateClaim(
			claimWith({ invoices: [invoice(1000)], history: { paidInPlanFen: 20000, paidForAccidentFen: 20000, countedForAccidentFen: 30000, countedInvoiceKeys: [] } }),
		);
		expect(decision.outcome).toBe('below_threshold');
		expect(decision.tierFen).toBe(20000);
		expect(decision.reasons[0].message).toContain('已按 ¥200.00 给付');
		expect(decision.explanation).toContain('未达到更高档次');
	});

	it('never pays back what was paid above the tier (never negative)', () => {
		const decision = adjudicateClaim(
			claimWith({ invoices: [invoice(100)], history: { paidInPlanFen: 50000, paidForAccidentFen: 50000, countedForAccidentFen: 20000 } }),
		);
		expect(decision.payoutFen).toBe(0);
		expect(decision.outcome).toBe('below_threshold');
		expect(decision.paidInPlanAfterFen).toBe(50000);
	});
});

describe('the plan cap (附件4 第五条（三）)', () => {
	it('pays up to the remaining cap (CAP_PARTIAL), leaving nothing', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(300000)], history: { paidInPlanFen: 900000 } }));
		expect(decision.outcome).toBe('approved');
		expect(decision.tierFen).toBe(200000);
		expect(decision.payoutFen).toBe(100000);
		expect(decision.paidInPlanAfterFen).toBe(1000000);
		expect(decision.remainingCapAfterFen).toBe(0);
		expect(codes(decision)).toEqual(['CAP_PARTIAL']);
		expect(decision.reasons[0].severity).toBe('info');
		expect(decision.explanation).toContain('按剩余额度给付');
	});

	it('pays in full when the cap leaves exactly the tier', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(300000)], history: { paidInPlanFen: 800000 } }));
		expect(decision.payoutFen).toBe(200000);
		expect(codes(decision)).toEqual([]);
		expect(decision.remainingCapAfterFen).toBe(0);
	});

	it('rejects every claim once the cap is reached (CAP_REACHED), still reporting counted and tier', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(300000)], history: { paidInPlanFen: 1000000 } }));
		expect(decision.outcome).toBe('rejected');
		expect(codes(decision)).toEqual(['CAP_REACHED']);
		expect(decision.countedFen).toBe(300000);
		expect(decision.tierFen).toBe(200000);
		expect(decision.payoutFen).toBe(0);
		expect(decision.remainingCapAfterFen).toBe(0);
	});

	it('computePayout: due = min(tier − paid for the accident, remaining cap)', () => {
		const p = BUILT_IN_PLANS[1];
		expect(computePayout({ countedFen: 600000, paidForAccidentFen: 200000, paidInPlanFen: 950000 }, p)).toMatchObject({
			tierFen: 500000,
			dueFen: 50000,
			remainingCapBeforeFen: 50000,
		});
		expect(computePayout({ countedFen: 600000, paidForAccidentFen: 0, paidInPlanFen: 0 }, p).dueFen).toBe(500000);
	});
});
