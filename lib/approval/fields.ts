import { resolveCity, type ResolvedCity } from '../core/cities';
import { chinaDate, CHINA_ZONE, isValidDate } from '../core/dates';
import { isValidUsci, normalizeMobile, parseResidentId, type ResidentId } from '../core/identity';
import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import {
	EMPLOYMENT_RELATIONS,
	WORKER_GROUPS,
	type EmploymentRelation,
	type WorkerGroup,
} from '../core/vocabulary';
import { DateTime } from 'luxon';
import { APPLICATION_CHANNELS, type ApplicationChannel, type UnitRef } from './types';
import { RULES } from './rules';

export const REQUIRED_FIELDS = [
	'applicationId',
	'submittedAt',
	'name',
	'idNumber',
	'phone',
	'group',
	'employmentRelation',
	'workCity',
] as const;

const FIELD_LABELS: Record<string, string> = {
	applicationId: '申请编号',
	submittedAt: '提交时间',
	channel: '申请渠道',
	name: '姓名',
	idNumber: '身份证号码',
	phone: '手机号码',
	group: '职业群体',
	employmentRelation: '用工关系',
	workCity: '工作城市',
	residenceCity: '居住城市',
	platform: '平台企业',
	employer: '用人单位',
	dispatchAgency: '劳务派遣单位',
	existingMembership: '已有会籍',
	realNameVerified: '实名认证',
};

export function label(field: string): string {
	const [head, ...rest] = field.split('.');
	return (FIELD_LABELS[head] ?? head) + (rest.length ? '.' + rest.join('.') : '');
}

export function isPresent(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	return true;
}

export function fieldMissing(field: string): Reason {
	return reason(
		'FIELD_MISSING',
		'reject',
		RULES.realNameRecord,
		`缺少必填项：${label(field)}（${field}）。`,
		`Required field missing: ${field}.`,
		field,
	);
}

export function fieldInvalid(field: string, zh: string, en: string): Reason {
	return reason('FIELD_INVALID', 'reject', RULES.realNameRecord, `${label(field)}（${field}）${zh}`, `${field}: ${en}`, field);
}

/** 2–30 characters of Han or Latin letters, parts joined by one `·` (or `•`, `・`) or one space. */
const NAME_RE = /^[\p{Script=Han}\p{Script=Latin}]+(?:[·•・ ][\p{Script=Han}\p{Script=Latin}]+)*$/u;

export function isValidPersonName(name: string): boolean {
	const text = name.trim();
	const length = [...text].length;
	return length >= 2 && length <= 30 && NAME_RE.test(text);
}

const TIMESTAMP_OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * The China calendar date of a submission time. A timestamp without an offset is read as China
 * time (the rules are computed there), a bare date is taken as it is; null when unreadable.
 */
export function submissionDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (isValidDate(text)) return text;
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
	if (TIMESTAMP_OFFSET_RE.test(text)) return chinaDate(text);
	const local = DateTime.fromISO(text, { zone: CHINA_ZONE });
	return local.isValid ? local.toFormat('yyyy-MM-dd') : null;
}

export function nowDate(now: Date | string | undefined): Date {
	if (now === undefined) return new Date();
	const date = now instanceof Date ? now : new Date(now);
	if (isNaN(date.getTime())) throw new RangeError(`Not a readable time: ${textOf(now)}`);
	return date;
}

export function idProblemText(problem: ResidentId['reason']): { zh: string; en: string } {
	switch (problem) {
		case 'province':
			return { zh: '前两位不是有效的省级行政区划代码', en: 'the first two digits are not a valid province code' };
		case 'birth_date':
			return {
				zh: '出生日期不存在、早于1900年或晚于提交日期',
				en: 'the birth date does not exist, is before 1900 or after the submission date',
			};
		case 'check_character':
			return { zh: '校验码错误', en: 'the check character is wrong' };
		default:
			return { zh: '应为18位（前17位数字，末位数字或X）', en: 'it must be 18 characters: 17 digits and a digit or X' };
	}
}

