/**
 * The enterprise-union transfer template, run the way n8n runs it, against the local platform:
 * a new union's `organization.established` event moves that employer's reservoir members.
 */
import type { IDataObject } from 'n8n-workflow';

import { scheduleFiring } from '../fixtures/reportSchedule';
import { runNode, runWorkflow } from '../helpers/harness';
import { maskName } from '../../lib/core/masking';
import { assertNoPersonalData } from '../helpers/piiScan';
import { loadTemplate, startTransferPlatform, type TransferPlatform } from '../fixtures/transferPlatform';

const template = loadTemplate('enterprise-union-transfer.json');
const TRIGGER = 'Union established';

interface MemberRow {
	member_id: string;
	name: string;
	phone: string;
	employment_relation: string;
	joined_at: string;
	city_code: string;
}

let env: TransferPlatform;

beforeAll(async () => {
	env = await startTransferPlatform();
});

afterAll(async () => {
	await env?.close();
});

/** An employer without a union whose reservoir members include labour-contract, dispatched and other workers. */
function employerWithMixedMembers(): { cityCode: string; usci: string; name: string; members: MemberRow[] } {
	const employer = env.platform.db
		.prepare(
			`SELECT m.city_code AS cityCode, m.employer_usci AS usci, m.employer_name AS name
			 FROM members m
			 WHERE m.org_id = 'FED-' || m.city_code AND m.employer_usci IS NOT NULL
			   AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.usci = m.employer_usci)
			 GROUP BY m.city_code, m.employer_usci, m.employer_name
			 HAVING SUM(m.employment_relation = 'labor_contract') >= 2 AND SUM(m.employment_relation = 'dispatch') >= 1
			    AND SUM(m.employment_relation NOT IN ('labor_contract', 'dispatch')) >= 1
			 ORDER BY COUNT(*), m.employer_usci
			 LIMIT 1`,
		)
		.get() as { cityCode: string; usci: string; name: string };
	const members = env.platform.db
		.prepare('SELECT * FROM members WHERE employer_usci = ? ORDER BY member_id')
		.all(employer.usci) as MemberRow[];
	return { ...employer, members };
}

const eligible = (m: MemberRow) => m.employment_relation === 'labor_contract' || m.employment_relation === 'dispatch';

interface TransferRow {
	transfer_id: string;
	member_id: string;
	state: string;
	from_org_id: string;
	reason: string;
}

function transfersTo(orgId: string): TransferRow[] {
	return env.platform.db.prepare('SELECT * FROM transfers WHERE to_org_id = ? ORDER BY member_id').all(orgId) as TransferRow[];
}

