import { reason, type Reason } from '../core/reasons';
import { fieldInvalid, fieldMissing, isPresent, isRecord } from './reasons';
import { RULES } from './rules';
import { chinaDateOf, deadlineOf, iso, nowMoment, readMoment } from './time';
import {
	TRANSFER_EVENTS,
	TRANSFER_STATES,
	type ActorRole,
	type Transfer,
	type TransferEventResult,
	type TransferEventType,
	type TransferState,
} from './types';

interface Transition {
	from: readonly TransferState[];
	to: TransferState;
	zh: string;
}

/** requested → released → completed; rejected, cancelled or expired from either open state. */
export const TRANSITIONS: Readonly<Record<TransferEventType, Transition>> = {
	release: { from: ['requested'], to: 'released', zh: '转出' },
	complete: { from: ['released'], to: 'completed', zh: '转入' },
	reject: { from: ['requested', 'released'], to: 'rejected', zh: '驳回' },
	cancel: { from: ['requested', 'released'], to: 'cancelled', zh: '撤销' },
	expire: { from: ['requested', 'released'], to: 'expired', zh: '逾期失效' },
};

const WHO_MAY_ACT: Readonly<Record<TransferEventType, { zh: string; en: string }>> = {
	release: { zh: '转出组织的管理员', en: 'an admin of the organisation it leaves' },
	complete: { zh: '转入组织的管理员', en: 'an admin of the organisation it enters' },
	reject: { zh: '转出或转入组织的管理员', en: 'an admin of either organisation' },
	cancel: { zh: '会员本人或转出组织的管理员', en: 'the member or an admin of the organisation it leaves' },
	expire: { zh: '系统', en: 'the system' },
};

const ROLES: readonly ActorRole[] = ['admin', 'member', 'system'];

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function roleOf(event: Record<string, unknown>): ActorRole | null {
	if (isPresent(event.actorRole)) return (ROLES as readonly unknown[]).includes(event.actorRole) ? (event.actorRole as ActorRole) : null;
	if (event.actorId === 'system') return 'system';
	return text(event.actorOrgId) ? 'admin' : 'member';
}

export function mayAct(
	type: TransferEventType,
	transfer: Pick<Transfer, 'memberId' | 'fromOrgId' | 'toOrgId'>,
	actor: { role: ActorRole; actorId: string | null; actorOrgId: string | null },
): boolean {
	const adminOf = (orgId: string) => actor.role === 'admin' && actor.actorOrgId === orgId;
	switch (type) {
		case 'release':
			return adminOf(transfer.fromOrgId);
		case 'complete':
			return adminOf(transfer.toOrgId);
		case 'reject':
			return adminOf(transfer.fromOrgId) || adminOf(transfer.toOrgId);
		case 'cancel':
			return (actor.role === 'member' && actor.actorId === transfer.memberId) || adminOf(transfer.fromOrgId);
		case 'expire':
			return actor.role === 'system';
	}
}

function invalidTransition(zh: string, en: string): Reason {
	return reason('INVALID_TRANSITION', 'reject', RULES.followsLabour, zh, en, 'type');
}

/** Whether a value has the shape of a transfer this module can move on. */
export function readTransferProblems(transfer: unknown): Reason[] {
	if (!isRecord(transfer)) return [fieldInvalid('transfer', '应为对象。', 'must be an object.')];
	const problems: Reason[] = [];
	for (const field of ['transferId', 'memberId', 'fromOrgId', 'toOrgId'] as const) {
		if (!text(transfer[field])) problems.push(fieldMissing(`transfer.${field}`));
	}
	if (!(TRANSFER_STATES as readonly unknown[]).includes(transfer.state)) {
		problems.push(fieldInvalid('transfer.state', `应为 ${TRANSFER_STATES.join(' / ')} 之一。`, `must be one of ${TRANSFER_STATES.join(', ')}.`));
	}
	if (transfer.history !== undefined && !Array.isArray(transfer.history)) {
		problems.push(fieldInvalid('transfer.history', '应为数组。', 'must be an array.'));
	}
	return problems;
}

function lastMoment(transfer: Record<string, unknown>) {
	const history = Array.isArray(transfer.history) ? transfer.history : [];
	const last = history[history.length - 1];
	return readMoment(isRecord(last) ? last.at : transfer.requestedAt);
}

/**
 * Moves a transfer on by one event (SPEC §4) if the event applies to its state and the actor
 * may act; appends the transition to `history`. Only `complete` yields a `memberUpdate`: the
 * member's new organisation, with the original `joinedAt` kept. Never throws.
 */
