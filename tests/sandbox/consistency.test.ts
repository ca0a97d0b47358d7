/**
 * What a system of record must hold however requests interleave: idempotent creates, versioned
 * updates, one open transfer per member, one enrolment per person and plan, payouts never past
 * the plan cap or the accident's tier.
 */
import { residentIdCheckCharacter } from '../../lib/core/identity';
import type { PlatformServer } from '../../sandbox/server';
import { createClient, startPlatform, application, claim, APPROVE_AT_FEDERATION, type Client } from './platformClient';

let platform: PlatformServer;
let api: Client;

beforeAll(async () => {
	({ platform, api } = await startPlatform({ seed: { size: 300 }, appKeys: { 'demo-app': 'demo-secret-change-me', 'other-app': 'other-secret-0123' } }));
});
afterAll(() => platform.close());

const count = (sql: string, ...args: unknown[]) => (platform.db.prepare(sql).get(...args) as { n: number }).n;

let people = 0;

/** A new member at the city's federation, through an approved application. */
async function freshMember(cityCode = '440100'): Promise<{ memberId: string; orgId: string; version: number }> {
	const first17 = `44010619900101${String(100 + people++).padStart(3, '0')}`;
	const idNumber = first17 + residentIdCheckCharacter(first17);
	const created = await api.post('/applications', application({ idNumber, workCity: cityCode }));
	const approved = await api.post(`/applications/${created.body.applicationId}/decision`, { ...APPROVE_AT_FEDERATION, assignedOrg: { type: 'city_newform_federation', cityCode } }, { ifMatch: 1 });
	expect(approved.status).toBe(200);
	return { memberId: approved.body.memberId, orgId: `FED-${cityCode}`, version: 1 };
}

describe('Idempotency-Key', () => {
	test('a repeat returns the first answer and creates nothing more', async () => {
		const body = application({ idNumber: '440106199507070016' });
		const first = await api.post('/applications', body, { idempotencyKey: 'app-key-1' });
		const before = count('SELECT COUNT(*) AS n FROM applications');
		const repeat = await api.post('/applications', body, { idempotencyKey: 'app-key-1' });
		expect(repeat.status).toBe(201);
		expect(repeat.body).toEqual(first.body);
		expect(repeat.headers.get('idempotent-replayed')).toBe('true');
		expect(repeat.headers.get('location')).toBe(first.headers.get('location'));
		expect(count('SELECT COUNT(*) AS n FROM applications')).toBe(before);
	});

	test('concurrent repeats create one record', async () => {
		const body = { orgId: 'ENT-440100-IDEM', type: 'enterprise', cityCode: '440100', name: '广州市幂等测试工会' };
		const replies = await Promise.all(Array.from({ length: 8 }, () => api.post('/organizations', body, { idempotencyKey: 'org-concurrent' })));
		expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
		expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
		expect(count("SELECT COUNT(*) AS n FROM events WHERE type = 'organization.established' AND data LIKE '%ENT-440100-IDEM%'")).toBe(1);
	});

	test('a refusal is remembered too, and the same key with another body is refused', async () => {
		const member = await freshMember();
		const enrol = { memberId: member.memberId, planId: 'GD-NEWFORM-2025' };
		expect((await api.post('/enrolments', enrol, { idempotencyKey: 'enrol-1' })).status).toBe(201);
		expect((await api.post('/enrolments', enrol, { idempotencyKey: 'enrol-2' })).body.code).toBe('ENROLMENT_DUPLICATE');
		const replay = await api.post('/enrolments', enrol, { idempotencyKey: 'enrol-2' });
		expect(replay).toMatchObject({ status: 409, body: { code: 'ENROLMENT_DUPLICATE' } });
		const reused = await api.post('/enrolments', { ...enrol, planId: 'GD-NEWFORM-2024' }, { idempotencyKey: 'enrol-1' });
		expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
		expect(count('SELECT COUNT(*) AS n FROM enrolments WHERE member_id = ?', member.memberId)).toBe(1);
	});

	test('keys belong to one app', async () => {
		const other = createClient(platform.apiUrl, { appKey: 'other-app', secret: 'other-secret-0123' });
		const mine = await api.post('/webhooks', { url: 'http://127.0.0.1:9/a', events: ['claim.submitted'] }, { idempotencyKey: 'same' });
		const theirs = await other.post('/webhooks', { url: 'http://127.0.0.1:9/a', events: ['claim.submitted'] }, { idempotencyKey: 'same' });
		expect([mine.status, theirs.status]).toEqual([201, 201]);
		expect(mine.body.id).not.toBe(theirs.body.id);
		expect((await other.get('/webhooks')).body.items.map((w: { id: string }) => w.id)).toEqual([theirs.body.id]);
		expect((await other.delete(`/webhooks/${mine.body.id}`)).status).toBe(404);
	});
});

