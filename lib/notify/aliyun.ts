import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Alibaba Cloud OpenAPI signature V3 (ACS3-HMAC-SHA256):
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
 *   (CanonicalHeaders: one `name:value\n` line per signed header, names lower-case, sorted, values trimmed)
 *   StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
 *   Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 *   Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b;…>,Signature=<hex>
 * Names and values are encoded per RFC 3986 (only A–Z a–z 0–9 - _ . ~ left as they are, space as %20).
 */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** SendSms of Dysmsapi: action and API version. */
export const ALIYUN_SMS_VERSION = '2017-05-25';
export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

export function acs3PercentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function acs3Sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Parameters sorted by name, each name and value encoded, joined as `a=1&b=2`. */
export function acs3CanonicalQuery(params: Record<string, string> | ReadonlyArray<readonly [string, string]>): string {
	const pairs = Array.isArray(params) ? [...params] : Object.entries(params as Record<string, string>);
	return pairs
		.map(([k, v]) => [acs3PercentEncode(k), acs3PercentEncode(v ?? '')] as const)
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
}

/** Each `/`-separated segment of the (decoded) path encoded; an empty path is `/`. */
export function acs3CanonicalUri(path: string): string {
	if (!path) return '/';
	return path
		.split('/')
		.map((segment) => acs3PercentEncode(segment))
		.join('/');
}

/** Which headers are signed: host, content-type and every x-acs-* header present. */
export function acs3SignedHeaderNames(headers: Record<string, string>): string[] {
	return Object.keys(headers)
		.map((h) => h.toLowerCase())
		.filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
		.sort();
}

export function acs3CanonicalRequest(parts: {
	method: string;
	path: string;
	query: string;
	headers: Record<string, string>;
	signedHeaders: readonly string[];
	hashedPayload: string;
}): string {
	const lower: Record<string, string> = {};
	for (const [k, v] of Object.entries(parts.headers)) lower[k.toLowerCase()] = String(v);
	const canonicalHeaders = parts.signedHeaders.map((h) => `${h}:${(lower[h] ?? '').trim()}\n`).join('');
	return [
		parts.method.toUpperCase(),
		acs3CanonicalUri(parts.path),
		parts.query,
		canonicalHeaders,
		parts.signedHeaders.join(';'),
		parts.hashedPayload,
	].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
	return `${ACS3_ALGORITHM}\n${acs3Sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(accessKeySecret: string, stringToSign: string): string {
	return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

/** `2023-10-26T10:22:32Z`: UTC, no milliseconds. */
export function acs3Date(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function acs3Nonce(): string {
	return randomBytes(16).toString('hex');
}

export interface Acs3SignInput {
	method: string;
	/** Host as sent in the Host header (with the port when not the default). */
	host: string;
	/** The decoded resource path; `/` for RPC-style APIs such as SendSms. */
	path?: string;
	query?: Record<string, string>;
	body?: string | Buffer;
	/** Further headers to send; content-type and x-acs-* ones are signed. */
	headers?: Record<string, string>;
	action: string;
	version: string;
	accessKeyId: string;
	accessKeySecret: string;
	/** `x-acs-date`; default now. */
	date?: string;
	/** `x-acs-signature-nonce`; default random. */
	nonce?: string;
}

export interface Acs3Signed {
	/** Every header to send, Authorization included. */
	headers: Record<string, string>;
	/** The canonical query string, to send as the URL's query exactly. */
	query: string;
	canonicalRequest: string;
	stringToSign: string;
	signature: string;
	signedHeaders: string;
}

export function acs3Sign(input: Acs3SignInput): Acs3Signed {
	const body = input.body ?? '';
	const hashedPayload = acs3Sha256Hex(body);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
	Object.assign(headers, {
		host: input.host,
		'x-acs-action': input.action,
		'x-acs-content-sha256': hashedPayload,
		'x-acs-date': input.date ?? acs3Date(Date.now()),
		'x-acs-signature-nonce': input.nonce ?? acs3Nonce(),
		'x-acs-version': input.version,
	});
	const signed = acs3SignedHeaderNames(headers);
	const query = acs3CanonicalQuery(input.query ?? {});
	const canonicalRequest = acs3CanonicalRequest({
		method: input.method,
		path: input.path ?? '/',
		query,
		headers,
		signedHeaders: signed,
		hashedPayload,
	});
	const stringToSign = acs3StringToSign(canonicalRequest);
	const signature = acs3Signature(input.accessKeySecret, stringToSign);
	headers.authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
	return { headers, query, canonicalRequest, stringToSign, signature, signedHeaders: signed.join(';') };
}

export interface SendSmsInput {
	/** Base URL of the service, e.g. `https://dysmsapi.aliyuncs.com`. */
	endpoint: string;
	accessKeyId: string;
	accessKeySecret: string;
	phoneNumbers: readonly string[];
	signName: string;
	templateCode: string;
	/** Template variables; sent as a JSON string. */
	templateParam?: Record<string, string>;
	outId?: string;
	date?: string;
	nonce?: string;
}

