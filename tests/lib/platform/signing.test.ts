import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
	NonceCache,
	bodyHash,
	canonicalString,
	signRequest,
	verifySignature,
} from '../../../lib/platform/signing';

const SECRET = 'demo-secret-change-me';
const CHINESE_BODY = '{"name":"张三","idNumber":"11010519491231002X"}';

/** Vectors computed by hand with `openssl dgst -sha256 [-hmac SECRET]` over the canonical string. */
const VECTORS = [
	{
		name: 'POST with a UTF-8 body and a query',
		method: 'POST',
		pathWithQuery: '/api/v1/applications?x=1&y=%E4%B8%AD',
		timestamp: 1700000000000,
		nonce: 'nonce-0001',
		body: CHINESE_BODY,
		bodyHash: '770b691fc1df3acfe825bfe4af84936f9e322d1623261267596d14dd2dd8d7cd',
		signature: '411f24b97744c76cca51c41e8ce695be24321c9f82c0487f1bce300b454a4cb6',
	},
	{
		name: 'GET without a body',
		method: 'GET',
		pathWithQuery: '/api/v1/organizations?limit=1',
		timestamp: 1700000000000,
		nonce: 'abc',
		body: undefined,
		bodyHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		signature: '2aa03ec52aa319ee6ca070a5490c32bab64361353d642b54b634bcfb23745922',
	},
];

function opensslAvailable(): boolean {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

describe('canonical string and signature', () => {
	test.each(VECTORS)('$name matches the openssl vector', (v) => {
		expect(bodyHash(v.body)).toBe(v.bodyHash);
		expect(canonicalString(v)).toBe(
			`${v.method}\n${v.pathWithQuery}\n${v.timestamp}\n${v.nonce}\n${v.bodyHash}`,
		);
		const headers = signRequest({ ...v, secret: SECRET, appKey: 'demo-app' });
		expect(headers).toEqual({
			'X-App-Key': 'demo-app',
			'X-Timestamp': String(v.timestamp),
			'X-Nonce': v.nonce,
			'X-Signature': v.signature,
		});
	});

	test('a Buffer body signs the same as its UTF-8 string', () => {
		const v = VECTORS[0];
		const fromBuffer = signRequest({ ...v, body: Buffer.from(v.body as string, 'utf8'), secret: SECRET, appKey: 'k' });
		expect(fromBuffer['X-Signature']).toBe(v.signature);
	});

	test('the method is upper-cased; an empty body and a missing one hash alike', () => {
		expect(canonicalString({ method: 'get', pathWithQuery: '/a', timestamp: 1, nonce: 'n', body: '' })).toBe(
			canonicalString({ method: 'GET', pathWithQuery: '/a', timestamp: 1, nonce: 'n' }),
		);
	});

	(opensslAvailable() ? test : test.skip)('agrees with openssl on a fresh random request', () => {
		const body = JSON.stringify({ at: new Date().toISOString(), n: Math.random(), text: '工会' });
		const headers = signRequest({ method: 'PATCH', pathWithQuery: '/api/v1/members/M-1', body, secret: SECRET, appKey: 'demo-app' });
		const hash = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: Buffer.from(body, 'utf8') })
			.toString()
			.split(' ')[0];
		const canonical = `PATCH\n/api/v1/members/M-1\n${headers['X-Timestamp']}\n${headers['X-Nonce']}\n${hash}`;
		const hmac = execFileSync('openssl', ['dgst', '-sha256', '-hmac', SECRET, '-r'], { input: canonical })
			.toString()
			.split(' ')[0];
		expect(headers['X-Signature']).toBe(hmac);
	});

	test('signRequest fills a timestamp and a fresh nonce', () => {
		const before = Date.now();
		const a = signRequest({ method: 'GET', pathWithQuery: '/x', secret: SECRET, appKey: 'k' });
		const b = signRequest({ method: 'GET', pathWithQuery: '/x', secret: SECRET, appKey: 'k' });
		expect(Number(a['X-Timestamp'])).toBeGreaterThanOrEqual(before);
		expect(a['X-Nonce']).toMatch(/^[0-9a-f]{32}$/);
		expect(a['X-Nonce']).not.toBe(b['X-Nonce']);
	});
});