// The tests of this block build on each other: the first run, its re-delivery, then a completion.
describe('enterprise union transfer (企业建会会籍接转)', () => {
	let employer: ReturnType<typeof employerWithMixedMembers>;
	let orgId: string;
	let event: IDataObject;
	let elsewhere: MemberRow;
	const admins = [
		{ name: '韦建华', phone: '13712345601' },
		{ name: '欧阳春梅', phone: '13712345602' },
	];

	beforeAll(async () => {
		employer = employerWithMixedMembers();
		// One labour-contract member already has a transfer under way elsewhere: the platform refuses a second.
		elsewhere = employer.members.find((m) => m.employment_relation === 'labor_contract')!;
		const open = await env.api.post(
			'/transfers',
			{ memberId: elsewhere.member_id, fromOrgId: `FED-${employer.cityCode}`, toOrgId: 'FED-440100', reason: 'moved_city', requestedBy: { actorId: elsewhere.member_id } },
			{ 'Idempotency-Key': `moved-${elsewhere.member_id}` },
		);
		expect(open.status).toBe(201);

		const created = await env.api.post(
			'/organizations',
			{ type: 'enterprise', cityCode: employer.cityCode, name: `${employer.name}工会`, usci: employer.usci, parentOrgId: `FED-${employer.cityCode}`, admins },
			{ 'Idempotency-Key': `union-${employer.usci}` },
		);
		expect(created.status).toBe(201);
		orgId = String(created.body.orgId);
		event = env.lastEvent('organization.established');
		expect(event.data).toMatchObject({ orgId, usci: employer.usci });
	});

	test('moves exactly the labour-contract and dispatched members, reports the rest with reasons, tells everyone masked', async () => {
		const result = await runWorkflow(template, { credentials: env.credentials, startNode: TRIGGER, input: [event] });
		expect(result.error).toBeUndefined();

		const moving = employer.members.filter(eligible).filter((m) => m !== elsewhere);
		const transfers = transfersTo(orgId);
		expect(transfers.map((t) => t.member_id)).toEqual(moving.map((m) => m.member_id));
		for (const t of transfers) {
			expect(t).toMatchObject({ state: 'requested', from_org_id: `FED-${employer.cityCode}`, reason: 'employer_union_established' });
		}

		const staying = employer.members.filter((m) => !eligible(m));
		const skipped = result.output('Label skipped');
		expect(skipped.map((s) => s.memberId).sort()).toEqual(staying.map((m) => m.member_id));
		for (const s of skipped) expect(s.code).toBe('RELATION_NOT_ELIGIBLE');
		expect(result.output('Label refused')).toEqual([expect.objectContaining({ memberId: elsewhere.member_id, code: 'TRANSFER_ALREADY_OPEN' })]);

		const sms = env.messages('sms');
		expect(sms.map((m) => m.phoneNumbers)).toEqual(moving.map((m) => [m.phone]));
		sms.forEach((message, i) => {
			expect(message.text).toContain('会籍接转');
			expect(message.text).toContain(`会龄自${moving[i].joined_at.slice(0, 10)}起连续计算`);
			expect(message.text).toContain(employer.name);
		});

		const wecom = env.messages('wecom');
		expect(wecom).toHaveLength(1);
		const text = wecom[0].text;
		expect(text).toContain(`${employer.name}工会已成立`);
		expect(text).toContain(`已发起会籍接转 ${moving.length} 人`);
		expect(text).toContain('平台未受理 1 人');
		expect(text).toContain(`不在本次接转范围 ${staying.length} 人`);
		for (const m of employer.members) expect(text).toContain(`${maskName(m.name)}（${m.member_id}）`);
		for (const t of transfers) expect(text).toContain(t.transfer_id);
		expect(text).toContain('TRANSFER_ALREADY_OPEN');
		// The new union's admins are @-mentioned by their mobile numbers, which the text does not show.
		expect((wecom[0].body as { text: { mentioned_mobile_list: string[] } }).text.mentioned_mobile_list).toEqual(admins.map((a) => a.phone));

		assertNoPersonalData([...sms.map((m) => m.text), text], {
			names: [...employer.members.map((m) => m.name), ...admins.map((a) => a.name)],
		});
		for (const m of employer.members) expect(text).not.toContain(m.phone);
	});

	test('the same event delivered again creates nothing and sends nothing', async () => {
		const before = { transfers: transfersTo(orgId), sms: env.messages('sms').length, wecom: env.messages('wecom').length };
		const result = await runWorkflow(template, { credentials: env.credentials, startNode: TRIGGER, input: [event] });
		expect(result.error).toBeUndefined();

		expect(transfersTo(orgId)).toEqual(before.transfers);
		const planned = result.output('Plan transfers');
		expect(planned.filter((p) => p.outcome === 'planned').map((p) => p.memberId)).toEqual([elsewhere.member_id]);
		const already = planned.filter((p) => (p.reasons as Array<{ code: string }>).some((r) => r.code === 'TRANSFER_ALREADY_PLANNED'));
		expect(already.map((p) => p.memberId)).toEqual(before.transfers.map((t) => t.member_id));
		expect(result.ran('SMS the member')).toBe(false);
		expect(result.ran('Already reported')).toBe(true);
		expect(env.messages('sms')).toHaveLength(before.sms);
		expect(env.messages('wecom')).toHaveLength(before.wecom);
	});

	test('a create the platform already answered returns the same transfer: the idempotency key comes from union and member', async () => {
		const create = template.nodes.find((n) => n.name === 'Create transfer')!;
		const planned = { outcome: 'planned', transfer: { memberId: transfersTo(orgId)[0].member_id, fromOrgId: `FED-${employer.cityCode}`, toOrgId: orgId } };
		const workflow = {
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
				{ ...create, onError: undefined },
			],
			connections: { Start: { main: [[{ node: create.name, type: 'main' as const, index: 0 }]] } },
			pinData: { Start: [{ json: planned }] },
		};
		const again = await runWorkflow(workflow, { credentials: env.credentials });
		expect(again.error).toBeUndefined();
		expect(again.output('Create transfer')[0].transferId).toBe(transfersTo(orgId)[0].transfer_id);
		expect(transfersTo(orgId)).toHaveLength(employer.members.filter(eligible).length - 1);
	});

	test('completing a transfer moves the member to the new union and keeps the joining date (会龄)', async () => {
		const [transfer] = transfersTo(orgId);
		const member = employer.members.find((m) => m.member_id === transfer.member_id)!;
		const released = await env.api.post(
			`/transfers/${transfer.transfer_id}/events`,
			{ event: 'release', actorId: `ADM-${employer.cityCode}-1`, actorOrgId: `FED-${employer.cityCode}` },
			{ 'If-Match': '1' },
		);
		expect(released.status).toBe(200);
		const completed = await env.api.post(
			`/transfers/${transfer.transfer_id}/events`,
			{ event: 'complete', actorId: `ADM-${orgId}-1`, actorOrgId: orgId },
			{ 'If-Match': String(released.body.version) },
		);
		expect(completed.status).toBe(200);
		expect(completed.body.state).toBe('completed');
		const after = await env.api.get(`/members/${member.member_id}`);
		expect(after.body).toMatchObject({ orgId, joinedAt: member.joined_at });
	});
});