describe('versions (If-Match)', () => {
	test('stale versions get 409, missing ones 428, on every updatable record', async () => {
		const member = await freshMember();
		expect((await api.patch(`/members/${member.memberId}`, { realNameRegistered: true }, { ifMatch: 1 })).status).toBe(200);
		const stale = await api.patch(`/members/${member.memberId}`, { realNameRegistered: false }, { ifMatch: 1 });
		expect(stale).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT', currentVersion: 2 } });
		expect((await api.patch(`/members/${member.memberId}`, { realNameRegistered: false }, { ifMatch: 'W/"2"' })).status).toBe(200);
		expect((await api.patch(`/members/${member.memberId}`, { realNameRegistered: false })).body.code).toBe('PRECONDITION_REQUIRED');
		expect((await api.patch(`/members/${member.memberId}`, { realNameRegistered: false }, { ifMatch: 'latest' })).status).toBe(400);

		const app = await api.post('/applications', application({ idNumber: '440106199808080018' }));
		expect((await api.post(`/applications/${app.body.applicationId}/decision`, { outcome: 'reject', reasons: [] }, { ifMatch: 2 })).body.code).toBe('VERSION_CONFLICT');
		expect((await api.post(`/applications/${app.body.applicationId}/decision`, { outcome: 'reject', reasons: [] })).status).toBe(428);

		const c = await api.post('/claims', claim(member.memberId, 'ACC-V'));
		expect((await api.post(`/claims/${c.body.claimId}/decision`, { outcome: 'manual_review', planId: null, countedFen: 0, tierFen: 0, payoutFen: 0, reasons: [], countedInvoiceKeys: [] }, { ifMatch: 5 })).body.code).toBe('VERSION_CONFLICT');
		expect((await api.patch('/organizations/FED-440100', { name: '改名' }, { ifMatch: 7 })).body.code).toBe('VERSION_CONFLICT');
	});

	test('two concurrent updates from the same version: exactly one wins', async () => {
		const member = await freshMember();
		const replies = await Promise.all(['张一', '张二', '张三', '张四'].map((name) => api.patch(`/members/${member.memberId}`, { name }, { ifMatch: 1 })));
		expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
		expect(replies.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT')).toBe(true);
		expect((await api.get(`/members/${member.memberId}`)).body.version).toBe(2);
	});
});

describe('one open transfer per member', () => {
	test('concurrent requests for one member: exactly one accepted, the rest TRANSFER_ALREADY_OPEN', async () => {
		for (let round = 0; round < 5; round++) {
			const member = await freshMember();
			const targets = ['FED-440300', 'FED-440600', 'FED-441900', 'FED-442000', 'ENT-440100-01', 'FED-440400'];
			const replies = await Promise.all(
				targets.map((toOrgId) => api.post('/transfers', { memberId: member.memberId, fromOrgId: member.orgId, toOrgId, reason: 'moved_city', requestedBy: { actorId: member.memberId } })),
			);
			expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
			const refused = replies.filter((r) => r.status !== 201);
			expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(targets.length - 1).fill([409, 'TRANSFER_ALREADY_OPEN']));
			expect(count("SELECT COUNT(*) AS n FROM transfers WHERE member_id = ? AND state IN ('requested', 'released')", member.memberId)).toBe(1);
		}
	});

	test('once the transfer is cancelled a new one may open; completion moves the member once', async () => {
		const member = await freshMember();
		const base = { memberId: member.memberId, fromOrgId: member.orgId, reason: 'moved_city', requestedBy: { actorId: member.memberId } };
		const first = await api.post('/transfers', { ...base, toOrgId: 'FED-440300' });
		expect((await api.post(`/transfers/${first.body.transferId}/events`, { event: 'cancel', actorId: member.memberId }, { ifMatch: 1 })).body.state).toBe('cancelled');
		const second = await api.post('/transfers', { ...base, toOrgId: 'FED-440600' });
		expect(second.status).toBe(201);
		expect(second.body.crossCity).toBe(true);
		await api.post(`/transfers/${second.body.transferId}/events`, { event: 'release', actorId: 'ADM-440100-1', actorOrgId: 'FED-440100' }, { ifMatch: 1 });
		const completions = await Promise.all([0, 1, 2].map(() => api.post(`/transfers/${second.body.transferId}/events`, { event: 'complete', actorId: 'ADM-440600-1', actorOrgId: 'FED-440600' }, { ifMatch: 2 })));
		expect(completions.filter((r) => r.status === 200)).toHaveLength(1);
		const moved = (await api.get(`/members/${member.memberId}`)).body;
		expect(moved).toMatchObject({ orgId: 'FED-440600', cityCode: '440600', version: 2 });
	});

	test('a completion refused at the last moment leaves the member where it was', async () => {
		const member = await freshMember();
		await api.post('/organizations', { orgId: 'ENT-440100-GONE', type: 'enterprise', cityCode: '440100', name: '即将注销工会', admins: [{ adminId: 'ADM-GONE', name: '赵敏', phone: '13500135000' }] });
		const t = await api.post('/transfers', { memberId: member.memberId, fromOrgId: member.orgId, toOrgId: 'ENT-440100-GONE', reason: 'changed_employer', requestedBy: { actorId: 'ADM-440100-1' } });
		await api.post(`/transfers/${t.body.transferId}/events`, { event: 'release', actorId: 'ADM-440100-1' }, { ifMatch: 1 });
		await api.patch('/organizations/ENT-440100-GONE', { status: 'dissolved' }, { ifMatch: 1 });
		const refused = await api.post(`/transfers/${t.body.transferId}/events`, { event: 'complete', actorId: 'ADM-GONE' }, { ifMatch: 2 });
		expect(refused.body.code).toBe('TARGET_INACTIVE');
		expect((await api.get(`/members/${member.memberId}`)).body.orgId).toBe(member.orgId);
		expect((await api.get(`/transfers/${t.body.transferId}`)).body.state).toBe('released');
	});

	test('the database refuses a second open transfer even if the code would not', () => {
		const open = platform.db.prepare("SELECT member_id FROM transfers WHERE state IN ('requested', 'released') LIMIT 1").get() as { member_id: string };
		expect(() =>
			platform.db
				.prepare("INSERT INTO transfers (transfer_id, member_id, from_org_id, to_org_id, reason, state, history, requested_at, expires_at, created_at, updated_at) VALUES ('TRX', ?, 'a', 'b', 'moved_city', 'requested', '[]', '', '', '', '')")
				.run(open.member_id),
		).toThrow(/UNIQUE/);
	});
});

