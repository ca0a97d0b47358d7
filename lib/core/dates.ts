import { DateTime } from 'luxon';

/** Every policy rule is computed in China Standard Time, whatever the host's zone. */
export const CHINA_ZONE = 'Asia/Shanghai';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(date: unknown): date is string {
	return typeof date === 'string' && DATE_RE.test(date) && DateTime.fromISO(date, { zone: CHINA_ZONE }).isValid;
}

function parse(date: string): DateTime {
	const value = DateTime.fromISO(date, { zone: CHINA_ZONE });
	if (!DATE_RE.test(date) || !value.isValid) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
	return value;
}

function format(value: DateTime): string {
	return value.toFormat('yyyy-MM-dd');
}

/** Today's date in China. */
export function todayInChina(now: Date = new Date()): string {
	return format(DateTime.fromJSDate(now, { zone: CHINA_ZONE }));
}

/**
 * The China calendar date of a timestamp (ISO 8601 with offset, a Date or epoch ms);
 * a plain `YYYY-MM-DD` is returned as it is. null when unreadable.
 */
export function chinaDate(value: unknown): string | null {
	if (value instanceof Date) return isNaN(value.getTime()) ? null : todayInChina(value);
	if (typeof value === 'number') return Number.isFinite(value) ? todayInChina(new Date(value)) : null;
	if (typeof value !== 'string') return null;
	if (DATE_RE.test(value)) return isValidDate(value) ? value : null;
	const parsed = DateTime.fromISO(value, { setZone: true });
	if (!parsed.isValid) return null;
	return format(parsed.setZone(CHINA_ZONE));
}

/** The China wall-clock time `HH:mm` of a timestamp, or null. */
export function chinaTime(value: unknown): string | null {
	if (typeof value !== 'string' || DATE_RE.test(value)) return null;
	const parsed = DateTime.fromISO(value, { setZone: true });
	return parsed.isValid ? parsed.setZone(CHINA_ZONE).toFormat('HH:mm') : null;
}

export function isValidTimestamp(value: unknown): value is string {
	return typeof value === 'string' && !DATE_RE.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function addDays(date: string, days: number): string {
	return format(parse(date).plus({ days }));
}

/** Same day N months on, or the last day of that month where there is none. */
export function addMonths(date: string, months: number): string {
	return format(parse(date).plus({ months }));
}

/** Same day N years on, or the last day of that month where there is none (2024-02-29 → 2025-02-28). */
export function addYears(date: string, years: number): string {
	return format(parse(date).plus({ years }));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
	return Math.round(parse(b).diff(parse(a), 'days').days);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
	return parse(date).weekday;
}

/**
 * Full years of age on `on` (已满N周岁): N is reached from the day after the Nth birthday; a
 * 29 February birthday falls on 1 March in common years.
 */
export function fullYearsOn(birthDate: string, on: string): number {
	const birth = parse(birthDate);
	let years = parse(on).year - birth.year;
	while (years > 0 && birthdayIn(birth, birth.year + years) >= on) years--;
	return Math.max(0, years);
}

function birthdayIn(birth: DateTime, year: number): string {
	if (birth.month === 2 && birth.day === 29 && !DateTime.local(year, 2, 29).isValid) {
		return `${year}-03-01`;
	}
	return `${year}-${String(birth.month).padStart(2, '0')}-${String(birth.day).padStart(2, '0')}`;
}
