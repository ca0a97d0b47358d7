import { DateTime } from 'luxon';
import { CHINA_ZONE } from '../lib/core/dates';

/** Milliseconds since the epoch; injectable so tests can fix or move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A moment as the platform writes it: ISO 8601 in China time (+08:00). */
export function isoInChina(ms: number): string {
	return DateTime.fromMillis(ms, { zone: CHINA_ZONE }).toISO() as string;
}

/**
 * A client's timestamp rewritten in +08:00, so stored timestamps compare correctly as text;
 * undefined when absent or unreadable.
 */
export function normalizeTimestamp(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const parsed = DateTime.fromISO(value, { setZone: true });
	return parsed.isValid ? isoInChina(parsed.toMillis()) : undefined;
}

export function timestampMs(value: string): number {
	return DateTime.fromISO(value, { setZone: true }).toMillis();
}

/** The start of the day after a China date, as stored timestamps begin with it (for `< next day`). */
export function nextChinaDay(date: string): string {
	return DateTime.fromISO(date, { zone: CHINA_ZONE }).plus({ days: 1 }).toFormat('yyyy-MM-dd');
}
