import { todayInChina, chinaDate } from '../core/dates';
import { textOf } from '../core/text';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS, WORKER_GROUP_LABELS, type WorkerGroup } from '../core/vocabulary';
import { allocateTargets } from './allocate';
import {
	PLAN_PREMIUM_FEN_2022,
	QUOTA_CAMPAIGN,
	REAL_NAME_RATE_MIN,
	elapsedFraction,
	type CampaignWindow,
} from './campaign';
import { emptyCityCounts, readCounts, type CityCounts, type GroupCounts } from './counts';
import { QuotaInputError } from './errors';
import { targetTable, type CityTarget, type TargetTable } from './targets';

/** How a group row's 入会目标数 is found. */
export type GroupTargetBasis = 'city' | 'table' | 'surveyed';

export interface ProgressOptions {
	/** A target table (validated here); the built-in 2022 table of 附件1 when absent. */
	targets?: TargetTable | unknown;
	/** The report date `YYYY-MM-DD` (or a timestamp); else the document's `asOf`, else today in China. */
	asOf?: string;
	/** Premium per enrolled member, in fen; 2000 (附件4, 2022) when absent. */
	premiumFen?: number;
	/**
	 * Group targets: `city` — every group row is measured against the city's new-form target
	 * (附件2 说明3); `surveyed` — that target split across the groups by their surveyed counts
	 * (largest remainder); `auto` (default) — the table's own split when it has one, else `city`.
	 */
	groupTargets?: 'auto' | GroupTargetBasis;
	/** The schedule window; the 2021-09-07 → 2022-12-31 campaign for a 2022 table, else the table's calendar year. */
	campaign?: CampaignWindow;
}

/** A 附件2 row: one worker group of a city, or the city's total. */
export interface ProgressRow {
	cityCode: string;
	cityName: string;
	group: WorkerGroup | 'total';
	groupName: string;
	/** 摸底人数 */
	surveyed: number;
	/** 入会目标数 */
	target: number;
	targetBasis: GroupTargetBasis;
	/** 已入会数量 */
	joined: number;
	/** joined ÷ target as a ratio; null when the target is 0. */
	completionRate: number | null;
	/** 录入粤工惠平台数 */
	platformRegistered: number;
	/** platformRegistered ÷ joined; null when nobody joined. */
	realNameRate: number | null;
	/** The real-name rate is under 0.80 (正文 一). */
	realNameBelowMinimum: boolean;
	enrolled: number;
	/** enrolled × premium, in fen. */
	planCostFen: number;
}

export interface Against {
	count: number;
	target: number;
	rate: number | null;
}

export interface CityProgress extends ProgressRow {
	group: 'total';
	/** 1 = highest completion; equal rates share a rank. */
	rank: number;
	/** completionRate < the elapsed share of the campaign; null when there is no target. */
	behindSchedule: boolean | null;
	groups: ProgressRow[];
	/** 新建企业工会 against 附件1 */
	enterpriseUnions: Against;
	/** 新发展会员 against 附件1 */
	members: Against;
}

export interface ProvinceProgress extends Omit<CityProgress, 'rank' | 'groups'> {
	groups: ProgressRow[];
}

export interface RankingEntry {
	rank: number;
	cityCode: string;
	cityName: string;
	completionRate: number | null;
	behindSchedule: boolean | null;
	realNameRate: number | null;
	realNameBelowMinimum: boolean;
}

export interface ProgressReport {
	asOf: string;
	year: number;
	campaign: CampaignWindow;
	/** The share of the campaign elapsed on asOf, the line completion is measured against. */
	elapsedFraction: number;
	realNameRateMin: number;
	premiumFen: number;
	/** In 附件1 order. */
	cities: CityProgress[];
	province: ProvinceProgress;
	/** Cities by completion, highest first. */
	ranking: RankingEntry[];
	/** What in the counts was left out, taken as 0 or does not add up. */
	issues: Reason[];
}

export const PROVINCE_CODE = '440000';
export const PROVINCE_NAME = '全省';

