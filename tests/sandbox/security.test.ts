/**
 * Refusals at the door: unsigned, forged, skewed and replayed requests (401 with a code), bearer
 * tokens of another company, and hostile input — SQL in every text field, oversized fields and
 * bodies — which is refused or stored exactly as sent, and never executed.
 */
import type { PlatformServer } from '../../sandbox/server';
import { APPROVE_AT_FEDERATION, application, claim, startPlatform, type Client, type JsonBody, type Reply } from './platformClient';

let platform: PlatformServer;
let api: Client;

beforeAll(async () => {
	({ platform, api } = await startPlatform({ seed: { size: 200 } }));
});
afterAll(() => platform.close());

const count = (table: string) => (platform.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('request signatures', () => {
	test('a correctly signed request passes', async () => {
		expect((await api.get('/organizations/FED-440300')).status).toBe(200);
	});

	test.each([
		['no signature at all', { sign: false as const }, 'SIGNATURE_MISSING'],
		['a missing nonce', { sign: {}, headers: { 'X-Nonce': '' } }, 'SIGNATURE_MISSING'],
		['the wrong secret', { sign: { secret: 'not-the-secret' } }, 'SIGNATURE_INVALID'],
		['an unknown app key', { sign: { appKey: 'other-app' } }, 'SIGNATURE_INVALID'],
		['a timestamp 6 minutes old', { sign: { timestamp: Date.now() - 6 * 60_000 } }, 'TIMESTAMP_SKEW'],
		['a timestamp 6 minutes ahead', { sign: { timestamp: Date.now() + 6 * 60_000 } }, 'TIMESTAMP_SKEW'],
		['a timestamp in seconds', { sign: { timestamp: Math.floor(Date.now() / 1000) } }, 'TIMESTAMP_SKEW'],
	])('%s is refused with 401', async (_, options, code) => {
		const before = count('applications');
		const reply = await api.request('POST', '/applications', { body: application(), ...options });
		expect(reply.status).toBe(401);
		expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect(reply.body).toMatchObject({ status: 401, code });
		expect(reply.schemaErrors).toBeNull();
		expect(count('applications')).toBe(before);
	});

	test('a timestamp 4 minutes old is still accepted', async () => {
		expect((await api.get('/organizations/FED-440300', { sign: { timestamp: Date.now() - 4 * 60_000 } })).status).toBe(200);
	});

	test('a body or query changed after signing is refused', async () => {
		const signedFor = JSON.stringify(application({ name: '李娜' }));
		const { signRequest } = await import('../../lib/platform/signing');
		const headers = signRequest({ method: 'POST', pathWithQuery: '/api/v1/applications', body: signedFor, secret: 'demo-secret-change-me', appKey: 'demo-app' });
		const tampered = await api.request('POST', '/applications', { raw: JSON.stringify(application({ name: '王五' })), sign: false, headers });
		expect(tampered.body.code).toBe('SIGNATURE_INVALID');

		const queryHeaders = signRequest({ method: 'GET', pathWithQuery: '/api/v1/members?cityCode=440300', secret: 'demo-secret-change-me', appKey: 'demo-app' });
		const otherQuery = await api.request('GET', '/members?cityCode=440100', { sign: false, headers: queryHeaders });
		expect(otherQuery.body.code).toBe('SIGNATURE_INVALID');
		const otherMethod = await api.request('DELETE', '/webhooks/WH0001', { sign: false, headers: signRequest({ method: 'GET', pathWithQuery: '/api/v1/webhooks/WH0001', secret: 'demo-secret-change-me', appKey: 'demo-app' }) });
		expect(otherMethod.body.code).toBe('SIGNATURE_INVALID');
	});

	test('a replayed request is refused, and creates nothing the second time', async () => {
		const sign = { nonce: 'replay-me-0001', timestamp: Date.now() };
		const body = application({ idNumber: '440305199203040011' });
		const first = await api.request('POST', '/applications', { body, sign });
		expect(first.status).toBe(201);
		const before = count('applications');
		const replay = await api.request('POST', '/applications', { body, sign });
		expect(replay.status).toBe(401);
		expect(replay.body.code).toBe('NONCE_REPLAYED');
		expect(count('applications')).toBe(before);
	});

	test('a forged request does not burn the nonce of the genuine one', async () => {
		const nonce = 'shared-nonce-0002';
		const forged = await api.get('/organizations/FED-440300', { sign: { nonce, secret: 'guess' } });
		expect(forged.body.code).toBe('SIGNATURE_INVALID');
		expect((await api.get('/organizations/FED-440300', { sign: { nonce } })).status).toBe(200);
	});

	test('skew is judged by the platform clock', async () => {
		const ahead = await startPlatform({ clock: () => Date.now() + 10 * 60_000 });
		try {
			const reply = await ahead.api.get('/organizations?limit=1');
			expect(reply.body.code).toBe('TIMESTAMP_SKEW');
			const adjusted = await ahead.api.get('/organizations?limit=1', { sign: { timestamp: Date.now() + 10 * 60_000 } });
			expect(adjusted.status).toBe(200);
		} finally {
			await ahead.platform.close();
		}
	});

	test('local helpers are not signed; unknown paths are problems', async () => {
		expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
		const missing = await api.get('/nothing-here');
		expect(missing.status).toBe(404);
		expect(missing.body.code).toBe('NOT_FOUND');
		const method = await api.request('PUT', '/members');
		expect(method.status).toBe(405);
		expect(method.headers.get('allow')).toBe('GET');
	});
});

const HOSTILE = [
	"Robert'); DROP TABLE members;--",
	"' OR '1'='1",
	'1; DELETE FROM applications; --',
	'" OR ""="',
	"张三'; UPDATE members SET org_id = 'X' WHERE '1'='1",
	'%_\\%',
	'\u0000nul',
];
const HUGE = '工'.repeat(200_000);

type Tree = Record<string, unknown>;

function setPath(target: Tree, path: string, value: unknown): void {
	const parts = path.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) node = node[part] as Tree;
	node[parts[parts.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], source);
}

