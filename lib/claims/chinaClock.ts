import { chinaDate, chinaTime, isValidDate } from '../core/dates';

/**
 * Claims are judged in bulk, and luxon's time-zone lookups dominate that work; China has kept UTC+8
 * without daylight saving since 1992, so ISO timestamps from then on are converted by arithmetic.
 * Everything else goes to lib/core/dates, which stays the reference.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const SINCE_1992 = Date.UTC(1991, 11, 31, 16);
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

const validDates = new Map<string, boolean>();

/** `isValidDate`, remembered (a claim batch repeats the same few hundred days). */
export function isClaimDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	let valid = validDates.get(value);
	if (valid === undefined) {
		valid = isValidDate(value);
		if (validDates.size > 100000) validDates.clear();
		validDates.set(value, valid);
	}
	return valid;
}

function chinaWallClock(value: string): Date | null {
	const m = ISO_TIMESTAMP.exec(value);
	if (!m) return null;
	const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
	const local = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(local);
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
		return null;
	}
	let offsetMs = 0;
	if (m[8] !== 'Z') {
		const sign = m[8][0] === '-' ? -1 : 1;
		const digits = m[8].slice(1).replace(':', '');
		offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60000;
	}
	const epoch = local - offsetMs;
	if (epoch < SINCE_1992) return null;
	return new Date(epoch + CHINA_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

const timestampDays = new Map<string, string | null>();

/** `chinaDate` for claims: the China calendar date of a timestamp or a date, or null. */
export function claimDay(value: unknown): string | null {
	if (typeof value !== 'string') return chinaDate(value);
	if (value.length === 10) return isClaimDate(value) ? value : null;
	let day = timestampDays.get(value);
	if (day === undefined) {
		const wall = chinaWallClock(value);
		day = wall ? `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` : chinaDate(value);
		if (timestampDays.size > 20000) timestampDays.clear();
		timestampDays.set(value, day);
	}
	return day;
}

/** `chinaTime` for claims: the China wall-clock `HH:mm` of a timestamp, or null. */
export function claimClock(value: unknown): string | null {
	if (typeof value === 'string' && value.length > 10) {
		const wall = chinaWallClock(value);
		if (wall) return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
	}
	return chinaTime(value);
}
