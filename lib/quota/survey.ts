import { DateTime } from 'luxon';
import { textOf } from '../core/text';

import { CITIES, resolveCity } from '../core/cities';
import { CHINA_ZONE, chinaDate, todayInChina } from '../core/dates';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS, WORKER_GROUP_LABELS, type WorkerGroup } from '../core/vocabulary';
import { QuotaInputError } from './errors';
import { WECOM_MARKDOWN_MAX_BYTES } from './report/markdown';
import { thousands } from './report/format';
import { resolveGroup, toCount } from './targets';

/** The roster survey (摸底): knowing how many new-form workers each city has (正文 二（二）, 附件2 说明1). */
const RULE = '正文 二（二）';
const HASH_RE = /^[0-9a-f]{64}$/;

/** One worker on one platform company's roster, as `GET /companies/{id}/roster` lists it. */
export interface RosterEntry {
	/** Hex SHA-256 of the upper-cased ID number: the same person on every company's roster. */
	idNumberHash: string;
	cityCode: string;
	group: string;
	/** Absent counts as active. */
	active?: boolean;
}

/** One row of `PUT /statistics/survey`. */
export interface SurveyCount {
	cityCode: string;
	group: WorkerGroup;
	surveyed: number;
}

export interface RosterSurvey {
	/** The Monday (China) of the surveyed week. */
	weekOf: string;
	/** Cities in 附件1 order, groups in 附件2 order; only rows with workers. */
	counts: SurveyCount[];
	/** Distinct workers counted: the sum of `counts`. */
	workers: number;
	/** Roster entries read (every company's, duplicates included). */
	entries: number;
	/** Entries of workers active there. */
	activeEntries: number;
	/** Counted workers active on more than one roster (counted once). */
	onSeveralRosters: number;
	/** Workers on some roster but active on none: not counted. */
	inactiveOnly: number;
	/** The groups some roster entry (active or not) belongs to. */
	groupsCovered: WorkerGroup[];
	/** Counts kept from the previous survey for groups no roster covers (see keepUncoveredGroups). */
	carriedForward: { fromWeekOf: string | null; groups: WorkerGroup[]; surveyed: number } | null;
	/** Entries that could not be read, left out. */
	issues: Reason[];
}

const GROUP_RANK = new Map<string, number>(WORKER_GROUPS.map((g, i) => [g, i]));

/**
 * The Monday (China Standard Time) of the week a date or timestamp falls in; today's week when
 * empty. The platform keeps one survey per week under that Monday.
 */
export function surveyWeekOf(value?: unknown): string {
	const date = value === undefined || value === null || value === '' ? todayInChina() : chinaDate(value);
	if (!date) {
		throw new QuotaInputError([
			reason('SURVEY_WEEK_INVALID', 'reject', RULE, `无法识别摸底周的日期：${textOf(value)}`, `Not a date or timestamp for the survey week: ${textOf(value)}`, 'weekOf'),
		]);
	}
	return DateTime.fromISO(date, { zone: CHINA_ZONE }).startOf('week').toFormat('yyyy-MM-dd');
}

/**
 * Merges the rosters of several platform companies into surveyed counts per city and group, each
 * worker counted once however many companies list them (same `idNumberHash`).
 *
 * Decisions: only workers active on at least one roster are counted (what the companies' own
 * roster counts count). A worker active on several rosters under different groups or cities is
 * counted in the first of them in 附件2's row order (货车司机, 网约车司机, 快递员, 网约配送员, 其他群体),
 * then the lower city code — a rule that does not depend on the order the companies answer in.
 * An entry without a readable hash, city or group is left out and reported.
 */