export function applyTransferEvent(
	transfer: unknown,
	event: unknown,
	options: { now?: Date | string } = {},
): TransferEventResult {
	const reasons: Reason[] = readTransferProblems(transfer);
	const unchanged = transfer as Transfer;
	const refuse = (): TransferEventResult => ({ ok: false, outcome: 'rejected', transfer: unchanged, reasons });
	if (!isRecord(event)) {
		reasons.push(fieldInvalid('event', '应为对象。', 'must be an object.'));
		return refuse();
	}
	const type = event.type ?? event.event;
	if (!isPresent(type)) reasons.push(fieldMissing('type'));
	else if (!(TRANSFER_EVENTS as readonly unknown[]).includes(type)) {
		reasons.push(fieldInvalid('type', `应为 ${TRANSFER_EVENTS.join(' / ')} 之一。`, `must be one of ${TRANSFER_EVENTS.join(', ')}.`));
	}
	const role = roleOf(event);
	if (!role) reasons.push(fieldInvalid('actorRole', '应为 admin / member / system 之一。', 'must be admin, member or system.'));
	const actorId = text(event.actorId) ?? (role === 'system' ? 'system' : null);
	if (!actorId) reasons.push(fieldMissing('actorId'));
	const at = isPresent(event.at) ? readMoment(event.at) : nowMoment(options.now);
	if (!at) reasons.push(fieldInvalid('at', '应为 ISO 8601 时间。', 'must be an ISO 8601 timestamp.'));
	if (isPresent(event.comment) && typeof event.comment !== 'string') {
		reasons.push(fieldInvalid('comment', '应为文本。', 'must be a string.'));
	}
	if (reasons.length) return refuse();

	const current = unchanged;
	const eventType = type as TransferEventType;
	const transition = TRANSITIONS[eventType];
	if (!transition.from.includes(current.state)) {
		reasons.push(
			invalidTransition(
				`会籍接转当前为“${current.state}”状态，不能${transition.zh}（${eventType}）。`,
				`A transfer in state "${current.state}" cannot take the event "${eventType}".`,
			),
		);
	} else {
		const previous = lastMoment(current);
		if (previous && at!.toMillis() < previous.toMillis()) {
			reasons.push(
				invalidTransition(
					'事件时间早于该接转的上一次状态变更。',
					"The event is dated before the transfer's previous transition.",
				),
			);
		}
		const deadline = deadlineOf(current);
		const overdue = deadline !== null && at!.toMillis() > deadline.toMillis();
		const lastDay = deadline ? chinaDateOf(deadline) : null;
		if (overdue && (eventType === 'release' || eventType === 'complete')) {
			reasons.push(
				invalidTransition(
					`该接转须在 ${lastDay} 前办结，已逾期：应作逾期失效处理，另行申请。`,
					`The transfer had to finish by ${lastDay} and is overdue: expire it and request a new one.`,
				),
			);
		}
		if (eventType === 'expire' && !overdue) {
			reasons.push(
				invalidTransition(
					lastDay ? `该接转的办结期限为 ${lastDay}，尚未逾期。` : '该接转没有办结期限，不能作逾期处理。',
					lastDay ? `The transfer may finish until ${lastDay}; it is not overdue.` : 'The transfer has no deadline to expire by.',
				),
			);
		}
	}
	const actorOrgId = text(event.actorOrgId);
	if (!mayAct(eventType, current, { role: role!, actorId, actorOrgId })) {
		const who = WHO_MAY_ACT[eventType];
		reasons.push(
			reason(
				'NOT_AUTHORIZED',
				'reject',
				RULES.onlineTransfer,
				`只有${who.zh}才能${transition.zh}该会籍接转。`,
				`Only ${who.en} may ${eventType} this transfer.`,
				'actorId',
			),
		);
	}
	if (reasons.length) return refuse();

	const when = iso(at!);
	const next: Transfer = {
		...current,
		state: transition.to,
		history: [
			...(Array.isArray(current.history) ? current.history : []),
			{ state: transition.to, event: eventType, at: when, actorId: actorId!, actorOrgId, comment: text(event.comment) },
		],
	};
	const result: TransferEventResult = { ok: true, outcome: 'applied', transfer: next, reasons };
	if (transition.to === 'completed') {
		result.memberUpdate = {
			memberId: current.memberId,
			fromOrgId: current.fromOrgId,
			orgId: current.toOrgId,
			joinedAt: text(current.joinedAt),
			since: when,
		};
	}
	return result;
}
