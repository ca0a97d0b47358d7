import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/harness';
import { application, EMPLOYER_USCI, residentId } from '../lib/approval/fixtures';

const TYPE = 'n8n-nodes-gonghui.memberApproval';

function review(items: object[], parameters: IDataObject = {}, continueOnFail = false) {
	return runNode({ type: TYPE, parameters: { operation: 'reviewApplications', ...parameters }, continueOnFail }, items as IDataObject[]);
}

function decide(items: object[], parameters: IDataObject = {}, continueOnFail = false) {
	return runNode({ type: TYPE, parameters: { operation: 'applyAdminDecision', ...parameters }, continueOnFail }, items as IDataObject[]);
}

const codes = (json: IDataObject) => (json.reasons as Array<{ code: string }>).map((r) => r.code);

describe('Member Approval: Review Applications', () => {
	it('reviews each item, one out per one in, paired and in order', async () => {
		const result = await review([
			application({ applicationId: 'A-1' }),
			application({ applicationId: 'A-2', idNumber: residentId('510104', '19880808', '222'), group: 'other' }),
			application({ applicationId: 'A-3', idNumber: residentId('430102', '19950101', '333'), phone: '123' }),
		]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out.map((j) => [j.applicationId, j.outcome])).toEqual([
			['A-1', 'approve'],
			['A-2', 'review'],
			['A-3', 'reject'],
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].assignedOrg).toEqual({ type: 'city_newform_federation', cityCode: '440300', orgId: 'FED-440300' });
		expect(out[0].applicant).toMatchObject({ birthDate: '1990-01-01', gender: 'male', phoneMasked: '138****5678' });
		expect(codes(out[1])).toEqual(['GROUP_OTHER']);
		expect(codes(out[2])).toEqual(['PHONE_INVALID']);
	});

	it('finds duplicates across the items of one run', async () => {
		const out = (
			await review([
				application({ applicationId: 'A-1', name: '张3' }),
				application({ applicationId: 'A-2' }),
				application({ applicationId: 'A-3', idNumber: residentId('440106', '19910202', '444') }),
			])
		).output('Node');
		expect(out.map((j) => j.outcome)).toEqual(['reject', 'reject', 'approve']);
		expect(codes(out[1])).toEqual(['DUPLICATE_APPLICATION']);
	});

	it('leaves everything for an admin when auto-approval is off', async () => {
		const out = (await review([application()], { autoApprove: false })).output('Node');
		expect(out[0].outcome).toBe('review');
	});

	it('reads the application from a field, e.g. a webhook event envelope', async () => {
		const out = (
			await review(
				[{ id: 'evt-1', type: 'application.submitted', data: application({ channel: 'offline', employmentRelation: 'labor_contract', employer: { name: 'E', usci: EMPLOYER_USCI, unionOrgId: 'U-E' } }) }],
				{ applicationField: 'data' },
			)
		).output('Node');
		expect(out[0]).toMatchObject({ outcome: 'approve', assignedOrg: { type: 'enterprise', cityCode: '440300', orgId: 'U-E' } });
	});

	it('turns a malformed application into a rejected item, not a failed run', async () => {
		const result = await review([{ applicationId: 'A-9' }, application()]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out[0].outcome).toBe('reject');
		expect(codes(out[0])).toContain('FIELD_MISSING');
		expect(out[1].outcome).toBe('approve');
	});

	it('stops on an item without an application, unless continuing on failure', async () => {
		const failed = await review([{ data: 'nothing' }], { applicationField: 'data' });
		expect(failed.error?.message).toMatch(/holds no application/);

		const continued = await review([{ data: 'nothing' }, { data: application() }], { applicationField: 'data' }, true);
		expect(continued.error).toBeUndefined();
		const out = continued.output('Node');
		expect(out).toHaveLength(2);
		expect(out[0].error).toMatch(/Item 1 holds no application/);
		expect(out[1].outcome).toBe('approve');
		expect(continued.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Member Approval: Apply Admin Decision', () => {
	async function reviewed(overrides: IDataObject = {}) {
		return (await review([application({ group: 'other', ...overrides })])).output('Node')[0];
	}

	it('applies the decision of an admin of the assigned organisation', async () => {
		const app = await reviewed();
		const result = await decide([
			{
				application: app,
				decision: { applicationId: 'A-001', decision: 'approve', adminId: 'admin-sz', adminOrgId: 'FED-440300', decidedAt: '2024-05-11T10:00:00+08:00' },
				adminOrgIds: ['FED-440300'],
			},
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Node')[0]).toMatchObject({
			outcome: 'approve',
			decisionStatus: 'applied',
			decidedBy: { adminId: 'admin-sz', adminOrgId: 'FED-440300' },
			decidedAt: '2024-05-11T10:00:00+08:00',
		});
	});

	it("refuses another city's admin and a decision on an application not in review", async () => {
		const inReview = await reviewed();
		const approved = (await review([application()])).output('Node')[0];
		const decision = { decision: 'reject', adminId: 'admin-gz', adminOrgId: 'FED-440100' };
		const out = (
			await decide([
				{ application: inReview, decision, adminOrgIds: ['FED-440100'] },
				{ application: approved, decision: { ...decision, adminId: 'admin-sz', adminOrgId: 'FED-440300' }, adminOrgIds: 'FED-440300, U-9' },
			])
		).output('Node');
		expect(out.map((j) => [j.outcome, j.decisionStatus])).toEqual([
			['review', 'refused'],
			['approve', 'refused'],
		]);
		expect(codes({ reasons: out[0].decisionReasons } as IDataObject)).toEqual(['ADMIN_NOT_AUTHORIZED']);
		expect(codes({ reasons: out[1].decisionReasons } as IDataObject)).toEqual(['NOT_AWAITING_REVIEW']);
	});

	it('reads the decision from the item itself and other field names', async () => {
		const app = await reviewed();
		const out = (
			await decide(
				[{ decision: 'reject', adminId: 'admin-sz', comment: '材料不全', reviewed: app, admin: { orgs: ['FED-440300'] } }],
				{ decisionField: '', reviewedField: 'reviewed', adminOrgIdsField: 'admin.orgs' },
			)
		).output('Node');
		expect(out[0]).toMatchObject({ outcome: 'reject', decisionStatus: 'applied', comment: '材料不全' });
	});

	it('refuses a decision when the admin organisations are missing', async () => {
		const app = await reviewed();
		const out = (await decide([{ application: app, decision: { decision: 'approve', adminId: 'admin-sz' } }])).output('Node');
		expect(out[0]).toMatchObject({ outcome: 'review', decisionStatus: 'refused' });
	});

	it('follows continueOnFail for an item without the application', async () => {
		const failed = await decide([{ decision: { decision: 'approve', adminId: 'a' } }]);
		expect(failed.error?.message).toMatch(/lacks the application or the decision/);
		const continued = await decide([{ decision: { decision: 'approve', adminId: 'a' } }], {}, true);
		expect(continued.output('Node')[0].error).toMatch(/lacks the application/);
	});
});
