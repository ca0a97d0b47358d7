/**
 * The daily transfer expiry template, run the way n8n runs it, against the local platform whose
 * clock is moved back to make transfers that are overdue or close to their deadline.
 */
import type { IDataObject } from 'n8n-workflow';

import { maskName } from '../../lib/core/masking';
import { runWorkflow } from '../helpers/harness';
import { assertNoPersonalData } from '../helpers/piiScan';
import { DAY_MS, loadTemplate, startTransferPlatform, type TransferPlatform } from '../fixtures/transferPlatform';

const template = loadTemplate('transfer-expiry-daily.json');
const CITY = '440300';
const FED = `FED-${CITY}`;
const FED_ADMIN = `ADM-${CITY}-1`;
const UNION_A = `ENT-${CITY}-01`;
const UNION_B = `ENT-${CITY}-02`;

interface MemberRow {
	member_id: string;
	name: string;
	phone: string;
}

interface AdminRow {
	admin_id: string;
	name: string;
	phone: string;
}

let env: TransferPlatform;
let members: MemberRow[];

beforeAll(async () => {
	env = await startTransferPlatform();
	members = env.platform.db
		.prepare('SELECT member_id, name, phone FROM members WHERE org_id = ? ORDER BY member_id LIMIT 6')
		.all(FED) as MemberRow[];
});

afterAll(async () => {
	await env?.close();
});

/** A transfer requested `daysAgo` days ago (the platform's clock moved back), released a day later if asked. */
async function transferFrom(daysAgo: number, member: MemberRow, toOrgId: string, release = false): Promise<IDataObject> {
	const created = await env.at(-daysAgo * DAY_MS, () =>
		env.api.post(
			'/transfers',
			{ memberId: member.member_id, fromOrgId: FED, toOrgId, reason: 'changed_employer', requestedBy: { actorId: member.member_id } },
			{ 'Idempotency-Key': `expiry-test-${member.member_id}` },
		),
	);
	expect(created.status).toBe(201);
	if (!release) return created.body;
	const released = await env.at(-(daysAgo - 1) * DAY_MS, () =>
		env.api.post(
			`/transfers/${created.body.transferId}/events`,
			{ event: 'release', actorId: FED_ADMIN, actorOrgId: FED },
			{ 'If-Match': String(created.body.version) },
		),
	);
	expect(released.status).toBe(200);
	return released.body;
}

function adminsOf(orgId: string): AdminRow[] {
	return env.platform.db.prepare('SELECT admin_id, name, phone FROM admins WHERE org_id = ? ORDER BY admin_id').all(orgId) as AdminRow[];
}

function orgName(orgId: string): string {
	return (env.platform.db.prepare('SELECT name FROM organizations WHERE org_id = ?').get(orgId) as { name: string }).name;
}

