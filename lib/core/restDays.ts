import { addDays, addYears, weekday } from './dates';

/**
 * Public holidays and adjusted working days (调休上班) as the State Council arranges them each year.
 * Outside the years listed only weekends are rest days.
 */
export interface RestDayCalendar {
	/** Days off that are not (only) weekends. */
	holidays: readonly string[];
	/** Weekend days made working days (调休上班). */
	workdays: readonly string[];
}

function span(from: string, days: number): string[] {
	return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** 国务院办公厅 holiday arrangements, 2021–2026. */
export const CHINA_REST_DAYS: RestDayCalendar = Object.freeze({
	holidays: Object.freeze([
		// 2021
		...span('2021-01-01', 3), ...span('2021-02-11', 7), ...span('2021-04-03', 3), ...span('2021-05-01', 5),
		...span('2021-06-12', 3), ...span('2021-09-19', 3), ...span('2021-10-01', 7),
		// 2022
		...span('2022-01-01', 3), ...span('2022-01-31', 7), ...span('2022-04-03', 3), ...span('2022-04-30', 5),
		...span('2022-06-03', 3), ...span('2022-09-10', 3), ...span('2022-10-01', 7), '2022-12-31',
		// 2023
		...span('2023-01-01', 2), ...span('2023-01-21', 7), '2023-04-05', ...span('2023-04-29', 5),
		...span('2023-06-22', 3), ...span('2023-09-29', 8), '2023-12-30', '2023-12-31',
		// 2024
		'2024-01-01', ...span('2024-02-10', 8), ...span('2024-04-04', 3), ...span('2024-05-01', 5), '2024-06-10',
		...span('2024-09-15', 3), ...span('2024-10-01', 7),
		// 2025
		'2025-01-01', ...span('2025-01-28', 8), ...span('2025-04-04', 3), ...span('2025-05-01', 5),
		...span('2025-05-31', 3), ...span('2025-10-01', 8),
		// 2026
		...span('2026-01-01', 3), ...span('2026-02-15', 9), ...span('2026-04-04', 3), ...span('2026-05-01', 5),
		...span('2026-06-19', 3), ...span('2026-09-25', 3), ...span('2026-10-01', 7),
	]),
	workdays: Object.freeze([
		'2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09',
		'2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09',
		'2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08',
		'2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
		'2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
		'2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
	]),
});

/** The built-in calendar with a user's additions: their holidays and working days win. */
export function withRestDays(extra: Partial<RestDayCalendar> = {}, base: RestDayCalendar = CHINA_REST_DAYS): RestDayCalendar {
	const extraHolidays = new Set(extra.holidays ?? []);
	const extraWorkdays = new Set(extra.workdays ?? []);
	return {
		holidays: [...base.holidays.filter((d) => !extraWorkdays.has(d)), ...extraHolidays],
		workdays: [...base.workdays.filter((d) => !extraHolidays.has(d)), ...extraWorkdays],
	};
}

const lookups = new WeakMap<RestDayCalendar, { holidays: Set<string>; workdays: Set<string> }>();

function lookup(calendar: RestDayCalendar) {
	let sets = lookups.get(calendar);
	if (!sets) {
		sets = { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) };
		lookups.set(calendar, sets);
	}
	return sets;
}

export function isRestDay(date: string, calendar: RestDayCalendar = CHINA_REST_DAYS): boolean {
	const { holidays, workdays } = lookup(calendar);
	if (workdays.has(date)) return false;
	if (holidays.has(date)) return true;
	return weekday(date) >= 6;
}

/** Civil Code art. 203: a last day that is a rest day moves to the day after the rest ends. */
export function moveOffRestDays(date: string, calendar: RestDayCalendar = CHINA_REST_DAYS): string {
	let day = date;
	while (isRestDay(day, calendar)) day = addDays(day, 1);
	return day;
}

/** Civil Code art. 201: the start day is not counted, so N days from D ends at the end of D+N. */
export function periodEndAfterDays(start: string, days: number): string {
	return addDays(start, days);
}

/** Civil Code art. 202: N years from D end on the corresponding day, or the month's last day. */
export function periodEndAfterYears(start: string, years: number): string {
	return addYears(start, years);
}