/**
 * Progress of the campaign from counts per city and group (SPEC §5, 附件2): each city's five
 * group rows and total against its 附件1 targets, the real-name rate against 0.80, whether the
 * city is behind the schedule, its new enterprise unions and members against their targets, the
 * plan cost of its enrolments, the province's totals and the ranking by completion. Rates are raw
 * ratios; a zero target gives null. Missing counts are 0. Throws `QuotaInputError` only for
 * options it cannot use (a malformed target table, an unreadable date, a bad premium).
 */
export function computeProgress(counts: unknown, options: ProgressOptions = {}): ProgressReport {
	const table = targetTable(options.targets);
	const read = readCounts(counts);
	const asOf = resolveAsOf(options.asOf ?? read.asOf);
	const premiumFen = options.premiumFen ?? PLAN_PREMIUM_FEN_2022;
	if (!Number.isSafeInteger(premiumFen) || premiumFen < 0) {
		throw new QuotaInputError([
			reason('PREMIUM_INVALID', 'reject', '附件4 第三条', `保费必须是非负整数（分）：${premiumFen}`, `The premium must be a whole number of fen ≥ 0: ${premiumFen}`, 'premiumFen'),
		]);
	}
	const campaign = options.campaign ?? (table.year === 2022 ? QUOTA_CAMPAIGN : { start: `${table.year - 1}-12-31`, end: `${table.year}-12-31` });
	const elapsed = elapsedFraction(asOf, campaign);
	const issues = [...read.issues];

	const inTable = new Set(table.cities.map((c) => c.cityCode));
	for (const code of read.cities.keys()) {
		if (!inTable.has(code)) {
			issues.push(
				reason('COUNTS_CITY_NOT_IN_TABLE', 'review', '附件1', `目标表中没有城市 ${code}，其数据未计入`, `City ${code} is not in the target table; its counts were left out`, 'cityCode'),
			);
		}
	}

	const cities = table.cities.map((target) => {
		const counts = read.cities.get(target.cityCode) ?? emptyCityCounts();
		checkConsistency(target, counts, issues);
		return cityProgress(target, counts, { premiumFen, elapsed, basis: options.groupTargets ?? 'auto' });
	});
	const ranking = rank(cities);
	return {
		asOf,
		year: table.year,
		campaign: { start: campaign.start, end: campaign.end },
		elapsedFraction: elapsed,
		realNameRateMin: REAL_NAME_RATE_MIN,
		premiumFen,
		cities,
		province: provinceProgress(cities, elapsed),
		ranking,
		issues,
	};
}

/** Every row of the report: for each city (附件1 order) its five groups then its total. */
export function progressRows(report: ProgressReport): ProgressRow[] {
	return report.cities.flatMap((city) => [...city.groups, totalRow(city)]);
}

function totalRow(city: CityProgress | ProvinceProgress): ProgressRow {
	const { cityCode, cityName, group, groupName, surveyed, target, targetBasis, joined, completionRate, platformRegistered, realNameRate, realNameBelowMinimum, enrolled, planCostFen } = city;
	return { cityCode, cityName, group, groupName, surveyed, target, targetBasis, joined, completionRate, platformRegistered, realNameRate, realNameBelowMinimum, enrolled, planCostFen };
}

function resolveAsOf(value: unknown): string {
	if (value === undefined || value === null || value === '') return todayInChina();
	const date = chinaDate(value);
	if (!date) {
		throw new QuotaInputError([
			reason('DATE_INVALID', 'reject', '附件2', `无法识别的统计日期：${textOf(value)}`, `Not a readable report date: ${textOf(value)}`, 'asOf'),
		]);
	}
	return date;
}

function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

