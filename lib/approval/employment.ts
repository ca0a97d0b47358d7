import { resolveCity, type ResolvedCity } from '../core/cities';
import { maskText } from '../core/masking';
import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { EMPLOYMENT_RELATION_LABELS, type EmploymentRelation } from '../core/vocabulary';
import { isEmploymentRelation, isPresent, type Units } from './fields';
import { RULES } from './rules';
import type { UnitRef } from './types';

/** A verified record, as read from the application's `employmentCheck`. */
export interface EmploymentRecord {
	relation: EmploymentRelation;
	active: boolean;
	cityCode: string;
	employer?: UnitRef;
	platform?: UnitRef;
}

export type ReadEmploymentCheck =
	| { status: 'absent' }
	| { status: 'verified'; record: EmploymentRecord }
	| { status: 'unverified'; error?: string };

function readUnit(value: unknown): UnitRef | undefined | null {
	if (!isPresent(value)) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) return null;
	const unit = value as Record<string, unknown>;
	const ref: UnitRef = {};
	for (const key of ['name', 'usci', 'unionOrgId'] as const) {
		if (!isPresent(unit[key])) continue;
		if (typeof unit[key] !== 'string') return null;
		ref[key] = key === 'usci' ? (unit[key] as string).trim().toUpperCase() : (unit[key] as string).trim();
	}
	return ref;
}

/**
 * Reads `employmentCheck`. Anything that is not a well-formed verified record counts as "could not
 * be asked": the application is never lost or blocked for the platform company's sake.
 */
export function readEmploymentCheck(value: unknown): ReadEmploymentCheck {
	if (value === undefined || value === null) return { status: 'absent' };
	if (typeof value !== 'object' || Array.isArray(value)) return { status: 'unverified', error: 'unreadable check' };
	const check = value as Record<string, unknown>;
	if (check.status === 'verified') {
		const record = check.record as Record<string, unknown> | undefined;
		if (!record || typeof record !== 'object') return { status: 'unverified', error: 'verified without a record' };
		const employer = readUnit(record.employer);
		const platform = readUnit(record.platform);
		const city = resolveCity(record.cityCode);
		if (
			!isEmploymentRelation(record.relation) ||
			typeof record.active !== 'boolean' ||
			!isPresent(record.cityCode) ||
			employer === null ||
			platform === null
		) {
			return { status: 'unverified', error: 'unreadable record' };
		}
		const read: EmploymentRecord = {
			relation: record.relation,
			active: record.active,
			cityCode: city ? city.cityCode : textOf(record.cityCode),
		};
		if (employer) read.employer = employer;
		if (platform) read.platform = platform;
		return { status: 'verified', record: read };
	}
	const error = typeof check.error === 'string' && check.error.trim() ? check.error.trim() : undefined;
	if (check.status === 'unavailable') return { status: 'unverified', error };
	return { status: 'unverified', error: error ?? 'unknown status' };
}

function sameUnitName(a: string, b: string): boolean {
	const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
	return norm(a) === norm(b);
}

/** Whether the applicant's employer and the record's are different units (credit code first, else name). */
function employersDiffer(given: UnitRef, recorded: UnitRef): boolean {
	if (given.usci && recorded.usci) return given.usci !== recorded.usci;
	if (given.name && recorded.name) return !sameUnitName(given.name, recorded.name);
	return false;
}

function mismatch(field: string, zh: string, en: string): Reason {
	return reason('EMPLOYMENT_MISMATCH', 'review', RULES.relation, zh, en, field);
}

export interface EmploymentOutcome {
	relation: unknown;
	units: Units;
	filled: string[];
}

/**
 * Fills what the applicant left out from a verified record and flags each contradiction of
 * relation, employer, city or activity; an unverified check is a review, an absent one nothing.
 */
export function applyEmploymentCheck(
	check: ReadEmploymentCheck,
	given: { relation: unknown; units: Units; city: ResolvedCity | null },
	reasons: Reason[],
): EmploymentOutcome {
	const result: EmploymentOutcome = { relation: given.relation, units: { ...given.units }, filled: [] };
	if (check.status === 'absent') return result;
	if (check.status === 'unverified') {
		const detail = check.error ? `（${maskText(check.error)}）` : '';
		reasons.push(
			reason(
				'EMPLOYMENT_UNVERIFIED',
				'review',
				RULES.relation,
				`未能向平台企业核实申请人的用工信息${detail}：申请照常受理，请人工核实用工关系。`,
				`The platform company could not be asked about the applicant's employment${check.error ? ` (${maskText(check.error)})` : ''}: the application goes on; verify the relation by hand.`,
				'employmentCheck',
			),
		);
		return result;
	}
	const record = check.record;
	if (!isPresent(given.relation)) {
		result.relation = record.relation;
		result.filled.push('employmentRelation');
	} else if (isEmploymentRelation(given.relation) && given.relation !== record.relation) {
		const said = EMPLOYMENT_RELATION_LABELS[given.relation];
		const found = EMPLOYMENT_RELATION_LABELS[record.relation];
		reasons.push(
			mismatch(
				'employmentRelation',
				`平台企业记录的用工关系为“${found.zh}”，与申请人填写的“${said.zh}”不符。`,
				`The platform company records the relation as "${found.en}", not "${said.en}" as the applicant gave.`,
			),
		);
	}
	if (record.employer) {
		if (!given.units.employer) {
			result.units.employer = record.employer;
			result.filled.push('employer');
		} else if (employersDiffer(given.units.employer, record.employer)) {
			reasons.push(
				mismatch(
					'employer',
					'平台企业记录的用人单位与申请人填写的不符。',
					'The employer in the platform company\'s record differs from the one the applicant gave.',
				),
			);
		}
	}
	if (record.platform && !given.units.platform) {
		result.units.platform = record.platform;
		result.filled.push('platform');
	}
	if (given.city && given.city.cityCode !== record.cityCode) {
		const recorded = resolveCity(record.cityCode);
		const where = recorded ? recorded.cityName : record.cityCode;
		reasons.push(
			mismatch(
				'workCity',
				`平台企业记录的工作城市为${where}，与申请人填写的${given.city.cityName}不符。`,
				`The platform company records the work city as ${recorded ? recorded.nameEn : record.cityCode}, not ${given.city.nameEn}.`,
			),
		);
	}
	if (!record.active) {
		reasons.push(
			mismatch(
				'employmentCheck.record.active',
				'平台企业记录显示申请人目前不在该平台从业。',
				'The platform company records the applicant as not currently working through it.',
			),
		);
	}
	return result;
}
