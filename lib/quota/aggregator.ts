import { CITY_CODES, resolveCity } from '../core/cities';
import { textOf } from '../core/text';
import { chinaDate } from '../core/dates';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS } from '../core/vocabulary';
import type { StatisticsDocument } from './counts';
import { QuotaInputError } from './errors';
import { computeProgress, type ProgressOptions, type ProgressReport } from './progress';
import { resolveGroup } from './targets';

export interface AggregatorOptions extends ProgressOptions {
	/** Count only members who joined on or after this date (China time). */
	from?: string;
	/** Count only enrolments in this plan (e.g. `GD-NEWFORM-2022`); any enrolment when absent. */
	planId?: string;
}

/** The parts of a platform member record the progress report needs. */
export interface ProgressMemberRecord {
	cityCode?: string;
	group?: string;
	joinedAt?: string;
	realNameRegistered?: boolean;
	/** true when enrolled in the plan; or give `enrolments`. */
	enrolled?: boolean;
	enrolments?: Array<{ planId?: string }>;
}

export interface ProgressAggregator {
	/** Counts one member; false when it was left out (unknown city or group, joined outside the window). */
	add(member: ProgressMemberRecord | Record<string, unknown>): boolean;
	/** Adds surveyed counts (from the roster survey) per city and group. */
	addSurvey(rows: Array<{ cityCode?: string; city?: string; group?: string; surveyed?: number }>): void;
	/** Counts a newly established union (enterprise, platform-enterprise and dispatch-agency unions count as 新建企业工会, as the platform counts them). */
	addOrganization(org: { cityCode?: string; type?: string }): boolean;
	/** How many members were counted and left out so far. */
	readonly counted: number;
	readonly skipped: number;
	/** The totals so far in the platform's statistics document shape. */
	counts(): StatisticsDocument;
	/** The progress report on the totals so far (computeProgress with the aggregator's options). */
	result(): ProgressReport;
}

const GROUP_COUNT = WORKER_GROUPS.length;
const FIELDS = 4; // surveyed, joined, platformRegistered, enrolled
const GROUP_INDEX = new Map<string, number>(WORKER_GROUPS.map((g, i) => [g, i]));
const CITY_INDEX = new Map<string, number>(CITY_CODES.map((c, i) => [c, i]));
const MAX_ISSUES = 20;
const ENTERPRISE_KINDS = new Set(['enterprise', 'platform_enterprise', 'dispatch_agency']);

/**
 * Counts raw member records one at a time, in constant memory, so the platform's members (1.2
 * million by the end of 2022) can be paged through and aggregated without ever being held: a
 * fixed table of 21 cities × 5 groups × 4 counts. Each member counts as joined and as a new
 * member; as registered when `realNameRegistered` is true; as enrolled when `enrolled` is true or
 * it has an enrolment (in `planId`, when given).
 */
