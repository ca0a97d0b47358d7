import fc from 'fast-check';
import { allocateTargets, QuotaInputError } from '../../../lib/quota';

function sum(values: Record<string, number>): number {
	return Object.values(values).reduce((a, b) => a + b, 0);
}

describe('allocateTargets: largest remainder', () => {
	test.each([
		['an even split', 9, { a: 1, b: 1, c: 1 }, { a: 3, b: 3, c: 3 }],
		['one unit left: the lower code', 10, { a: 1, b: 1, c: 1 }, { a: 4, b: 3, c: 3 }],
		['key order does not matter', 10, { c: 1, b: 1, a: 1 }, { a: 4, b: 3, c: 3 }],
		['equal remainders: the larger weight first', 2, { a: 1, b: 3 }, { a: 0, b: 2 }],
		['equal remainders and weights: lower code in string order ("10" < "9")', 1, { '9': 5, '10': 5 }, { '9': 0, '10': 1 }],
		['the largest remainder wins over a larger weight', 3, { a: 2, b: 5 }, { a: 1, b: 2 }],
		['all-zero weights split equally, lower codes first', 5, { c: 0, a: 0, b: 0 }, { a: 2, b: 2, c: 1 }],
		['a zero weight gets nothing while others weigh', 7, { a: 0, b: 1 }, { a: 0, b: 7 }],
		['a zero total', 0, { a: 3, b: 4 }, { a: 0, b: 0 }],
		['decimal weights, exactly', 10, { a: 0.1, b: 0.2, c: 0.7 }, { a: 1, b: 2, c: 7 }],
		[
			'Shenzhen 131100 by a survey',
			131100,
			{ truck_driver: 41000, ride_hailing_driver: 52000, courier: 61000, delivery_rider: 88000, other: 13000 },
			// shares 21078.82, 26734.12, 31361.18, 45242.35, 6683.53: floors sum to 131098, the two
			// units left go to the largest remainders (.82 truck drivers, .53 other)
			{ truck_driver: 21079, ride_hailing_driver: 26734, courier: 31361, delivery_rider: 45242, other: 6684 },
		],
	])('%s', (_name, total, weights, expected) => {
		expect(allocateTargets(total, weights)).toEqual(expected);
	});

	test('the Shenzhen split sums to the whole', () => {
		const parts = allocateTargets(131100, { truck_driver: 41000, ride_hailing_driver: 52000, courier: 61000, delivery_rider: 88000, other: 13000 });
		expect(sum(parts)).toBe(131100);
	});

	test('no weights: nothing to split, unless there is something to split', () => {
		expect(allocateTargets(0, {})).toEqual({});
		expect(() => allocateTargets(5, {})).toThrow(QuotaInputError);
	});

	test('a negative weight is an error in Chinese and English, naming the key', () => {
		let error: unknown;
		try {
			allocateTargets(10, { a: 3, b: -1 });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(QuotaInputError);
		const quota = error as QuotaInputError;
		expect(quota.reasons).toEqual([expect.objectContaining({ code: 'WEIGHT_NEGATIVE', severity: 'reject', field: 'weights.b' })]);
		expect(quota.message).toContain('权重不能为负数');
		expect(quota.message).toContain('must not be negative');
		expect(quota.reasons[0].rule).toBeTruthy();
	});

	test.each([
		['a fractional total', 2.5, { a: 1 }, 'TOTAL_INVALID'],
		['a negative total', -1, { a: 1 }, 'TOTAL_INVALID'],
		['a NaN weight', 3, { a: Number.NaN }, 'WEIGHT_INVALID'],
		['an infinite weight', 3, { a: Number.POSITIVE_INFINITY }, 'WEIGHT_INVALID'],
		['a text weight', 3, { a: '2' as unknown as number }, 'WEIGHT_INVALID'],
	])('%s is refused', (_name, total, weights, code) => {
		expect(() => allocateTargets(total, weights)).toThrow(QuotaInputError);
		try {
			allocateTargets(total, weights);
		} catch (e) {
			expect((e as QuotaInputError).reasons.map((r) => r.code)).toContain(code);
		}
	});
});

describe('allocateTargets: invariants', () => {
	const keys = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__'), { minLength: 1, maxLength: 12 });
	const integerCase = keys.chain((ks) =>
		fc.record({
			total: fc.integer({ min: 0, max: 2_000_000 }),
			weights: fc.tuple(...ks.map(() => fc.integer({ min: 0, max: 1_000_000 }))).map((ws) => Object.fromEntries(ks.map((k, i) => [k, ws[i]]))),
		}),
	);

	test('the parts sum exactly to the total, are whole and never negative', () => {
		fc.assert(
			fc.property(integerCase, ({ total, weights }) => {
				const parts = allocateTargets(total, weights);
				expect(Object.keys(parts).sort()).toEqual(Object.keys(weights).sort());
				expect(sum(parts)).toBe(total);
				for (const value of Object.values(parts)) {
					expect(Number.isSafeInteger(value)).toBe(true);
					expect(value).toBeGreaterThanOrEqual(0);
				}
			}),
			{ numRuns: 500 },
		);
	});

	test('each part is within one unit of its proportional share (exact arithmetic)', () => {
		fc.assert(
			fc.property(integerCase, ({ total, weights }) => {
				const parts = allocateTargets(total, weights);
				const keysOf = Object.keys(weights);
				const allZero = keysOf.every((k) => weights[k] === 0);
				const w = (k: string) => BigInt(allZero ? 1 : weights[k]);
				const whole = keysOf.reduce((a, k) => a + w(k), 0n);
				for (const k of keysOf) {
					// |part − total·w/W| < 1  ⇔  |part·W − total·w| < W
					const diff = BigInt(parts[k]) * whole - BigInt(total) * w(k);
					expect(diff < whole && -diff < whole).toBe(true);
				}
			}),
			{ numRuns: 500 },
		);
	});

	test('decimal weights also sum exactly and stay within one unit', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1_000_000 }),
				fc.array(fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 10 }),
				(total, ws) => {
					const weights = Object.fromEntries(ws.map((w, i) => [`k${i}`, w]));
					const parts = allocateTargets(total, weights);
					expect(sum(parts)).toBe(total);
					const whole = ws.reduce((a, b) => a + b, 0);
					if (whole > 0) {
						ws.forEach((w, i) => expect(Math.abs(parts[`k${i}`] - (total * w) / whole)).toBeLessThan(1 + 1e-6));
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	test('a larger weight never gets less than a smaller one', () => {
		fc.assert(
			fc.property(integerCase, ({ total, weights }) => {
				const parts = allocateTargets(total, weights);
				const ks = Object.keys(weights);
				for (const a of ks) for (const b of ks) if (weights[a] > weights[b]) expect(parts[a]).toBeGreaterThanOrEqual(parts[b]);
			}),
			{ numRuns: 300 },
		);
	});

	test('the result does not depend on the order of the keys', () => {
		fc.assert(
			fc.property(integerCase, ({ total, weights }) => {
				const reversed = Object.fromEntries(Object.entries(weights).reverse());
				expect(allocateTargets(total, reversed)).toEqual(allocateTargets(total, weights));
			}),
			{ numRuns: 300 },
		);
	});
});
