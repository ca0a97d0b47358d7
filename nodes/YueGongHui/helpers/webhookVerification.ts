/** Checks an incoming platform webhook before anything else reads it. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { NonceCache, verifySignature, type VerificationResult } from '../../../lib/platform/signing';

/** One per process: a delivery replayed to any trigger of this n8n is refused. */
export const WEBHOOK_NONCES = new NonceCache();

type RawRequest = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer | string;
	readRawBody?: () => Promise<void>;
};

export async function rawBodyOf(this: IWebhookFunctions): Promise<Buffer> {
	const req = this.getRequestObject() as RawRequest;
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
	if (req.rawBody === undefined || req.rawBody === null) return Buffer.alloc(0);
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.from(String(req.rawBody), 'utf8');
}

/**
 * The request targets the platform may have signed: the path n8n received, and the path of this
 * node's public webhook URL (which differs behind a reverse proxy that rewrites the path).
 */
function candidateTargets(this: IWebhookFunctions): string[] {
	const req = this.getRequestObject();
	const received = req.originalUrl || req.url || '/';
	const query = received.includes('?') ? received.slice(received.indexOf('?')) : '';
	const targets = [received];
	const publicUrl = this.getNodeWebhookUrl('default');
	if (publicUrl) {
		try {
			const path = new URL(publicUrl).pathname + query;
			if (!targets.includes(path)) targets.push(path);
		} catch {
			// not a URL: only the received path is checked
		}
	}
	return targets;
}

export function verifyDelivery(
	this: IWebhookFunctions,
	body: Buffer,
	secret: string,
	maxSkewMs: number,
	now: number = Date.now(),
): VerificationResult {
	const headers = this.getHeaderData() as IDataObject as Record<string, string | string[] | undefined>;
	let result: VerificationResult = { ok: false, code: 'SIGNATURE_INVALID', detail: 'No target to verify' };
	for (const pathWithQuery of candidateTargets.call(this)) {
		result = verifySignature({ method: 'POST', pathWithQuery, body, headers, secret, now, maxSkewMs, nonces: WEBHOOK_NONCES });
		if (result.ok || result.code !== 'SIGNATURE_INVALID') return result;
	}
	return result;
}
