/**
 * Every operation of both contract documents, over real HTTP, each answer checked against the
 * documented schema for its status.
 */
import { loadContract } from '../../sandbox/contract/openapi';
import type { PlatformServer } from '../../sandbox/server';
import { APPROVE_AT_FEDERATION, application, claim, companyToken, seen, startPlatform, type Client, type Reply } from './platformClient';

let platform: PlatformServer;
let api: Client;
let client: Client;

beforeAll(async () => {
	({ platform, api, client } = await startPlatform({ seed: { size: 300 } }));
});
afterAll(() => platform.close());

function expectContract(reply: Reply, status: number): Reply {
	expect({ status: reply.status, body: reply.body }).toEqual(expect.objectContaining({ status }));
	expect(reply.schemaErrors).toBeNull();
	return reply;
}

describe('applications', () => {
	test('submit, read, list, decide (approve creates the member)', async () => {
		const created = expectContract(await api.post('/applications', application({ applicationId: 'APP-T-1' })), 201);
		expect(created.body).toMatchObject({ applicationId: 'APP-T-1', status: 'pending', cityCode: '440300', version: 1, channel: 'mini_program' });
		expect(created.headers.get('etag')).toBe('"1"');
		expect(created.headers.get('location')).toBe('/api/v1/applications/APP-T-1');

		const read = expectContract(await api.get('/applications/APP-T-1'), 200);
		expect(read.body).toEqual(created.body);

		const announced = expectContract(await api.post('/applications/APP-T-1/redelivery'), 202);
		expect(announced.body).toMatchObject({ type: 'application.submitted', data: read.body });

		const pending = expectContract(await api.get('/applications?status=pending&cityCode=440300&limit=500'), 200);
		expect(pending.body.items.map((a: { applicationId: string }) => a.applicationId)).toContain('APP-T-1');
		expect(pending.body.items.every((a: { status: string; cityCode: string }) => a.status === 'pending' && a.cityCode === '440300')).toBe(true);

		const decided = expectContract(await api.post('/applications/APP-T-1/decision', APPROVE_AT_FEDERATION, { ifMatch: 1 }), 200);
		expect(decided.body).toMatchObject({ status: 'approved', version: 2, decision: { outcome: 'approve', assignedOrg: { cityCode: '440300' } } });
		const member = expectContract(await api.get(`/members/${decided.body.memberId}`), 200);
		expect(member.body).toMatchObject({ orgId: 'FED-440300', cityCode: '440300', idNumber: '11010519491231002X', realNameRegistered: true, version: 1 });

		expectContract(await api.post('/applications/APP-T-1/decision', APPROVE_AT_FEDERATION, { ifMatch: 2 }), 409);
		expect(expectContract(await api.post('/applications/APP-T-1/redelivery'), 409).body.code).toBe('NOT_PENDING');
		expectContract(await api.get('/applications/NOPE'), 404);
	});

	test('review parks the application; a reject then closes it; the same ID cannot be admitted twice', async () => {
		await api.post('/applications', application({ applicationId: 'APP-T-2', group: 'other' }));
		const review = expectContract(
			await api.post('/applications/APP-T-2/decision', { outcome: 'review', reasons: [{ code: 'GROUP_OTHER', severity: 'review', message: '其他群体', rule: '附件2' }], assignedOrg: null }, { ifMatch: 1 }),
			200,
		);
		expect(review.body.status).toBe('review');
		const approved = await api.post('/applications/APP-T-2/decision', APPROVE_AT_FEDERATION, { ifMatch: 2 });
		expectContract(approved, 409);
		expect(approved.body.code).toBe('ALREADY_MEMBER');
		const rejected = expectContract(await api.post('/applications/APP-T-2/decision', { outcome: 'reject', reasons: [] }, { ifMatch: 2 }), 200);
		expect(rejected.body.decisions).toHaveLength(2);
		expect(rejected.body.memberId).toBeNull();
	});

	test('approve needs an assigned organization that exists', async () => {
		await api.post('/applications', application({ applicationId: 'APP-T-3', idNumber: '440305199001011234' }));
		const missing = expectContract(await api.post('/applications/APP-T-3/decision', { outcome: 'approve', reasons: [] }, { ifMatch: 1 }), 400);
		expect(missing.body.errors).toContainEqual({ field: 'assignedOrg', message: 'is required' });
		const unknown = expectContract(
			await api.post('/applications/APP-T-3/decision', { ...APPROVE_AT_FEDERATION, assignedOrg: { type: 'enterprise', cityCode: '440300', orgId: 'ENT-NOPE' } }, { ifMatch: 1 }),
			422,
		);
		expect(unknown.body.code).toBe('ORG_NOT_FOUND');
	});
});