describe('one enrolment per person and plan', () => {
	test('concurrent enrolments: exactly one', async () => {
		const member = await freshMember();
		const replies = await Promise.all(Array.from({ length: 6 }, () => api.post('/enrolments', { memberId: member.memberId, planId: 'GD-NEWFORM-2023' })));
		expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
		expect(replies.filter((r) => r.status === 409).every((r) => r.body.code === 'ENROLMENT_DUPLICATE')).toBe(true);
	});
});

describe('payouts never pass the plan cap or the accident tier', () => {
	const approved = (tierFen: number, payoutFen: number, keys: string[] = []) => ({
		outcome: 'approved',
		planId: 'GD-NEWFORM-2022',
		countedFen: tierFen + 10_000,
		tierFen,
		payoutFen,
		reasons: [],
		countedInvoiceKeys: keys,
	});

	test('concurrent decisions on separate accidents stop exactly at 1 000 000 fen', async () => {
		const member = await freshMember();
		const claims = await Promise.all([1, 2, 3, 4, 5].map((n) => api.post('/claims', claim(member.memberId, `ACC-CAP-${n}`))));
		const replies = await Promise.all(claims.map((c, i) => api.post(`/claims/${c.body.claimId}/decision`, approved(500_000, 300_000, [`K:${i}`]), { ifMatch: 1 })));
		expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
		const refused = replies.filter((r) => r.status !== 200);
		expect(refused.map((r) => r.body.code)).toEqual(['CAP_EXCEEDED', 'CAP_EXCEEDED']);
		expect(refused[0].body).toMatchObject({ paidInPlanFen: 900_000, remainingCapFen: 100_000 });
		const refusedClaim = claims[replies.indexOf(refused[0])].body.claimId;
		const last = await api.post(`/claims/${refusedClaim}/decision`, approved(500_000, 100_000), { ifMatch: 1 });
		expect(last.body.decision).toMatchObject({ paidInPlanAfterFen: 1_000_000, remainingCapAfterFen: 0 });
		expect(count("SELECT paid_fen AS n FROM plan_payouts WHERE member_id = ? AND plan_id = 'GD-NEWFORM-2022'", member.memberId)).toBe(1_000_000);
		const history = (await api.get(`/members/${member.memberId}/claims?planId=GD-NEWFORM-2022`)).body;
		expect(history.history.paidInPlanFen).toBe(1_000_000);
		const paid = history.claims.reduce((sum: number, c: { decision: { payoutFen: number } | null }) => sum + (c.decision?.payoutFen ?? 0), 0);
		expect(paid).toBe(1_000_000);
		// Another plan has its own cap.
		const next = await api.post('/claims', claim(member.memberId, 'ACC-CAP-2023'));
		expect((await api.post(`/claims/${next.body.claimId}/decision`, { ...approved(200_000, 200_000), planId: 'GD-NEWFORM-2023' }, { ifMatch: 1 })).status).toBe(200);
	});

	test('claims of one accident together never pass its tier', async () => {
		const member = await freshMember();
		const claims = await Promise.all([1, 2, 3].map(() => api.post('/claims', claim(member.memberId, 'ACC-TIER'))));
		const replies = await Promise.all(claims.map((c) => api.post(`/claims/${c.body.claimId}/decision`, approved(200_000, 150_000), { ifMatch: 1 })));
		expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
		expect(replies.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['TIER_EXCEEDED', 'TIER_EXCEEDED']);
		const topUp = replies.findIndex((r) => r.status === 409);
		expect((await api.post(`/claims/${claims[topUp].body.claimId}/decision`, approved(200_000, 50_000), { ifMatch: 1 })).status).toBe(200);
		expect(platform.db.prepare('SELECT paid_fen, tier_fen FROM accidents WHERE member_id = ? AND accident_id = ?').get(member.memberId, 'ACC-TIER')).toEqual({ paid_fen: 200_000, tier_fen: 200_000 });
	});

	test('concurrent decisions on one claim: one is recorded', async () => {
		const member = await freshMember();
		const c = await api.post('/claims', claim(member.memberId, 'ACC-ONE'));
		const replies = await Promise.all([0, 1, 2, 3].map(() => api.post(`/claims/${c.body.claimId}/decision`, approved(50_000, 50_000), { ifMatch: 1 })));
		expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
		expect(count('SELECT paid_fen AS n FROM plan_payouts WHERE member_id = ?', member.memberId)).toBe(50_000);
	});

	test('the database holds the line on its own', () => {
		expect(() => platform.db.prepare('UPDATE plan_payouts SET paid_fen = 1000001').run()).toThrow(/CHECK/);
		expect(() => platform.db.prepare('UPDATE accidents SET paid_fen = tier_fen + 1').run()).toThrow(/CHECK/);
	});
});