export function mergeRosters(entries: readonly unknown[], options: { weekOf?: unknown } = {}): RosterSurvey {
	const weekOf = surveyWeekOf(options.weekOf);
	const issues: Reason[] = [];
	/** Per worker: the (city, group) they are counted in, and on how many rosters they are active. */
	const workers = new Map<string, { cityCode: string; group: WorkerGroup; activeOn: number }>();
	const seenInactive = new Set<string>();
	const covered = new Set<WorkerGroup>();
	let read = 0;
	let activeEntries = 0;

	entries.forEach((value, i) => {
		const entry = readEntry(value, i, issues);
		if (!entry) return;
		read++;
		covered.add(entry.group);
		if (!entry.active) {
			seenInactive.add(entry.hash);
			return;
		}
		activeEntries++;
		const counted = workers.get(entry.hash);
		if (!counted) {
			workers.set(entry.hash, { cityCode: entry.cityCode, group: entry.group, activeOn: 1 });
			return;
		}
		counted.activeOn++;
		if (before(entry, counted)) {
			counted.cityCode = entry.cityCode;
			counted.group = entry.group;
		}
	});

	const tally = new Map<string, number>();
	let onSeveralRosters = 0;
	for (const w of workers.values()) {
		const key = `${w.cityCode}/${w.group}`;
		tally.set(key, (tally.get(key) ?? 0) + 1);
		if (w.activeOn > 1) onSeveralRosters++;
	}
	let inactiveOnly = 0;
	for (const hash of seenInactive) if (!workers.has(hash)) inactiveOnly++;
	return {
		weekOf,
		counts: countsOf(tally),
		workers: workers.size,
		entries: read,
		activeEntries,
		onSeveralRosters,
		inactiveOnly,
		groupsCovered: WORKER_GROUPS.filter((g) => covered.has(g)),
		carriedForward: null,
		issues,
	};
}

/** Rows in 附件1 city order and 附件2 group order, only those with workers. */
function countsOf(tally: Map<string, number>): SurveyCount[] {
	const counts: SurveyCount[] = [];
	for (const city of CITIES) {
		for (const group of WORKER_GROUPS) {
			const surveyed = tally.get(`${city.cityCode}/${group}`) ?? 0;
			if (surveyed > 0) counts.push({ cityCode: city.cityCode, group, surveyed });
		}
	}
	return counts;
}

/**
 * Keeps the previous survey's counts for the groups no roster covers. The platform companies list
 * riders, drivers and couriers; 其他群体 (live streaming, e-commerce) are surveyed by the cities in
 * other ways, and a week's survey replaces the last one on the platform: without this a roster
 * survey would wipe their counts. `previous` is read as compareSurveys reads it.
 */
export function keepUncoveredGroups(survey: RosterSurvey, previous: unknown): RosterSurvey {
	const { weekOf, counts } = readPrevious(previous);
	const uncovered = WORKER_GROUPS.filter((g) => !survey.groupsCovered.includes(g));
	const tally = tallyOf(survey.counts);
	let carried = 0;
	for (const [key, surveyed] of counts) {
		const group = key.slice(key.indexOf('/') + 1) as WorkerGroup;
		if (!uncovered.includes(group) || surveyed === 0) continue;
		tally.set(key, (tally.get(key) ?? 0) + surveyed);
		carried += surveyed;
	}
	const groups = uncovered.filter((g) => [...counts].some(([key, n]) => n > 0 && key.endsWith(`/${g}`)));
	if (!groups.length) return survey;
	return { ...survey, counts: countsOf(tally), carriedForward: { fromWeekOf: weekOf, groups, surveyed: carried } };
}

function before(a: { cityCode: string; group: WorkerGroup }, b: { cityCode: string; group: WorkerGroup }): boolean {
	const rank = GROUP_RANK.get(a.group)! - GROUP_RANK.get(b.group)!;
	return rank < 0 || (rank === 0 && a.cityCode < b.cityCode);
}

function readEntry(value: unknown, i: number, issues: Reason[]): { hash: string; cityCode: string; group: WorkerGroup; active: boolean } | null {
	const where = `roster[${i}]`;
	const invalid = (zh: string, en: string, field?: string) => {
		issues.push(reason('ROSTER_ENTRY_INVALID', 'review', RULE, `${where}：${zh}，未计入`, `${where}: ${en}; left out`, field ? `${where}.${field}` : where));
		return null;
	};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('不是名册条目', 'not a roster entry');
	const entry = value as Record<string, unknown>;
	if (typeof entry.error === 'string') return invalid(`平台企业返回错误（${entry.error}）`, `the company answered with an error (${entry.error})`);
	const hash = typeof entry.idNumberHash === 'string' ? entry.idNumberHash.trim().toLowerCase() : '';
	if (!HASH_RE.test(hash)) return invalid('缺少有效的身份证号哈希', 'no valid idNumberHash', 'idNumberHash');
	const city = resolveCity(entry.cityCode);
	if (!city) return invalid(`不是广东省的地级以上市（${textOf(entry.cityCode) || '缺失'}）`, `not one of Guangdong's 21 cities (${textOf(entry.cityCode) || 'missing'})`, 'cityCode');
	const group = resolveGroup(entry.group);
	if (!group) return invalid(`未知的群体（${textOf(entry.group) || '缺失'}）`, `unknown worker group (${textOf(entry.group) || 'missing'})`, 'group');
	return { hash, cityCode: city.cityCode, group, active: entry.active !== false };
}

