import { reason, type Reason } from '../core/reasons';
import { ORG_TYPES, type Organization } from '../core/vocabulary';
import { cityByCode } from '../core/cities';
import { textOf } from '../core/text';
import { fieldInvalid, fieldMissing, isPresent, isRecord, notAtSource, transferAlreadyOpen } from './reasons';
import { RULES } from './rules';
import { deadline, iso, isPositiveWholeDays, nowMoment, readMoment } from './time';
import {
	DEFAULT_EXPIRES_AFTER_DAYS,
	OPEN_TRANSFER_STATES,
	TRANSFER_REASONS,
	type TransferMember,
	type Transfer,
	type TransferContext,
	type TransferReason,
	type TransferValidation,
} from './types';

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The employer's credit code a member record carries, upper-cased. */
export function memberEmployerUsci(member: TransferMember): string | null {
	const nested = isRecord(member.employer) ? text(member.employer.usci) : null;
	return (nested ?? text(member.employerUsci))?.toUpperCase() ?? null;
}

function isOpen(state: unknown): boolean {
	return state === undefined || (OPEN_TRANSFER_STATES as readonly unknown[]).includes(state);
}

/** The member's unfinished transfer among `transfers`, if any. */
export function openTransferOf(memberId: string, transfers: ReadonlyArray<Partial<Transfer>> | undefined): Partial<Transfer> | null {
	for (const t of transfers ?? []) {
		if (isRecord(t) && t.memberId === memberId && isOpen(t.state)) return t;
	}
	return null;
}

function isCityCodeText(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number';
}

/** The organisation's city code; null when absent or not text (reported as FIELD_INVALID). */
function cityOf(org: Organization | undefined): string | null {
	if (!org || !isPresent(org.cityCode) || !isCityCodeText(org.cityCode)) return null;
	const code = textOf(org.cityCode);
	return cityByCode(code)?.cityCode ?? code;
}

function defaultTransferId(memberId: string, toOrgId: string, requestedAt: string): string {
	return `TR-${memberId}-${toOrgId}-${requestedAt.replace(/[^0-9]/g, '').slice(0, 14)}`;
}

/**
 * Checks a transfer request against the member's registration, the target organisation and the
 * transfers under way (SPEC §4). Accepted: a new transfer in state `requested`.
 */