let unique = 0;

/** Posts the value in the field; it must be refused (400) or read back exactly as sent. */
async function refusedOrVerbatim(create: () => Tree, path: string, field: string, value: string, read: (reply: Reply) => Promise<Reply>) {
	const body = create();
	setPath(body, field, value);
	const reply = await api.post(path, body);
	if (reply.status === 400) {
		expect(reply.body.code).toBe('VALIDATION_FAILED');
		return 'refused';
	}
	expect({ field, status: reply.status, body: reply.body }).toMatchObject({ status: 201 });
	expect(getPath((await read(reply)).body, field)).toBe(value);
	return 'stored';
}

describe('hostile input in every text field', () => {
	let tables: string[];
	let members: number;
	let memberId: string;
	beforeAll(async () => {
		tables = (platform.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
		members = count('members');
		memberId = (await api.get('/members?limit=1')).body.items[0].memberId;
	});

	const APPLICATION_FIELDS = ['name', 'idNumber', 'phone', 'workCity', 'residenceCity', 'platform.name', 'platform.usci', 'platform.unionOrgId', 'employer.name', 'employer.usci', 'dispatchAgency.name', 'existingMembership.orgName', 'existingMembership.since', 'applicationId'];
	test.each(APPLICATION_FIELDS)('application.%s', async (field) => {
		const create = () => application({ applicationId: `APP-H-${unique++}`, residenceCity: '深圳', employer: { name: '单位' }, dispatchAgency: { name: '派遣' }, existingMembership: { orgId: 'FED-440300', orgName: '联合会', since: '2021-01-01' } });
		const read = (reply: Reply) => api.get(`/applications/${encodeURIComponent(reply.body.applicationId)}`);
		for (const value of [...HOSTILE, HUGE]) await refusedOrVerbatim(create, '/applications', field, value, read);
	});

	const CLAIM_FIELDS = ['accident.description', 'accident.diagnoses.0', 'hospital.name', 'hospital.level', 'hospital.ownership', 'hospital.category', 'invoices.0.invoiceCode', 'invoices.0.invoiceNo', 'payee.name', 'payee.bankAccount', 'documents.accidentProof.0', 'accidentId', 'claimId'];
	test.each(CLAIM_FIELDS)('claim.%s', async (field) => {
		const create = () => claim(memberId, `ACC-H-${unique}`, { claimId: `CL-H-${unique++}` });
		const read = (reply: Reply) => api.get(`/claims/${encodeURIComponent(reply.body.claimId)}`);
		for (const value of [...HOSTILE, HUGE]) await refusedOrVerbatim(create, '/claims', field, value, read);
	});

	const ORGANIZATION_FIELDS = ['name', 'usci', 'orgId'];
	test.each(ORGANIZATION_FIELDS)('organization.%s', async (field) => {
		const create = () => ({ orgId: `ORG-H-${unique++}`, type: 'enterprise', cityCode: '440100', name: '广州市测试工会', usci: '91440100MA5D00000X' });
		const read = (reply: Reply) => api.get(`/organizations/${encodeURIComponent(reply.body.orgId)}`);
		for (const value of [...HOSTILE, HUGE]) await refusedOrVerbatim(create, '/organizations', field, value, read);
	});

	test('decision comments and reasons, transfer comments, member names', async () => {
		for (const value of [...HOSTILE, HUGE]) {
			const created = await api.post('/applications', application({ idNumber: `4403051990010${String(unique++).padStart(4, '0')}0` }));
			const decided = await api.post(
				`/applications/${created.body.applicationId}/decision`,
				{ outcome: 'reject', reasons: [{ code: 'NAME_INVALID', severity: 'reject', message: value, rule: value }], comment: value },
				{ ifMatch: 1 },
			);
			if (decided.status === 200) {
				expect(decided.body.decision).toMatchObject({ comment: value, reasons: [{ message: value, rule: value }] });
			} else {
				// Three copies of the 600 kB value pass the 1 MiB body limit.
				expect([400, 413]).toContain(decided.status);
			}
			const member = (await api.get(`/members/${memberId}`)).body;
			const renamed = await api.patch(`/members/${memberId}`, { name: value }, { ifMatch: member.version });
			if (renamed.status === 200) expect((await api.get(`/members/${memberId}`)).body.name).toBe(value);
			else expect(renamed.status).toBe(400);
		}
	});

	test('query and path parameters are values, never SQL', async () => {
		for (const value of HOSTILE) {
			const q = encodeURIComponent(value);
			const searches: Array<[string, (item: JsonBody) => unknown]> = [
				[`/members?idNumber=${q}`, (m) => m.idNumber],
				[`/members?employerUsci=${q}`, (m) => m.employer?.usci],
				[`/organizations?usci=${q}`, (o) => o.usci],
				[`/members?orgId=${q}`, (m) => m.orgId],
				[`/claims?memberId=${q}`, (c) => c.memberId],
				[`/transfers?orgId=${q}`, (t) => t.fromOrgId],
			];
			for (const [path, field] of searches) {
				const reply = await api.get(path);
				expect([200, 400]).toContain(reply.status);
				// Only records holding exactly this text (a hostile usci stored above finds itself).
				if (reply.status === 200) for (const item of reply.body.items) expect(field(item)).toBe(value);
			}
			expect((await api.get(`/members/${q}`)).status).toBe(404);
			expect((await api.get(`/members?cursor=${q}`)).status).toBe(400);
		}
	});

	afterAll(() => {
		const now = (platform.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
		expect(now).toEqual(tables);
		expect(count('members')).toBe(members);
		expect(platform.db.prepare("SELECT COUNT(*) AS n FROM members WHERE org_id = 'X'").get()).toEqual({ n: 0 });
	});
});

describe('oversized and malformed bodies', () => {
	test('a body over 1 MiB gets 413 and stores nothing', async () => {
		const before = count('applications');
		const body = application({ name: 'x'.repeat(1024 * 1024) });
		const reply = await api.post('/applications', body);
		expect(reply.status).toBe(413);
		expect(reply.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
		expect(count('applications')).toBe(before);
		// The server is still there for the next request.
		expect((await api.get('/organizations/FED-440300')).status).toBe(200);
	});

	test('not JSON, or not sent as JSON', async () => {
		const malformed = await api.request('POST', '/applications', { raw: '{"name": ' });
		expect(malformed.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
		const text = await api.request('POST', '/applications', { raw: JSON.stringify(application()), headers: { 'Content-Type': 'text/plain' } });
		expect(text.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
	});

	test('a field over its length, or of the wrong type, is named', async () => {
		const reply = await api.post('/applications', application({ name: '张'.repeat(101), group: 'pilot', realNameVerified: 'yes', extra: 1 }));
		expect(reply.status).toBe(400);
		expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'group', 'name', 'realNameVerified']);
		expect(reply.schemaErrors).toBeNull();
	});

	test('the approval of a hostile-but-stored name admits it verbatim', async () => {
		const name = "O'Brien; --";
		const created = await api.post('/applications', application({ name, idNumber: '44030519851111002X' }));
		const approved = await api.post(`/applications/${created.body.applicationId}/decision`, APPROVE_AT_FEDERATION, { ifMatch: 1 });
		expect((await api.get(`/members/${approved.body.memberId}`)).body.name).toBe(name);
	});
});

describe('platform company tokens', () => {
	test('a bearer token is refused when missing, unknown or expired', async () => {
		let now = Date.now();
		const { platform: p, client } = await startPlatform({ seed: { size: 50 }, clock: () => now });
		try {
			const token = (await (await fetch(`${p.url}/companies/sf-demo/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'grant_type=client_credentials&client_id=sf-demo-client&client_secret=sf-demo-secret',
			})).json()) as { access_token: string };
			const auth = { headers: { Authorization: `Bearer ${token.access_token}` } };
			expect((await client.get('/companies/sf-demo/roster/counts', auth)).status).toBe(200);
			const none = await client.get('/companies/sf-demo/roster/counts');
			expect(none.body.code).toBe('TOKEN_MISSING');
			expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect((await client.get('/companies/sf-demo/roster/counts', { headers: { Authorization: 'Bearer made-up' } })).body.code).toBe('TOKEN_INVALID');
			now += 3601 * 1000;
			expect((await client.get('/companies/sf-demo/roster/counts', auth)).body.code).toBe('TOKEN_INVALID');
		} finally {
			await p.close();
		}
	});
});
