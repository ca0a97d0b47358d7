import fc from 'fast-check';
import { readWellFormedClaim } from '../../../lib/claims/claimFastPath';
import { parseClaimWithSchema } from '../../../lib/claims/claimSchema';
import { accidentOn, baseClaim, claimWith, invoice } from './fixtures';

/** The one-pass reader is only an optimisation: whatever it accepts, the schema accepts identically. */
function agrees(input: unknown): boolean {
	const fast = readWellFormedClaim(input);
	if (fast === null) return true;
	const schema = parseClaimWithSchema(input);
	expect(schema.ok).toBe(true);
	if (schema.ok) expect(fast).toStrictEqual(schema.claim);
	return true;
}

const PATHS = [
	'claimId', 'submittedAt', 'member', 'member.memberId', 'member.name', 'member.idNumber', 'member.isUnionMember',
	'member.realNameRegistered', 'member.group', 'member.enrolments', 'member.enrolments.0', 'member.enrolments.0.planId',
	'member.enrolments.0.enrolledAt', 'accident', 'accident.date', 'accident.time', 'accident.description', 'accident.diagnoses',
	'accident.diagnoses.0', 'accident.exclusions', 'hospital', 'hospital.level', 'invoices', 'invoices.0', 'invoices.0.invoiceCode',
	'invoices.0.invoiceNo', 'invoices.0.serviceDate', 'invoices.0.selfPaidInScopeFen', 'invoices.0.outOfScopeFen', 'invoices.0.hospital',
	'documents', 'documents.accidentProof', 'documents.other', 'payee', 'payee.name', 'payee.bankAccount', 'history',
	'history.paidInPlanFen', 'history.paidForAccidentFen', 'history.countedForAccidentFen', 'history.countedInvoiceKeys',
];
const TRICKY = fc.constantFrom<unknown>(
	undefined, null, '', ' ', '  x  ', 'EXCL_03', 'EXCL_14', '2022-03-05', '2022-02-30', '2022-03-04', '2023-01-01T00:00:00Z',
	'2022-03-05T10:00:00+08:00', '1991-06-01T00:00:00+08:00', '12:30', '24:00', 0, -0, 1, -1, 1.5, 2 ** 53, Number.NaN,
	Infinity, true, false, [], [''], ['EXCL_01'], [1], {}, { name: 1 }, new Date(0), Object.create(null),
);

function damage(claim: Record<string, unknown>, path: string, value: unknown): unknown {
	const parts = path.split('.');
	let target: Record<string, unknown> = claim;
	for (const part of parts.slice(0, -1)) {
		const next = target[part];
		if (typeof next !== 'object' || next === null) return claim;
		target = next as Record<string, unknown>;
	}
	target[parts[parts.length - 1]] = value;
	return claim;
}

describe('the one-pass claim reader never accepts what the schema refuses', () => {
	it('reads the usual well-formed claims in one pass, exactly as the schema does', () => {
		const claims = [
			baseClaim(),
			accidentOn('2024-02-29'),
			claimWith({ payee: null, hospital: null, documents: null, history: null, 'accident.time': null }),
			claimWith({ invoices: [invoice(100, '2022-03-06', { hospital: { level: '二级' }, outOfScopeFen: 0 })], history: { paidInPlanFen: 5 } }),
			claimWith({ claimId: '  C-1  ', 'member.enrolments': undefined, 'accident.exclusions': ['EXCL_03'] }),
		];
		for (const claim of claims) {
			expect(readWellFormedClaim(claim)).not.toBeNull();
			agrees(claim);
		}
	});

	it('agrees with the schema on damaged claims', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.oneof(TRICKY, fc.anything())), { minLength: 1, maxLength: 3 }), (damages) => {
				const claim = baseClaim() as unknown as Record<string, unknown>;
				for (const [path, value] of damages) damage(claim, path, value);
				return agrees(claim);
			}),
			{ numRuns: 3000 },
		);
	});

	it('agrees with the schema on anything at all', () => {
		fc.assert(fc.property(fc.anything(), agrees), { numRuns: 500 });
	});
});