describe('verifySignature', () => {
	const NOW = 1700000000000;
	const base = { method: 'POST', pathWithQuery: '/hook?x=1', body: CHINESE_BODY };
	const sign = (over: Partial<{ timestamp: number; nonce: string; secret: string }> = {}) =>
		signRequest({ ...base, secret: over.secret ?? SECRET, appKey: 'demo-app', timestamp: over.timestamp ?? NOW, nonce: over.nonce ?? 'n-1' });

	test('a genuine request passes once, with lower-cased header names as Node delivers them', () => {
		const nonces = new NonceCache();
		const lower = Object.fromEntries(Object.entries(sign()).map(([k, v]) => [k.toLowerCase(), v]));
		expect(verifySignature({ ...base, headers: lower, secret: SECRET, now: NOW, nonces })).toEqual({ ok: true, appKey: 'demo-app' });
		const again = verifySignature({ ...base, headers: lower, secret: SECRET, now: NOW + 1000, nonces });
		expect(again).toMatchObject({ ok: false, code: 'NONCE_REPLAYED' });
	});

	test.each([
		['X-Signature', 'SIGNATURE_MISSING'],
		['X-Nonce', 'SIGNATURE_MISSING'],
		['X-Timestamp', 'SIGNATURE_MISSING'],
		['X-App-Key', 'SIGNATURE_MISSING'],
	])('without %s → %s', (header, code) => {
		const headers: Record<string, string> = { ...sign() };
		delete headers[header];
		const result = verifySignature({ ...base, headers, secret: SECRET, now: NOW, nonces: new NonceCache() });
		expect(result).toMatchObject({ ok: false, code });
		if (!result.ok) expect(result.detail).toContain(header);
	});

	test('a changed body, path, method or secret → SIGNATURE_INVALID', () => {
		const headers = sign();
		const nonces = new NonceCache();
		const check = (over: object, secret = SECRET) => verifySignature({ ...base, ...over, headers, secret, now: NOW, nonces });
		expect(check({ body: CHINESE_BODY + ' ' })).toMatchObject({ code: 'SIGNATURE_INVALID' });
		expect(check({ pathWithQuery: '/hook?x=2' })).toMatchObject({ code: 'SIGNATURE_INVALID' });
		expect(check({ method: 'PUT' })).toMatchObject({ code: 'SIGNATURE_INVALID' });
		expect(check({}, 'another-secret')).toMatchObject({ code: 'SIGNATURE_INVALID' });
		// forged attempts did not burn the nonce
		expect(check({})).toEqual({ ok: true, appKey: 'demo-app' });
	});

	test('secret lookup by app key; an unknown key is invalid', () => {
		const lookup = (key: string) => (key === 'demo-app' ? SECRET : undefined);
		expect(verifySignature({ ...base, headers: sign(), secret: lookup, now: NOW, nonces: new NonceCache() }).ok).toBe(true);
		const other = { ...sign(), 'X-App-Key': 'stranger' };
		expect(verifySignature({ ...base, headers: other, secret: lookup, now: NOW, nonces: new NonceCache() })).toMatchObject({ code: 'SIGNATURE_INVALID' });
	});

	test.each([
		[NOW - 300_001, 'TIMESTAMP_SKEW'],
		[NOW + 300_001, 'TIMESTAMP_SKEW'],
		[NOW - 300_000, true],
		[NOW + 300_000, true],
	])('timestamp %d → %s', (timestamp, expected) => {
		const result = verifySignature({ ...base, headers: sign({ timestamp }), secret: SECRET, now: NOW, nonces: new NonceCache() });
		if (expected === true) expect(result.ok).toBe(true);
		else expect(result).toMatchObject({ ok: false, code: expected });
	});

	test('a non-numeric timestamp is refused', () => {
		const headers = { ...sign(), 'X-Timestamp': '2023-11-14T22:13:20Z' };
		expect(verifySignature({ ...base, headers, secret: SECRET, now: NOW, nonces: new NonceCache() })).toMatchObject({ ok: false, code: 'TIMESTAMP_SKEW' });
	});

	test('a Headers-like object with get() works', () => {
		const signed = sign();
		const map = new Map(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
		const headers = { get: (name: string) => map.get(name.toLowerCase()) ?? null };
		expect(verifySignature({ ...base, headers, secret: SECRET, now: NOW, nonces: new NonceCache() }).ok).toBe(true);
	});

	test('property: any request signed with the secret verifies; any one-byte change of the body does not', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
				fc.string({ minLength: 1, maxLength: 40 }).map((s) => '/' + encodeURIComponent(s)),
				fc.string({ maxLength: 200 }),
				fc.string({ minLength: 1, maxLength: 30 }),
				(method, pathWithQuery, body, secret) => {
					const headers = signRequest({ method, pathWithQuery, body, secret, appKey: 'k', timestamp: NOW });
					const ok = verifySignature({ method, pathWithQuery, body, headers, secret, now: NOW, nonces: new NonceCache() });
					const tampered = verifySignature({ method, pathWithQuery, body: body + 'x', headers, secret, now: NOW, nonces: new NonceCache() });
					return ok.ok && !tampered.ok && tampered.code === 'SIGNATURE_INVALID';
				},
			),
		);
	});
});

describe('NonceCache', () => {
	test('remembers a nonce for the TTL, per app key, then forgets it', () => {
		const cache = new NonceCache(1000);
		expect(cache.seen('a', 'n', 0)).toBe(false);
		expect(cache.seen('a', 'n', 999)).toBe(true);
		expect(cache.seen('b', 'n', 999)).toBe(false);
		expect(cache.seen('a', 'n', 1000)).toBe(false);
	});

	test('expired entries are pruned', () => {
		const cache = new NonceCache(10);
		for (let i = 0; i < 100; i++) cache.seen('a', String(i), i);
		expect(cache.size).toBeLessThanOrEqual(11);
	});
});
