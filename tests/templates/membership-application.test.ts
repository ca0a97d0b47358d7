/**
 * The membership-application template (workflows/membership-application.json) the way a union
 * runs it: the real n8n engine with this package and n8n-nodes-base, the local 粤工惠 platform and
 * platform company over HTTP, the WeCom and SMS sinks. Each case submits an application as the
 * mini program does and feeds the event the platform emitted to the trigger.
 */
import { createHash } from 'node:crypto';

import { ExecutionLifecycleHooks } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { createPlatformServer, type PlatformServer } from '../../sandbox';
import type { SinkMessage } from '../../sandbox/sinks';
import {
	applicationFor,
	applicationRecord,
	closedPort,
	loadTemplate,
	nextWorker,
	platformApi,
	submitApplication,
	type PlatformEvent,
} from '../fixtures/membership-application';
import { scheduleFiring } from '../fixtures/reportSchedule';
import { runWorkflow, type RunResult, type WorkflowJson } from '../helpers/harness';
import { assertNoPersonalData, personalDataIn } from '../helpers/piiScan';

const { localCredentialData, CREDENTIAL_IDS } = require('../../scripts/lib/localCredentials');

const TRIGGER = '粤工惠 Trigger';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const YEAR = TODAY.slice(0, 4);
/** A plan the user added for this year (SPEC §6: plans are data). */
const THIS_YEARS_PLAN = { planId: `GD-NEWFORM-${YEAR}`, coverageStart: `${YEAR}-01-01`, coverageEnd: `${YEAR}-12-31` };

let platform: PlatformServer;
/** Every applicant's name, for the PII scan. */
const names: string[] = [];
let phoneSeq = 0;
/** What the admin's browser was answered when a resume link was opened. */
const answers: Array<{ body?: unknown; statusCode?: number; headers?: IDataObject }> = [];

beforeAll(async () => {
	platform = await createPlatformServer({ dbFile: ':memory:', port: 0, seed: true });
	const runHook = ExecutionLifecycleHooks.prototype.runHook;
	jest.spyOn(ExecutionLifecycleHooks.prototype, 'runHook').mockImplementation(async function (this: ExecutionLifecycleHooks, name, parameters) {
		if (name === 'sendResponse') answers.push(parameters[0] as (typeof answers)[number]);
		return await runHook.call(this, name, parameters);
	});
});
afterAll(async () => {
	await platform?.close();
});

function person(name: string) {
	names.push(name);
	return { name, phone: `1391234${String(++phoneSeq).padStart(4, '0')}` };
}

/** The template with its Settings changed the way a user edits them. */
function templateWith(plans: object[] = [THIS_YEARS_PLAN]): WorkflowJson {
	const template = loadTemplate();
	const settings = template.nodes.find((n) => n.name === 'Settings')!;
	const assignments = (settings.parameters.assignments as { assignments: IDataObject[] }).assignments;
	assignments.find((a) => a.name === 'plans')!.value = JSON.stringify(plans);
	return template;
}

async function run(event: PlatformEvent, options: { template?: WorkflowJson; credentials?: IDataObject } = {}): Promise<RunResult> {
	const result = await runWorkflow(options.template ?? templateWith(), {
		startNode: TRIGGER,
		credentials: (options.credentials ?? localCredentialData(platform.url)) as never,
		input: [event],
	});
	if (result.error) throw result.error;
	return result;
}

/** Opens a link from the WeCom message: the Wait node emits the request as n8n's resume webhook does. */
async function click(result: RunResult, link: string): Promise<RunResult> {
	const url = new URL(link);
	expect(url.origin + url.pathname).toBe('http://127.0.0.1:5678/webhook-waiting/test-execution');
	const resumed = await result.resume([{ headers: { host: url.host }, params: {}, query: Object.fromEntries(url.searchParams), body: {} }]);
	if (resumed.error) throw resumed.error;
	return resumed;
}

