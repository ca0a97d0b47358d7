/**
 * The claim adjudication template (workflows/claim-adjudication.json, SPEC §6, 附件4) run the way a
 * union runs it: the real n8n engine with this package and n8n-nodes-base, the local 粤工惠 platform
 * over HTTP, the Aliyun SMS and WeCom sinks. Each case submits a claim as the mini program does,
 * feeds the claim.submitted event the platform emitted to the trigger, and checks the platform's
 * records and what reached the member's phone and the reviewers' group.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createPlatformServer, type PlatformServer } from '../../sandbox';
import type { SinkMessage } from '../../sandbox/sinks';
import {
	claimInput,
	invoice,
	invoiceKeyOf,
	memberPicker,
	PLAN_2022,
	submitClaim,
	type PlatformClient,
	type SeededMember,
	type SubmittedClaim,
} from '../fixtures/claims';
import { scheduleFiring } from '../fixtures/reportSchedule';
import { ROOT, runWorkflow, type RunResult, type WorkflowJson } from '../helpers/harness';
import { assertNoPersonalData } from '../helpers/piiScan';

const { localCredentialData, CREDENTIAL_IDS, CREDENTIAL_NAMES } = require('../../scripts/lib/localCredentials');
const { platformClient } = require('../../scripts/lib/platformClient');
/* Union Notify runs from dist/: its per-number SMS pacing is reset on the very module it uses. */
const pacing = require(path.join(ROOT, 'dist/lib/notify/pacer')) as typeof import('../../lib/notify/pacer');

const TRIGGER = '粤工惠 Trigger';
const template = JSON.parse(readFileSync(path.join(ROOT, 'workflows/claim-adjudication.json'), 'utf8')) as WorkflowJson & IDataObject;
type TemplateNode = WorkflowJson['nodes'][number];

let platform: PlatformServer;
let client: PlatformClient;
let members: ReturnType<typeof memberPicker>;
/**
 * How far the platform's clock (and so its SMS sink) runs ahead of ours: a member's second SMS
 * within a minute is refused, as Aliyun does, so a case that texts one member twice moves it on.
 */
let clockAheadMs = 0;
/** Every person's name that went into a claim, for the PII scan. */
const names = new Set<string>();

beforeAll(async () => {
	platform = await createPlatformServer({ dbFile: ':memory:', port: 0, seed: true, clock: () => Date.now() + clockAheadMs });
	client = platformClient(platform.url);
	members = memberPicker(platform, client);
}, 120000);

afterAll(async () => {
	await platform?.close();
});

beforeEach(() => pacing.resetPacing());

/** A minute later for the SMS limits of both the node and the gateway (kept well inside the 5-minute signature skew). */
function aMinuteLater() {
	clockAheadMs += 61_000;
	pacing.resetPacing();
}

function remember(member: SeededMember): SeededMember {
	names.add(member.name);
	return member;
}

async function adjudicate(submitted: SubmittedClaim, options: { pinData?: Record<string, INodeExecutionData[]> } = {}): Promise<RunResult> {
	const result = await runWorkflow(
		{ ...template, pinData: options.pinData ?? {} },
		{ credentials: localCredentialData(platform.url), startNode: TRIGGER, input: [submitted.event as unknown as IDataObject] },
	);
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	return result;
}

async function claimOnPlatform(claimId: string) {
	const { status, body } = await client.get(`/claims/${claimId}`);
	expect(status).toBe(200);
	return body;
}

function paidInPlan(memberId: string, planId = PLAN_2022): number {
	const row = platform.db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ? AND plan_id = ?').get(memberId, planId) as
		| { paid_fen: number }
		| undefined;
	return row?.paid_fen ?? 0;
}

const smsFor = (claimId: string): SinkMessage[] => platform.sinks.messages({ channel: 'sms' }).filter((m) => (m.body as IDataObject).OutId === claimId);
const noticesFor = (claimId: string): SinkMessage[] => platform.sinks.messages({ channel: 'wecom' }).filter((m) => m.text.includes(claimId));