function row(
	cityCode: string,
	cityName: string,
	group: WorkerGroup | 'total',
	counts: GroupCounts,
	target: number,
	targetBasis: GroupTargetBasis,
	premiumFen: number,
): ProgressRow {
	const realNameRate = ratio(counts.platformRegistered, counts.joined);
	return {
		cityCode,
		cityName,
		group,
		groupName: group === 'total' ? '总计' : WORKER_GROUP_LABELS[group].zh,
		surveyed: counts.surveyed,
		target,
		targetBasis,
		joined: counts.joined,
		completionRate: ratio(counts.joined, target),
		platformRegistered: counts.platformRegistered,
		realNameRate,
		realNameBelowMinimum: realNameRate !== null && realNameRate < REAL_NAME_RATE_MIN,
		enrolled: counts.enrolled,
		planCostFen: counts.enrolled * premiumFen,
	};
}

function groupTargets(target: CityTarget, counts: CityCounts, basis: 'auto' | GroupTargetBasis): { basis: GroupTargetBasis; targets: Record<WorkerGroup, number> } {
	if (basis === 'table' || (basis === 'auto' && target.groups)) {
		if (target.groups) return { basis: 'table', targets: target.groups };
	}
	if (basis === 'surveyed') {
		const weights = Object.fromEntries(WORKER_GROUPS.map((g) => [g, counts.groups[g].surveyed]));
		return { basis: 'surveyed', targets: allocateTargets(target.newFormMembers, weights) as Record<WorkerGroup, number> };
	}
	return { basis: 'city', targets: Object.fromEntries(WORKER_GROUPS.map((g) => [g, target.newFormMembers])) as Record<WorkerGroup, number> };
}

function sumGroups(rows: readonly GroupCounts[]): GroupCounts {
	const total: GroupCounts = { surveyed: 0, joined: 0, platformRegistered: 0, enrolled: 0 };
	for (const r of rows) {
		total.surveyed += r.surveyed;
		total.joined += r.joined;
		total.platformRegistered += r.platformRegistered;
		total.enrolled += r.enrolled;
	}
	return total;
}

function behind(completionRate: number | null, elapsed: number): boolean | null {
	return completionRate === null ? null : completionRate < elapsed;
}

function cityProgress(
	target: CityTarget,
	counts: CityCounts,
	context: { premiumFen: number; elapsed: number; basis: 'auto' | GroupTargetBasis },
): CityProgress {
	const split = groupTargets(target, counts, context.basis);
	const groups = WORKER_GROUPS.map((g) => row(target.cityCode, target.cityName, g, counts.groups[g], split.targets[g], split.basis, context.premiumFen));
	const total = row(target.cityCode, target.cityName, 'total', sumGroups(WORKER_GROUPS.map((g) => counts.groups[g])), target.newFormMembers, 'city', context.premiumFen);
	return {
		...total,
		group: 'total',
		rank: 0,
		behindSchedule: behind(total.completionRate, context.elapsed),
		groups,
		enterpriseUnions: { count: counts.newEnterpriseUnions, target: target.enterpriseUnions, rate: ratio(counts.newEnterpriseUnions, target.enterpriseUnions) },
		members: { count: counts.newMembers, target: target.members, rate: ratio(counts.newMembers, target.members) },
	};
}