function messages(channel: 'wecom' | 'sms', phone?: string): SinkMessage[] {
	return platform.sinks.messages({ channel }).filter((m) => !phone || m.phoneNumbers?.includes(phone));
}

function weComAbout(applicationId: string): SinkMessage[] {
	return messages('wecom').filter((m) => m.text.includes(applicationId));
}

/** The approve and reject link of each admin in a review request. */
function linksIn(text: string): Record<string, { approve: string; reject: string }> {
	const links: Record<string, { approve: string; reject: string }> = {};
	for (const line of text.split('\n')) {
		const match = /^- ([A-Z0-9-]+)：\[批准 Approve\]\(([^)]+)\)\s*\[驳回 Reject\]\(([^)]+)\)$/.exec(line);
		if (match) links[match[1]] = { approve: match[2], reject: match[3] };
	}
	return links;
}

function members(idNumber: string): IDataObject[] {
	return platform.db.prepare('SELECT * FROM members WHERE id_number = ?').all(idNumber) as IDataObject[];
}

function enrolments(memberId: string): IDataObject[] {
	return platform.db.prepare('SELECT * FROM enrolments WHERE member_id = ?').all(memberId) as IDataObject[];
}

describe('the template as a user imports it', () => {
	const template = loadTemplate();

	test('names our nodes by the package, runs in China time and documents itself', () => {
		expect(template.id).toMatch(/^[A-Za-z0-9]{16,20}$/);
		expect(template.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		expect(template.active).toBe(false);
		const types = template.nodes.map((n) => n.type);
		expect(types.every((t) => t.startsWith('n8n-nodes-gonghui.') || t.startsWith('n8n-nodes-base.'))).toBe(true);
		expect(new Set(template.nodes.map((n) => n.id)).size).toBe(template.nodes.length);
		expect(template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(5);
		const notes = template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content)).join('\n');
		for (const topic of ['Configure', 'Review loop', 'Security', 'adminOrgIds', 'EMPLOYMENT_UNVERIFIED']) expect(notes).toContain(topic);
	});

	test('credentials are the local ones by id, the trigger listens for submitted applications only', () => {
		for (const node of template.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) expect(ref.id).toBe(CREDENTIAL_IDS[type]);
		}
		const trigger = template.nodes.find((n) => n.name === TRIGGER)!;
		expect(trigger.type).toBe('n8n-nodes-gonghui.yueGongHuiTrigger');
		expect(trigger.parameters.events).toEqual(['application.submitted']);
		expect(trigger.webhookId).toBeTruthy();
		const lookup = template.nodes.find((n) => n.type === 'n8n-nodes-gonghui.platformCompany')!;
		expect(lookup.onError).toBe('continueRegularOutput');
		const wait = template.nodes.find((n) => n.type === 'n8n-nodes-base.wait')!;
		expect(wait.parameters).toMatchObject({ resume: 'webhook', httpMethod: 'GET', limitWaitTime: true, resumeUnit: 'days' });
		// Masking is never turned off in a template.
		for (const node of template.nodes.filter((n) => n.type === 'n8n-nodes-gonghui.unionNotify')) expect(node.parameters.sendUnmasked).not.toBe(true);
	});
});

