import { formatFen } from '../core/money';

const formatted = new Map<number, string>();

/**
 * `formatFen`, remembered: every decision writes the same tier, payout and cap amounts, and
 * formatting through the locale is a noticeable share of judging a claim.
 */
export function yuan(fen: number): string {
	let text = formatted.get(fen);
	if (text === undefined) {
		text = formatFen(fen);
		if (formatted.size > 20000) formatted.clear();
		formatted.set(fen, text);
	}
	return text;
}