describe('transfer expiry daily (会籍接转到期处理)', () => {
	test('runs every day at 08:00 China time', () => {
		const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!;
		expect(trigger.parameters.rule).toEqual({ interval: [{ field: 'days', daysInterval: 1, triggerAtHour: 8, triggerAtMinute: 0 }] });
		expect(template.settings).toMatchObject({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
	});

	test('expires the overdue on the platform and reminds the organisation that must act of those due soon, masked', async () => {
		const overdueRequested = await transferFrom(40, members[0], UNION_A);
		const overdueReleased = await transferFrom(35, members[1], UNION_B, true);
		const dueRequested = await transferFrom(27, members[2], UNION_A);
		const dueReleased = await transferFrom(25, members[3], UNION_B, true);
		const dueRequestedToB = await transferFrom(26, members[5], UNION_B);
		const fresh = await transferFrom(0, members[4], UNION_A);

		const result = await runWorkflow(template, { credentials: env.credentials });
		expect(result.error).toBeUndefined();

		// Overdue: expired on the platform by the system, each from the version it was read at.
		for (const before of [overdueRequested, overdueReleased]) {
			const after = (await env.api.get(`/transfers/${before.transferId}`)).body;
			expect(after).toMatchObject({ state: 'expired', version: Number(before.version) + 1 });
			expect((after.history as IDataObject[]).at(-1)).toMatchObject({ state: 'expired', event: 'expire', actorId: 'system' });
		}
		// Everything else is still open and unchanged.
		for (const before of [dueRequested, dueReleased, dueRequestedToB, fresh]) {
			const after = (await env.api.get(`/transfers/${before.transferId}`)).body;
			expect(after).toMatchObject({ state: before.state, version: before.version });
		}

		// One reminder per organisation that must act: the source while requested, the target once released.
		const wecom = env.messages('wecom');
		expect(wecom).toHaveLength(2);
		const toFederation = wecom.find((m) => m.text.includes(orgName(FED)))!;
		const toUnionB = wecom.find((m) => m.text.includes(orgName(UNION_B)))!;
		expect(toFederation).toBeDefined();
		expect(toUnionB).toBeDefined();
		expect(toFederation.text).toContain(`${maskName(members[2].name)}（${members[2].member_id}）接转单 ${dueRequested.transferId}：待贵会审核转出`);
		expect(toFederation.text).toContain(`${String(dueRequested.expiresAt).slice(0, 10)} 到期，还剩 3 天`);
		expect(toFederation.text).toContain(`${maskName(members[5].name)}（${members[5].member_id}）接转单 ${dueRequestedToB.transferId}：待贵会审核转出`);
		expect(toFederation.text).toContain('有 2 件会籍接转将在 7 天内到期');
		expect(toUnionB.text).toContain(`${maskName(members[3].name)}（${members[3].member_id}）接转单 ${dueReleased.transferId}：待贵会确认转入`);
		expect(toUnionB.text).toContain('还剩 5 天');
		expect(toUnionB.text).toContain('有 1 件会籍接转将在 7 天内到期');
		expect(toUnionB.text).not.toContain(String(dueRequestedToB.transferId));
		for (const m of wecom) {
			for (const t of [overdueRequested, overdueReleased, fresh]) expect(m.text).not.toContain(String(t.transferId));
		}
		const mentioned = (m: { body: unknown }) => (m.body as { text: { mentioned_mobile_list?: string[] } }).text.mentioned_mobile_list;
		expect(mentioned(toFederation)).toEqual(adminsOf(FED).map((a) => a.phone));
		expect(mentioned(toUnionB)).toEqual(adminsOf(UNION_B).map((a) => a.phone));

		assertNoPersonalData(
			wecom.map((m) => m.text),
			{ names: [...members.map((m) => m.name), ...adminsOf(FED).map((a) => a.name), ...adminsOf(UNION_B).map((a) => a.name)] },
		);
	});

	test('an organisation without admins on the platform is still reminded, with nobody to mention', async () => {
		const union = await env.api.post(
			'/organizations',
			{ type: 'enterprise', cityCode: CITY, name: '深圳市无管理员测试物流有限公司工会', usci: '91440300MA5XXXXX0Y', parentOrgId: FED },
			{ 'Idempotency-Key': 'expiry-test-union-without-admins' },
		);
		expect(union.status).toBe(201);
		const member = env.platform.db
			.prepare('SELECT member_id, name, phone FROM members WHERE org_id = ? AND member_id NOT IN (SELECT member_id FROM transfers) ORDER BY member_id LIMIT 1')
			.get(FED) as MemberRow;
		const due = await transferFrom(24, member, String(union.body.orgId), true);
		env.platform.sinks.clear();

		const result = await runWorkflow(template, { credentials: env.credentials });
		expect(result.error).toBeUndefined();
		const reminder = env.messages('wecom').find((m) => m.text.includes('深圳市无管理员测试物流有限公司工会'))!;
		expect(reminder.text).toContain(`${maskName(member.name)}（${member.member_id}）接转单 ${due.transferId}：待贵会确认转入`);
		expect((reminder.body as { text: IDataObject }).text.mentioned_mobile_list).toBeUndefined();
		assertNoPersonalData([reminder.text], { names: [member.name] });
	});

	test('a second run the same day finds nothing more to expire', async () => {
		const expiredBefore = env.platform.db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE state = 'expired'").get() as { n: number };
		const result = await runWorkflow(template, { credentials: env.credentials });
		expect(result.error).toBeUndefined();
		expect(result.output('Expire overdue').every((item) => item.outcome === 'unchanged')).toBe(true);
		expect(result.ran('Expire on the platform')).toBe(false);
		expect(env.platform.db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE state = 'expired'").get()).toEqual(expiredBefore);
	});
});