describe('approved automatically', () => {
	test('a clean application: decision and member on the platform, enrolled in today’s plan, SMS masked', async () => {
		const worker = nextWorker(platform);
		const applicant = person('陈晓明');
		const event = await submitApplication(platform, applicationFor(worker, applicant));
		const applicationId = String(event.data.applicationId);

		const result = await run(event);
		expect(result.status).toBe('success');
		expect(result.output('Review Application')[0]).toMatchObject({ outcome: 'approve', assignedOrg: { orgId: `FED-${worker.cityCode}` } });

		const record = applicationRecord(platform, applicationId);
		expect(record.status).toBe('approved');
		expect(record.version).toBe(2);
		expect(record.decisions).toHaveLength(1);
		expect(record.decisions[0]).toMatchObject({ outcome: 'approve', assignedOrg: { orgId: `FED-${worker.cityCode}` } });
		const [member] = members(worker.idNumber);
		expect(member).toMatchObject({ member_id: record.memberId, org_id: `FED-${worker.cityCode}`, real_name_registered: 1 });
		expect(enrolments(String(member.member_id))).toEqual([expect.objectContaining({ plan_id: THIS_YEARS_PLAN.planId })]);

		const [sms] = messages('sms', applicant.phone);
		expect(sms.msgtype).toBe('SMS_480000001');
		expect(sms.text).toContain('陈**');
		expect(sms.text).toContain(applicationId);
		expect(sms.text).toContain(`已加入互助保障计划${THIS_YEARS_PLAN.planId}`);
		expect(sms.text).not.toContain(applicant.name);
		expect(weComAbout(applicationId)).toEqual([]);
	});

	test('not real-name registered: approved and told to register, not enrolled', async () => {
		const worker = nextWorker(platform);
		const applicant = person('林美华');
		const event = await submitApplication(platform, applicationFor(worker, applicant, { realNameVerified: false }));

		const result = await run(event);
		expect(result.output('Review Application')[0].reasons).toEqual([expect.objectContaining({ code: 'REAL_NAME_PENDING', severity: 'info' })]);
		const record = applicationRecord(platform, String(event.data.applicationId));
		expect(record.status).toBe('approved');
		expect(enrolments(String(record.memberId))).toEqual([]);
		expect(result.ran('Enrol in Plan')).toBe(false);
		expect(messages('sms', applicant.phone).map((m) => m.text).join()).toContain('完成粤工惠实名注册后即可加入互助保障');
	});

	test('no plan covers today: enrolment skipped with a note, the member still approved and told', async () => {
		const worker = nextWorker(platform);
		const applicant = person('黄志强');
		const event = await submitApplication(platform, applicationFor(worker, applicant));

		const result = await run(event, { template: templateWith([{ planId: 'GD-NEWFORM-2022', coverageStart: '2022-01-01', coverageEnd: '2022-12-31' }]) });
		expect(result.status).toBe('success');
		const [planned] = result.output('Plan for Today');
		expect(planned).toMatchObject({ planId: '', today: TODAY });
		expect(String(planned.enrolmentNote)).toContain('No plan covers today');
		expect(result.ran('Enrol in Plan')).toBe(false);
		const record = applicationRecord(platform, String(event.data.applicationId));
		expect(record.status).toBe('approved');
		expect(enrolments(String(record.memberId))).toEqual([]);
		expect(messages('sms', applicant.phone).map((m) => m.text).join()).toContain('今日暂无可加入的互助保障计划');
	});
});

describe('rejected automatically', () => {
	test('a member applying again: found on the platform, rejected with the advice to transfer, SMS says why in Chinese', async () => {
		const worker = nextWorker(platform, { member: true });
		const [existing] = members(worker.idNumber);
		const applicant = person('吴丽娟');
		const event = await submitApplication(platform, applicationFor(worker, applicant));
		expect(event.data.existingMembership).toBeNull();
		const applicationId = String(event.data.applicationId);

		const result = await run(event);
		expect(result.status).toBe('success');
		expect(result.output('Complete Application')[0].application).toMatchObject({ existingMembership: { orgId: existing.org_id } });
		const record = applicationRecord(platform, applicationId);
		expect(record.status).toBe('rejected');
		expect(record.memberId).toBeNull();
		expect((record.decisions[0].reasons as IDataObject[]).map((r) => r.code)).toContain('ALREADY_MEMBER');
		expect(members(worker.idNumber)).toEqual([existing]);

		const [sms] = messages('sms', applicant.phone);
		expect(sms.msgtype).toBe('SMS_480000002');
		expect(sms.text).toContain('申请人已是工会会员');
		expect(sms.text).toContain('吴**');
	});
});

