import { moveOffRestDays, periodEndAfterDays, periodEndAfterYears, CHINA_REST_DAYS, type RestDayCalendar } from '../core/restDays';
import type { MutualAidPlan } from './plans';

export interface ClaimDeadlines {
	/** The last service date counted: accident date + expenseWindowDays (第二条, 第五条（一）). */
	expenseWindowEnd: string;
	/** The last day to file: one year on (第五条（四）), moved off rest days (民法典 第二百零三条). */
	filingDeadline: string;
}

interface Remembered {
	expenseWindowDays: number;
	filingWindowYears: number;
	calendar: RestDayCalendar;
	byDay: Map<string, ClaimDeadlines>;
}

const remembered = new WeakMap<MutualAidPlan, Remembered>();

/** Deadlines repeat for every claim of a day, so they are remembered per plan (while its terms and the calendar stay) and day. */
export function claimDeadlines(accidentDate: string, plan: MutualAidPlan, calendar: RestDayCalendar = CHINA_REST_DAYS): ClaimDeadlines {
	let known = remembered.get(plan);
	if (!known || known.expenseWindowDays !== plan.expenseWindowDays || known.filingWindowYears !== plan.filingWindowYears || known.calendar !== calendar) {
		known = { expenseWindowDays: plan.expenseWindowDays, filingWindowYears: plan.filingWindowYears, calendar, byDay: new Map() };
		remembered.set(plan, known);
	}
	let deadlines = known.byDay.get(accidentDate);
	if (!deadlines) {
		deadlines = {
			expenseWindowEnd: periodEndAfterDays(accidentDate, plan.expenseWindowDays),
			filingDeadline: moveOffRestDays(periodEndAfterYears(accidentDate, plan.filingWindowYears), calendar),
		};
		if (known.byDay.size > 50000) known.byDay.clear();
		known.byDay.set(accidentDate, deadlines);
	}
	return deadlines;
}