export function readChannel(value: unknown, reasons: Reason[]): ApplicationChannel {
	if (!isPresent(value)) return 'mini_program';
	if (typeof value === 'string' && (APPLICATION_CHANNELS as readonly string[]).includes(value.trim())) {
		return value.trim() as ApplicationChannel;
	}
	reasons.push(
		fieldInvalid(
			'channel',
			`取值无效，应为 ${APPLICATION_CHANNELS.join(' / ')} 之一。`,
			`must be one of ${APPLICATION_CHANNELS.join(', ')}.`,
		),
	);
	return 'mini_program';
}

export function readEnum<T extends string>(
	field: string,
	value: unknown,
	allowed: readonly T[],
	reasons: Reason[],
): T | null {
	if (!isPresent(value)) {
		reasons.push(fieldMissing(field));
		return null;
	}
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value.trim())) return value.trim() as T;
	reasons.push(
		fieldInvalid(field, `取值无效，应为 ${allowed.join(' / ')} 之一。`, `must be one of ${allowed.join(', ')}.`),
	);
	return null;
}

export function readGroup(value: unknown, reasons: Reason[]): WorkerGroup | null {
	return readEnum('group', value, WORKER_GROUPS, reasons);
}

export function readRelation(value: unknown, reasons: Reason[]): EmploymentRelation | null {
	return readEnum('employmentRelation', value, EMPLOYMENT_RELATIONS, reasons);
}

export function isEmploymentRelation(value: unknown): value is EmploymentRelation {
	return typeof value === 'string' && (EMPLOYMENT_RELATIONS as readonly string[]).includes(value);
}

export function readName(value: unknown, reasons: Reason[]): void {
	if (!isPresent(value)) {
		reasons.push(fieldMissing('name'));
		return;
	}
	if (typeof value !== 'string' || !isValidPersonName(value)) {
		reasons.push(
			reason(
				'NAME_INVALID',
				'reject',
				RULES.realNameRecord,
				'姓名应为2至30个汉字或拉丁字母，各部分以“·”或空格分隔，不含数字或其他符号。',
				'The name must be 2 to 30 Han characters or Latin letters, parts joined by "·" or a space, with no digits or other symbols.',
				'name',
			),
		);
	}
}

export function readIdNumber(value: unknown, on: string, reasons: Reason[]): ResidentId | null {
	if (!isPresent(value)) {
		reasons.push(fieldMissing('idNumber'));
		return null;
	}
	if (typeof value !== 'string') {
		reasons.push(fieldInvalid('idNumber', '应为文本。', 'must be a string.'));
		return null;
	}
	const parsed = parseResidentId(value, { on });
	if (!parsed.valid) {
		const problem = idProblemText(parsed.reason);
		reasons.push(
			reason(
				'ID_INVALID',
				'reject',
				RULES.residentId,
				`居民身份证号码无效：${problem.zh}。`,
				`The resident ID number is not valid: ${problem.en}.`,
				'idNumber',
			),
		);
	}
	return parsed;
}

export function readPhone(value: unknown, reasons: Reason[]): string | null {
	if (!isPresent(value)) {
		reasons.push(fieldMissing('phone'));
		return null;
	}
	const mobile = normalizeMobile(value);
	if (!mobile) {
		reasons.push(
			reason(
				'PHONE_INVALID',
				'reject',
				RULES.realNameRecord,
				'手机号码无效：应为11位中国大陆手机号码（可带 +86）。',
				'The mobile number is not valid: it must be an 11-digit mainland China mobile number (+86 allowed).',
				'phone',
			),
		);
	}
	return mobile;
}

export function readWorkCity(value: unknown, reasons: Reason[]): ResolvedCity | null {
	if (!isPresent(value)) {
		reasons.push(fieldMissing('workCity'));
		return null;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		reasons.push(fieldInvalid('workCity', '应为城市名称或行政区划代码。', 'must be a city name or code.'));
		return null;
	}
	const city = resolveCity(value);
	if (!city) {
		reasons.push(
			reason(
				'CITY_NOT_IN_PROVINCE',
				'reject',
				RULES.cityFederation,
				'工作城市不是广东省21个地级以上市之一，本省各市新业态行业工联会无法受理。',
				"The work city is not one of Guangdong's 21 cities, so no city federation here can take the application.",
				'workCity',
			),
		);
	}
	return city;
}

