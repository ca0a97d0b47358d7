import { prepared, type Db } from './open';

/** Reserves `count` consecutive numbers of a named sequence; returns the first. */
export function reserve(db: Db, name: string, count = 1): number {
	const row = prepared(
		db,
			`INSERT INTO sequences (name, value) VALUES (?, ?)
			 ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
			 RETURNING value`,
	).get(name, count) as { value: number };
	return row.value - count + 1;
}

export function formatId(prefix: string, n: number, width: number): string {
	return prefix + String(n).padStart(width, '0');
}

/**
 * The next id of a kind: `nextId(db, 'member', 'M', 8)` → `M00000042`, skipping ids a client
 * already chose for itself (`taken`).
 */
export function nextId(db: Db, name: string, prefix: string, width: number, taken?: (id: string) => boolean): string {
	for (;;) {
		const id = formatId(prefix, reserve(db, name), width);
		if (!taken?.(id)) return id;
	}
}