describe('sent to review, decided by an admin through the WeCom links', () => {
	let event: PlatformEvent;
	let applicationId: string;
	let waiting: RunResult;
	let links: Record<string, { approve: string; reject: string }>;
	const applicant = { name: '', phone: '' };

	beforeAll(async () => {
		const worker = nextWorker(platform);
		Object.assign(applicant, person('郑国栋'));
		event = await submitApplication(platform, applicationFor(worker, applicant, { group: 'other' }));
		applicationId = String(event.data.applicationId);
		waiting = await run(event);
	});

	test('review recorded on the platform, a masked WeCom request with one approve and one reject link per admin, the run waits', async () => {
		expect(waiting.status).toBe('waiting');
		const record = applicationRecord(platform, applicationId);
		expect(record.status).toBe('review');
		expect((record.decisions[0].reasons as IDataObject[]).map((r) => r.code)).toEqual(['GROUP_OTHER']);

		const [request] = weComAbout(applicationId);
		expect(request.msgtype).toBe('markdown');
		expect(request.text).toContain('GROUP_OTHER');
		expect(request.text).toContain('郑**');
		expect(request.text).not.toContain(applicant.name);
		expect(personalDataIn([request.text])).toEqual([]);
		links = linksIn(request.text);
		expect(Object.keys(links).sort()).toEqual(['ADM-440100-1', 'ADM-440100-2']);
		for (const [adminId, { approve, reject }] of Object.entries(links)) {
			expect(new URL(approve).searchParams.get('adminId')).toBe(adminId);
			expect(new URL(approve).searchParams.get('decision')).toBe('approve');
			expect(new URL(reject).searchParams.get('decision')).toBe('reject');
			expect(new URL(approve).searchParams.get('token')).not.toBe(new URL(reject).searchParams.get('token'));
		}
	});

	test("the listed admin's approve link: approved on the platform with decidedBy, member created and enrolled, SMS, browser told", async () => {
		answers.length = 0;
		const done = await click(waiting, links['ADM-440100-1'].approve);
		expect(done.status).toBe('success');
		expect(done.output('Apply Admin Decision')[0]).toMatchObject({ decisionStatus: 'applied', outcome: 'approve' });

		const record = applicationRecord(platform, applicationId);
		expect(record.status).toBe('approved');
		expect(record.decisions).toHaveLength(2);
		expect(record.decisions[1]).toMatchObject({ outcome: 'approve', decidedBy: { adminId: 'ADM-440100-1', adminOrgId: 'FED-440100' } });
		expect(enrolments(String(record.memberId))).toEqual([expect.objectContaining({ plan_id: THIS_YEARS_PLAN.planId })]);

		const [sms] = messages('sms', applicant.phone);
		expect(sms.msgtype).toBe('SMS_480000001');
		expect(sms.text).toContain('郑**');
		expect(answers).toEqual([expect.objectContaining({ statusCode: 200, body: expect.stringContaining('已批准') })]);
	});
});

