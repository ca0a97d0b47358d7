import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { ProblemError } from './problem';
import type { HandlerResult } from './types';

/**
 * Remembers the answer to each create by (app key, Idempotency-Key): a repeat of the same request
 * gets the first answer again, the same key on a different request is refused.
 */
export function createIdempotencyStore(db: Db, now: () => string) {
	const find = db.prepare('SELECT request_hash, status, headers, body FROM idempotency_keys WHERE app_key = ? AND key = ?');
	const save = db.prepare(
		'INSERT INTO idempotency_keys (app_key, key, request_hash, status, headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
	);

	function requestHash(method: string, path: string, rawBody: Buffer): string {
		return createHash('sha256').update(`${method}\n${path}\n`).update(rawBody).digest('hex');
	}

	return {
		requestHash,
		/** The stored answer for a repeat, or undefined for a new key. */
		replay(appKey: string, key: string, hash: string): HandlerResult | undefined {
			const row = find.get(appKey, key) as
				| { request_hash: string; status: number; headers: string; body: string }
				| undefined;
			if (!row) return undefined;
			if (row.request_hash !== hash) {
				throw new ProblemError(
					422,
					'IDEMPOTENCY_KEY_REUSED',
					'This Idempotency-Key was already used for a different request',
				);
			}
			return {
				status: row.status,
				headers: { ...JSON.parse(row.headers), 'Idempotent-Replayed': 'true' },
				body: row.body === '' ? undefined : JSON.parse(row.body),
			};
		},
		remember(appKey: string, key: string, hash: string, result: HandlerResult): void {
			save.run(
				appKey,
				key,
				hash,
				result.status,
				JSON.stringify(result.headers ?? {}),
				result.body === undefined ? '' : JSON.stringify(result.body),
				now(),
			);
		},
	};
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
