import { resolveCity } from '../core/cities';
import { textOf } from '../core/text';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS, type WorkerGroup } from '../core/vocabulary';
import { resolveGroup, toCount } from './targets';

const RULE = '附件2';

/** What a city reported for one worker group. */
export interface GroupCounts {
	/** 摸底人数 */
	surveyed: number;
	/** 已入会数量 */
	joined: number;
	/** 录入粤工惠平台数 (real-name registered) */
	platformRegistered: number;
	/** enrolled in the mutual-aid plan */
	enrolled: number;
}

export interface CityCounts {
	groups: Record<WorkerGroup, GroupCounts>;
	newEnterpriseUnions: number;
	newMembers: number;
}

/** One row of counts as a spreadsheet or a workflow gives them. Every count is optional (0). */
export interface CountsRow {
	cityCode?: string;
	city?: string;
	group?: string;
	surveyed?: number;
	joined?: number;
	platformRegistered?: number;
	enrolled?: number;
	newEnterpriseUnions?: number;
	newMembers?: number;
}

/** The platform's `GET /statistics/progress` document. */
export interface StatisticsDocument {
	asOf?: string;
	cities: Array<{
		cityCode: string;
		groups?: Array<{ group: string; surveyed?: number; joined?: number; platformRegistered?: number; enrolled?: number }>;
		newEnterpriseUnions?: number;
		newMembers?: number;
	}>;
}

export type CountsInput = CountsRow[] | StatisticsDocument | Array<CountsRow | StatisticsDocument>;

export interface ReadCounts {
	asOf?: string;
	cities: Map<string, CityCounts>;
	issues: Reason[];
}

const GROUP_FIELDS = ['surveyed', 'joined', 'platformRegistered', 'enrolled'] as const;
const CITY_FIELDS = ['newEnterpriseUnions', 'newMembers'] as const;

export function emptyCityCounts(): CityCounts {
	const groups = {} as Record<WorkerGroup, GroupCounts>;
	for (const g of WORKER_GROUPS) groups[g] = { surveyed: 0, joined: 0, platformRegistered: 0, enrolled: 0 };
	return { groups, newEnterpriseUnions: 0, newMembers: 0 };
}

/**
 * Reads counts in either shape — rows `{ cityCode, group, surveyed, joined, platformRegistered,
 * enrolled }` (plus city rows `{ cityCode, newEnterpriseUnions, newMembers }`), or the platform's
 * statistics document — into per-city, per-group totals. Rows for the same city and group add up
 * (a city may report by district). A missing count is 0; a count that is not a whole number ≥ 0
 * is taken as 0 and reported; a row naming no known city or group is left out and reported.
 */
export function readCounts(input: unknown): ReadCounts {
	const issues: Reason[] = [];
	const cities = new Map<string, CityCounts>();
	let asOf: string | undefined;

	const rows: Array<{ row: Record<string, unknown>; where: string }> = [];
	const collect = (value: unknown, where: string) => {
		if (!isObject(value)) {
			issues.push(reason('COUNTS_INVALID', 'review', RULE, `${where} 不是对象，已忽略`, `${where} is not an object and was left out`, where));
			return;
		}
		if (Array.isArray(value.cities)) {
			if (typeof value.asOf === 'string') asOf = value.asOf;
			value.cities.forEach((city, i) => collectCity(city, `${where}.cities[${i}]`));
			return;
		}
		if (Array.isArray(value.groups)) {
			collectCity(value, where);
			return;
		}
		rows.push({ row: value, where });
	};
	const collectCity = (city: unknown, where: string) => {
		if (!isObject(city)) {
			issues.push(reason('COUNTS_INVALID', 'review', RULE, `${where} 不是对象，已忽略`, `${where} is not an object and was left out`, where));
			return;
		}
		const cityRef = city.cityCode ?? city.city ?? city.cityName;
		const groups = Array.isArray(city.groups) ? city.groups : [];
		groups.forEach((g, j) => {
			if (isObject(g)) rows.push({ row: { ...g, cityCode: cityRef }, where: `${where}.groups[${j}]` });
			else issues.push(reason('COUNTS_INVALID', 'review', RULE, `${where}.groups[${j}] 不是对象，已忽略`, `${where}.groups[${j}] is not an object and was left out`, `${where}.groups[${j}]`));
		});
		rows.push({ row: { cityCode: cityRef, newEnterpriseUnions: city.newEnterpriseUnions, newMembers: city.newMembers }, where });
	};

	if (Array.isArray(input)) input.forEach((value, i) => collect(value, `counts[${i}]`));
	else if (input !== undefined && input !== null) collect(input, 'counts');

	for (const { row, where } of rows) {
		const cityRef = row.cityCode ?? row.city ?? row.cityName;
		const city = resolveCity(cityRef);
		if (!city) {
			issues.push(
				reason(
					'COUNTS_CITY_UNKNOWN',
					'review',
					RULE,
					`${where}：不是广东省的地级以上市（${textOf(cityRef) || '缺失'}），该行未计入`,
					`${where}: not one of Guangdong's 21 cities (${textOf(cityRef) || 'missing'}); the row was left out`,
					`${where}.cityCode`,
				),
			);
			continue;
		}
		let counts = cities.get(city.cityCode);
		if (!counts) {
			counts = emptyCityCounts();
			cities.set(city.cityCode, counts);
		}
		const read = (field: string): number => {
			const value = row[field];
			if (value === undefined || value === null || value === '') return 0;
			const count = toCount(value);
			if (count === null) {
				issues.push(
					reason(
						'COUNTS_INVALID',
						'review',
						RULE,
						`${where}.${field} 不是非负整数（${textOf(value)}），按 0 计`,
						`${where}.${field} is not a whole number of at least 0 (${textOf(value)}); counted as 0`,
						`${where}.${field}`,
					),
				);
				return 0;
			}
			return count;
		};
		for (const field of CITY_FIELDS) counts[field] += read(field);

		const hasGroupCounts = GROUP_FIELDS.some((f) => row[f] !== undefined && row[f] !== null && row[f] !== '');
		if (row.group === undefined || row.group === null || row.group === '') {
			if (hasGroupCounts) {
				issues.push(
					reason('COUNTS_GROUP_UNKNOWN', 'review', RULE, `${where}：缺少群体，该行的群体人数未计入`, `${where}: no worker group; its group counts were left out`, `${where}.group`),
				);
			}
			continue;
		}
		const group = resolveGroup(row.group);
		if (!group) {
			issues.push(
				reason(
					'COUNTS_GROUP_UNKNOWN',
					'review',
					RULE,
					`${where}：未知的群体（${textOf(row.group)}），该行的群体人数未计入`,
					`${where}: unknown worker group (${textOf(row.group)}); its group counts were left out`,
					`${where}.group`,
				),
			);
			continue;
		}
		const target = counts.groups[group];
		for (const field of GROUP_FIELDS) target[field] += read(field);
	}
	return { asOf, cities, issues };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