describe('members', () => {
	test('pages through a city with stable cursors', async () => {
		const first = expectContract(await api.get('/members?cityCode=440100&limit=5'), 200);
		expect(first.body.items).toHaveLength(5);
		expect(first.body.nextCursor).toEqual(expect.any(String));
		const second = expectContract(await api.get(`/members?cityCode=440100&limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`), 200);
		const ids = [...first.body.items, ...second.body.items].map((m: { memberId: string }) => m.memberId);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...first.body.items, ...second.body.items].every((m: { cityCode: string }) => m.cityCode === '440100')).toBe(true);
		const all: string[] = [];
		let cursor: string | null = null;
		do {
			const page: Reply = await api.get(`/members?cityCode=440100&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			all.push(...page.body.items.map((m: { memberId: string }) => m.memberId));
			cursor = page.body.nextCursor;
		} while (cursor);
		const count = (platform.db.prepare("SELECT COUNT(*) AS n FROM members WHERE city_code = '440100'").get() as { n: number }).n;
		expect(all).toHaveLength(count);
		expectContract(await api.get('/members?cursor=not-a-cursor'), 400);
		const bad = expectContract(await api.get('/members?limit=501'), 400);
		expect(bad.body.errors[0].field).toBe('limit');
	});

	test('finds by ID number (lower-case x read as X), org and employer', async () => {
		const row = platform.db.prepare('SELECT member_id, id_number, org_id, employer_usci FROM members ORDER BY seq LIMIT 1').get() as Record<string, string>;
		const byId = expectContract(await api.get(`/members?idNumber=${row.id_number.toLowerCase()}`), 200);
		expect(byId.body.items.map((m: { memberId: string }) => m.memberId)).toEqual([row.member_id]);
		const byOrg = expectContract(await api.get(`/members?orgId=${row.org_id}&limit=500`), 200);
		expect(byOrg.body.items.every((m: { orgId: string }) => m.orgId === row.org_id)).toBe(true);
		const byEmployer = expectContract(await api.get(`/members?employerUsci=${row.employer_usci}`), 200);
		expect(byEmployer.body.items.every((m: { employer: { usci: string } }) => m.employer.usci === row.employer_usci)).toBe(true);
	});

	test('updates with the version; orgId and idNumber cannot be patched', async () => {
		const member = (await api.get('/members?limit=1')).body.items[0];
		const updated = expectContract(await api.patch(`/members/${member.memberId}`, { realNameRegistered: true, phone: '+86 139-0013-9000' }, { ifMatch: `"${member.version}"` }), 200);
		expect(updated.body).toMatchObject({ realNameRegistered: true, phone: '13900139000', version: member.version + 1 });
		expect(updated.headers.get('etag')).toBe(`"${member.version + 1}"`);
		const moved = expectContract(await api.patch(`/members/${member.memberId}`, { orgId: 'FED-440100' }, { ifMatch: member.version + 1 }), 400);
		expect(moved.body.errors).toContainEqual({ field: 'orgId', message: 'is not an allowed field' });
		expectContract(await api.patch(`/members/${member.memberId}`, { name: '李四' }), 428);
		expectContract(await api.get('/members/M99999999'), 404);
	});
});

describe('organizations', () => {
	test('the 21 federations with two admins each', async () => {
		const feds = expectContract(await api.get('/organizations?type=city_newform_federation'), 200);
		expect(feds.body.items.map((o: { orgId: string }) => o.orgId).sort()).toHaveLength(21);
		const admins = expectContract(await api.get('/organizations/FED-440300/admins'), 200);
		expect(admins.body.items.map((a: { adminId: string }) => a.adminId)).toEqual(['ADM-440300-1', 'ADM-440300-2']);
		expectContract(await api.get('/organizations/NOPE/admins'), 404);
	});

	test('register, read, find by USCI, dissolve', async () => {
		const input = { orgId: 'ENT-440300-T1', type: 'enterprise', cityCode: '440300', name: '深圳市测试配送有限公司工会', usci: '91440300MA5DTEST0X', parentOrgId: 'FED-440300', admins: [{ name: '王芳', phone: '13700137000' }] };
		const created = expectContract(await api.post('/organizations', input, { idempotencyKey: 'org-t1' }), 201);
		expect(created.body).toMatchObject({ orgId: 'ENT-440300-T1', status: 'active', version: 1 });
		expectContract(await api.get('/organizations/ENT-440300-T1'), 200);
		const byUsci = expectContract(await api.get('/organizations?usci=91440300ma5dtest0x'), 200);
		expect(byUsci.body.items.map((o: { orgId: string }) => o.orgId)).toEqual(['ENT-440300-T1']);
		expect((await api.get('/organizations/ENT-440300-T1/admins')).body.items[0].adminId).toBe('ADM-ENT-440300-T1-1');
		const again = expectContract(await api.post('/organizations', input), 409);
		expect(again.body.code).toBe('ORG_EXISTS');
		const recorded = expectContract(await api.get(`/organizations?createdAfter=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`), 200);
		expect(recorded.body.items.map((o: { orgId: string }) => o.orgId)).toEqual(['ENT-440300-T1']);
		const announced = expectContract(await api.post('/organizations/ENT-440300-T1/redelivery'), 202);
		expect(announced.body).toMatchObject({ type: 'organization.established', data: created.body });
		const dissolved = expectContract(await api.patch('/organizations/ENT-440300-T1', { status: 'dissolved' }, { ifMatch: 1 }), 200);
		expect(dissolved.body).toMatchObject({ status: 'dissolved', version: 2 });
		expectContract(await api.patch('/organizations/ENT-440300-T1', { status: 'active' }, { ifMatch: 1 }), 409);
		expect(expectContract(await api.post('/organizations/ENT-440300-T1/redelivery'), 409).body.code).toBe('ORG_DISSOLVED');
		expectContract(await api.post('/organizations/NOPE/redelivery'), 404);
		expectContract(await api.get('/organizations/NOPE'), 404);
	});
});

describe('transfers', () => {
	test('request, release, complete: the member moves and keeps joinedAt', async () => {
		await api.post('/organizations', { orgId: 'ENT-440300-T2', type: 'enterprise', cityCode: '440300', name: '深圳市接收单位工会', admins: [{ adminId: 'ADM-T2', name: '陈静', phone: '13600136000' }] });
		const member = (await api.get('/members?orgId=FED-440300&limit=1')).body.items[0];
		const requested = expectContract(
			await api.post('/transfers', { memberId: member.memberId, fromOrgId: 'FED-440300', toOrgId: 'ENT-440300-T2', reason: 'employer_union_established', requestedBy: { actorId: 'ADM-440300-1', actorOrgId: 'FED-440300' } }),
			201,
		);
		expect(requested.body).toMatchObject({ state: 'requested', version: 1, crossCity: false });
		const id = requested.body.transferId;
		expectContract(await api.get(`/transfers/${id}`), 200);
		const listed = expectContract(await api.get(`/transfers?memberId=${member.memberId}&state=requested`), 200);
		expect(listed.body.items.map((t: { transferId: string }) => t.transferId)).toEqual([id]);
		const byOrg = expectContract(await api.get('/transfers?orgId=ENT-440300-T2'), 200);
		expect(byOrg.body.items.map((t: { transferId: string }) => t.transferId)).toContain(id);

		const wrongActor = expectContract(await api.post(`/transfers/${id}/events`, { event: 'release', actorId: 'ADM-T2', actorOrgId: 'ENT-440300-T2' }, { ifMatch: 1 }), 403);
		expect(wrongActor.body.code).toBe('NOT_AUTHORIZED');
		const early = expectContract(await api.post(`/transfers/${id}/events`, { event: 'complete', actorId: 'ADM-T2', actorOrgId: 'ENT-440300-T2' }, { ifMatch: 1 }), 409);
		expect(early.body.code).toBe('INVALID_TRANSITION');
		const released = expectContract(await api.post(`/transfers/${id}/events`, { event: 'release', actorId: 'ADM-440300-2', actorOrgId: 'FED-440300' }, { ifMatch: 1 }), 200);
		expect(released.body.state).toBe('released');
		const completed = expectContract(await api.post(`/transfers/${id}/events`, { event: 'complete', actorId: 'ADM-T2', actorOrgId: 'ENT-440300-T2', comment: '欢迎' }, { ifMatch: 2 }), 200);
		expect(completed.body.state).toBe('completed');
		expect(completed.body.history.map((h: { state: string }) => h.state)).toEqual(['requested', 'released', 'completed']);
		const moved = (await api.get(`/members/${member.memberId}`)).body;
		expect(moved).toMatchObject({ orgId: 'ENT-440300-T2', joinedAt: member.joinedAt, version: member.version + 1 });
		expectContract(await api.get('/transfers/TR-NOPE'), 404);
	});

	test('refusals: same org, not at source, dissolved target, unknown member', async () => {
		const member = (await api.get('/members?orgId=FED-441900&limit=1')).body.items[0];
		const base = { memberId: member.memberId, fromOrgId: 'FED-441900', reason: 'member_request', requestedBy: { actorId: member.memberId } };
		expect((await api.post('/transfers', { ...base, toOrgId: 'FED-441900' })).body.code).toBe('SAME_ORG');
		expect((await api.post('/transfers', { ...base, fromOrgId: 'FED-440100', toOrgId: 'FED-441900' })).body.code).toBe('NOT_AT_SOURCE');
		const inactive = expectContract(await api.post('/transfers', { ...base, toOrgId: 'ENT-441900-90' }), 409);
		expect(inactive.body.code).toBe('TARGET_INACTIVE');
		const unknown = expectContract(await api.post('/transfers', { ...base, memberId: 'M-NOPE', toOrgId: 'FED-440100' }), 422);
		expect(unknown.body.code).toBe('MEMBER_NOT_FOUND');
	});
});

describe('enrolments and claims', () => {
	let memberId: string;
	beforeAll(async () => {
		memberId = (await api.get('/members?cityCode=440500&limit=1')).body.items[0].memberId;
	});

	test('enrol once per plan', async () => {
		const enrolled = expectContract(await api.post('/enrolments', { memberId, planId: 'GD-NEWFORM-2024', enrolledAt: '2024-01-05T10:00:00+08:00' }), 201);
		expect(enrolled.body).toMatchObject({ memberId, planId: 'GD-NEWFORM-2024', enrolledAt: '2024-01-05T10:00:00.000+08:00' });
		const twice = expectContract(await api.post('/enrolments', { memberId, planId: 'GD-NEWFORM-2024' }), 409);
		expect(twice.body).toMatchObject({ code: 'ENROLMENT_DUPLICATE', enrolmentId: enrolled.body.enrolmentId });
		const listed = expectContract(await api.get(`/enrolments?memberId=${memberId}&planId=GD-NEWFORM-2024`), 200);
		expect(listed.body.items).toHaveLength(1);
		expect((await api.get(`/members/${memberId}`)).body.enrolments).toContainEqual({ planId: 'GD-NEWFORM-2024', enrolledAt: '2024-01-05T10:00:00.000+08:00' });
		expectContract(await api.post('/enrolments', { memberId: 'M-NOPE', planId: 'GD-NEWFORM-2024' }), 422);
	});

	test('submit, decide with payout, read the history', async () => {
		const submitted = expectContract(await api.post('/claims', claim(memberId, 'ACC-T-1')), 201);
		expect(submitted.body).toMatchObject({ status: 'submitted', decision: null, version: 1 });
		const id = submitted.body.claimId;
		expectContract(await api.get(`/claims/${id}`), 200);
		const listed = expectContract(await api.get(`/claims?memberId=${memberId}&status=submitted`), 200);
		expect(listed.body.items.map((c: { claimId: string }) => c.claimId)).toContain(id);
		const decision = { outcome: 'approved', planId: 'GD-NEWFORM-2022', countedFen: 60_000, tierFen: 50_000, payoutFen: 50_000, reasons: [], countedInvoiceKeys: ['044031900111:00000001'] };
		const decided = expectContract(await api.post(`/claims/${id}/decision`, decision, { ifMatch: 1 }), 200);
		expect(decided.body).toMatchObject({ status: 'approved', version: 2, decision: { payoutFen: 50_000, paidInPlanAfterFen: 50_000, remainingCapAfterFen: 950_000 } });
		const again = expectContract(await api.post(`/claims/${id}/decision`, decision, { ifMatch: 2 }), 409);
		expect(again.body.code).toBe('ALREADY_DECIDED');
		const history = expectContract(await api.get(`/members/${memberId}/claims?planId=GD-NEWFORM-2022&accidentId=ACC-T-1`), 200);
		expect(history.body.history).toEqual({ paidInPlanFen: 50_000, paidForAccidentFen: 50_000, countedForAccidentFen: 60_000, countedInvoiceKeys: ['044031900111:00000001'] });
		expect(history.body.accidents).toContainEqual(expect.objectContaining({ accidentId: 'ACC-T-1', tierFen: 50_000 }));
		expectContract(await api.get('/members/M-NOPE/claims'), 404);
		expectContract(await api.get('/claims/CL-NOPE'), 404);
		const notApproved = expectContract(await api.post(`/claims/${(await api.post('/claims', claim(memberId, 'ACC-T-2'))).body.claimId}/decision`, { ...decision, outcome: 'manual_review' }, { ifMatch: 1 }), 422);
		expect(notApproved.body.code).toBe('PAYOUT_NOT_APPROVED');
	});

	test('a malformed claim is refused with each bad field named', async () => {
		const bad = expectContract(
			await api.post('/claims', claim(memberId, 'ACC-T-3', { accident: { date: '2022-13-40' }, invoices: [{ invoiceCode: 'x', invoiceNo: 'y', serviceDate: '2022-05-10', selfPaidInScopeFen: 12.5 }] })),
			400,
		);
		expect(bad.body.code).toBe('VALIDATION_FAILED');
		expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['accident.date', 'invoices.0.selfPaidInScopeFen']));
	});
});

describe('statistics', () => {
	test('progress covers the 21 cities and five groups, and counts the seeded members', async () => {
		const progress = expectContract(await api.get('/statistics/progress?asOf=2022-12-31&since=2019-01-01'), 200);
		expect(progress.body.cities).toHaveLength(21);
		const joined = progress.body.cities.reduce((sum: number, c: { newMembers: number }) => sum + c.newMembers, 0);
		const members = (platform.db.prepare("SELECT COUNT(*) AS n FROM members WHERE joined_at < '2023-01-01'").get() as { n: number }).n;
		expect(joined).toBe(members);
		for (const city of progress.body.cities) {
			for (const g of city.groups) expect(g.platformRegistered).toBeLessThanOrEqual(g.joined);
		}
		const enrolled = progress.body.cities.flatMap((c: { groups: Array<{ enrolled: number }> }) => c.groups).reduce((s: number, g: { enrolled: number }) => s + g.enrolled, 0);
		const expected = platform.db
			.prepare("SELECT COUNT(DISTINCT m.member_id) AS n FROM members m JOIN enrolments e ON e.member_id = m.member_id WHERE m.joined_at >= '2019-01-01' AND m.joined_at < '2023-01-01' AND e.enrolled_at < '2023-01-01'")
			.get() as { n: number };
		expect(enrolled).toBe(expected.n);
		expect(enrolled).toBeGreaterThan(0);
		expect(progress.body.surveyWeekOf).toBe('2022-10-31');
		expectContract(await api.get('/statistics/progress?asOf=2022-02-30'), 400);
	});

	test('a survey week replaces the earlier one of the same week', async () => {
		const week = { weekOf: '2022-11-07', counts: [{ cityCode: '440300', group: 'courier', surveyed: 4321 }] };
		expectContract(await api.put('/statistics/survey', week), 200);
		expectContract(await api.put('/statistics/survey', { ...week, counts: [{ cityCode: '440300', group: 'courier', surveyed: 4000 }] }), 200);
		const progress = (await api.get('/statistics/progress?asOf=2022-11-30')).body;
		const shenzhen = progress.cities.find((c: { cityCode: string }) => c.cityCode === '440300');
		expect(shenzhen.groups.find((g: { group: string }) => g.group === 'courier').surveyed).toBe(4000);
		expect(shenzhen.groups.find((g: { group: string }) => g.group === 'truck_driver').surveyed).toBe(0);
		const dup = expectContract(await api.put('/statistics/survey', { weekOf: '2022-11-07', counts: [week.counts[0], week.counts[0]] }), 400);
		expect(dup.body.errors[0].field).toBe('counts.1');
	});
});

describe('webhook subscriptions', () => {
	test('subscribe, list, read the log, unsubscribe', async () => {
		const created = expectContract(await api.post('/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['claim.submitted'] }), 201);
		expect(created.body).toMatchObject({ url: 'http://127.0.0.1:9/hook', events: ['claim.submitted'], hasOwnSecret: false });
		expectContract(await api.post('/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['claim.submitted'] }), 409);
		expectContract(await api.post('/webhooks', { url: 'ftp://127.0.0.1/hook', events: ['nope'] }), 400);
		const listed = expectContract(await api.get('/webhooks'), 200);
		expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
		expectContract(await api.get(`/webhooks/${created.body.id}/deliveries?state=pending`), 200);
		expect((await api.delete(`/webhooks/${created.body.id}`)).status).toBe(204);
		expectContract(await api.delete(`/webhooks/${created.body.id}`), 404);
		expectContract(await api.get(`/webhooks/${created.body.id}/deliveries`), 404);
	});
});

describe('platform companies', () => {
	test('OAuth2 client credentials by Basic or form fields; wrong secret refused', async () => {
		const token = await companyToken(platform.url, 'meituan-demo');
		expect(token).toEqual(expect.any(String));
		const byForm = expectContract(
			await client.request('POST', '/companies/didi-demo/oauth/token', {
				raw: 'grant_type=client_credentials&client_id=didi-demo-client&client_secret=didi-demo-secret',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			}),
			200,
		);
		expect(byForm.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		const wrong = expectContract(
			await client.request('POST', '/companies/didi-demo/oauth/token', {
				raw: 'grant_type=client_credentials&client_id=didi-demo-client&client_secret=guess',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			}),
			401,
		);
		expect(wrong.body.error).toBe('invalid_client');
		const grant = expectContract(await client.request('POST', '/companies/didi-demo/oauth/token', { raw: 'grant_type=password', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 400);
		expect(grant.body.error).toBe('unsupported_grant_type');
		expectContract(await client.request('POST', '/companies/nope/oauth/token', { raw: 'grant_type=client_credentials', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 404);
	});

	test('employment lookup, roster and counts behind the token', async () => {
		const token = await companyToken(platform.url, 'meituan-demo');
		const auth = { headers: { Authorization: `Bearer ${token}` } };
		const worker = platform.db.prepare("SELECT id_number, relation, city_code FROM company_workers WHERE company_id = 'meituan-demo' LIMIT 1").get() as Record<string, string>;
		const found = expectContract(await client.get(`/companies/meituan-demo/workers/employment?idNumber=${worker.id_number.toLowerCase()}`, auth), 200);
		expect(found.body).toMatchObject({ found: true, relation: worker.relation, cityCode: worker.city_code, platform: { name: '美团配送（演示）' } });
		const unknown = expectContract(await client.get('/companies/meituan-demo/workers/employment?idNumber=11010519491231002X', auth), 404);
		expect(unknown.body).toMatchObject({ code: 'WORKER_NOT_FOUND', found: false });
		expectContract(await client.get('/companies/meituan-demo/workers/employment', auth), 400);
		const otherCompany = expectContract(await client.get('/companies/didi-demo/roster', auth), 401);
		expect(otherCompany.body.code).toBe('TOKEN_INVALID');
		expectContract(await client.get('/companies/meituan-demo/roster'), 401);

		const roster = expectContract(await client.get('/companies/meituan-demo/roster?cityCode=440300&limit=50', auth), 200);
		expect(roster.body.items.every((w: { cityCode: string }) => w.cityCode === '440300')).toBe(true);
		const counts = expectContract(await client.get('/companies/meituan-demo/roster/counts', auth), 200);
		const active = (platform.db.prepare("SELECT COUNT(*) AS n FROM company_workers WHERE company_id = 'meituan-demo' AND active = 1").get() as { n: number }).n;
		expect(counts.body.counts.reduce((s: number, c: { workers: number }) => s + c.workers, 0)).toBe(active);
		expectContract(await client.get('/companies/nope/roster/counts', auth), 404);
	});
});

test('every operation of both documents was exercised with a success', () => {
	const contract = loadContract();
	const missing = contract.operations
		.filter((op) => ![...(seen.get(op.operationId) ?? [])].some((status) => status >= 200 && status < 300))
		.map((op) => op.operationId);
	expect(missing).toEqual([]);
	expect(contract.operations.length).toBe(35);
});
