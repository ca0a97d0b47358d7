/** Display of ratios: 0.8734 → `87.3%`; null → `—`. Values stay ratios everywhere else. */
export function percent(rate: number | null, digits = 1): string {
	return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** 1234567 → `1,234,567`. */
export function thousands(value: number): string {
	return value.toLocaleString('en-US');
}

/** `2022-06-30` → `2022年6月30日`. */
export function chineseDate(date: string): string {
	return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
