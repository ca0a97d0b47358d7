/**
 * Request signing for the 粤工惠 platform (SPEC §7), used both ways: n8n signs what it sends to the
 * platform, and the platform signs the webhooks it sends to n8n. Plain node:crypto, no n8n.
 *
 * X-Signature = hex HMAC-SHA256(secret, METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nhex(SHA256(body)))
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type SignedBody = string | Buffer | Uint8Array | null | undefined;

export interface CanonicalInput {
	method: string;
	/** The request target exactly as sent: path, then `?query` only when there is a query. */
	pathWithQuery: string;
	timestamp: number | string;
	nonce: string;
	body?: SignedBody;
}

// A type alias, not an interface, so it is assignable to a plain header record.
export type SignatureHeaders = {
	'X-App-Key': string;
	'X-Timestamp': string;
	'X-Nonce': string;
	'X-Signature': string;
};

export const SIGNATURE_HEADERS = {
	appKey: 'x-app-key',
	timestamp: 'x-timestamp',
	nonce: 'x-nonce',
	signature: 'x-signature',
} as const;

export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
export const DEFAULT_NONCE_TTL_MS = 10 * 60 * 1000;

function bodyBytes(body: SignedBody): Buffer {
	if (body === null || body === undefined) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(body);
}

/** hex SHA-256 of the raw body; the empty body hashes as '' does. */
export function bodyHash(body: SignedBody): string {
	return createHash('sha256').update(bodyBytes(body)).digest('hex');
}

export function canonicalString(input: CanonicalInput): string {
	return [
		input.method.toUpperCase(),
		input.pathWithQuery,
		String(input.timestamp),
		input.nonce,
		bodyHash(input.body),
	].join('\n');
}

export function computeSignature(secret: string, input: CanonicalInput): string {
	return createHmac('sha256', secret).update(canonicalString(input), 'utf8').digest('hex');
}

export function newNonce(): string {
	return randomBytes(16).toString('hex');
}

export interface SignRequestInput {
	method: string;
	pathWithQuery: string;
	body?: SignedBody;
	secret: string;
	appKey: string;
	/** ms since epoch; now when absent */
	timestamp?: number;
	nonce?: string;
}

export function signRequest(input: SignRequestInput): SignatureHeaders {
	const timestamp = input.timestamp ?? Date.now();
	const nonce = input.nonce ?? newNonce();
	const signature = computeSignature(input.secret, {
		method: input.method,
		pathWithQuery: input.pathWithQuery,
		timestamp,
		nonce,
		body: input.body,
	});
	return {
		'X-App-Key': input.appKey,
		'X-Timestamp': String(timestamp),
		'X-Nonce': nonce,
		'X-Signature': signature,
	};
}

/**
 * Remembers the nonces seen per app key for `ttlMs`, so a captured request cannot be played again.
 * The TTL is twice the allowed skew: a timestamp stays acceptable for at most that long.
 */
export class NonceCache {
	private readonly entries = new Map<string, number>();

	constructor(private readonly ttlMs: number = DEFAULT_NONCE_TTL_MS) {}

	/** true if this nonce was already seen for this app key (a replay); records it otherwise. */
	seen(appKey: string, nonce: string, now: number = Date.now()): boolean {
		this.prune(now);
		const key = `${appKey}\u0000${nonce}`;
		const expiresAt = this.entries.get(key);
		if (expiresAt !== undefined && expiresAt > now) return true;
		this.entries.delete(key);
		this.entries.set(key, now + this.ttlMs);
		return false;
	}

	get size(): number {
		return this.entries.size;
	}

	private prune(now: number): void {
		// Insertion order is roughly expiry order, so stop at the first live entry.
		for (const [key, expiresAt] of this.entries) {
			if (expiresAt > now) break;
			this.entries.delete(key);
		}
	}
}

export type HeaderBag =
	| Record<string, string | string[] | number | undefined | null>
	| { get(name: string): string | null };

function headerValue(headers: HeaderBag, name: string): string | undefined {
	if (typeof (headers as { get?: unknown }).get === 'function') {
		const value = (headers as { get(name: string): string | null }).get(name);
		return value ?? undefined;
	}
	const bag = headers as Record<string, string | string[] | number | undefined | null>;
	for (const key of Object.keys(bag)) {
		if (key.toLowerCase() !== name) continue;
		const value = bag[key];
		if (value === undefined || value === null) return undefined;
		return Array.isArray(value) ? value[0] : String(value);
	}
	return undefined;
}

export type VerificationCode =
	| 'SIGNATURE_MISSING'
	| 'SIGNATURE_INVALID'
	| 'TIMESTAMP_SKEW'
	| 'NONCE_REPLAYED';

export type VerificationResult =
	| { ok: true; appKey: string }
	| { ok: false; code: VerificationCode; detail: string };

export interface VerifySignatureInput {
	method: string;
	pathWithQuery: string;
	body?: SignedBody;
	headers: HeaderBag;
	/** The shared secret, or a lookup by app key (undefined for an unknown key). */
	secret: string | ((appKey: string) => string | undefined | null);
	now?: number;
	maxSkewMs?: number;
	nonces: NonceCache;
}

function safeEqualHex(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a signed request. The nonce is recorded only once the signature is genuine, so forged
 * requests cannot fill the cache or burn the nonces of genuine ones.
 */
export function verifySignature(input: VerifySignatureInput): VerificationResult {
	const appKey = headerValue(input.headers, SIGNATURE_HEADERS.appKey);
	const timestampText = headerValue(input.headers, SIGNATURE_HEADERS.timestamp);
	const nonce = headerValue(input.headers, SIGNATURE_HEADERS.nonce);
	const signature = headerValue(input.headers, SIGNATURE_HEADERS.signature);
	const missing = [
		['X-App-Key', appKey],
		['X-Timestamp', timestampText],
		['X-Nonce', nonce],
		['X-Signature', signature],
	]
		.filter(([, value]) => !value)
		.map(([name]) => name);
	if (missing.length > 0 || !appKey || !timestampText || !nonce || !signature) {
		return {
			ok: false,
			code: 'SIGNATURE_MISSING',
			detail: `Missing signature header(s): ${missing.join(', ')}`,
		};
	}

	const now = input.now ?? Date.now();
	const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
	if (!/^\d{1,16}$/.test(timestampText)) {
		return { ok: false, code: 'TIMESTAMP_SKEW', detail: 'X-Timestamp must be milliseconds since the epoch' };
	}
	const timestamp = Number(timestampText);
	if (Math.abs(now - timestamp) > maxSkewMs) {
		return {
			ok: false,
			code: 'TIMESTAMP_SKEW',
			detail: `X-Timestamp is ${Math.round((now - timestamp) / 1000)} s away from the server clock (at most ${Math.round(maxSkewMs / 1000)} s allowed)`,
		};
	}

	const secret = typeof input.secret === 'function' ? input.secret(appKey) : input.secret;
	if (!secret) {
		return { ok: false, code: 'SIGNATURE_INVALID', detail: 'Unknown app key' };
	}
	const expected = computeSignature(secret, {
		method: input.method,
		pathWithQuery: input.pathWithQuery,
		timestamp: timestampText,
		nonce,
		body: input.body,
	});
	if (!safeEqualHex(expected, signature.toLowerCase())) {
		return { ok: false, code: 'SIGNATURE_INVALID', detail: 'X-Signature does not match the request' };
	}

	if (input.nonces.seen(appKey, nonce, now)) {
		return { ok: false, code: 'NONCE_REPLAYED', detail: 'X-Nonce was already used' };
	}
	return { ok: true, appKey };
}