describe('events that move nobody', () => {
	async function establish(key: string, body: IDataObject): Promise<IDataObject> {
		const created = await env.api.post('/organizations', body, { 'Idempotency-Key': key });
		expect(created.status).toBe(201);
		return env.lastEvent('organization.established');
	}

	test('a regional union has no employer whose workers follow: the run ends there', async () => {
		const before = { transfers: env.platform.db.prepare('SELECT COUNT(*) AS n FROM transfers').get(), messages: env.platform.sinks.messages().length };
		const event = await establish('regional-union', { type: 'regional', cityCode: '440300', name: '深圳市南山区粤海街道总工会', parentOrgId: 'FED-440300' });
		const result = await runWorkflow(template, { credentials: env.credentials, startNode: TRIGGER, input: [event] });
		expect(result.error).toBeUndefined();
		expect(result.ran('Not an employer union')).toBe(true);
		expect(result.ran('Reservoir members')).toBe(false);
		expect(env.platform.db.prepare('SELECT COUNT(*) AS n FROM transfers').get()).toEqual(before.transfers);
		expect(env.platform.sinks.messages()).toHaveLength(before.messages);
	});

	test('an employer with no member in the reservoir: nothing to plan, nobody to tell', async () => {
		const before = { transfers: env.platform.db.prepare('SELECT COUNT(*) AS n FROM transfers').get(), messages: env.platform.sinks.messages().length };
		const event = await establish('union-without-reservoir-members', { type: 'enterprise', cityCode: '440300', name: '深圳市新设科技有限公司工会', usci: '91440300MA5GNEW01X', parentOrgId: 'FED-440300' });
		const result = await runWorkflow(template, { credentials: env.credentials, startNode: TRIGGER, input: [event] });
		expect(result.error).toBeUndefined();
		expect(result.output('Reservoir members')).toEqual([]);
		expect(result.ran('Plan transfers')).toBe(false);
		expect(env.platform.db.prepare('SELECT COUNT(*) AS n FROM transfers').get()).toEqual(before.transfers);
		expect(env.platform.sinks.messages()).toHaveLength(before.messages);
	});
});