describe('a decision from someone who may not decide', () => {
	let applicationId: string;
	let waiting: RunResult;
	let links: Record<string, { approve: string; reject: string }>;
	let applicant: { name: string; phone: string };

	beforeAll(async () => {
		const worker = nextWorker(platform);
		applicant = person('何静怡');
		const event = await submitApplication(platform, applicationFor(worker, applicant, { group: 'other' }));
		applicationId = String(event.data.applicationId);
		waiting = await run(event);
		links = linksIn(weComAbout(applicationId)[0].text);
	});

	/** A link for an admin the message did not go to, signed as the workflow signs (as if the message had named them). */
	function linkFor(result: RunResult, adminId: string, decision: string): string {
		const secret = String(result.output('Link Secret')[0].linkSecret);
		const token = createHash('sha256')
			.update(`${adminId}|${decision}|${applicationId}|${secret}`)
			.digest('hex')
			.slice(0, 32)
			.replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]);
		return `http://127.0.0.1:5678/webhook-waiting/test-execution?decision=${decision}&adminId=${adminId}&token=${token}`;
	}

	test("another city's admin: refused, nothing changes on the platform, the group is told, the run waits again", async () => {
		const before = applicationRecord(platform, applicationId);
		answers.length = 0;
		const refused = await click(waiting, linkFor(waiting, 'ADM-440300-1', 'approve'));

		expect(refused.status).toBe('waiting');
		const decided = refused.output('Apply Admin Decision')[0];
		expect(decided.decisionStatus).toBe('refused');
		expect((decided.decisionReasons as IDataObject[]).map((r) => r.code)).toEqual(['ADMIN_NOT_AUTHORIZED']);
		expect(refused.output('Prepare Admin Decision')[0]).toMatchObject({ adminListed: false, linkValid: true, adminOrgIds: [] });
		expect(applicationRecord(platform, applicationId)).toEqual(before);
		expect(members(String(refused.output('Review Application')[0].idNumber))).toEqual([]);
		expect(messages('sms', applicant.phone)).toEqual([]);

		const notice = weComAbout(applicationId).find((m) => m.text.includes('ADMIN_NOT_AUTHORIZED'))!;
		expect(notice.text).toContain('ADM-440300-1');
		expect(notice.text).toContain('何**');
		expect(answers).toEqual([expect.objectContaining({ statusCode: 403 })]);
		waiting = refused;
	});

	test('a link edited to another admin of the organisation does not check out either', async () => {
		const before = applicationRecord(platform, applicationId);
		const forged = new URL(links['ADM-440100-1'].approve);
		forged.searchParams.set('adminId', 'ADM-440100-2');
		const refused = await click(waiting, forged.toString());

		expect(refused.status).toBe('waiting');
		expect(refused.output('Prepare Admin Decision')[0]).toMatchObject({ adminListed: true, linkValid: false, adminOrgIds: [] });
		expect(refused.output('Apply Admin Decision')[0].decisionStatus).toBe('refused');
		expect(applicationRecord(platform, applicationId)).toEqual(before);
		expect(weComAbout(applicationId).some((m) => m.text.includes('链接校验未通过'))).toBe(true);
		waiting = refused;
	});

	test('an admin removed from the organisation after the message went out: their own link is refused', async () => {
		const before = applicationRecord(platform, applicationId);
		const admin = platform.db.prepare('SELECT * FROM admins WHERE admin_id = ?').get('ADM-440100-1') as IDataObject;
		platform.db.prepare('DELETE FROM admins WHERE admin_id = ?').run('ADM-440100-1');
		try {
			const refused = await click(waiting, links['ADM-440100-1'].approve);
			expect(refused.status).toBe('waiting');
			expect(refused.output('Prepare Admin Decision')[0]).toMatchObject({ adminListed: false, linkValid: true, adminOrgIds: [] });
			expect(refused.output('Apply Admin Decision')[0].decisionStatus).toBe('refused');
			expect(applicationRecord(platform, applicationId)).toEqual(before);
			waiting = refused;
		} finally {
			platform.db.prepare('INSERT INTO admins (admin_id, org_id, name, phone) VALUES (@admin_id, @org_id, @name, @phone)').run(admin);
		}
	});

	test("after the refusals the organisation's admin still decides: rejected, SMS", async () => {
		const done = await click(waiting, links['ADM-440100-2'].reject);
		expect(done.status).toBe('success');
		const record = applicationRecord(platform, applicationId);
		expect(record.status).toBe('rejected');
		expect(record.decisions.at(-1)).toMatchObject({ outcome: 'reject', decidedBy: { adminId: 'ADM-440100-2', adminOrgId: 'FED-440100' } });
		const [sms] = messages('sms', applicant.phone);
		expect(sms.msgtype).toBe('SMS_480000002');
		expect(sms.text).toContain('经工会审核未通过');
	});
});

