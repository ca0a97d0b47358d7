import { CITIES, resolveCity } from '../core/cities';
import { textOf } from '../core/text';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS, type WorkerGroup } from '../core/vocabulary';
import { QuotaInputError } from './errors';

const RULE = '附件1';

/** One city's targets for a year (附件1 columns), optionally split across the worker groups. */
export interface CityTarget {
	cityCode: string;
	cityName: string;
	/** 新建企业工会任务目标数量 */
	enterpriseUnions: number;
	/** 新发展会员任务目标数量 */
	members: number;
	/** 新发展新就业形态会员任务目标数量 (附件2 说明2: the 入会目标数) */
	newFormMembers: number;
	/** A split of `newFormMembers` across the groups, summing to it exactly, when the city made one. */
	groups?: Record<WorkerGroup, number>;
}

export interface TargetTable {
	year: number;
	cities: CityTarget[];
}

/** The built-in table: 附件1 of 粤工总〔2021〕30号, targets for the end of 2022. */
export const TARGETS_2022: TargetTable = Object.freeze({
	year: 2022,
	cities: Object.freeze(
		CITIES.map((city) =>
			Object.freeze({
				cityCode: city.cityCode,
				cityName: city.cityName,
				enterpriseUnions: city.targets2022.enterpriseUnions,
				members: city.targets2022.members,
				newFormMembers: city.targets2022.newFormMembers,
			}),
		),
	) as CityTarget[],
}) as TargetTable;

/**
 * A user-supplied target table, checked: `{ year, cities }` where `cities` is a list of
 * `{ cityCode | city, enterpriseUnions, members, newFormMembers, groups? }` or an object keyed by
 * city (code, Chinese name or pinyin). Every problem found is returned, none thrown.
 */
export function validateTargetTable(input: unknown): { table: TargetTable | null; reasons: Reason[] } {
	const reasons: Reason[] = [];
	const bad = (field: string, zh: string, en: string) =>
		reasons.push(reason('TARGETS_INVALID', 'reject', RULE, zh, en, field));

	if (!isObject(input)) {
		bad('targets', '目标表必须是对象 { year, cities }', 'The target table must be an object { year, cities }');
		return { table: null, reasons };
	}
	const year = typeof input.year === 'string' && /^\d{4}$/.test(input.year) ? Number(input.year) : input.year;
	if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
		bad('year', `年份无效：${textOf(input.year)}`, `The year is not valid: ${textOf(input.year)}`);
	}

	let entries: Array<[string, unknown]>;
	if (Array.isArray(input.cities)) {
		entries = input.cities.map((row) => [isObject(row) ? textOf(row.cityCode ?? row.city ?? row.cityName) : '', row]);
	} else if (isObject(input.cities)) {
		entries = Object.entries(input.cities);
	} else {
		bad('cities', '目标表缺少城市列表 cities', 'The target table has no list of cities');
		return { table: null, reasons };
	}
	if (entries.length === 0) bad('cities', '目标表的城市列表为空', 'The target table lists no city');

	const seen = new Set<string>();
	const cities: CityTarget[] = [];
	entries.forEach(([key, row], i) => {
		const where = `cities[${i}]`;
		const city = resolveCity(key);
		if (!city) {
			bad(`${where}.cityCode`, `不是广东省的地级以上市：${key || '（空）'}`, `Not one of Guangdong's 21 cities: ${key || '(empty)'}`);
			return;
		}
		if (seen.has(city.cityCode)) {
			bad(`${where}.cityCode`, `${city.cityName}在目标表中重复出现`, `${city.nameEn} appears twice in the target table`);
			return;
		}
		seen.add(city.cityCode);
		if (!isObject(row)) {
			bad(where, `${city.cityName}的目标必须是对象`, `The targets of ${city.nameEn} must be an object`);
			return;
		}
		let readable = true;
		const count = (field: 'enterpriseUnions' | 'members' | 'newFormMembers'): number => {
			const value = toCount(row[field]);
			if (value === null) {
				readable = false;
				bad(
					`${where}.${field}`,
					`${city.cityName}的 ${field} 必须是非负整数（收到 ${show(row[field])}）`,
					`${city.nameEn}: ${field} must be a whole number of at least 0 (got ${show(row[field])})`,
				);
				return 0;
			}
			return value;
		};
		const target: CityTarget = {
			cityCode: city.cityCode,
			cityName: city.cityName,
			enterpriseUnions: count('enterpriseUnions'),
			members: count('members'),
			newFormMembers: count('newFormMembers'),
		};
		if (!readable) return;
		if (target.newFormMembers > target.members) {
			bad(
				`${where}.newFormMembers`,
				`${city.cityName}的新就业形态会员目标（${target.newFormMembers}）不能大于新发展会员目标（${target.members}），前者是后者的一部分`,
				`${city.nameEn}: the new-form member target (${target.newFormMembers}) cannot exceed the member target (${target.members}) it is part of`,
			);
		}
		if (row.groups !== undefined && row.groups !== null) {
			const groups = readGroups(row.groups, `${where}.groups`, city.cityName, city.nameEn, bad);
			if (groups) {
				const sum = WORKER_GROUPS.reduce((a, g) => a + groups[g], 0);
				if (sum !== target.newFormMembers) {
					bad(
						`${where}.groups`,
						`${city.cityName}各群体目标之和（${sum}）必须等于新就业形态会员目标（${target.newFormMembers}）`,
						`${city.nameEn}: the group targets sum to ${sum}, not to the new-form target ${target.newFormMembers}`,
					);
				} else {
					target.groups = groups;
				}
			}
		}
		cities.push(target);
	});

	if (reasons.length) return { table: null, reasons };
	const order = new Map(CITIES.map((c, i) => [c.cityCode, i]));
	cities.sort((a, b) => order.get(a.cityCode)! - order.get(b.cityCode)!);
	return { table: { year: year as number, cities }, reasons };
}

