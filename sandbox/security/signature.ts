import type { IncomingMessage } from 'node:http';
import { NonceCache, verifySignature } from '../../lib/platform/signing';
import type { Clock } from '../clock';
import { ProblemError } from '../http/problem';

/** Checks the SPEC §7 request signature; answers the caller's app key or throws a 401 problem. */
export function createSignatureCheck(appKeys: Record<string, string>, clock: Clock) {
	const nonces = new NonceCache();
	return function check(req: IncomingMessage, rawBody: Buffer): string {
		const result = verifySignature({
			method: req.method ?? 'GET',
			pathWithQuery: req.url ?? '/',
			body: rawBody,
			headers: req.headers,
			secret: (appKey) => (Object.prototype.hasOwnProperty.call(appKeys, appKey) ? appKeys[appKey] : undefined),
			now: clock(),
			nonces,
		});
		if (!result.ok) {
			throw new ProblemError(401, result.code, result.detail, {}, { 'WWW-Authenticate': 'HMAC-SHA256 realm="yuegonghui"' });
		}
		return result.appKey;
	};
}