describe('employment at the platform company', () => {
	test('a relation that contradicts the company’s record: review with EMPLOYMENT_MISMATCH', async () => {
		const worker = nextWorker(platform, { relation: 'platform_managed' });
		const applicant = person('周建平');
		const event = await submitApplication(platform, applicationFor(worker, applicant, { employmentRelation: 'labor_contract' }));
		const applicationId = String(event.data.applicationId);

		const result = await run(event);
		expect(result.status).toBe('waiting');
		const reviewed = result.output('Review Application')[0];
		expect(reviewed.outcome).toBe('review');
		expect(reviewed.reasons).toEqual(
			expect.arrayContaining([expect.objectContaining({ code: 'EMPLOYMENT_MISMATCH', field: 'employmentRelation' })]),
		);
		expect(applicationRecord(platform, applicationId).status).toBe('review');
		expect(weComAbout(applicationId)[0].text).toContain('EMPLOYMENT_MISMATCH');
	});

	test('the company unreachable: the application is not lost, it goes to review with EMPLOYMENT_UNVERIFIED', async () => {
		const worker = nextWorker(platform);
		const applicant = person('梁文杰');
		const event = await submitApplication(platform, applicationFor(worker, applicant));
		const applicationId = String(event.data.applicationId);
		const down = `http://127.0.0.1:${await closedPort()}/companies/meituan-demo`;
		const credentials = localCredentialData(platform.url);
		credentials.platformCompanyOAuth2Api = { ...credentials.platformCompanyOAuth2Api, baseUrl: down, accessTokenUrl: `${down}/oauth/token` };

		const result = await run(event, { credentials });
		expect(result.output('Look Up Employment')[0].error).toBeTruthy();
		expect(result.output('Complete Application')[0].application).toMatchObject({ employmentCheck: { status: 'unavailable' } });
		expect(result.output('Review Application')[0].reasons).toEqual([expect.objectContaining({ code: 'EMPLOYMENT_UNVERIFIED', severity: 'review' })]);
		expect(result.status).toBe('waiting');
		expect(applicationRecord(platform, applicationId).status).toBe('review');
		expect(weComAbout(applicationId)[0].text).toContain('EMPLOYMENT_UNVERIFIED');
	});
});

describe('when nobody decides, or the platform will not record', () => {
	test('the Wait runs out: the group is told the links expired, the application stays in review', async () => {
		const worker = nextWorker(platform);
		const applicant = person('罗小燕');
		const event = await submitApplication(platform, applicationFor(worker, applicant, { group: 'other' }));
		const applicationId = String(event.data.applicationId);
		const waiting = await run(event);

		// A timed-out Wait passes on what it received instead of a request.
		const expired = await waiting.resume(waiting.output('WeCom: Review Request'));
		expect(expired.status).toBe('success');
		expect(expired.ran('Apply Admin Decision')).toBe(false);
		expect(weComAbout(applicationId).some((m) => m.text.includes('审批链接已过期'))).toBe(true);
		expect(applicationRecord(platform, applicationId).status).toBe('review');
		expect(messages('sms', applicant.phone)).toEqual([]);
	});

	test('decided elsewhere meanwhile: the admin’s click is not recorded, the group and the browser are told', async () => {
		const worker = nextWorker(platform);
		const applicant = person('许嘉欣');
		const event = await submitApplication(platform, applicationFor(worker, applicant, { group: 'other' }));
		const applicationId = String(event.data.applicationId);
		const waiting = await run(event);
		const links = linksIn(weComAbout(applicationId)[0].text);

		const current = applicationRecord(platform, applicationId);
		const elsewhere = await platformApi(
			platform,
			'POST',
			`/applications/${applicationId}/decision`,
			{ outcome: 'reject', reasons: [], assignedOrg: { type: 'city_newform_federation', cityCode: '440100', orgId: 'FED-440100' } },
			{ 'If-Match': String(current.version) },
		);
		expect(elsewhere.status).toBe(200);

		answers.length = 0;
		const done = await click(waiting, links['ADM-440100-1'].approve);
		expect(done.status).toBe('success');
		// The version the workflow holds is stale now: the platform refuses rather than overwrite.
		expect(done.output('Record Admin Decision')[0]).toMatchObject({ code: 'VERSION_CONFLICT' });
		expect(applicationRecord(platform, applicationId).status).toBe('rejected');
		expect(members(worker.idNumber)).toEqual([]);
		expect(weComAbout(applicationId).some((m) => m.text.includes('审批决定未能记录') && m.text.includes('VERSION_CONFLICT'))).toBe(true);
		expect(answers).toEqual([expect.objectContaining({ statusCode: 409 })]);
		expect(messages('sms', applicant.phone)).toEqual([]);
	});
});

