import { adjudicateClaim, claimDeadlines, planById, withRestDays } from '../../../lib';
import { accidentOn, claimWith, codes, invoice } from './fixtures';

const plan = planById('GD-NEWFORM-2022')!;

describe('the 180-day expense window (附件4 第二条, 第五条（一）; 民法典 第二百零一条)', () => {
	// Accident 2022-03-05: the start day is not counted, so day 180 is 2022-09-01.
	it.each([
		['2022-03-04', false, 'the day before the accident'],
		['2022-03-05', true, 'the accident day'],
		['2022-09-01', true, 'day 180'],
		['2022-09-02', false, 'day 181'],
	])('an invoice dated %s (%s) counts: %s', (serviceDate, counted) => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(60000, serviceDate)], submittedAt: '2022-09-10T10:00:00+08:00' }));
		expect(decision.deadlines.expenseWindowEnd).toBe('2022-09-01');
		expect(decision.lines[0].counted).toBe(counted);
		expect(decision.countedFen).toBe(counted ? 60000 : 0);
		if (counted) expect(codes(decision)).toEqual([]);
		else {
			expect(codes(decision)).toEqual(['EXPENSE_OUTSIDE_WINDOW', 'BELOW_THRESHOLD']);
			expect(decision.reasons[0]).toMatchObject({ severity: 'info', rule: '附件4 第五条（一）', field: 'invoices[0].serviceDate' });
			expect(decision.lines[0].reasons.map((r) => r.code)).toEqual(['EXPENSE_OUTSIDE_WINDOW']);
		}
	});

	it('counts a window that runs past the plan year under the accident’s plan', () => {
		const decision = adjudicateClaim(accidentOn('2022-12-20', { invoices: [invoice(60000, '2023-03-01')], submittedAt: '2023-03-05T09:00:00+08:00' }));
		expect(decision.planId).toBe('GD-NEWFORM-2022');
		expect(decision.deadlines.expenseWindowEnd).toBe('2023-06-18');
		expect(decision.payoutFen).toBe(50000);
	});

	it('counts the lines inside the window and says which were not', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(30000, '2022-03-06'), invoice(90000, '2022-10-01')], submittedAt: '2022-10-05T10:00:00+08:00' }));
		expect(decision.countedFen).toBe(30000);
		expect(decision.payoutFen).toBe(20000);
		expect(decision.lines.map((l) => l.counted)).toEqual([true, false]);
		expect(decision.explanation).toContain('有1张发票未计入（就诊日期超出事故后180日）');
	});
});

describe('the filing deadline: one year, moved off rest days (第五条（四）; 民法典 第二百零二、二百零三条)', () => {
	it.each([
		['2022-03-07', '2023-03-07', 'a working day stays'],
		['2022-03-05', '2023-03-06', 'a Sunday moves to Monday'],
		['2022-01-22', '2023-01-28', 'Spring Festival 2023 moves to the 调休 working Saturday'],
		['2022-10-03', '2023-10-07', 'National Day 2023 moves to the 调休 working Saturday'],
		['2023-10-01', '2024-10-08', 'National Day 2024 moves to the Tuesday after'],
		['2024-01-28', '2025-02-05', 'Spring Festival 2025 moves to the Wednesday after'],
		['2024-02-29', '2025-02-28', '29 February → 28 February of a common year'],
		['2025-02-17', '2026-02-24', 'Spring Festival 2026'],
	])('accident %s → last day %s (%s)', (accident, deadline) => {
		expect(claimDeadlines(accident, plan).filingDeadline).toBe(deadline);
		expect(adjudicateClaim(accidentOn(accident)).deadlines.filingDeadline).toBe(deadline);
	});

	it.each([
		['2023-01-28T23:59:59+08:00', 'approved'],
		['2023-01-28T15:59:59Z', 'approved'],
		['2023-01-28', 'approved'],
		['2023-01-29T00:00:00+08:00', 'rejected'],
		['2023-01-28T16:00:00Z', 'rejected'],
		['2023-01-29', 'rejected'],
	])('filed at %s (China date compared, last day to 24:00) → %s', (submittedAt, outcome) => {
		const decision = adjudicateClaim(accidentOn('2022-01-22', { submittedAt }));
		expect(decision.outcome).toBe(outcome);
		if (outcome === 'rejected') {
			expect(codes(decision)).toEqual(['FILED_TOO_LATE']);
			expect(decision.reasons[0]).toMatchObject({ severity: 'reject', rule: '附件4 第五条（四）', field: 'submittedAt' });
			expect(decision.reasons[0].message).toContain('2023-01-28');
			expect(decision.payoutFen).toBe(0);
			expect(decision.countedFen).toBe(123456);
			expect(decision.tierFen).toBe(50000);
		}
	});

	it('the calendar option overrides the built-in rest days', () => {
		const extraHoliday = withRestDays({ holidays: ['2023-03-07'] });
		expect(adjudicateClaim(accidentOn('2022-03-07'), { calendar: extraHoliday }).deadlines.filingDeadline).toBe('2023-03-08');
		const lateOnTheExtraDay = accidentOn('2022-03-07', { submittedAt: '2023-03-08T09:00:00+08:00' });
		expect(adjudicateClaim(lateOnTheExtraDay).outcome).toBe('rejected');
		expect(adjudicateClaim(lateOnTheExtraDay, { calendar: extraHoliday }).outcome).toBe('approved');
		const workingSunday = withRestDays({ workdays: ['2023-01-22'] });
		expect(adjudicateClaim(accidentOn('2022-01-22'), { calendar: workingSunday }).deadlines.filingDeadline).toBe('2023-01-22');
	});
});
