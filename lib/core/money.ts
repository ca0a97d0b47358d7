/** Money is an integer number of fen (分); display as yuan with two decimals. */
export function formatFen(fen: number): string {
	if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`);
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
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