/** The table, or `QuotaInputError` listing every problem. The built-in table when none is given. */
export function targetTable(input?: unknown): TargetTable {
	if (input === undefined || input === null) return TARGETS_2022;
	const { table, reasons } = validateTargetTable(input);
	if (!table) throw new QuotaInputError(reasons);
	return table;
}

function readGroups(
	value: unknown,
	field: string,
	cityName: string,
	nameEn: string,
	bad: (field: string, zh: string, en: string) => void,
): Record<WorkerGroup, number> | null {
	if (!isObject(value)) {
		bad(field, `${cityName}的群体目标必须是以群体为键的对象`, `${nameEn}: group targets must be an object keyed by group`);
		return null;
	}
	const groups = Object.fromEntries(WORKER_GROUPS.map((g) => [g, 0])) as Record<WorkerGroup, number>;
	let ok = true;
	for (const [key, raw] of Object.entries(value)) {
		const group = resolveGroup(key);
		const count = toCount(raw);
		if (!group) {
			bad(`${field}.${key}`, `未知的群体：${key}`, `Unknown worker group: ${key}`);
			ok = false;
		} else if (count === null) {
			bad(`${field}.${key}`, `${cityName}的群体目标必须是非负整数（${key}: ${show(raw)}）`, `${nameEn}: a group target must be a whole number of at least 0 (${key}: ${show(raw)})`);
			ok = false;
		} else {
			groups[group] += count;
		}
	}
	return ok ? groups : null;
}

const GROUP_ALIASES = new Map<string, WorkerGroup>([
	['货车司机', 'truck_driver'],
	['网约车司机', 'ride_hailing_driver'],
	['快递员', 'courier'],
	['网约配送员', 'delivery_rider'],
	['外卖骑手', 'delivery_rider'],
	['其他群体', 'other'],
	['其他', 'other'],
]);

/** A worker group named by its code or its 附件2 label; null when neither. */
export function resolveGroup(input: unknown): WorkerGroup | null {
	if (typeof input !== 'string') return null;
	const text = input.trim();
	if ((WORKER_GROUPS as readonly string[]).includes(text)) return text as WorkerGroup;
	return GROUP_ALIASES.get(text) ?? null;
}

/** A count: a whole number ≥ 0, or digits in a string (spreadsheets); null when neither. */
export function toCount(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		const n = Number(value);
		return Number.isSafeInteger(n) ? n : null;
	}
	return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
	if (value === undefined) return '（缺失 missing）';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}