/** The SMS as the member reads it: the template's variables p1…p8 in order. */
function smsText(message: SinkMessage): string {
	const params = (message.body as { TemplateParam: Record<string, string> }).TemplateParam;
	return [1, 2, 3, 4, 5, 6, 7, 8].map((n) => params[`p${n}`] ?? '').join('');
}

function expectMasked(text: string, member: SeededMember) {
	expect(text).not.toContain(member.idNumber);
	expect(text).not.toContain(member.phone);
	expect(text).not.toContain(member.name);
	assertNoPersonalData([text], { names: [member.name] });
}

describe('the template as a user imports it', () => {
	const nodes = template.nodes as TemplateNode[];
	const byName = (name: string) => nodes.find((n) => n.name === name) as TemplateNode;

	test('is an importable workflow of this package’s and n8n’s nodes, never CUSTOM.', () => {
		expect(template.id).toMatch(/^[A-Za-z0-9]{16,20}$/);
		expect(template.name).toBe('Claim adjudication (互助保障理赔)');
		expect(template.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		expect(template).toMatchObject({ active: false, pinData: {}, tags: [] });
		for (const node of nodes) {
			expect(node.type).toMatch(/^(n8n-nodes-gonghui|n8n-nodes-base)\.[a-zA-Z]+$/);
			expect(node.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(node.position).toHaveLength(2);
		}
		expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
		expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
		for (const [from, outputs] of Object.entries(template.connections)) {
			expect(byName(from)).toBeDefined();
			for (const targets of outputs.main ?? []) for (const target of targets ?? []) expect(byName(target.node)).toBeDefined();
		}
	});

	test('starts from the 粤工惠 Trigger on claim.submitted, with a fixed webhook ID, and from an hourly sweep of undecided claims', () => {
		const trigger = byName(TRIGGER);
		expect(trigger.type).toBe('n8n-nodes-gonghui.yueGongHuiTrigger');
		expect(trigger.parameters).toMatchObject({ events: ['claim.submitted'], output: 'event', subscribe: true });
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(byName('Every hour')).toMatchObject({
			type: 'n8n-nodes-base.scheduleTrigger',
			parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 1, triggerAtMinute: 20 }] } },
		});
		expect(byName('Undecided claims').parameters).toMatchObject({ resource: 'claim', operation: 'getMany', returnAll: true, filters: { status: 'submitted' } });
		expect(template.connections['Undecided 30 min to 7 days?'].main[0]).toEqual([{ node: 'Get claim', type: 'main', index: 0 }]);
	});

	test('names the local credentials by their ids, and never sends personal data unmasked', () => {
		for (const node of nodes) {
			for (const [type, credential] of Object.entries(node.credentials ?? {})) {
				expect(credential).toEqual({ id: CREDENTIAL_IDS[type], name: CREDENTIAL_NAMES[type] });
			}
			if (node.type === 'n8n-nodes-gonghui.unionNotify') expect(node.parameters.sendUnmasked).not.toBe(true);
		}
		expect(byName('SMS member').credentials).toHaveProperty('aliyunSmsApi');
		expect(byName('Notify reviewers').credentials).toHaveProperty('weComRobotApi');
	});

	test('is documented with sticky notes: what it does, what to configure, each step and branch', () => {
		const notes = nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
		expect(notes.length).toBeGreaterThanOrEqual(6);
		const all = notes.join('\n');
		for (const topic of ['配置 Configure', 'Plan Source', 'Template Code', 'CAP_EXCEEDED', 'ALREADY_DECIDED', 'pending_documents', 'manual_review', 'below_threshold', 'Send Unmasked']) {
			expect(all).toContain(topic);
		}
	});

	test('routes every outcome of the adjudicator, and both plan lookups judge by the same plans', () => {
		const route = byName('Route by outcome');
		const outcomes = (route.parameters.rules as { values: Array<{ conditions: { conditions: Array<{ rightValue: string }> } }> }).values.map(
			(rule) => rule.conditions.conditions[0].rightValue,
		);
		expect(outcomes.sort()).toEqual(['approved', 'below_threshold', 'manual_review', 'pending_documents', 'rejected']);
		expect(byName('Find plan').parameters.planSource).toBe(byName('Adjudicate').parameters.planSource);
		expect(byName('Record decision').onError).toBe('continueRegularOutput');
	});
});

