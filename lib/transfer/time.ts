import { DateTime } from 'luxon';
import { addDays, CHINA_ZONE, isValidDate } from '../core/dates';
import { textOf } from '../core/text';

const OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * A moment from an ISO timestamp (without an offset it is China time) or a date (its start, China
 * time); null when unreadable.
 */
export function readMoment(value: unknown): DateTime | null {
	if (value instanceof Date) return isNaN(value.getTime()) ? null : DateTime.fromJSDate(value, { zone: CHINA_ZONE });
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (isValidDate(text)) return DateTime.fromISO(text, { zone: CHINA_ZONE });
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
	const parsed = OFFSET_RE.test(text) ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone: CHINA_ZONE });
	return parsed.isValid ? parsed : null;
}

export function chinaDateOf(moment: DateTime): string {
	return moment.setZone(CHINA_ZONE).toFormat('yyyy-MM-dd');
}

/** Civil Code art. 201: N days from D end at the end of D+N (the start day is not counted). */
export function deadline(requestedAt: DateTime, days: number): { expiresOn: string; expiresAt: string } {
	const expiresOn = addDays(chinaDateOf(requestedAt), days);
	const expiresAt = DateTime.fromISO(expiresOn, { zone: CHINA_ZONE }).endOf('day').toISO() as string;
	return { expiresOn, expiresAt };
}

export function isPositiveWholeDays(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 3650;
}

export function nowMoment(now: Date | string | undefined): DateTime {
	if (now === undefined) return DateTime.now().setZone(CHINA_ZONE);
	const moment = readMoment(now);
	if (!moment) throw new RangeError(`Not a readable time: ${textOf(now)}`);
	return moment;
}

/** Timestamps are written in China time, whatever offset they came with. */
export function iso(moment: DateTime): string {
	return moment.setZone(CHINA_ZONE).toISO() as string;
}

/**
 * The end of a transfer's time to finish: its `expiresAt`, else the end of its `expiresOn` (China
 * time); null when it has neither.
 */
export function deadlineOf(transfer: { expiresAt?: unknown; expiresOn?: unknown }): DateTime | null {
	const at = readMoment(transfer.expiresAt);
	if (at && typeof transfer.expiresAt === 'string' && !isValidDate(transfer.expiresAt.trim())) return at;
	const day = typeof transfer.expiresOn === 'string' && isValidDate(transfer.expiresOn) ? transfer.expiresOn : null;
	if (day) return DateTime.fromISO(day, { zone: CHINA_ZONE }).endOf('day');
	return at ? at.endOf('day') : null;
}
