import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Outbox } from '../events/outbox';

/** What every resource module is built from. */
export interface Deps {
	db: Db;
	clock: Clock;
	/** Now as the platform writes it (ISO 8601, +08:00). */
	now(): string;
	outbox: Outbox;
	appKeys: Record<string, string>;
}

/** better-sqlite3 reports constraint failures by code; the unique ones are the contract's guards. */
export function isUniqueViolation(error: unknown, index?: string): boolean {
	const e = error as { code?: string; message?: string };
	if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
	return index === undefined || String(e.message).includes(index);
}

export function isCheckViolation(error: unknown): boolean {
	return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_CHECK';
}

export function parseJson<T>(text: string | null): T | null {
	return text === null ? null : (JSON.parse(text) as T);
}
