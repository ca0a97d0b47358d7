import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { RULES } from './rules';

export function isPresent(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	return true;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fieldMissing(field: string): Reason {
	return reason('FIELD_MISSING', 'reject', RULES.record, `缺少必填项：${field}。`, `Required field missing: ${field}.`, field);
}

export function fieldInvalid(field: string, zh: string, en: string): Reason {
	return reason('FIELD_INVALID', 'reject', RULES.record, `${field}${zh}`, `${field}: ${en}`, field);
}

export function notAtSource(memberOrgId: unknown, fromOrgId: string): Reason {
	return reason(
		'NOT_AT_SOURCE',
		'reject',
		RULES.followsLabour,
		`会员当前登记在 ${isPresent(memberOrgId) ? textOf(memberOrgId) : '（未知）'}，不在转出组织 ${fromOrgId}：只能从会籍所在组织转出。`,
		`The member is registered at ${isPresent(memberOrgId) ? textOf(memberOrgId) : '(unknown)'}, not at ${fromOrgId}: a membership can only leave where it is registered.`,
		'fromOrgId',
	);
}

export function transferAlreadyOpen(transferId: unknown): Reason {
	const id = isPresent(transferId) ? textOf(transferId) : '—';
	return reason(
		'TRANSFER_ALREADY_OPEN',
		'reject',
		RULES.followsLabour,
		`会员已有未办结的会籍接转（${id}）：办结或撤销后才能再申请。`,
		`The member already has an unfinished transfer (${id}): finish or cancel it first.`,
		'memberId',
	);
}
