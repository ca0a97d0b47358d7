import { moveOffRestDays, periodEndAfterDays, periodEndAfterYears, CHINA_REST_DAYS, type RestDayCalendar } from '../core/restDays';
import type { MutualAidPlan } from './plans';

export interface ClaimDeadlines {
	/** The last service date counted: accident date + expenseWindowDays (第二条, 第五条（一）). */
	expenseWindowEnd: string;
	/** The last day to file: one year on (第五条（四）), moved off rest days (民法典 第二百零三条). */
	filingDeadline: string;
}

const cache = new Map<string, ClaimDeadlines>();
const calendarIds = new WeakMap<RestDayCalendar, number>();
let nextCalendarId = 0;

/** Deadlines repeat for every claim of a day, so they are remembered per plan terms, day and calendar. */
export function claimDeadlines(accidentDate: string, plan: MutualAidPlan, calendar: RestDayCalendar = CHINA_REST_DAYS): ClaimDeadlines {
	let calendarId = calendarIds.get(calendar);
	if (calendarId === undefined) calendarIds.set(calendar, (calendarId = nextCalendarId++));
	const key = `${accidentDate}|${plan.expenseWindowDays}|${plan.filingWindowYears}|${calendarId}`;
	let deadlines = cache.get(key);
	if (!deadlines) {
		deadlines = {
			expenseWindowEnd: periodEndAfterDays(accidentDate, plan.expenseWindowDays),
			filingDeadline: moveOffRestDays(periodEndAfterYears(accidentDate, plan.filingWindowYears), calendar),
		};
		if (cache.size > 50000) cache.clear();
		cache.set(key, deadlines);
	}
	return deadlines;
}
