import { adjudicateClaim, enrolInPlan } from '../../../lib';
import { accidentOn, claimWith, codes } from './fixtures';

describe('who is covered (附件4 第一条)', () => {
	it.each([
		[{ 'member.isUnionMember': false }, ['NOT_MEMBER'], 'member.isUnionMember'],
		[{ 'member.realNameRegistered': false }, ['NOT_REAL_NAME_REGISTERED'], 'member.realNameRegistered'],
		[{ 'member.group': 'factory_worker' }, ['NOT_NEW_FORM_WORKER'], 'member.group'],
		[{ 'member.group': undefined }, ['NOT_NEW_FORM_WORKER'], 'member.group'],
	])('%o → %o', (patch, expected, field) => {
		const decision = adjudicateClaim(claimWith(patch));
		expect(decision.outcome).toBe('rejected');
		expect(codes(decision)).toEqual(expected);
		expect(decision.reasons[0]).toMatchObject({ severity: 'reject', rule: '附件4 第一条', field });
		expect(decision.reasons[0].messageEn).toBeTruthy();
		expect(decision.payoutFen).toBe(0);
	});

	it.each(['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider', 'other'])('covers the group %s', (group) => {
		expect(adjudicateClaim(claimWith({ 'member.group': group })).outcome).toBe('approved');
	});

	it('reports every failed condition, not just the first', () => {
		const decision = adjudicateClaim(claimWith({ 'member.isUnionMember': false, 'member.realNameRegistered': false, 'member.group': 'x', 'member.enrolments': [] }));
		expect(codes(decision)).toEqual(['NOT_MEMBER', 'NOT_REAL_NAME_REGISTERED', 'NOT_NEW_FORM_WORKER', 'NOT_ENROLLED']);
	});
});

describe('which plan, and enrolment in it (附件4 第四条)', () => {
	it('judges the accident under the plan whose coverage contains its date', () => {
		expect(adjudicateClaim(accidentOn('2021-07-01')).planId).toBe('GD-NEWFORM-2021H2');
		expect(adjudicateClaim(accidentOn('2025-12-31')).planId).toBe('GD-NEWFORM-2025');
	});

	it.each(['2021-06-30', '2026-01-01'])('no plan covers %s: ACCIDENT_OUTSIDE_PLAN, planId null', (date) => {
		const decision = adjudicateClaim(accidentOn(date));
		expect(decision.outcome).toBe('rejected');
		expect(decision.planId).toBeNull();
		expect(codes(decision)).toContain('ACCIDENT_OUTSIDE_PLAN');
		expect(decision.reasons[0]).toMatchObject({ code: 'ACCIDENT_OUTSIDE_PLAN', severity: 'reject', field: 'accident.date' });
		expect(decision.deadlines).toEqual({ expenseWindowEnd: null, filingDeadline: null });
		expect(decision.remainingCapAfterFen).toBeNull();
		expect(decision.lines[0]).toMatchObject({ counted: false });
	});

	it('NOT_ENROLLED when enrolled only in another year’s plan', () => {
		const decision = adjudicateClaim(claimWith({ 'member.enrolments': [{ planId: 'GD-NEWFORM-2023', enrolledAt: '2023-01-02T10:00:00+08:00' }] }));
		expect(codes(decision)).toEqual(['NOT_ENROLLED']);
		expect(decision.reasons[0].message).toContain('GD-NEWFORM-2022');
	});

	it('a second enrolment in the same plan is void: the first one counts', () => {
		const decision = adjudicateClaim(
			claimWith({
				'member.enrolments': [
					{ planId: 'GD-NEWFORM-2022', enrolledAt: '2022-05-01T10:00:00+08:00' },
					{ planId: 'GD-NEWFORM-2022', enrolledAt: '2022-01-05T10:00:00+08:00' },
				],
			}),
		);
		expect(decision.outcome).toBe('approved');
		expect(codes(decision)).toEqual(['ENROLMENT_DUPLICATE']);
		expect(decision.reasons[0].severity).toBe('info');
	});

	it.each([
		// enrolledAt, accident date, accident time, expected codes
		['2021-12-20T10:00:00+08:00', '2022-01-01', undefined, []],
		['2022-01-05T09:00:00+08:00', '2022-01-04', '23:59', ['ACCIDENT_BEFORE_COVERAGE']],
		['2022-01-05T09:00:00+08:00', '2022-01-06', undefined, []],
		['2022-01-05T09:00:00+08:00', '2022-01-05', '09:01', []],
		['2022-01-05T09:00:00+08:00', '2022-01-05', '08:59', ['ACCIDENT_BEFORE_COVERAGE']],
		['2022-01-05T09:00:00+08:00', '2022-01-05', '09:00', ['ACCIDENT_SAME_DAY_AS_ENROLMENT']],
		['2022-01-05T09:00:00+08:00', '2022-01-05', undefined, ['ACCIDENT_SAME_DAY_AS_ENROLMENT']],
		['2022-01-05T09:00:00+08:00', '2022-01-05', null, ['ACCIDENT_SAME_DAY_AS_ENROLMENT']],
		['2022-01-05T01:30:00Z', '2022-01-05', '09:00', ['ACCIDENT_BEFORE_COVERAGE']],
		['2022-01-05T01:30:00Z', '2022-01-05', '09:31', []],
		['2022-01-04T17:00:00Z', '2022-01-05', '00:30', ['ACCIDENT_BEFORE_COVERAGE']],
		['2022-01-04T17:00:00Z', '2022-01-05', '01:30', []],
		['2022-01-05', '2022-01-05', '12:00', ['ACCIDENT_SAME_DAY_AS_ENROLMENT']],
		['2022-01-01T08:00:00+08:00', '2022-01-01', '07:00', ['ACCIDENT_BEFORE_COVERAGE']],
	])('enrolled %s, accident %s %s → %o', (enrolledAt, date, time, expected) => {
		const decision = adjudicateClaim(
			claimWith({
				'member.enrolments': [{ planId: 'GD-NEWFORM-2022', enrolledAt }],
				'accident.date': date,
				'accident.time': time,
				invoices: [{ invoiceCode: 'A', invoiceNo: '1', serviceDate: date, selfPaidInScopeFen: 60000 }],
			}),
		);
		expect(codes(decision)).toEqual(expected);
		const severity = { ACCIDENT_BEFORE_COVERAGE: 'reject', ACCIDENT_SAME_DAY_AS_ENROLMENT: 'review' } as Record<string, string>;
		for (const r of decision.reasons) expect(r.severity).toBe(severity[r.code]);
		expect(decision.outcome).toBe(expected.length === 0 ? 'approved' : expected[0] === 'ACCIDENT_BEFORE_COVERAGE' ? 'rejected' : 'manual_review');
	});
});

