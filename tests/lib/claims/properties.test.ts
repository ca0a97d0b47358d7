import fc from 'fast-check';
import { addDays, adjudicateClaim, tierFor, BUILT_IN_PLANS } from '../../../lib';
import { baseClaim } from './fixtures';

const plan = BUILT_IN_PLANS.find((p) => p.planId === 'GD-NEWFORM-2022')!;
const CAP = plan.annualCapFen;

const amount = fc.oneof(
	fc.integer({ min: 0, max: 1_200_000 }),
	fc.constantFrom(19999, 20000, 50000, 50001, 200000, 200001, 500000, 500001, 1000000, 1000001),
);
const invoiceArb = fc.record({ fen: amount, day: fc.integer({ min: -3, max: 185 }), eligibleHospital: fc.boolean() });
const historyArb = fc
	.record({ paidInPlanFen: fc.integer({ min: 0, max: CAP + 100000 }), share: fc.double({ min: 0, max: 1, noNaN: true }), countedForAccidentFen: fc.integer({ min: 0, max: 1_500_000 }) })
	.map(({ paidInPlanFen, share, countedForAccidentFen }) => ({
		paidInPlanFen,
		paidForAccidentFen: Math.floor(paidInPlanFen * share),
		countedForAccidentFen,
		countedInvoiceKeys: [],
	}));
const claimArb = fc
	.record({
		invoices: fc.array(invoiceArb, { maxLength: 6 }),
		history: fc.option(historyArb, { nil: undefined }),
		member: fc.boolean(),
		documents: fc.boolean(),
		payeeOk: fc.boolean(),
	})
	.map(({ invoices, history, member, documents, payeeOk }) => {
		const claim = baseClaim();
		claim.invoices = invoices.map((inv, i) => ({
			invoiceCode: 'P',
			invoiceNo: String(i),
			serviceDate: addDays('2022-03-05', inv.day),
			selfPaidInScopeFen: inv.fen,
			...(inv.eligibleHospital ? {} : { hospital: { level: 1, ownership: 'public' } }),
		}));
		if (history) claim.history = history;
		claim.member.isUnionMember = member;
		if (!documents) claim.documents.medicalRecords = false;
		if (!payeeOk) claim.payee.name = '王五';
		claim.submittedAt = '2022-10-01T09:00:00+08:00';
		return claim;
	});

describe('invariants (fast-check)', () => {
	it('a payout never exceeds the remaining cap nor the tier, and is paid only when approved', () => {
		fc.assert(
			fc.property(claimArb, (claim) => {
				const d = adjudicateClaim(claim);
				const paidBefore = claim.history?.paidInPlanFen ?? 0;
				const remainingBefore = Math.max(0, CAP - paidBefore);
				expect(d.payoutFen).toBeGreaterThanOrEqual(0);
				expect(d.payoutFen).toBeLessThanOrEqual(remainingBefore);
				expect(d.payoutFen).toBeLessThanOrEqual(d.tierFen);
				expect(d.tierFen).toBe(tierFor(d.countedFen, plan.tiers));
				expect(d.paidInPlanAfterFen).toBe(paidBefore + d.payoutFen);
				expect(d.remainingCapAfterFen).toBe(remainingBefore - d.payoutFen);
				expect(d.payoutFen > 0).toBe(d.outcome === 'approved');
				expect(Number.isSafeInteger(d.payoutFen)).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});

	it('the same claim twice gets the same decision', () => {
		fc.assert(
			fc.property(claimArb, (claim) => {
				expect(adjudicateClaim(structuredClone(claim))).toEqual(adjudicateClaim(claim));
			}),
			{ numRuns: 200 },
		);
	});

	it('adding an eligible invoice never lowers the tier', () => {
		fc.assert(
			fc.property(claimArb, fc.integer({ min: 0, max: 1_200_000 }), fc.integer({ min: 0, max: 180 }), (claim, fen, day) => {
				const before = adjudicateClaim(claim);
				const more = structuredClone(claim);
				more.invoices.push({ invoiceCode: 'NEW', invoiceNo: '1', serviceDate: addDays('2022-03-05', day), selfPaidInScopeFen: fen });
				const after = adjudicateClaim(more);
				expect(after.tierFen).toBeGreaterThanOrEqual(before.tierFen);
				expect(after.countedFen).toBe(before.countedFen + fen);
			}),
			{ numRuns: 300 },
		);
	});

	it('filing an accident’s invoices over several claims pays what one claim would (below the cap)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: CAP }), (amounts, paidBefore) => {
				let history = { paidInPlanFen: paidBefore, paidForAccidentFen: 0, countedForAccidentFen: 0, countedInvoiceKeys: [] as string[] };
				let paid = 0;
				amounts.forEach((fen, i) => {
					const claim = baseClaim();
					claim.invoices = [{ invoiceCode: 'S', invoiceNo: String(i), serviceDate: '2022-04-01', selfPaidInScopeFen: fen }];
					claim.history = history;
					const d = adjudicateClaim(claim);
					paid += d.payoutFen;
					history = {
						paidInPlanFen: d.paidInPlanAfterFen,
						paidForAccidentFen: history.paidForAccidentFen + d.payoutFen,
						countedForAccidentFen: d.countedFen,
						countedInvoiceKeys: [...history.countedInvoiceKeys, `S:${i}`],
					};
				});
				const total = amounts.reduce((a, b) => a + b, 0);
				expect(paid).toBe(Math.min(tierFor(total, plan.tiers), CAP - paidBefore));
			}),
			{ numRuns: 300 },
		);
	});

	it('never throws, whatever it is given', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				const d = adjudicateClaim(input);
				expect(d.outcome).toBe('rejected');
				expect(d.payoutFen).toBe(0);
			}),
			{ numRuns: 300 },
		);
		fc.assert(
			fc.property(claimArb, fc.string(), fc.anything(), (claim, key, value) => {
				const damaged = structuredClone(claim);
				const target = [damaged, damaged.member, damaged.accident, damaged.invoices[0] ?? damaged, damaged.hospital ?? damaged][key.length % 5] as Record<string, unknown>;
				target[['date', 'selfPaidInScopeFen', 'level', 'enrolments', 'diagnoses', key][key.length % 6]] = value;
				const d = adjudicateClaim(damaged);
				expect(['approved', 'rejected', 'pending_documents', 'manual_review', 'below_threshold']).toContain(d.outcome);
			}),
			{ numRuns: 300 },
		);
	});
});
