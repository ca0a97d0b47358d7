import { resolveCity } from '../core/cities';
import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { EMPLOYMENT_RELATION_LABELS, type EmploymentRelation, type Organization } from '../core/vocabulary';
import { fieldInvalid, fieldMissing, isPresent, isRecord } from './reasons';
import { RULES } from './rules';
import { validateTransfer } from './validate';
import type { TransferMember, Transfer } from './types';

/** The relations whose membership follows the employer into its new union (附件3 三). */
export const PLANNED_RELATIONS: readonly EmploymentRelation[] = ['labor_contract', 'dispatch'];

export interface MemberPlan {
	memberId: string | null;
	outcome: 'planned' | 'skipped';
	transfer: Transfer | null;
	reasons: Reason[];
}

export interface PlanOptions {
	/** The reservoir's org id; default the platform's `FED-<cityCode>`. */
	reservoirOrgId?: string;
	expiresAfterDays?: number;
	/** When the event carries no time. */
	now?: Date | string;
}

export interface EstablishedUnion {
	organization: Organization;
	at: string | undefined;
}

/**
 * Reads an `organization.established` event: `{ type|event, at|occurredAt, organization|data }`
 * or the organisation itself. Returns the reasons it cannot be used otherwise.
 */
export function readEstablishedEvent(event: unknown): EstablishedUnion | Reason[] {
	if (!isRecord(event)) return [fieldInvalid('event', '应为对象。', 'must be an object.')];
	// An organisation's own `type` (enterprise, …) is not an event name; event names have a dot.
	const kind = event.event ?? (typeof event.type === 'string' && event.type.includes('.') ? event.type : undefined);
	if (isPresent(kind) && kind !== 'organization.established') {
		return [fieldInvalid('event.type', '应为 organization.established。', 'must be organization.established.')];
	}
	const payload = [event.organization, isRecord(event.data) ? event.data.organization : undefined, event.data, event].find(
		(candidate) => isRecord(candidate) && isPresent(candidate.orgId),
	) as Record<string, unknown> | undefined;
	if (!payload) return [fieldMissing('event.organization.orgId')];
	const problems: Reason[] = [];
	if (typeof payload.orgId !== 'string' && typeof payload.orgId !== 'number') {
		problems.push(fieldInvalid('event.organization.orgId', '应为文本。', 'must be a string.'));
	}
	if (!isPresent(payload.usci)) problems.push(fieldMissing('event.organization.usci'));
	else if (typeof payload.usci !== 'string') problems.push(fieldInvalid('event.organization.usci', '应为文本。', 'must be a string.'));
	const city = resolveCity(payload.cityCode);
	if (!city) problems.push(fieldInvalid('event.organization.cityCode', '不是广东省的地级以上市。', 'is not a Guangdong city.'));
	if (problems.length) return problems;
	const organization: Organization = {
		orgId: textOf(payload.orgId).trim(),
		type: (payload.type as Organization['type']) ?? 'enterprise',
		cityCode: city!.cityCode,
		name: typeof payload.name === 'string' ? payload.name : '',
		status: (payload.status as Organization['status']) ?? 'active',
		usci: textOf(payload.usci).trim().toUpperCase(),
	};
	const at = [event.at, event.occurredAt, payload.establishedAt].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
	return { organization, at };
}

function relationReason(relation: unknown): Reason {
	const label = typeof relation === 'string' && relation in EMPLOYMENT_RELATION_LABELS
		? EMPLOYMENT_RELATION_LABELS[relation as EmploymentRelation]
		: { zh: isPresent(relation) ? textOf(relation) : '未填写', en: isPresent(relation) ? textOf(relation) : 'not given' };
	return reason(
		'RELATION_NOT_ELIGIBLE',
		'info',
		RULES.reservoir,
		`会员的用工关系为“${label.zh}”：只有与该企业有劳动合同或劳务派遣关系的会员随企业建会接转，其余留在工联会。`,
		`The member's relation is "${label.en}": only labour-contract and dispatched workers of the enterprise move to its new union; the rest stay at the federation.`,
		'employmentRelation',
	);
}

function alreadyPlanned(existing: Partial<Transfer>): Reason {
	const id = isPresent(existing.transferId) ? textOf(existing.transferId) : '—';
	return reason(
		'TRANSFER_ALREADY_PLANNED',
		'info',
		RULES.reservoir,
		`已为该会员安排过转入该工会的接转（${id}，状态 ${textOf(existing.state) || '未知'}），不再重复安排。`,
		`A transfer of this member to this union exists already (${id}, ${textOf(existing.state) || 'unknown'}): nothing new is planned.`,
		'memberId',
	);
}

/**
 * Plans the transfers a new enterprise union brings (SPEC §4 bulk planning, 附件3 三): one for
 * every reservoir member of that employer on a labour contract or dispatched there; every other
 * member skipped with the reason. One plan per member, in order. Idempotent on member + target:
 * a transfer that exists already for them (whatever its state) is never planned again.
 */
export function planTransfersForNewUnion(
	event: unknown,
	members: readonly unknown[],
	existingTransfers: ReadonlyArray<Partial<Transfer>> = [],
	options: PlanOptions = {},
): MemberPlan[] {
	const established = readEstablishedEvent(event);
	if (Array.isArray(established)) {
		return members.map((m) => ({ memberId: memberIdOf(m), outcome: 'skipped', transfer: null, reasons: [...established] }));
	}
	const union = established.organization;
	const reservoir: Organization = {
		orgId: options.reservoirOrgId ?? `FED-${union.cityCode}`,
		type: 'city_newform_federation',
		cityCode: union.cityCode,
		name: '',
		status: 'active',
	};
	const known: Partial<Transfer>[] = existingTransfers.filter(isRecord) as Partial<Transfer>[];
	return members.map((item): MemberPlan => {
		if (!isRecord(item)) {
			return { memberId: null, outcome: 'skipped', transfer: null, reasons: [fieldInvalid('member', '应为对象。', 'must be an object.')] };
		}
		const member = { ...item, orgId: isPresent(item.orgId) ? item.orgId : reservoir.orgId } as TransferMember;
		const memberId = memberIdOf(item);
		if (!memberId) return { memberId: null, outcome: 'skipped', transfer: null, reasons: [fieldMissing('memberId')] };
		const existing = known.find((t) => t.memberId === memberId && t.toOrgId === union.orgId);
		if (existing) return { memberId, outcome: 'skipped', transfer: null, reasons: [alreadyPlanned(existing)] };

		const reasons: Reason[] = [];
		if (!(PLANNED_RELATIONS as readonly unknown[]).includes(member.employmentRelation)) {
			reasons.push(relationReason(member.employmentRelation));
		}
		const validation = validateTransfer(
			{
				transferId: `TR-${union.orgId}-${memberId}`,
				memberId,
				fromOrgId: reservoir.orgId,
				toOrgId: union.orgId,
				reason: 'employer_union_established',
				requestedAt: established.at,
				actorId: 'system',
				expiresAfterDays: options.expiresAfterDays,
			},
			{ member, fromOrg: reservoir, toOrg: union, openTransfers: known, now: options.now },
		);
		reasons.push(...validation.reasons);
		if (!validation.ok || reasons.some((r) => r.code === 'RELATION_NOT_ELIGIBLE')) {
			return { memberId, outcome: 'skipped', transfer: null, reasons };
		}
		known.push(validation.transfer!);
		return { memberId, outcome: 'planned', transfer: validation.transfer, reasons };
	});
}

function memberIdOf(member: unknown): string | null {
	return isRecord(member) && typeof member.memberId === 'string' && member.memberId.trim() ? member.memberId.trim() : null;
}
