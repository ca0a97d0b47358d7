import { formatId, reserve } from '../db/sequences';
import { insertClaim, recordClaimDecision } from '../resources/claims';
import { DAY_MS, type SeedContext } from './context';
import { chinaMidnight, isoAt } from './people';

/** Counted amounts and the tier each pays (附件4 第五条（二）). */
const ACCIDENTS: Array<[countedFen: number, tierFen: number]> = [
	[35_000, 20_000],
	[120_000, 50_000],
	[320_000, 200_000],
	[640_000, 500_000],
];
/** The first member with claims has three accidents, 900 000 fen paid: close to the cap. */
const NEAR_CAP: Array<[number, number]> = [
	[640_000, 500_000],
	[320_000, 200_000],
	[330_000, 200_000],
];

/** Claims on the 2022 plan, decided and paid through the same code as the API, some still waiting. */
export function seedClaims(ctx: SeedContext, members: Array<{ memberId: string; coveredFrom: number }>) {
	const { db, random } = ctx;
	let claims = 0;
	let memberWithClaims: string | null = null;
	db.transaction(() => {
		members.forEach(({ memberId, coveredFrom }, m) => {
			const { name } = db.prepare('SELECT name FROM members WHERE member_id = ?').get(memberId) as { name: string };
			const accidents = m === 0 ? NEAR_CAP : [random.pick(ACCIDENTS)];
			accidents.forEach(([counted, tier], a) => {
				const accidentMs = Math.min(coveredFrom + random.int(1, 200) * DAY_MS, chinaMidnight('2022-11-20'));
				const date = isoAt(accidentMs).slice(0, 10);
				const claimId = formatId('CL', reserve(db, 'claim'), 8);
				const invoice = { invoiceCode: '044001900111', invoiceNo: String(10_000_000 + reserve(db, 'invoice')), serviceDate: date, selfPaidInScopeFen: counted };
				insertClaim(
					db,
					{
						claimId,
						memberId,
						accidentId: `ACC-${memberId}-${a + 1}`,
						submittedAt: isoAt(accidentMs + 20 * DAY_MS),
						accident: { date, description: '配送途中发生交通事故受伤', diagnoses: ['S82.2', 'V23.4'] },
						hospital: { name: '广州市第一人民医院', level: '三级甲等', ownership: 'public', category: 'general' },
						invoices: [invoice],
						documents: { invoiceOriginals: true, accidentProof: true, medicalRecords: true },
						payee: { name, bankAccount: '6222' + String(random.int(0, 999_999_999_999)).padStart(12, '0') },
					},
					isoAt(accidentMs + 20 * DAY_MS),
				);
				claims++;
				if (m > 0 && random.chance(0.15)) return; // still waiting for a decision
				const row = db.prepare('SELECT * FROM claims WHERE claim_id = ?').get(claimId) as Parameters<typeof recordClaimDecision>[1];
				recordClaimDecision(
					db,
					row,
					{
						outcome: 'approved',
						planId: 'GD-NEWFORM-2022',
						countedFen: counted,
						tierFen: tier,
						payoutFen: tier,
						reasons: [],
						countedInvoiceKeys: [`${invoice.invoiceCode}:${invoice.invoiceNo}`],
						explanation: '本次事故在统筹范围内的个人自付费用已达给付档次，按档次给付。',
						decidedBy: 'ADM-440100-1',
					},
					isoAt(accidentMs + 35 * DAY_MS),
				);
				memberWithClaims ??= memberId;
			});
		});
	})();
	return { claims, memberWithClaims };
}