describe('the hourly sweep', () => {
	test('a union whose run was lost is announced again 30 minutes on and its members follow; unions just recorded, or long ago, are left alone', async () => {
		const lost = employerWithMixedMembers();
		const union = (key: string, body: IDataObject) => env.api.post('/organizations', { type: 'enterprise', parentOrgId: `FED-${String(body.cityCode)}`, ...body }, { 'Idempotency-Key': key });
		const lostUnion = await env.at(-40 * 60_000, () => union(`sweep-${lost.usci}`, { cityCode: lost.cityCode, name: `${lost.name}工会`, usci: lost.usci }));
		const longAgo = await env.at(-3 * 3600_000, () => union('sweep-long-ago', { cityCode: '440300', name: '深圳市早成立科技有限公司工会', usci: '91440300MA5GOLD01X' }));
		const justNow = await union('sweep-just-now', { cityCode: '440300', name: '深圳市刚成立科技有限公司工会', usci: '91440300MA5GYNG01X' });
		const lostOrgId = String(lostUnion.body.orgId);

		const sweep = await runWorkflow(template, {
			credentials: env.credentials,
			startNode: 'Every hour',
			mode: 'trigger',
			input: [scheduleFiring(new Date().toISOString())],
		});
		expect(sweep.error).toBeUndefined();
		const recent = sweep.output('Unions recorded lately').map((o) => o.orgId);
		expect(recent).toEqual(expect.arrayContaining([lostOrgId, justNow.body.orgId]));
		expect(recent).not.toContain(longAgo.body.orgId);
		expect(sweep.output('30–100 min old, of an employer?').map((o) => o.orgId)).toEqual([lostOrgId]);
		const [announced] = sweep.output('Announce again');
		expect(announced).toMatchObject({ type: 'organization.established', data: { orgId: lostOrgId, usci: lost.usci } });
		expect(transfersTo(lostOrgId)).toEqual([]);

		// The platform delivers the new event to the trigger: the members follow as on the first announcement.
		const completed = await runWorkflow(template, { credentials: env.credentials, startNode: TRIGGER, input: [announced] });
		expect(completed.error).toBeUndefined();
		expect(transfersTo(lostOrgId).map((t) => t.member_id)).toEqual(lost.members.filter(eligible).map((m) => m.member_id));
	});
});

describe('two transfers for one member at once (粤工惠 node)', () => {
	test('exactly one is accepted, the other is refused with TRANSFER_ALREADY_OPEN', async () => {
		const member = env.platform.db
			.prepare(
				`SELECT * FROM members m WHERE m.org_id = 'FED-' || m.city_code AND m.city_code NOT IN ('440100', '440300')
				 AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.member_id = m.member_id) ORDER BY m.member_id LIMIT 1`,
			)
			.get() as MemberRow;
		const request = (toOrgId: string) =>
			runNode(
				{
					type: 'n8n-nodes-gonghui.yueGongHui',
					parameters: {
						resource: 'transfer',
						operation: 'create',
						bodySource: 'json',
						bodyJson: JSON.stringify({ memberId: member.member_id, fromOrgId: `FED-${member.city_code}`, toOrgId, reason: 'moved_city', requestedBy: { actorId: member.member_id } }),
					},
					continueOnFail: true,
				},
				[{}],
				{ credentials: env.credentials },
			);
		const runs = await Promise.all([request('FED-440100'), request('FED-440300')]);
		const answers = runs.map((r) => r.output('Node')[0]);
		expect(answers.filter((a) => a.transferId)).toHaveLength(1);
		expect(answers.filter((a) => !a.transferId)).toEqual([expect.objectContaining({ code: 'TRANSFER_ALREADY_OPEN', httpCode: '409' })]);
		const open = env.platform.db
			.prepare("SELECT transfer_id FROM transfers WHERE member_id = ? AND state IN ('requested', 'released')")
			.all(member.member_id);
		expect(open).toEqual([{ transfer_id: answers.find((a) => a.transferId)!.transferId }]);
	});
});