export interface GroupChange {
	group: WorkerGroup;
	groupName: string;
	before: number;
	after: number;
	change: number;
}

export interface CityChange {
	cityCode: string;
	cityName: string;
	before: number;
	after: number;
	change: number;
	/** The groups whose count changed. */
	groups: GroupChange[];
}

export interface SurveyComparison {
	/** The week the previous counts are from; null when there were none. */
	previousWeekOf: string | null;
	totalBefore: number;
	totalAfter: number;
	change: number;
	/** Province totals per group, in 附件2 order. */
	groups: GroupChange[];
	/** Cities whose count changed in any group, in 附件1 order. */
	cities: CityChange[];
}

/**
 * What changed between the previous survey and this one. `previous` is the platform's statistics
 * document (`GET /statistics/progress`, its `surveyed` counts and `surveyWeekOf`), or survey rows
 * `[{ cityCode, group, surveyed }]`, or `{ weekOf, counts }`; nothing means a first survey.
 */
export function compareSurveys(current: readonly SurveyCount[], previous?: unknown): SurveyComparison {
	const { weekOf, counts } = readPrevious(previous);
	const now = tallyOf(current);
	const cities: CityChange[] = [];
	const groupTotals = new Map<WorkerGroup, { before: number; after: number }>(WORKER_GROUPS.map((g) => [g, { before: 0, after: 0 }]));
	for (const city of CITIES) {
		const groups: GroupChange[] = [];
		let cityBefore = 0;
		let cityAfter = 0;
		for (const group of WORKER_GROUPS) {
			const key = `${city.cityCode}/${group}`;
			const before = counts.get(key) ?? 0;
			const after = now.get(key) ?? 0;
			cityBefore += before;
			cityAfter += after;
			const total = groupTotals.get(group)!;
			total.before += before;
			total.after += after;
			if (before !== after) groups.push(groupChange(group, before, after));
		}
		if (groups.length) cities.push({ cityCode: city.cityCode, cityName: city.cityName, before: cityBefore, after: cityAfter, change: cityAfter - cityBefore, groups });
	}
	const groups = WORKER_GROUPS.map((g) => groupChange(g, groupTotals.get(g)!.before, groupTotals.get(g)!.after));
	const totalBefore = groups.reduce((s, g) => s + g.before, 0);
	const totalAfter = groups.reduce((s, g) => s + g.after, 0);
	return { previousWeekOf: weekOf, totalBefore, totalAfter, change: totalAfter - totalBefore, groups, cities };
}

function groupChange(group: WorkerGroup, before: number, after: number): GroupChange {
	return { group, groupName: WORKER_GROUP_LABELS[group].zh, before, after, change: after - before };
}

function tallyOf(rows: readonly SurveyCount[]): Map<string, number> {
	const tally = new Map<string, number>();
	for (const row of rows) tally.set(`${row.cityCode}/${row.group}`, (tally.get(`${row.cityCode}/${row.group}`) ?? 0) + row.surveyed);
	return tally;
}

function readPrevious(previous: unknown): { weekOf: string | null; counts: Map<string, number> } {
	const counts = new Map<string, number>();
	if (typeof previous === 'string') {
		if (!previous.trim()) return { weekOf: null, counts };
		try {
			previous = JSON.parse(previous);
		} catch {
			throw new QuotaInputError([reason('SURVEY_PREVIOUS_INVALID', 'reject', RULE, '上次摸底数据不是有效的 JSON', 'The previous survey is not valid JSON', 'previous')]);
		}
	}
	if (previous === undefined || previous === null) return { weekOf: null, counts };
	const add = (cityCode: unknown, group: unknown, surveyed: unknown) => {
		const city = resolveCity(cityCode);
		const g = resolveGroup(group);
		const n = toCount(surveyed);
		if (!city || !g || n === null) return;
		const key = `${city.cityCode}/${g}`;
		counts.set(key, (counts.get(key) ?? 0) + n);
	};
	const record = previous as Record<string, unknown>;
	let weekOf: string | null = null;
	if (Array.isArray(previous)) {
		for (const row of previous) if (row && typeof row === 'object') add((row as SurveyCount).cityCode, (row as SurveyCount).group, (row as SurveyCount).surveyed);
	} else if (typeof previous === 'object' && Array.isArray(record.cities)) {
		weekOf = typeof record.surveyWeekOf === 'string' ? record.surveyWeekOf : null;
		for (const city of record.cities as Array<Record<string, unknown>>) {
			for (const g of Array.isArray(city?.groups) ? (city.groups as Array<Record<string, unknown>>) : []) add(city.cityCode, g?.group, g?.surveyed);
		}
	} else if (typeof previous === 'object' && Array.isArray(record.counts)) {
		weekOf = typeof record.weekOf === 'string' ? record.weekOf : null;
		for (const row of record.counts as SurveyCount[]) if (row && typeof row === 'object') add(row.cityCode, row.group, row.surveyed);
	} else {
		throw new QuotaInputError([
			reason(
				'SURVEY_PREVIOUS_INVALID',
				'reject',
				RULE,
				'上次摸底数据应为平台统计文档、{ weekOf, counts } 或摸底行数组',
				'The previous survey must be the platform statistics document, { weekOf, counts } or an array of survey rows',
				'previous',
			),
		]);
	}
	// A statistics document with no survey on record (surveyWeekOf null) is a first survey.
	if (weekOf === null && counts.size === 0) return { weekOf: null, counts };
	return { weekOf, counts };
}

