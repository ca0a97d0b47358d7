import { ProblemError } from './problem';

/**
 * Keyset pagination on the tables' row order: the cursor is the last row's position, opaque to
 * clients (base64url), so pages stay stable while rows are added.
 */
export function decodeCursor(cursor: unknown): number {
	if (cursor === undefined || cursor === null || cursor === '') return 0;
	const text = Buffer.from(String(cursor), 'base64url').toString('utf8');
	const match = /^c1:(\d{1,15})$/.exec(text);
	if (!match) throw new ProblemError(400, 'CURSOR_INVALID', 'The cursor is not one this server gave out');
	return Number(match[1]);
}

export function encodeCursor(seq: number): string {
	return Buffer.from(`c1:${seq}`, 'utf8').toString('base64url');
}

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

/** Rows fetched with `limit + 1` become a page; the extra row only says there is more. */
export function toPage<R extends { seq: number }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
	const more = rows.length > limit;
	const pageRows = more ? rows.slice(0, limit) : rows;
	return {
		items: pageRows.map(map),
		nextCursor: more ? encodeCursor(pageRows[pageRows.length - 1].seq) : null,
	};
}

/** Builds `WHERE … AND seq > ? ORDER BY seq LIMIT ?` from optional equality filters. */
export function pageQuery(
	table: string,
	filters: Array<[string, unknown]>,
	query: { cursor?: unknown; limit?: unknown },
	direction: 'asc' | 'desc' = 'asc',
): { sql: string; args: unknown[]; limit: number } {
	const limit = typeof query.limit === 'number' ? query.limit : 100;
	const after = decodeCursor(query.cursor);
	const where: string[] = [];
	const args: unknown[] = [];
	for (const [clause, value] of filters) {
		if (value === undefined || value === null || value === '') continue;
		where.push(clause);
		// A clause may use its value more than once: `(from_org_id = ? OR to_org_id = ?)`.
		for (let i = clause.split('?').length - 1; i > 0; i--) args.push(value);
	}
	if (after > 0) {
		where.push(direction === 'asc' ? 'seq > ?' : 'seq < ?');
		args.push(after);
	}
	const sql = `SELECT * FROM ${table}${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY seq ${direction.toUpperCase()} LIMIT ?`;
	args.push(limit + 1);
	return { sql, args, limit };
}
