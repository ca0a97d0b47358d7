/** Money is an integer number of fen (分); display as yuan with two decimals. */
export function formatFen(fen: number): string {
	if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`);
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const cents = abs % 100;
	return `${sign}¥${grouped(Math.floor(abs / 100))}.${cents < 10 ? '0' : ''}${cents}`;
}

/** `1234567` → `1,234,567`. */
function grouped(whole: number): string {
	const digits = String(whole);
	let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
	for (let i = out.length; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
	return out;
}

/** Yuan as written (`"1,234.5"`, `12.30`, `"¥8"`) to fen, without float arithmetic; null when unreadable. */
export function yuanToFen(yuan: string | number): number | null {
	const text = (typeof yuan === 'number' ? String(yuan) : yuan).replace(/[¥,\s]/g, '');
	const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] ? -fen : fen;
}

export function isFen(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