describe('enrolInPlan (附件4 第一条, 第四条（二）)', () => {
	const member = { memberId: 'M-1', isUnionMember: true, realNameRegistered: true, group: 'courier' };
	const now = new Date('2022-02-01T02:00:00Z');

	it('enrols a registered member, with the premium and the China-time enrolment moment', () => {
		const result = enrolInPlan(member, 'GD-NEWFORM-2022', [], { now });
		expect(result).toEqual({ ok: true, enrolment: { planId: 'GD-NEWFORM-2022', memberId: 'M-1', enrolledAt: '2022-02-01T10:00:00+08:00', premiumFen: 2000 }, reasons: [] });
	});

	it('refuses a second enrolment in the same plan, allows the next year’s', () => {
		const existing = [{ planId: 'GD-NEWFORM-2022', memberId: 'M-1', enrolledAt: '2022-01-05T09:00:00+08:00' }];
		const again = enrolInPlan(member, 'GD-NEWFORM-2022', existing, { now });
		expect(again.ok).toBe(false);
		expect(again.enrolment).toBeUndefined();
		expect(codes(again)).toEqual(['ENROLMENT_DUPLICATE']);
		expect(again.reasons[0]).toMatchObject({ severity: 'reject', rule: '附件4 第四条（二）' });
		expect(enrolInPlan(member, 'GD-NEWFORM-2023', existing, { now }).ok).toBe(true);
	});

	it.each([
		[{ isUnionMember: false }, ['NOT_MEMBER']],
		[{ realNameRegistered: false }, ['NOT_REAL_NAME_REGISTERED']],
		[{ isUnionMember: false, realNameRegistered: undefined }, ['NOT_MEMBER', 'NOT_REAL_NAME_REGISTERED']],
		[{ group: 'teacher' }, ['NOT_NEW_FORM_WORKER']],
	])('refuses %o', (patch, expected) => {
		const result = enrolInPlan({ ...member, ...patch }, 'GD-NEWFORM-2022', [], { now });
		expect(result.ok).toBe(false);
		expect(codes(result)).toEqual(expected);
	});

	it('refuses an unknown plan and a plan that has ended', () => {
		expect(codes(enrolInPlan(member, 'GD-NEWFORM-2030', [], { now }))).toEqual(['PLAN_UNKNOWN']);
		expect(codes(enrolInPlan(member, 'GD-NEWFORM-2021H2', [], { now }))).toEqual(['PLAN_CLOSED']);
	});
});