export function createProgressAggregator(options: AggregatorOptions = {}): ProgressAggregator {
	const table = new Float64Array(CITY_CODES.length * GROUP_COUNT * FIELDS);
	const newMembers = new Float64Array(CITY_CODES.length);
	const newUnions = new Float64Array(CITY_CODES.length);
	const issues: Reason[] = [];
	const from = readDate(options.from, 'from');
	const until = readDate(options.asOf, 'asOf');
	let counted = 0;
	let skipped = 0;

	const note = (issue: Reason) => {
		if (issues.length < MAX_ISSUES) issues.push(issue);
	};
	const cityIndex = (value: unknown): number | undefined => {
		const direct = typeof value === 'string' ? CITY_INDEX.get(value) : undefined;
		if (direct !== undefined) return direct;
		const city = resolveCity(value);
		return city ? CITY_INDEX.get(city.cityCode) : undefined;
	};
	const groupIndex = (value: unknown): number | undefined => {
		const direct = typeof value === 'string' ? GROUP_INDEX.get(value) : undefined;
		if (direct !== undefined) return direct;
		const group = resolveGroup(value);
		return group ? GROUP_INDEX.get(group) : undefined;
	};

	const counts = (): StatisticsDocument => ({
		...(until ? { asOf: until } : {}),
		cities: CITY_CODES.map((cityCode, c) => ({
			cityCode,
			groups: WORKER_GROUPS.map((group, g) => {
				const base = (c * GROUP_COUNT + g) * FIELDS;
				return {
					group,
					surveyed: table[base],
					joined: table[base + 1],
					platformRegistered: table[base + 2],
					enrolled: table[base + 3],
				};
			}),
			newEnterpriseUnions: newUnions[c],
			newMembers: newMembers[c],
		})),
	});

	return {
		add(member) {
			const record = member as Record<string, unknown>;
			const c = cityIndex(record.cityCode ?? record.city);
			const g = groupIndex(record.group);
			if (c === undefined || g === undefined) {
				skipped++;
				note(
					reason(
						c === undefined ? 'COUNTS_CITY_UNKNOWN' : 'COUNTS_GROUP_UNKNOWN',
						'review',
						'附件2',
						c === undefined ? `会员记录的城市无法识别（${textOf(record.cityCode) || '缺失'}），未计入` : `会员记录的群体无法识别（${textOf(record.group) || '缺失'}），未计入`,
						c === undefined ? `A member's city is not one of the 21 (${textOf(record.cityCode) || 'missing'}); not counted` : `A member's worker group is unknown (${textOf(record.group) || 'missing'}); not counted`,
						c === undefined ? 'cityCode' : 'group',
					),
				);
				return false;
			}
			if (from || until) {
				const joined = joinDate(record.joinedAt);
				if (joined && ((from && joined < from) || (until && joined > until))) {
					skipped++;
					return false;
				}
			}
			const base = (c * GROUP_COUNT + g) * FIELDS;
			table[base + 1]++;
			if (record.realNameRegistered === true) table[base + 2]++;
			if (isEnrolled(record, options.planId)) table[base + 3]++;
			newMembers[c]++;
			counted++;
			return true;
		},
		addSurvey(rows) {
			for (const row of rows) {
				const c = cityIndex(row.cityCode ?? row.city);
				const g = groupIndex(row.group);
				const surveyed = typeof row.surveyed === 'number' && Number.isSafeInteger(row.surveyed) && row.surveyed >= 0 ? row.surveyed : null;
				if (c === undefined || g === undefined || surveyed === null) {
					note(reason('COUNTS_INVALID', 'review', '附件2 说明1', '摸底人数记录无法识别，未计入', 'A surveyed count could not be read; not counted', 'surveyed'));
					continue;
				}
				table[(c * GROUP_COUNT + g) * FIELDS] += surveyed;
			}
		},
		addOrganization(org) {
			const c = cityIndex(org.cityCode);
			if (c === undefined || !ENTERPRISE_KINDS.has(textOf(org.type))) return false;
			newUnions[c]++;
			return true;
		},
		get counted() {
			return counted;
		},
		get skipped() {
			return skipped;
		},
		counts,
		result() {
			const report = computeProgress(counts(), options);
			if (skipped > 0) {
				report.issues.push(
					reason('MEMBERS_SKIPPED', 'info', '附件2', `共有 ${skipped} 条会员记录未计入`, `${skipped} member records were not counted`),
				);
			}
			report.issues.push(...issues);
			return report;
		},
	};
}

function readDate(value: unknown, field: string): string | null {
	if (value === undefined || value === null || value === '') return null;
	const date = chinaDate(value);
	if (!date) {
		throw new QuotaInputError([
			reason('DATE_INVALID', 'reject', '附件2', `无法识别的日期（${field}）：${textOf(value)}`, `Not a readable date (${field}): ${textOf(value)}`, field),
		]);
	}
	return date;
}

/** The China date a member joined; fast for the platform's own `YYYY-MM-DDTHH:mm:ss+08:00`. */
function joinDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	if (value.length === 10) return chinaDate(value);
	if (value.endsWith('+08:00') && value.charCodeAt(10) === 84 /* T */) return value.slice(0, 10);
	return chinaDate(value);
}

function isEnrolled(record: Record<string, unknown>, planId: string | undefined): boolean {
	if (record.enrolled === true) return true;
	const enrolments = record.enrolments;
	if (!Array.isArray(enrolments)) return false;
	if (planId === undefined) return enrolments.length > 0;
	for (const e of enrolments) if (e && (e as { planId?: unknown }).planId === planId) return true;
	return false;
}