function provinceProgress(cities: CityProgress[], elapsed: number): ProvinceProgress {
	const premium = (r: ProgressRow) => r.planCostFen;
	const groups = WORKER_GROUPS.map((g) => {
		const rows = cities.map((c) => c.groups.find((r) => r.group === g)!);
		const counts = sumGroups(rows);
		const basis = rows.every((r) => r.targetBasis === rows[0]?.targetBasis) && rows[0] ? rows[0].targetBasis : 'city';
		// Group rows measured against the whole city target add up to the province's new-form target.
		const target = basis === 'city' ? cities.reduce((a, c) => a + c.target, 0) : rows.reduce((a, r) => a + r.target, 0);
		const realNameRate = ratio(counts.platformRegistered, counts.joined);
		return {
			cityCode: PROVINCE_CODE,
			cityName: PROVINCE_NAME,
			group: g,
			groupName: WORKER_GROUP_LABELS[g].zh,
			...counts,
			target,
			targetBasis: basis,
			completionRate: ratio(counts.joined, target),
			realNameRate,
			realNameBelowMinimum: realNameRate !== null && realNameRate < REAL_NAME_RATE_MIN,
			planCostFen: rows.reduce((a, r) => a + premium(r), 0),
		} satisfies ProgressRow;
	});
	const counts = sumGroups(cities);
	const target = cities.reduce((a, c) => a + c.target, 0);
	const realNameRate = ratio(counts.platformRegistered, counts.joined);
	const completionRate = ratio(counts.joined, target);
	const sum = (pick: (c: CityProgress) => number) => cities.reduce((a, c) => a + pick(c), 0);
	const unions = sum((c) => c.enterpriseUnions.count);
	const unionTarget = sum((c) => c.enterpriseUnions.target);
	const members = sum((c) => c.members.count);
	const memberTarget = sum((c) => c.members.target);
	return {
		cityCode: PROVINCE_CODE,
		cityName: PROVINCE_NAME,
		group: 'total',
		groupName: '总计',
		...counts,
		target,
		targetBasis: 'city',
		completionRate,
		realNameRate,
		realNameBelowMinimum: realNameRate !== null && realNameRate < REAL_NAME_RATE_MIN,
		planCostFen: sum((c) => c.planCostFen),
		behindSchedule: behind(completionRate, elapsed),
		groups,
		enterpriseUnions: { count: unions, target: unionTarget, rate: ratio(unions, unionTarget) },
		members: { count: members, target: memberTarget, rate: ratio(members, memberTarget) },
	};
}

/** Highest completion first; no target (null) last; equal rates share a rank, listed by city code. */
function rank(cities: CityProgress[]): RankingEntry[] {
	const ordered = [...cities].sort((a, b) => {
		if (a.completionRate === null || b.completionRate === null) {
			if (a.completionRate === b.completionRate) return a.cityCode < b.cityCode ? -1 : 1;
			return a.completionRate === null ? 1 : -1;
		}
		return b.completionRate - a.completionRate || (a.cityCode < b.cityCode ? -1 : 1);
	});
	let previous: number | null | undefined;
	let previousRank = 0;
	return ordered.map((city, i) => {
		const rankHere = i > 0 && city.completionRate === previous ? previousRank : i + 1;
		previous = city.completionRate;
		previousRank = rankHere;
		city.rank = rankHere;
		return {
			rank: rankHere,
			cityCode: city.cityCode,
			cityName: city.cityName,
			completionRate: city.completionRate,
			behindSchedule: city.behindSchedule,
			realNameRate: city.realNameRate,
			realNameBelowMinimum: city.realNameBelowMinimum,
		};
	});
}

/** Counts that cannot all be true: more real-name registrations than members, more enrolments than registrations. */
function checkConsistency(target: CityTarget, counts: CityCounts, issues: Reason[]): void {
	for (const g of WORKER_GROUPS) {
		const c = counts.groups[g];
		const label = `${target.cityName}${WORKER_GROUP_LABELS[g].zh}`;
		const labelEn = `${target.cityCode} ${g}`;
		if (c.platformRegistered > c.joined) {
			issues.push(
				reason(
					'COUNTS_INCONSISTENT',
					'review',
					'附件2',
					`${label}：录入粤工惠平台数（${c.platformRegistered}）大于已入会数量（${c.joined}）`,
					`${labelEn}: more registered on the platform (${c.platformRegistered}) than joined (${c.joined})`,
					`${target.cityCode}.${g}.platformRegistered`,
				),
			);
		}
		if (c.enrolled > c.platformRegistered) {
			issues.push(
				reason(
					'COUNTS_INCONSISTENT',
					'review',
					'附件4 第一条',
					`${label}：参加互助保障人数（${c.enrolled}）大于实名注册人数（${c.platformRegistered}），只有实名注册会员才能获赠保障`,
					`${labelEn}: more enrolled in the plan (${c.enrolled}) than real-name registered (${c.platformRegistered}); only registered members are covered`,
					`${target.cityCode}.${g}.enrolled`,
				),
			);
		}
	}
}