describe('a claim.submitted event from the platform', () => {
	let approved: { member: SeededMember; submitted: SubmittedClaim };

	test('an eligible claim of an enrolled, real-name member is approved at its tier, recorded with the payout, and the member texted masked', async () => {
		const member = remember(await members.covered());
		const invoices = [invoice('2022-07-15', 40_000), invoice('2022-07-30', 30_000)];
		const submitted = await submitClaim(platform, client, claimInput(member, { invoices }));
		approved = { member, submitted };
		const result = await adjudicate(submitted);

		const decision = result.output('Adjudicate')[0];
		expect(decision).toMatchObject({ outcome: 'approved', planId: PLAN_2022, countedFen: 70_000, tierFen: 50_000, payoutFen: 50_000, reasons: [] });

		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('approved');
		expect(recorded.version).toBe(submitted.claim.version + 1);
		expect(recorded.decision).toMatchObject({
			outcome: 'approved',
			planId: PLAN_2022,
			countedFen: 70_000,
			tierFen: 50_000,
			payoutFen: 50_000,
			countedInvoiceKeys: invoices.map(invoiceKeyOf),
			paidInPlanAfterFen: 50_000,
			remainingCapAfterFen: 950_000,
			decidedBy: 'n8n-claim-adjudication',
		});
		expect(paidInPlan(member.memberId)).toBe(50_000);

		const sms = smsFor(submitted.claim.claimId);
		expect(sms).toHaveLength(1);
		expect(sms[0].phoneNumbers).toEqual([member.phone]);
		expect(smsText(sms[0])).toBe(recorded.decision.explanation);
		const params = Object.values((sms[0].body as { TemplateParam: Record<string, string> }).TemplateParam);
		expect(params).toHaveLength(8);
		for (const value of params) expect(Array.from(value).length).toBeGreaterThan(0);
		for (const value of params) expect(Array.from(value).length).toBeLessThanOrEqual(35);
		expect(smsText(sms[0])).toContain('审核通过');
		expect(smsText(sms[0])).toContain('本次给付¥500.00');
		expectMasked(sms[0].text, member);
		expect(noticesFor(submitted.claim.claimId)).toEqual([]);
	});

	test('a top-up: a second claim for the same accident whose invoices reach a higher tier pays only the difference', async () => {
		const member = remember(await members.covered());
		const accidentId = `ACC-${member.memberId}-TOPUP`;
		const first = await submitClaim(platform, client, claimInput(member, { accidentId, invoices: [invoice('2022-07-15', 30_000)] }));
		await adjudicate(first);
		expect((await claimOnPlatform(first.claim.claimId)).decision).toMatchObject({ outcome: 'approved', tierFen: 20_000, payoutFen: 20_000 });

		aMinuteLater();
		const later = [invoice('2022-08-20', 25_000), invoice('2022-09-05', 15_000)];
		const second = await submitClaim(
			platform,
			client,
			claimInput(member, { accidentId, invoices: later, submittedAt: '2022-09-20T09:00:00+08:00' }),
		);
		const result = await adjudicate(second);

		expect(result.output('Assemble claim')[0].claim).toMatchObject({
			history: { paidInPlanFen: 20_000, paidForAccidentFen: 20_000, countedForAccidentFen: 30_000, countedInvoiceKeys: [invoiceKeyOf((first.claim.invoices as never[])[0])] },
		});
		const recorded = await claimOnPlatform(second.claim.claimId);
		expect(recorded.decision).toMatchObject({ outcome: 'approved', countedFen: 70_000, tierFen: 50_000, payoutFen: 30_000, paidInPlanAfterFen: 50_000 });
		expect(paidInPlan(member.memberId)).toBe(50_000);
		const accident = platform.db.prepare('SELECT counted_fen, tier_fen, paid_fen FROM accidents WHERE member_id = ? AND accident_id = ?').get(member.memberId, accidentId);
		expect(accident).toEqual({ counted_fen: 70_000, tier_fen: 50_000, paid_fen: 50_000 });

		const sms = smsFor(second.claim.claimId);
		expect(sms).toHaveLength(1);
		expect(smsText(sms[0])).toContain('该事故此前已给付¥200.00，本次补足¥300.00');
		expectMasked(sms[0].text, member);
	});

	test('a claim with a missing document waits for it: pending_documents recorded, the member texted, the reviewers told what to chase', async () => {
		const member = remember(await members.covered());
		const submitted = await submitClaim(
			platform,
			client,
			claimInput(member, { documents: { invoiceOriginals: true, accidentProof: false, medicalRecords: ['records/scan-1.pdf'] } }),
		);
		const result = await adjudicate(submitted);
		expect(result.output('Adjudicate')[0]).toMatchObject({ outcome: 'pending_documents', payoutFen: 0 });

		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('pending_documents');
		expect(recorded.decision).toMatchObject({ outcome: 'pending_documents', payoutFen: 0 });
		expect(paidInPlan(member.memberId)).toBe(0);

		const sms = smsFor(submitted.claim.claimId);
		expect(sms).toHaveLength(1);
		expect(smsText(sms[0])).toContain('还缺少以下材料');

		const notices = noticesFor(submitted.claim.claimId);
		expect(notices).toHaveLength(1);
		const notice = notices[0].text;
		expect(notice).toContain('【互助保障理赔 · 待补材料】');
		expect(notice).toContain(`会员号 ${member.memberId}`);
		expect(notice).toContain(`身份证 ID：${member.idNumber.slice(0, 3)}***********${member.idNumber.slice(-4)}`);
		expect(notice).toMatch(/· \[DOCUMENTS_MISSING\] .*附件4 第八条/);
		expect(notice).toContain('已计入费用 ¥700.00，对应档次 ¥500.00');
		expect(notice).toContain('前通过“粤工惠”补交上述材料');
		expect(notice).toContain(result.output('Adjudicate')[0].deadlines && (result.output('Adjudicate')[0].deadlines as IDataObject).filingDeadline);
		expectMasked(notice, member);
	});

	test('a payee who is not the member goes to manual review; the reviewers get the reason, masked', async () => {
		const member = remember(await members.covered());
		const payee = { name: '钱多多', bankAccount: '6217001234567890' };
		names.add(payee.name);
		const submitted = await submitClaim(platform, client, claimInput(member, { payee }));
		await adjudicate(submitted);

		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('manual_review');
		expect(recorded.decision.payoutFen).toBe(0);
		expect(recorded.decision.reasons.map((r: IDataObject) => r.code)).toEqual(['PAYEE_NOT_MEMBER']);

		const [notice] = noticesFor(submitted.claim.claimId).map((m) => m.text);
		expect(notice).toContain('【互助保障理赔 · 人工复核】');
		expect(notice).toContain('[PAYEE_NOT_MEMBER]');
		expect(notice).toContain('附件4 第七条');
		expect(notice).toContain('该事故此前已给付 ¥0.00，本计划累计已给付 ¥0.00');
		expect(notice).not.toContain(payee.name);
		expect(notice).not.toContain(payee.bankAccount);
		expectMasked(notice, member);
		expect(smsFor(submitted.claim.claimId)).toHaveLength(1);
	});

	test('an excluded diagnosis is rejected and the member is told why by SMS; nothing is paid', async () => {
		const member = remember(await members.covered());
		// A disc herniation (M51) after a fall (W01): 第六条 excludes intervertebral disc disorders.
		const submitted = await submitClaim(platform, client, claimInput(member, { diagnoses: ['M51.2', 'W01'] }));
		const result = await adjudicate(submitted);
		expect(result.output('Adjudicate')[0]).toMatchObject({ outcome: 'rejected', payoutFen: 0 });

		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('rejected');
		expect(recorded.decision.reasons.map((r: IDataObject) => r.code)).toContain('EXCL_05');
		expect(paidInPlan(member.memberId)).toBe(0);

		const [sms] = smsFor(submitted.claim.claimId);
		expect(smsText(sms)).toBe(recorded.decision.explanation);
		expect(smsText(sms)).toMatch(/^很抱歉.*不能给付。原因：.*椎间盘/);
		expectMasked(sms.text, member);
		expect(noticesFor(submitted.claim.claimId)).toEqual([]);
	});

	describe('a member near the plan cap (¥9,000.00 of ¥10,000.00 paid under the 2022 plan)', () => {
		let member: SeededMember;
		let historyBeforeCap: IDataObject;

		beforeAll(async () => {
			member = remember(await members.byId(platform.seeded!.examples.memberWithClaims!));
		});

		test('is paid up to the cap (CAP_PARTIAL), and the platform’s total reaches it exactly', async () => {
			expect(paidInPlan(member.memberId)).toBe(900_000);
			const submitted = await submitClaim(
				platform,
				client,
				claimInput(member, {
					accidentDate: '2022-12-05',
					submittedAt: '2023-01-10T10:00:00+08:00',
					invoices: [invoice('2022-12-05', 180_000), invoice('2023-01-03', 70_000)],
				}),
			);
			const result = await adjudicate(submitted);
			historyBeforeCap = result.output('Get claim history')[0];

			const decision = result.output('Adjudicate')[0];
			expect(decision).toMatchObject({ outcome: 'approved', countedFen: 250_000, tierFen: 200_000, payoutFen: 100_000, remainingCapAfterFen: 0 });
			expect((decision.reasons as IDataObject[]).map((r) => r.code)).toEqual(['CAP_PARTIAL']);
			const recorded = await claimOnPlatform(submitted.claim.claimId);
			expect(recorded.decision).toMatchObject({ outcome: 'approved', payoutFen: 100_000, paidInPlanAfterFen: 1_000_000, remainingCapAfterFen: 0 });
			expect(paidInPlan(member.memberId)).toBe(1_000_000);

			const [sms] = smsFor(submitted.claim.claimId);
			expect(smsText(sms)).toContain('本次按剩余额度给付');
			expectMasked(sms.text, member);
		});

		test('a platform 409 (CAP_EXCEEDED: another worker paid first) does not crash the run: nothing recorded, no SMS, the reviewers told', async () => {
			const submitted = await submitClaim(
				platform,
				client,
				claimInput(member, {
					accidentDate: '2022-12-10',
					accidentId: `ACC-${member.memberId}-RACE`,
					submittedAt: '2023-01-12T10:00:00+08:00',
					invoices: [invoice('2022-12-10', 60_000)],
				}),
			);
			// This run read the history before the cap was reached, as a second worker would have.
			const result = await adjudicate(submitted, { pinData: { 'Get claim history': [{ json: historyBeforeCap, pairedItem: { item: 0 } }] } });
			expect(result.output('Adjudicate')[0]).toMatchObject({ outcome: 'approved', payoutFen: 50_000 });
			expect(result.output('Record decision')[0]).toMatchObject({ code: 'CAP_EXCEEDED', httpCode: '409' });
			expect(result.ran('SMS member')).toBe(false);

			const onPlatform = await claimOnPlatform(submitted.claim.claimId);
			expect(onPlatform).toMatchObject({ status: 'submitted', decision: null, version: 1 });
			expect(paidInPlan(member.memberId)).toBe(1_000_000);
			expect(smsFor(submitted.claim.claimId)).toEqual([]);

			const [notice] = noticesFor(submitted.claim.claimId).map((m) => m.text);
			expect(notice).toContain('【互助保障理赔 · 平台未接受记录】');
			expect(notice).toContain('CAP_EXCEEDED');
			expect(notice).toContain('拟给付 ¥500.00（未记录，未发短信）');
			expect(notice).toContain('按剩余额度人工审核本申报');
			expectMasked(notice, member);
		});

		test('once the cap is reached, a further accident is rejected with CAP_REACHED', async () => {
			aMinuteLater();
			const submitted = await submitClaim(
				platform,
				client,
				claimInput(member, { accidentDate: '2022-12-20', submittedAt: '2023-01-15T10:00:00+08:00', invoices: [invoice('2022-12-20', 90_000)] }),
			);
			await adjudicate(submitted);
			const recorded = await claimOnPlatform(submitted.claim.claimId);
			expect(recorded.status).toBe('rejected');
			expect(recorded.decision.reasons.map((r: IDataObject) => r.code)).toContain('CAP_REACHED');
			expect(paidInPlan(member.memberId)).toBe(1_000_000);
			expect(smsFor(submitted.claim.claimId)).toHaveLength(1);
		});
	});

	test('an event delivered again after the claim was decided (or a run retried after a worker died) ends at Still to decide?: nothing recorded, no SMS, no notice', async () => {
		const { member, submitted } = approved;
		const before = await claimOnPlatform(submitted.claim.claimId);
		const noticesBefore = noticesFor(submitted.claim.claimId).length;
		const result = await adjudicate(submitted);
		expect(result.output('Still to decide?', 1)).toHaveLength(1);
		expect(result.ran('Record decision')).toBe(false);

		expect(await claimOnPlatform(submitted.claim.claimId)).toEqual(before);
		expect(paidInPlan(member.memberId)).toBe(50_000);
		expect(smsFor(submitted.claim.claimId)).toHaveLength(1);
		expect(noticesFor(submitted.claim.claimId)).toHaveLength(noticesBefore);
	});

	test('decided by another run between reading and recording: ALREADY_DECIDED goes to the reviewers, the decision and payout stay as they were', async () => {
		const { member, submitted } = approved;
		const before = await claimOnPlatform(submitted.claim.claimId);
		const asReadBeforeTheOtherRun = { ...before, status: 'submitted', decision: null };
		const result = await adjudicate(submitted, { pinData: { 'Get claim': [{ json: asReadBeforeTheOtherRun, pairedItem: { item: 0 } }] } });
		expect(result.output('Record decision')[0]).toMatchObject({ code: 'ALREADY_DECIDED', httpCode: '409' });

		expect(await claimOnPlatform(submitted.claim.claimId)).toEqual(before);
		expect(paidInPlan(member.memberId)).toBe(50_000);
		expect(smsFor(submitted.claim.claimId)).toHaveLength(1);
		const notice = noticesFor(submitted.claim.claimId).map((m) => m.text).find((text) => text.includes('ALREADY_DECIDED'));
		expect(notice).toContain('无需再处理');
		expectMasked(notice ?? '', member);
	});

	test('when the SMS gateway refuses (another worker texted the member this minute), the decision stands and the reviewers are asked to tell the member', async () => {
		const member = remember(await members.covered());
		const first = await submitClaim(platform, client, claimInput(member));
		await adjudicate(first);
		expect(smsFor(first.claim.claimId)).toHaveLength(1);

		// A second n8n worker has its own pacing: only the gateway knows this number was texted a moment ago.
		pacing.resetPacing();
		const second = await submitClaim(
			platform,
			client,
			claimInput(member, { accidentDate: '2022-08-01', invoices: [invoice('2022-08-01', 25_000)], submittedAt: '2022-08-20T10:00:00+08:00' }),
		);
		const result = await adjudicate(second);
		expect(result.output('SMS member')[0]).toMatchObject({ sent: false });
		expect(String(result.output('SMS member')[0].error)).toContain('isv.BUSINESS_LIMIT_CONTROL');

		const recorded = await claimOnPlatform(second.claim.claimId);
		expect(recorded.decision).toMatchObject({ outcome: 'approved', tierFen: 20_000, payoutFen: 20_000 });
		expect(smsFor(second.claim.claimId)).toEqual([]);
		const [notice] = noticesFor(second.claim.claimId).map((m) => m.text);
		expect(notice).toContain('【互助保障理赔 · 短信未送达】');
		expect(notice).toContain('给付 approved');
		expect(notice).toContain(recorded.decision.explanation);
		expectMasked(notice, member);
	});

	test('the platform’s member record wins over the form: a member who is not real-name registered is rejected whatever the form says', async () => {
		const member = remember(await members.notRegistered());
		const submitted = await submitClaim(
			platform,
			client,
			claimInput(member, {
				formMember: {
					memberId: member.memberId,
					name: member.name,
					idNumber: member.idNumber,
					isUnionMember: true,
					realNameRegistered: true,
					group: member.group,
					enrolments: [{ planId: PLAN_2022, enrolledAt: '2022-01-05T00:00:00+08:00' }],
				},
			}),
		);
		const result = await adjudicate(submitted);
		expect(result.output('Assemble claim')[0].claim).toMatchObject({ member: { realNameRegistered: false, enrolments: member.enrolments } });
		expect(result.output('Get claim')[0].member).toMatchObject({ realNameRegistered: true });
		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('rejected');
		expect(recorded.decision.reasons.map((r: IDataObject) => r.code)).toContain('NOT_REAL_NAME_REGISTERED');
	});

	test('an accident no plan covers is rejected and recorded without a plan', async () => {
		const member = remember(await members.covered());
		const submitted = await submitClaim(
			platform,
			client,
			claimInput(member, { accidentDate: '2021-03-01', submittedAt: '2021-04-01T10:00:00+08:00', invoices: [invoice('2021-03-01', 60_000)] }),
		);
		const result = await adjudicate(submitted);
		expect(result.output('Find plan')[0].planId).toBeNull();
		expect(result.output('Assemble claim')[0].claim).toMatchObject({
			history: { paidInPlanFen: 0, paidForAccidentFen: 0, countedForAccidentFen: 0, countedInvoiceKeys: [] },
		});
		const recorded = await claimOnPlatform(submitted.claim.claimId);
		expect(recorded.status).toBe('rejected');
		expect(recorded.decision).toMatchObject({ planId: null, payoutFen: 0 });
		expect(recorded.decision.reasons.map((r: IDataObject) => r.code)).toContain('ACCIDENT_OUTSIDE_PLAN');
		expect(smsText(smsFor(submitted.claim.claimId)[0])).toContain('不在任何互助保障计划的保障期内');
	});

	test('the hourly sweep decides a claim whose event never arrived, once it has waited 30 minutes; a younger one is left to its own run', async () => {
		const lost = await submitClaim(platform, client, claimInput(remember(await members.covered())));
		const young = await submitClaim(platform, client, claimInput(remember(await members.covered())));
		const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000).toISOString();
		platform.db.prepare('UPDATE claims SET created_at = ? WHERE claim_id = ?').run(fortyMinutesAgo, lost.claim.claimId);

		const result = await runWorkflow(template, {
			credentials: localCredentialData(platform.url),
			startNode: 'Every hour',
			mode: 'trigger',
			input: [scheduleFiring(new Date().toISOString())],
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Undecided 30 min to 7 days?').map((item) => item.claimId)).toEqual([lost.claim.claimId]);
		expect(await claimOnPlatform(lost.claim.claimId)).toMatchObject({ status: 'approved', version: 2 });
		expect(smsFor(lost.claim.claimId)).toHaveLength(1);
		expect(await claimOnPlatform(young.claim.claimId)).toMatchObject({ status: 'submitted', version: 1 });
		expect(smsFor(young.claim.claimId)).toHaveLength(0);
	});

	test('everything the SMS gateway and the reviewers’ group received is free of unmasked personal data', () => {
		const received = platform.sinks.messages();
		expect(received.filter((m) => m.channel === 'sms').length).toBeGreaterThanOrEqual(11);
		expect(received.filter((m) => m.channel === 'wecom').length).toBeGreaterThanOrEqual(5);
		const texts = received.flatMap((m) => [m.text, JSON.stringify((m.body as IDataObject).TemplateParam ?? m.body)]);
		assertNoPersonalData(texts, { names: [...names] });
	});
});
