import fc from 'fast-check';
import { DateTime } from 'luxon';
import { QuotaInputError, reportingPeriod } from '../../../lib/quota';

const DUE_DATES = ['2022-01-05', '2022-03-05', '2022-05-05', '2022-07-05', '2022-09-05', '2022-11-05', '2023-01-05', '2023-03-05'];
const PERIODS: Record<string, [string, string]> = {
	'2022-01-05': ['2021-11-01', '2021-12-31'],
	'2022-03-05': ['2022-01-01', '2022-02-28'],
	'2022-05-05': ['2022-03-01', '2022-04-30'],
	'2022-07-05': ['2022-05-01', '2022-06-30'],
	'2022-09-05': ['2022-07-01', '2022-08-31'],
	'2022-11-05': ['2022-09-01', '2022-10-31'],
	'2023-01-05': ['2022-11-01', '2022-12-31'],
	'2023-03-05': ['2023-01-01', '2023-02-28'],
};

function shift(date: string, days: number): string {
	return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

describe('reportingPeriod on and around every due date (附件2 说明5)', () => {
	test.each(DUE_DATES)('on %s itself that day’s report is due, 0 days left', (due) => {
		expect(reportingPeriod(due)).toEqual({ periodStart: PERIODS[due][0], periodEnd: PERIODS[due][1], dueDate: due, daysLeft: 0 });
	});

	test.each(DUE_DATES)('the day before %s: the same report, 1 day left', (due) => {
		expect(reportingPeriod(shift(due, -1))).toEqual({ periodStart: PERIODS[due][0], periodEnd: PERIODS[due][1], dueDate: due, daysLeft: 1 });
	});

	test.each(DUE_DATES.slice(0, -1).map((due, i) => [due, DUE_DATES[i + 1]]))('the day after %s the next one, due %s, is due', (due, next) => {
		const period = reportingPeriod(shift(due, 1));
		expect(period.dueDate).toBe(next);
		expect(period.periodStart).toBe(PERIODS[next][0]);
		expect(period.periodEnd).toBe(PERIODS[next][1]);
		expect(period.daysLeft).toBe(Math.round(DateTime.fromISO(next).diff(DateTime.fromISO(shift(due, 1)), 'days').days));
	});

	test.each([
		['2022-11-06', '2023-01-05', '2022-11-01', '2022-12-31', 60],
		['2022-12-31', '2023-01-05', '2022-11-01', '2022-12-31', 5],
		['2023-01-01', '2023-01-05', '2022-11-01', '2022-12-31', 4],
		['2023-01-06', '2023-03-05', '2023-01-01', '2023-02-28', 58],
		['2022-02-01', '2022-03-05', '2022-01-01', '2022-02-28', 32],
		['2024-02-29', '2024-03-05', '2024-01-01', '2024-02-29', 5],
		['2021-09-07', '2021-11-05', '2021-09-01', '2021-10-31', 59],
	])('across a year end and February: %s → due %s covering %s…%s, %i days left', (date, dueDate, periodStart, periodEnd, daysLeft) => {
		expect(reportingPeriod(date)).toEqual({ periodStart, periodEnd, dueDate, daysLeft });
	});

	test('a timestamp is read as its China date', () => {
		// 20:00 UTC on 4 March is 04:00 on 5 March in China: the due day itself
		expect(reportingPeriod('2022-03-04T20:00:00Z')).toMatchObject({ dueDate: '2022-03-05', daysLeft: 0 });
		expect(reportingPeriod('2022-03-05T23:59:00+08:00')).toMatchObject({ dueDate: '2022-03-05', daysLeft: 0 });
		expect(reportingPeriod('2022-03-05T16:00:00Z')).toMatchObject({ dueDate: '2022-05-05' });
		expect(reportingPeriod(new Date('2022-12-31T17:00:00Z'))).toMatchObject({ dueDate: '2023-01-05', daysLeft: 4 });
	});

	test.each([['2022-02-30'], ['tomorrow'], [''], [null], [{}]])('an unreadable date (%p) is an error', (value) => {
		expect(() => reportingPeriod(value)).toThrow(QuotaInputError);
	});

	test('for any date: the due date is the first 5th of an odd month on or after it', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 365 * 12 }), (offset) => {
				const date = shift('2020-01-01', offset);
				const { periodStart, periodEnd, dueDate, daysLeft } = reportingPeriod(date);
				const due = DateTime.fromISO(dueDate);
				expect(due.day).toBe(5);
				expect(due.month % 2).toBe(1);
				expect(dueDate >= date).toBe(true);
				expect(daysLeft).toBe(Math.round(due.diff(DateTime.fromISO(date), 'days').days));
				expect(daysLeft).toBeLessThanOrEqual(62);
				// no earlier due date lies between: the previous one is before the date
				const previous = due.minus({ months: 2 }).toISODate()!;
				expect(previous < date).toBe(true);
				// the two months before the due month
				expect(periodStart).toBe(due.minus({ months: 2 }).startOf('month').toISODate());
				expect(periodEnd).toBe(due.startOf('month').minus({ days: 1 }).toISODate());
			}),
			{ numRuns: 500 },
		);
	});
});
