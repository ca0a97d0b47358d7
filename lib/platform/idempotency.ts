import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * An Idempotency-Key derived from what is being created, not from when: the same operation with
 * the same body gives the same key, so a retried execution returns the first result instead of
 * creating a second record.
 */
export function deriveIdempotencyKey(operation: string, body: unknown): string {
	const digest = createHash('sha256').update(`${operation}\n${canonicalJson(body)}`, 'utf8').digest('hex');
	return `n8n-${digest.slice(0, 48)}`;
}