/**
 * A WeCom markdown summary of a survey and what changed since the previous one, kept under the
 * robot's 4096-byte limit (city lines beyond it are summed up in one line).
 */
export function surveyMarkdown(survey: RosterSurvey, comparison: SurveyComparison): string {
	const first = comparison.previousWeekOf === null && comparison.totalBefore === 0;
	const head = [
		`## 平台从业人员摸底 Roster survey（${survey.weekOf} 周 week）`,
		`> 名册条目 Roster entries：${thousands(survey.entries)}（在岗 active ${thousands(survey.activeEntries)}）`,
		`> 去重后摸底人数 Workers, each counted once：**${thousands(survey.workers)}**（${thousands(survey.onSeveralRosters)} 人在多家平台 on several platforms）`,
		`> 各平台均已不在岗、未计入 Inactive everywhere, not counted：${thousands(survey.inactiveOnly)}`,
		first
			? '> 首次摸底，无上周数据可比 First survey: nothing to compare with'
			: `> 较上次（${comparison.previousWeekOf ?? '—'}）Since last survey：**${signed(comparison.change)}**（${thousands(comparison.totalBefore)} → ${thousands(comparison.totalAfter)}）`,
		'',
		'### 分群体 By group',
		comparison.groups.map((g) => `${g.groupName} ${thousands(g.after)}${first ? '' : `（${signed(g.change)}）`}`).join(' · '),
		'',
		`### 各市变化 Changes by city（${comparison.cities.length}）`,
	];
	const notes: string[] = [];
	if (survey.carriedForward) {
		const carried = survey.carriedForward;
		notes.push(
			`> 无平台名册、沿用上次摸底 No roster covers them, kept from ${carried.fromWeekOf ?? 'the last survey'}：${carried.groups.map((g) => WORKER_GROUP_LABELS[g].zh).join('、')} ${thousands(carried.surveyed)}`,
		);
	}
	if (survey.issues.length) notes.push(`> <font color="warning">未能读取的名册条目 Unreadable entries：${survey.issues.length}</font>`);
	head.splice(4, 0, ...notes);
	const cityLines = comparison.cities.map(
		(c) => `${c.cityName} ${thousands(c.after)}（${colour(signed(c.change), c.change)}）：${c.groups.map((g) => `${g.groupName} ${signed(g.change)}`).join('、')}`,
	);
	if (!cityLines.length) cityLines.push('<font color="info">与上次相同 No change</font>');
	const fits = (lines: string[]) => Buffer.byteLength(lines.join('\n'), 'utf8') <= WECOM_MARKDOWN_MAX_BYTES;
	let shown = cityLines.length;
	const compose = (n: number) => {
		const rest = cityLines.length - n;
		return [...head, ...cityLines.slice(0, n), ...(rest > 0 ? [`……另有 ${rest} 市 and ${rest} more cities`] : [])];
	};
	while (shown > 0 && !fits(compose(shown))) shown--;
	return compose(shown).join('\n');
}

function signed(n: number): string {
	return n > 0 ? `+${thousands(n)}` : n < 0 ? `-${thousands(-n)}` : '±0';
}

function colour(text: string, change: number): string {
	return change < 0 ? `<font color="warning">${text}</font>` : change > 0 ? `<font color="info">${text}</font>` : text;
}
