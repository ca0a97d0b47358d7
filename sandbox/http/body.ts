import type { IncomingMessage } from 'node:http';
import { ProblemError } from './problem';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Past this the connection is cut instead of read to the end. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the raw body. An oversized body is read to its end (and thrown away) before the 413, so
 * the client sees the answer rather than a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > DRAIN_LIMIT) {
				req.destroy();
				return;
			}
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > limit) {
				reject(new ProblemError(413, 'PAYLOAD_TOO_LARGE', `The body is ${size} bytes; at most ${limit} are accepted`));
			} else {
				resolve(Buffer.concat(chunks));
			}
		});
		req.on('error', reject);
	});
}