const UNIT_FIELDS = ['platform', 'employer', 'dispatchAgency'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

export interface Units {
	platform?: UnitRef;
	employer?: UnitRef;
	dispatchAgency?: UnitRef;
}

const UNIT_LABELS: Record<UnitField, { zh: string; en: string }> = {
	platform: { zh: '平台企业', en: 'platform company' },
	employer: { zh: '用人单位', en: 'employer' },
	dispatchAgency: { zh: '劳务派遣单位', en: 'dispatch agency' },
};

/** Reads the platform, employer and agency: objects whose fields, when given, are strings. */
export function readUnits(application: Record<string, unknown>, reasons: Reason[]): Units {
	const units: Units = {};
	for (const field of UNIT_FIELDS) {
		const value = application[field];
		if (!isPresent(value)) continue;
		if (typeof value !== 'object' || Array.isArray(value)) {
			reasons.push(
				fieldInvalid(field, '应为对象 { name, usci?, unionOrgId? }。', 'must be an object { name, usci?, unionOrgId? }.'),
			);
			continue;
		}
		const unit = value as Record<string, unknown>;
		let ok = true;
		for (const key of ['name', 'usci', 'unionOrgId'] as const) {
			if (isPresent(unit[key]) && typeof unit[key] !== 'string') {
				reasons.push(fieldInvalid(`${field}.${key}`, '应为文本。', 'must be a string.'));
				ok = false;
			}
		}
		if (!ok) continue;
		const ref: UnitRef = {};
		if (isPresent(unit.name)) ref.name = (unit.name as string).trim();
		if (isPresent(unit.usci)) ref.usci = (unit.usci as string).trim().toUpperCase();
		if (isPresent(unit.unionOrgId)) ref.unionOrgId = (unit.unionOrgId as string).trim();
		units[field] = ref;
	}
	return units;
}

/** One USCI_INVALID (review) per unit whose credit code fails GB 32100-2015. */
export function checkUscis(units: Units, reasons: Reason[]): void {
	for (const field of UNIT_FIELDS) {
		const usci = units[field]?.usci;
		if (usci === undefined || isValidUsci(usci)) continue;
		const unitLabel = UNIT_LABELS[field];
		reasons.push(
			reason(
				'USCI_INVALID',
				'review',
				RULES.usci,
				`${unitLabel.zh}的统一社会信用代码未通过校验（早期试点代码也可能如此），请人工核实。`,
				`The ${unitLabel.en}'s unified social credit code fails its check (early pilot codes do too); check it by hand.`,
				`${field}.usci`,
			),
		);
	}
}

export function readExistingMembership(value: unknown, reasons: Reason[]): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'object' || Array.isArray(value)) {
		reasons.push(
			fieldInvalid(
				'existingMembership',
				'应为对象 { orgId, orgName, since } 或 null。',
				'must be an object { orgId, orgName, since } or null.',
			),
		);
		return false;
	}
	const membership = value as Record<string, unknown>;
	if (!Object.values(membership).some(isPresent)) return false;
	const where = typeof membership.orgName === 'string' && membership.orgName.trim() ? `（${membership.orgName.trim()}）` : '';
	reasons.push(
		reason(
			'ALREADY_MEMBER',
			'reject',
			RULES.oneMembership,
			`申请人已是工会会员${where}，会籍只在一处登记：请办理会籍接转，不要重复入会。`,
			'The applicant is already a union member and membership is registered in one place only: request a membership transfer instead of joining again.',
			'existingMembership',
		),
	);
	return true;
}

export function readRealName(value: unknown, reasons: Reason[]): void {
	if (value === true) return;
	reasons.push(
		reason(
			'REAL_NAME_PENDING',
			'info',
			RULES.realName,
			'申请人尚未在“粤工惠”完成实名注册：可以入会，但在实名注册前不计入实名注册会员数，也不享受专属意外医疗互助保障。',
			'The applicant is not yet real-name registered on Yuegonghui: they may join, but are not counted as registered and not covered by the mutual-aid plan until they are.',
			'realNameVerified',
		),
	);
}
