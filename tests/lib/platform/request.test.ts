import fc from 'fast-check';
import { canonicalJson, deriveIdempotencyKey } from '../../../lib/platform/idempotency';
import { explainProblem } from '../../../lib/platform/problems';
import { encodeQuery, resolveTarget, serializeBody } from '../../../lib/platform/request';

describe('resolveTarget', () => {
	test.each([
		['http://127.0.0.1:5679/api/v1', '/members/M-1', undefined, '/api/v1/members/M-1'],
		['http://127.0.0.1:5679/api/v1/', 'members', { limit: 10, cursor: undefined }, '/api/v1/members?limit=10'],
		['http://h/api/v1', '/organizations', { cityCode: '4401', type: 'enterprise', usci: '' }, '/api/v1/organizations?cityCode=4401&type=enterprise'],
		['http://h/api/v1', '/claims?status=x', { memberId: 'M 1' }, '/api/v1/claims?status=x&memberId=M+1'],
		['http://h/api/v1', '/members', { name: '张三' }, '/api/v1/members?name=%E5%BC%A0%E4%B8%89'],
		['http://h/api/v1', '/a b/中', undefined, '/api/v1/a%20b/%E4%B8%AD'],
	])('%s + %s + %j → %s', (base, url, qs, expected) => {
		const target = resolveTarget(base, url, qs as never);
		expect(target.pathWithQuery).toBe(expected);
		// what an HTTP client puts on the request line after parsing the URL again
		const reparsed = new URL(target.url);
		expect(reparsed.pathname + reparsed.search).toBe(expected);
	});

	test('an absolute URL ignores the base', () => {
		expect(resolveTarget('http://a/x', 'http://b:1/y?z=1').url).toBe('http://b:1/y?z=1');
	});

	test('a relative URL without a base is an error', () => {
		expect(() => resolveTarget(undefined, '/x')).toThrow(/base URL/);
	});

	test('arrays repeat the key', () => {
		expect(encodeQuery({ events: ['a', 'b'] })).toBe('events=a&events=b');
	});
});

describe('serializeBody', () => {
	test.each([
		[undefined, ''],
		[null, ''],
		[{ a: 1, b: '中' }, '{"a":1,"b":"中"}'],
		[{}, '{}'],
		['  {"a":1}  ', '{"a":1}'],
		['not json ', 'not json '],
		[[1, 2], '[1,2]'],
	])('%j → %j', (body, expected) => {
		expect(serializeBody(body)).toBe(expected);
	});
});

describe('idempotency keys', () => {
	test('key order does not matter; content does', () => {
		const a = deriveIdempotencyKey('transfer.create', { memberId: 'M-1', toOrgId: 'O-2', nested: { x: 1, y: [1, { b: 2, a: 1 }] } });
		const b = deriveIdempotencyKey('transfer.create', { nested: { y: [1, { a: 1, b: 2 }], x: 1 }, toOrgId: 'O-2', memberId: 'M-1' });
		expect(a).toBe(b);
		expect(a).toMatch(/^n8n-[0-9a-f]{48}$/);
		expect(deriveIdempotencyKey('transfer.create', { memberId: 'M-2', toOrgId: 'O-2' })).not.toBe(a);
		expect(deriveIdempotencyKey('enrolment.create', { memberId: 'M-1', toOrgId: 'O-2', nested: { x: 1, y: [1, { b: 2, a: 1 }] } })).not.toBe(a);
	});

	test('property: canonical JSON parses back to the same value', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
			}),
		);
	});
});

describe('explainProblem', () => {
	test('a stale version says so in both languages, with the hint', () => {
		const e = explainProblem(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'VERSION_CONFLICT', detail: 'version 2 is current, 1 was sent' });
		expect(e.message).toContain('记录已被他人修改');
		expect(e.message).toContain('stale version');
		expect(e.message).toContain('[409 VERSION_CONFLICT]');
		expect(e.description).toContain('version 2 is current');
		expect(e.description).toContain('Read the record again');
		expect(e.retryable).toBe(false);
	});

	test('field errors are listed and ID numbers masked', () => {
		const e = explainProblem(400, JSON.stringify({ code: 'VALIDATION_FAILED', detail: 'idNumber 11010519491231002X is taken', errors: [{ field: 'phone', message: 'must be 11 digits' }] }));
		expect(e.description).toContain('phone: must be 11 digits');
		expect(e.description).not.toContain('11010519491231002X');
		expect(e.description).toContain('110***********002X');
	});

	test('unknown codes fall back to the title; empty bodies to the status', () => {
		expect(explainProblem(418, { code: 'TEAPOT', title: 'I am a teapot' }).message).toContain('I am a teapot');
		const bare = explainProblem(503, '');
		expect(bare.code).toBe('HTTP_503');
		expect(bare.retryable).toBe(true);
		expect(explainProblem(429, undefined).code).toBe('RATE_LIMITED');
	});
});
