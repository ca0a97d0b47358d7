import { applyAdminDecision, reviewApplication } from '../../../lib/approval';
import { application } from './fixtures';

const NOW = new Date('2024-05-10T03:00:00Z');
const inReview = reviewApplication(application({ group: 'other' }), { now: NOW });
const approved = reviewApplication(application(), { now: NOW });
const rejected = reviewApplication(application({ phone: 'x' }), { now: NOW });

const decision = (overrides: Record<string, unknown> = {}) => ({
	applicationId: 'A-001',
	decision: 'approve',
	adminId: 'admin-sz',
	adminOrgId: 'FED-440300',
	comment: '已电话核实',
	decidedAt: '2024-05-11T10:00:00+08:00',
	...overrides,
});

describe('the right admin', () => {
	it('approves an application in review', () => {
		expect(inReview.outcome).toBe('review');
		const result = applyAdminDecision(inReview, decision(), { adminOrgs: ['FED-440300'] });
		expect(result).toMatchObject({
			outcome: 'approve',
			decisionStatus: 'applied',
			decisionReasons: [],
			decidedBy: { adminId: 'admin-sz', adminOrgId: 'FED-440300' },
			decidedAt: '2024-05-11T10:00:00+08:00',
			comment: '已电话核实',
			applicationId: 'A-001',
			assignedOrg: inReview.assignedOrg,
		});
		expect(result.reasons).toEqual(inReview.reasons);
	});

	it('rejects one', () => {
		const result = applyAdminDecision(inReview, decision({ decision: 'reject', comment: undefined }), {
			adminOrgs: ['FED-440300'],
		});
		expect(result.outcome).toBe('reject');
		expect(result.comment).toBeNull();
	});

	it('is found in a directory of admins', () => {
		const adminOrgs = { 'admin-sz': ['FED-440300', 'U-9'], 'admin-gz': ['FED-440100'] };
		expect(applyAdminDecision(inReview, decision(), { adminOrgs }).decisionStatus).toBe('applied');
		expect(applyAdminDecision(inReview, decision({ adminId: 'admin-gz', adminOrgId: 'FED-440100' }), { adminOrgs }).decisionStatus).toBe(
			'refused',
		);
	});

	it('may leave out adminOrgId and decidedAt', () => {
		const result = applyAdminDecision(inReview, decision({ adminOrgId: undefined, decidedAt: undefined }), {
			adminOrgs: ['FED-440300'],
			now: '2024-05-12T01:00:00Z',
		});
		expect(result).toMatchObject({
			decisionStatus: 'applied',
			decidedBy: { adminId: 'admin-sz', adminOrgId: 'FED-440300' },
			decidedAt: '2024-05-12T01:00:00.000Z',
		});
	});

	it('decides for a union the application was routed to', () => {
		const toUnion = reviewApplication(
			application({ channel: 'offline', employmentRelation: 'labor_contract', employer: { name: 'E', unionOrgId: 'U-E' } }),
			{ now: NOW, autoApprove: false },
		);
		expect(toUnion.outcome).toBe('review');
		expect(applyAdminDecision(toUnion, decision({ adminOrgId: 'U-E' }), { adminOrgs: ['U-E'] }).outcome).toBe('approve');
		expect(applyAdminDecision(toUnion, decision(), { adminOrgs: ['FED-440300'] }).decisionStatus).toBe('refused');
	});
});

describe('the platform API spelling', () => {
	it('reads outcome and decidedBy', () => {
		const result = applyAdminDecision(
			inReview,
			{ applicationId: 'A-001', outcome: 'reject', decidedBy: { adminId: 'admin-sz', adminOrgId: 'FED-440300' }, comment: '资料不实' },
			{ adminOrgs: ['FED-440300'], now: NOW },
		);
		expect(result).toMatchObject({ outcome: 'reject', decisionStatus: 'applied', decidedBy: { adminId: 'admin-sz', adminOrgId: 'FED-440300' } });
	});
});