export interface SignedHttpRequest {
	method: 'POST';
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** The query parameters of SendSms (RPC style: all parameters in the query, empty body). */
export function sendSmsParams(input: Omit<SendSmsInput, 'endpoint' | 'accessKeyId' | 'accessKeySecret'>): Record<string, string> {
	const params: Record<string, string> = {
		PhoneNumbers: input.phoneNumbers.join(','),
		SignName: input.signName,
		TemplateCode: input.templateCode,
	};
	if (input.templateParam && Object.keys(input.templateParam).length > 0) params.TemplateParam = JSON.stringify(input.templateParam);
	if (input.outId) params.OutId = input.outId;
	return params;
}

/** A signed SendSms request, ready to send as it is. */
export function buildSendSmsRequest(input: SendSmsInput): SignedHttpRequest {
	const url = new URL(input.endpoint);
	const signed = acs3Sign({
		method: 'POST',
		host: url.host,
		path: decodeURIComponent(url.pathname || '/'),
		query: sendSmsParams(input),
		action: 'SendSms',
		version: ALIYUN_SMS_VERSION,
		accessKeyId: input.accessKeyId,
		accessKeySecret: input.accessKeySecret,
		date: input.date,
		nonce: input.nonce,
	});
	return { method: 'POST', url: `${url.origin}${url.pathname}?${signed.query}`, headers: signed.headers, body: '' };
}

export interface Acs3Authorization {
	accessKeyId: string;
	signedHeaders: string[];
	signature: string;
}

export function parseAcs3Authorization(header: string | undefined): Acs3Authorization | null {
	if (!header) return null;
	const m = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/.exec(header.trim());
	if (!m) return null;
	return { accessKeyId: m[1], signedHeaders: m[2].split(';'), signature: m[3].toLowerCase() };
}

export type Acs3Check =
	| { ok: true; accessKeyId: string; action: string; version: string; params: Record<string, string> }
	| { ok: false; code: string; message: string; status: number };

/** Aliyun accepts an `x-acs-date` within 15 minutes of its own time. */
export const ACS3_MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies a received request the way the gateway does: it rebuilds the canonical request from what
 * arrived (decoded path and query, the headers named in SignedHeaders, the body's hash) and compares.
 */
export function verifyAcs3Request(request: {
	method: string;
	/** The request target as received: path and query, still encoded. */
	target: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	secretOf: (accessKeyId: string) => string | undefined;
	now: number;
	maxSkewMs?: number;
}): Acs3Check {
	const header = (name: string): string | undefined => {
		const v = request.headers[name];
		return Array.isArray(v) ? v.join(',') : v;
	};
	const auth = parseAcs3Authorization(header('authorization'));
	if (!auth) return { ok: false, code: 'MissingAuthorization', message: 'Authorization header is missing or malformed.', status: 400 };
	const secret = request.secretOf(auth.accessKeyId);
	if (secret === undefined) return { ok: false, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', status: 404 };
	for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
		if (!auth.signedHeaders.includes(required) || header(required) === undefined) {
			return { ok: false, code: 'SignatureDoesNotMatch', message: `Header ${required} must be present and signed.`, status: 400 };
		}
	}
	const hashedPayload = header('x-acs-content-sha256')!;
	if (acs3Sha256Hex(request.body) !== hashedPayload.toLowerCase()) {
		return { ok: false, code: 'ContentSHA256NotMatch', message: 'x-acs-content-sha256 does not match the body.', status: 400 };
	}
	const date = Date.parse(header('x-acs-date')!);
	if (!Number.isFinite(date) || Math.abs(request.now - date) > (request.maxSkewMs ?? ACS3_MAX_SKEW_MS)) {
		return { ok: false, code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired.', status: 400 };
	}
	const url = new URL(request.target, 'http://gateway.invalid');
	const pairs: Array<[string, string]> = [];
	url.searchParams.forEach((v, k) => pairs.push([k, v]));
	const lowerHeaders: Record<string, string> = {};
	for (const name of auth.signedHeaders) lowerHeaders[name] = header(name) ?? '';
	const canonicalRequest = acs3CanonicalRequest({
		method: request.method,
		path: decodeURIComponent(url.pathname),
		query: acs3CanonicalQuery(pairs),
		headers: lowerHeaders,
		signedHeaders: auth.signedHeaders,
		hashedPayload,
	});
	const expected = Buffer.from(acs3Signature(secret, acs3StringToSign(canonicalRequest)));
	const given = Buffer.from(auth.signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
		return { ok: false, code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.', status: 400 };
	}
	const params: Record<string, string> = {};
	for (const [k, v] of pairs) params[k] = v;
	return { ok: true, accessKeyId: auth.accessKeyId, action: header('x-acs-action')!, version: header('x-acs-version')!, params };
}
