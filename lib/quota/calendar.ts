import { addDays, addMonths, chinaDate, daysBetween } from '../core/dates';
import { textOf } from '../core/text';
import { reason } from '../core/reasons';
import { QuotaInputError } from './errors';

export interface ReportingPeriod {
	/** First day the report covers. */
	periodStart: string;
	/** Last day the report covers. */
	periodEnd: string;
	/** The 5th of an odd month. */
	dueDate: string;
	/** Days from the given date to the due date; 0 on the due date itself. */
	daysLeft: number;
}

/**
 * The bimonthly report due next on `date` (附件2 说明5: 每两月报送一次，于单月5号前填报): due on the
 * 5th of January, March, May, July, September and November, covering the two calendar months
 * before it. "5号前" is read as "by the 5th", so on the 5th that day's report is still the one due.
 * Accepts `YYYY-MM-DD`, an ISO timestamp (read as a China date), a Date or epoch milliseconds.
 */
export function reportingPeriod(date: unknown): ReportingPeriod {
	const day = chinaDate(date);
	if (!day) {
		throw new QuotaInputError([
			reason(
				'DATE_INVALID',
				'reject',
				'附件2 说明5',
				`无法识别的日期：${textOf(date)}`,
				`Not a readable date: ${textOf(date)}`,
				'date',
			),
		]);
	}
	let year = Number(day.slice(0, 4));
	let month = Number(day.slice(5, 7));
	const dayOfMonth = Number(day.slice(8, 10));
	// The due month is this month if it is odd and the 5th has not passed; else the next odd month.
	if (month % 2 === 0) month += 1;
	else if (dayOfMonth > 5) month += 2;
	if (month > 12) {
		month -= 12;
		year += 1;
	}
	const dueDate = `${year}-${String(month).padStart(2, '0')}-05`;
	const monthStart = `${year}-${String(month).padStart(2, '0')}-01`;
	return {
		periodStart: addMonths(monthStart, -2),
		periodEnd: addDays(monthStart, -1),
		dueDate,
		daysLeft: daysBetween(day, dueDate),
	};
}