describe('the hourly sweep', () => {
	function submittedEvents(applicationId: string): PlatformEvent[] {
		const rows = platform.db
			.prepare(`SELECT event_id, type, occurred_at, data FROM events WHERE type = 'application.submitted' AND json_extract(data, '$.applicationId') = ? ORDER BY seq`)
			.all(applicationId) as Array<{ event_id: string; type: string; occurred_at: string; data: string }>;
		return rows.map((row) => ({ id: row.event_id, type: row.type, occurredAt: row.occurred_at, data: JSON.parse(row.data) as IDataObject }));
	}

	test('an application whose run was lost is announced again after 30 minutes and then decided once; a younger one is left to its run', async () => {
		const lostWorker = nextWorker(platform);
		const lostApplicant = person('韦志强');
		const lost = String((await submitApplication(platform, applicationFor(lostWorker, lostApplicant))).data.applicationId);
		const young = String((await submitApplication(platform, applicationFor(nextWorker(platform), person('龙佳慧')))).data.applicationId);
		const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000).toISOString();
		platform.db.prepare('UPDATE applications SET created_at = ? WHERE application_id = ?').run(fortyMinutesAgo, lost);

		const sweep = await runWorkflow(loadTemplate(), {
			credentials: localCredentialData(platform.url) as never,
			startNode: 'Every hour',
			mode: 'trigger',
			input: [scheduleFiring(new Date().toISOString())],
		});
		expect(sweep.error).toBeUndefined();
		expect(sweep.output('Pending applications').map((a) => a.applicationId)).toEqual(expect.arrayContaining([lost, young]));
		expect(sweep.output('Pending 30 min to 7 days?').map((a) => a.applicationId)).toEqual([lost]);
		const announced = submittedEvents(lost);
		expect(announced).toHaveLength(2);
		expect(sweep.output('Announce again')).toEqual([expect.objectContaining({ id: announced[1].id, type: 'application.submitted' })]);
		expect(announced[1].data).toMatchObject({ applicationId: lost, status: 'pending', version: 1 });
		expect(submittedEvents(young)).toHaveLength(1);

		// The platform delivers the new event to the trigger: decided like any new application.
		const decided = await run(announced[1]);
		expect(decided.status).toBe('success');
		expect(applicationRecord(platform, lost)).toMatchObject({ status: 'approved', version: 2 });
		expect(members(lostWorker.idNumber)).toHaveLength(1);
		expect(messages('sms', lostApplicant.phone)).toHaveLength(1);

		// Decided now, it is no longer pending: the next sweep leaves it alone.
		const next = await runWorkflow(loadTemplate(), {
			credentials: localCredentialData(platform.url) as never,
			startNode: 'Every hour',
			mode: 'trigger',
			input: [scheduleFiring(new Date().toISOString())],
		});
		expect(next.output('Pending 30 min to 7 days?')).toEqual([]);
		expect(submittedEvents(lost)).toHaveLength(2);
		expect(applicationRecord(platform, young)).toMatchObject({ status: 'pending', version: 1 });
	});
});

describe('personal data', () => {
	test('nothing the WeCom group or the applicants received shows an ID number, phone number or name unmasked', () => {
		const all = platform.sinks.messages();
		expect(all.filter((m) => m.channel === 'wecom').length).toBeGreaterThanOrEqual(6);
		expect(all.filter((m) => m.channel === 'sms').length).toBeGreaterThanOrEqual(5);
		const seen = all.flatMap((m) => [m.text, JSON.stringify(m.channel === 'sms' ? (m.body as IDataObject).TemplateParam : m.body)]);
		assertNoPersonalData(seen, { names });
	});
});