export function validateTransfer(request: unknown, context: TransferContext): TransferValidation {
	const reasons: Reason[] = [];
	const rejected = (): TransferValidation => ({ ok: false, outcome: 'rejected', transfer: null, reasons });
	if (!isRecord(request)) {
		reasons.push(fieldInvalid('request', '应为对象。', 'must be an object.'));
		return rejected();
	}
	if (!isRecord(context) || !isRecord(context.member)) {
		reasons.push(fieldMissing('member'));
		return rejected();
	}
	const member = context.member;
	const toOrg = isRecord(context.toOrg) ? context.toOrg : undefined;

	const memberId = text(request.memberId) ?? text(member.memberId);
	if (!memberId) reasons.push(fieldMissing('memberId'));
	else if (text(member.memberId) && text(member.memberId) !== memberId) {
		reasons.push(fieldInvalid('memberId', '与会员记录不一致。', 'does not match the member record.'));
	}
	const fromOrgId = text(request.fromOrgId) ?? text(member.orgId);
	if (!fromOrgId) reasons.push(fieldMissing('fromOrgId'));
	const toOrgId = text(request.toOrgId) ?? (toOrg ? text(toOrg.orgId) : null);
	if (!toOrgId) reasons.push(fieldMissing('toOrgId'));
	if (!toOrg) reasons.push(fieldMissing('toOrg'));
	else if (toOrgId && text(toOrg.orgId) !== toOrgId) {
		reasons.push(fieldInvalid('toOrg', '与申请的转入组织不一致。', 'is not the organisation the request names.'));
	}

	let transferReason: TransferReason = 'member_request';
	if (isPresent(request.reason)) {
		if ((TRANSFER_REASONS as readonly unknown[]).includes(request.reason)) transferReason = request.reason as TransferReason;
		else {
			reasons.push(
				fieldInvalid('reason', `取值无效，应为 ${TRANSFER_REASONS.join(' / ')} 之一。`, `must be one of ${TRANSFER_REASONS.join(', ')}.`),
			);
		}
	}
	const requestedAt = isPresent(request.requestedAt) ? readMoment(request.requestedAt) : nowMoment(context.now);
	if (!requestedAt) reasons.push(fieldInvalid('requestedAt', '应为 ISO 8601 时间。', 'must be an ISO 8601 timestamp.'));
	const days = request.expiresAfterDays ?? context.expiresAfterDays ?? DEFAULT_EXPIRES_AFTER_DAYS;
	if (!isPositiveWholeDays(days)) {
		reasons.push(fieldInvalid('expiresAfterDays', '应为正整数天数。', 'must be a positive whole number of days.'));
	}
	const requestedBy = isRecord(request.requestedBy) ? request.requestedBy : {};
	const actor = { actorId: request.actorId ?? requestedBy.actorId, actorOrgId: request.actorOrgId ?? requestedBy.actorOrgId };
	for (const [field, value] of [
		['transferId', request.transferId],
		['actorId', actor.actorId],
		['actorOrgId', actor.actorOrgId],
		['comment', request.comment],
	] as const) {
		if (isPresent(value) && typeof value !== 'string') reasons.push(fieldInvalid(field, '应为文本。', 'must be a string.'));
	}

	if (fromOrgId && toOrgId && fromOrgId === toOrgId) {
		reasons.push(
			reason(
				'SAME_ORG',
				'reject',
				RULES.followsLabour,
				'转出组织与转入组织相同，无需接转。',
				'The transfer leaves and enters the same organisation.',
				'toOrgId',
			),
		);
	}
	if (fromOrgId && text(member.orgId) !== fromOrgId) reasons.push(notAtSource(member.orgId, fromOrgId));
	if (toOrg && (toOrg.status !== 'active' || !(ORG_TYPES as readonly unknown[]).includes(toOrg.type))) {
		reasons.push(
			reason(
				'TARGET_INACTIVE',
				'reject',
				RULES.followsLabour,
				toOrg.status === 'dissolved'
					? `转入组织 ${toOrgId} 已撤销，不能接收会员。`
					: `转入组织 ${toOrgId} 不是可以接收会员的在册工会组织。`,
				toOrg.status === 'dissolved'
					? `The target organisation ${toOrgId} is dissolved and cannot take members.`
					: `The target organisation ${toOrgId} is not an active union that can hold members.`,
				'toOrg',
			),
		);
	}
	if (memberId) {
		const open = openTransferOf(memberId, context.openTransfers);
		if (open && (!isPresent(request.transferId) || open.transferId !== request.transferId)) {
			reasons.push(transferAlreadyOpen(open.transferId));
		}
	}
	if (transferReason === 'employer_union_established' && toOrg) {
		const unionUsci = text(toOrg.usci)?.toUpperCase() ?? null;
		const memberUsci = memberEmployerUsci(member);
		if (!unionUsci || !memberUsci || unionUsci !== memberUsci) {
			reasons.push(
				reason(
					'EMPLOYER_MISMATCH',
					'reject',
					RULES.reservoir,
					!unionUsci || !memberUsci
						? '无法确认会员的用人单位就是新建工会的企业（缺少统一社会信用代码）。'
						: '会员的用人单位不是新建工会的企业：只有该企业的职工随其工会建立而接转。',
					!unionUsci || !memberUsci
						? "The member's employer cannot be matched to the new union's enterprise (a credit code is missing)."
						: "The member's employer is not the enterprise whose union was established.",
					'toOrg.usci',
				),
			);
		}
	}
	const fromOrg = isRecord(context.fromOrg) ? context.fromOrg : undefined;
	for (const [field, org] of [['fromOrg.cityCode', fromOrg], ['toOrg.cityCode', toOrg]] as const) {
		if (org && isPresent(org.cityCode) && !isCityCodeText(org.cityCode)) {
			reasons.push(fieldInvalid(field, '应为城市代码文本。', 'must be a city code.'));
		}
	}
	const fromCityCode = cityOf(fromOrg);
	const toCityCode = cityOf(toOrg);
	if (fromCityCode && toCityCode && fromCityCode !== toCityCode) {
		reasons.push(
			reason(
				'CROSS_CITY',
				'info',
				RULES.followsLabour,
				`跨市接转：从 ${cityByCode(fromCityCode)?.cityName ?? fromCityCode} 转入 ${cityByCode(toCityCode)?.cityName ?? toCityCode}。`,
				`A transfer between cities: from ${cityByCode(fromCityCode)?.nameEn ?? fromCityCode} to ${cityByCode(toCityCode)?.nameEn ?? toCityCode}.`,
				'toOrg.cityCode',
			),
		);
	}

	if (reasons.some((r) => r.severity === 'reject')) return rejected();
	const at = iso(requestedAt!);
	const actorId = text(actor.actorId) ?? memberId!;
	const transfer: Transfer = {
		transferId: text(request.transferId) ?? defaultTransferId(memberId!, toOrgId!, at),
		memberId: memberId!,
		fromOrgId: fromOrgId!,
		toOrgId: toOrgId!,
		reason: transferReason,
		state: 'requested',
		requestedAt: at,
		...deadline(requestedAt!, days as number),
		joinedAt: text(member.joinedAt),
		fromCityCode,
		toCityCode,
		crossCity: fromCityCode !== null && toCityCode !== null && fromCityCode !== toCityCode,
		history: [
			{
				state: 'requested',
				event: 'request',
				at,
				actorId,
				actorOrgId: text(actor.actorOrgId),
				comment: text(request.comment),
			},
		],
	};
	return { ok: true, outcome: 'accepted', transfer, reasons };
}
