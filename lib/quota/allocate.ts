import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { QuotaInputError } from './errors';

const RULE = 'SPEC §5 分配';

/**
 * Splits `total` across the keys of `weights` by the largest-remainder method: each part gets the
 * whole units of its proportional share, and the units left over go one each to the largest
 * remainders. Ties on the remainder go to the larger weight, then to the lower key in string
 * order. All-zero weights split equally (same tie rule). The parts always sum to `total` exactly.
 *
 * Throws `QuotaInputError` for a total that is not a whole number ≥ 0, a weight that is not a
 * finite number, or a negative weight.
 */
export function allocateTargets(total: number, weights: Record<string, number>): Record<string, number> {
	const problems = checkInput(total, weights);
	if (problems.length) throw new QuotaInputError(problems);

	const keys = Object.keys(weights);
	if (keys.length === 0) {
		if (total === 0) return {};
		throw new QuotaInputError([
			reason(
				'WEIGHTS_EMPTY',
				'reject',
				RULE,
				`没有可分配的对象，无法分配 ${total}`,
				`There is nothing to allocate ${total} to: the weights are empty`,
				'weights',
			),
		]);
	}

	const allZero = keys.every((key) => weights[key] === 0);
	const exact = exactIntegers(keys.map((key) => (allZero ? 1 : weights[key])));
	const sum = exact.reduce((a, b) => a + b, 0n);
	const whole = BigInt(total);

	const parts = keys.map((key, i) => {
		const share = whole * exact[i];
		return { key, weight: exact[i], floor: share / sum, remainder: share % sum };
	});
	let left = whole - parts.reduce((a, p) => a + p.floor, 0n);
	const order = [...parts].sort(
		(a, b) =>
			compareBig(b.remainder, a.remainder) ||
			compareBig(b.weight, a.weight) ||
			(a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
	);
	for (const part of order) {
		if (left <= 0n) break;
		part.floor += 1n;
		left -= 1n;
	}

	const result: Record<string, number> = {};
	for (const part of parts) result[part.key] = Number(part.floor);
	return result;
}

function checkInput(total: number, weights: Record<string, number>): Reason[] {
	const problems: Reason[] = [];
	if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) {
		problems.push(
			reason(
				'TOTAL_INVALID',
				'reject',
				RULE,
				`分配总数必须是非负整数（收到 ${textOf(total)}）`,
				`The total to allocate must be a whole number of at least 0 (got ${textOf(total)})`,
				'total',
			),
		);
	}
	if (weights === null || typeof weights !== 'object' || Array.isArray(weights)) {
		problems.push(
			reason('WEIGHTS_INVALID', 'reject', RULE, '权重必须是以代码为键的对象', 'Weights must be an object keyed by code', 'weights'),
		);
		return problems;
	}
	for (const [key, weight] of Object.entries(weights)) {
		if (typeof weight !== 'number' || !Number.isFinite(weight)) {
			problems.push(
				reason(
					'WEIGHT_INVALID',
					'reject',
					RULE,
					`权重必须是有限数字（${key}: ${textOf(weight)}）`,
					`A weight must be a finite number (${key}: ${textOf(weight)})`,
					`weights.${key}`,
				),
			);
		} else if (weight < 0) {
			problems.push(
				reason(
					'WEIGHT_NEGATIVE',
					'reject',
					RULE,
					`权重不能为负数（${key}: ${weight}）`,
					`A weight must not be negative (${key}: ${weight})`,
					`weights.${key}`,
				),
			);
		}
	}
	return problems;
}

function compareBig(a: bigint, b: bigint): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The weights as integers in the same exact proportion: every double is m·2^e, so scaling all of
 * them by 2 to the largest negative exponent makes them whole without rounding anything.
 */
function exactIntegers(values: number[]): bigint[] {
	const decomposed = values.map(decompose);
	const minExponent = Math.min(0, ...decomposed.map((d) => d.exponent));
	return decomposed.map((d) => d.mantissa << BigInt(d.exponent - minExponent));
}

function decompose(value: number): { mantissa: bigint; exponent: number } {
	if (value === 0) return { mantissa: 0n, exponent: 0 };
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, value);
	const bits = view.getBigUint64(0);
	const biased = Number((bits >> 52n) & 0x7ffn);
	const fraction = bits & ((1n << 52n) - 1n);
	let mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
	let exponent = (biased === 0 ? 1 : biased) - 1075;
	while (mantissa > 0n && (mantissa & 1n) === 0n) {
		mantissa >>= 1n;
		exponent += 1;
	}
	return { mantissa, exponent };
}