describe('ADMIN_NOT_AUTHORIZED', () => {
	it.each([
		['another city admin', decision({ adminId: 'admin-gz', adminOrgId: 'FED-440100' }), ['FED-440100']],
		['an admin of no organisation', decision(), []],
		['no admin organisations given', decision(), undefined],
		['an admin claiming an organisation they do not run', decision({ adminOrgId: 'FED-440100' }), ['FED-440300']],
		['an admin missing from the directory', decision({ adminId: 'admin-x' }), { 'admin-sz': ['FED-440300'] }],
	])('refuses %s and leaves the application as it was', (_label, d, adminOrgs) => {
		const result = applyAdminDecision(inReview, d, { adminOrgs: adminOrgs as string[] | undefined });
		expect(result.outcome).toBe('review');
		expect(result.decisionStatus).toBe('refused');
		expect(result.decisionReasons).toEqual([
			expect.objectContaining({ code: 'ADMIN_NOT_AUTHORIZED', severity: 'reject', rule: '附件3 三' }),
		]);
		expect(result.decidedBy).toBeUndefined();
	});
});

describe('NOT_AWAITING_REVIEW', () => {
	it.each([
		['approved', approved],
		['rejected', rejected],
	])('refuses a decision on an application already %s', (_label, reviewed) => {
		const result = applyAdminDecision(reviewed, decision({ decision: 'reject' }), { adminOrgs: ['FED-440300'] });
		expect(result.outcome).toBe(reviewed.outcome);
		expect(result.decisionStatus).toBe('refused');
		expect(result.decisionReasons.map((r) => r.code)).toEqual(['NOT_AWAITING_REVIEW']);
	});

	it('refuses a second decision', () => {
		const once = applyAdminDecision(inReview, decision(), { adminOrgs: ['FED-440300'] });
		const twice = applyAdminDecision(once, decision({ decision: 'reject' }), { adminOrgs: ['FED-440300'] });
		expect(twice.outcome).toBe('approve');
		expect(twice.decisionReasons.map((r) => r.code)).toEqual(['NOT_AWAITING_REVIEW']);
	});

	it('reports both refusals together', () => {
		const result = applyAdminDecision(approved, decision(), { adminOrgs: ['FED-440100'] });
		expect(result.decisionReasons.map((r) => r.code)).toEqual(['NOT_AWAITING_REVIEW', 'ADMIN_NOT_AUTHORIZED']);
	});
});

describe('a malformed decision', () => {
	it.each([
		['decision', { decision: 'maybe' }, 'FIELD_INVALID'],
		['decision', { decision: undefined }, 'FIELD_MISSING'],
		['adminId', { adminId: '' }, 'FIELD_MISSING'],
		['applicationId', { applicationId: 'A-999' }, 'FIELD_INVALID'],
		['decidedAt', { decidedAt: 'tomorrow' }, 'FIELD_INVALID'],
		['comment', { comment: 5 }, 'FIELD_INVALID'],
	])('%s', (field, overrides, code) => {
		const result = applyAdminDecision(inReview, decision(overrides), { adminOrgs: ['FED-440300'] });
		expect(result.decisionStatus).toBe('refused');
		expect(result.outcome).toBe('review');
		expect(result.decisionReasons).toContainEqual(expect.objectContaining({ code, field }));
	});

	it('throws when either side is not an object', () => {
		expect(() => applyAdminDecision(null, decision())).toThrow(TypeError);
		expect(() => applyAdminDecision(inReview, 'approve')).toThrow(TypeError);
	});
});

describe('values whose toString or valueOf is not a function (JSON objects)', () => {
	it.each([
		['decidedAt', { toString: 'x' }],
		['decidedAt', { valueOf: 1 }],
		['adminId', { toString: 'x' }],
		['comment', { valueOf: 1 }],
	])('%s = %j is refused as FIELD_INVALID, not thrown', (field, value) => {
		const result = applyAdminDecision(inReview, decision({ [field]: value }), { adminOrgs: ['FED-440300'] });
		expect(result.decisionStatus).toBe('refused');
		expect(result.decisionReasons).toContainEqual(expect.objectContaining({ code: 'FIELD_INVALID', field }));
	});

	it('refuses an application whose outcome is such an object as not awaiting review', () => {
		const result = applyAdminDecision({ ...inReview, outcome: { toString: 'x' } } as never, decision(), { adminOrgs: ['FED-440300'] });
		expect(result.decisionReasons.map((r) => r.code)).toContain('NOT_AWAITING_REVIEW');
	});

	it('refuses a decision when the assigned organisation id is such an object', () => {
		const reviewed = { ...inReview, assignedOrg: { ...inReview.assignedOrg, orgId: { valueOf: 1 } } } as never;
		const result = applyAdminDecision(reviewed, decision(), { adminOrgs: ['FED-440300'] });
		expect(result.decisionReasons.map((r) => r.code)).toContain('ADMIN_NOT_AUTHORIZED');
	});
});
