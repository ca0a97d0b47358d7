import { DateTime } from 'luxon';
import { normalizeTimestamp, timestampMs, isoInChina } from '../clock';
import type { Db } from '../db/open';
import { nextId } from '../db/sequences';
import { pageQuery, toPage } from '../http/pagination';
import { checkVersion } from '../http/preconditions';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isUniqueViolation, type Deps } from './deps';
import { findMember } from './members';
import { findOrganization, isAdminOf, type OrganizationRow } from './organizations';

type State = 'requested' | 'released' | 'completed' | 'rejected' | 'cancelled' | 'expired';
type EventName = 'release' | 'complete' | 'reject' | 'cancel' | 'expire';

interface TransferRow {
	seq: number;
	transfer_id: string;
	member_id: string;
	from_org_id: string;
	to_org_id: string;
	reason: string;
	state: State;
	cross_city: number;
	history: string;
	requested_at: string;
	expires_at: string;
	version: number;
	created_at: string;
	updated_at: string;
}

interface HistoryEntry {
	state: State;
	event: 'request' | EventName;
	at: string;
	actorId: string;
	actorOrgId: string | null;
	comment: string | null;
}

/** SPEC §4: requested → released → completed; rejected, cancelled or expired from either open state. */
const TRANSITIONS: Record<EventName, { from: State[]; to: State }> = {
	release: { from: ['requested'], to: 'released' },
	complete: { from: ['released'], to: 'completed' },
	reject: { from: ['requested', 'released'], to: 'rejected' },
	cancel: { from: ['requested', 'released'], to: 'cancelled' },
	expire: { from: ['requested', 'released'], to: 'expired' },
};

export const SYSTEM_ACTOR = 'system';

/** docs/api: TransferInput. */
interface TransferInput {
	memberId: string;
	fromOrgId: string;
	toOrgId: string;
	reason: string;
	requestedBy: { actorId: string; actorOrgId?: string | null };
	expiresAfterDays?: number;
	comment?: string | null;
}

/** docs/api: TransferEventInput. */
interface TransferEventInput {
	event: EventName;
	actorId: string;
	actorOrgId?: string | null;
	comment?: string | null;
	at?: string;
}

function transferJson(row: TransferRow) {
	return {
		transferId: row.transfer_id,
		memberId: row.member_id,
		fromOrgId: row.from_org_id,
		toOrgId: row.to_org_id,
		reason: row.reason,
		state: row.state,
		crossCity: row.cross_city === 1,
		history: JSON.parse(row.history) as HistoryEntry[],
		requestedAt: row.requested_at,
		expiresAt: row.expires_at,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

function findTransfer(db: Db, transferId: string): TransferRow | undefined {
	return db.prepare('SELECT * FROM transfers WHERE transfer_id = ?').get(transferId) as TransferRow | undefined;
}

function openTransferOf(db: Db, memberId: string): TransferRow | undefined {
	return db.prepare("SELECT * FROM transfers WHERE member_id = ? AND state IN ('requested', 'released')").get(memberId) as
		| TransferRow
		| undefined;
}

export function transferOperations({ db, now, outbox }: Deps): Operations {
	function mustFind(transferId: string): TransferRow {
		const row = findTransfer(db, transferId);
		if (!row) throw problems.notFound('transfer', transferId);
		return row;
	}

	function activeTarget(orgId: string): OrganizationRow {
		const org = findOrganization(db, orgId);
		if (!org) throw problems.unprocessable('ORG_NOT_FOUND', `No organization ${orgId}`);
		if (org.status !== 'active') {
			throw problems.conflict('TARGET_INACTIVE', `Organization ${orgId} is dissolved and cannot take members`);
		}
		return org;
	}

	/** SPEC §4 "who may act". */
	function authorize(transfer: TransferRow, event: EventName, actorId: string, actorOrgId: string | null): void {
		const adminOf = (orgId: string) => (!actorOrgId || actorOrgId === orgId) && isAdminOf(db, actorId, orgId);
		const allowed =
			event === 'release'
				? adminOf(transfer.from_org_id)
				: event === 'complete'
					? adminOf(transfer.to_org_id)
					: event === 'reject'
						? adminOf(transfer.from_org_id) || adminOf(transfer.to_org_id)
						: event === 'cancel'
							? actorId === transfer.member_id || adminOf(transfer.from_org_id)
							: actorId === SYSTEM_ACTOR;
		if (!allowed) {
			throw problems.forbidden('NOT_AUTHORIZED', `${actorId} may not ${event} transfer ${transfer.transfer_id}`);
		}
	}

	return {
		listTransfers({ query }) {
			const { sql, args, limit } = pageQuery(
				'transfers',
				[
					['state = ?', query.state],
					['member_id = ?', query.memberId],
					['(from_org_id = ? OR to_org_id = ?)', query.orgId],
				],
				query,
			);
			return ok(toPage(db.prepare(sql).all(...args) as TransferRow[], limit, transferJson));
		},

		getTransfer({ params }) {
			const row = mustFind(params.transferId);
			return ok(transferJson(row), row.version);
		},

		createTransfer(ctx) {
			const body = ctx.body as TransferInput;
			return db.transaction(() => {
				const member = findMember(db, body.memberId);
				if (!member) throw problems.unprocessable('MEMBER_NOT_FOUND', `No member ${body.memberId}`);
				if (body.fromOrgId === body.toOrgId) throw problems.conflict('SAME_ORG', 'The source and target are the same organization');
				if (!findOrganization(db, body.fromOrgId)) throw problems.unprocessable('ORG_NOT_FOUND', `No organization ${body.fromOrgId}`);
				const target = activeTarget(body.toOrgId);
				if (member.org_id !== body.fromOrgId) {
					throw problems.conflict('NOT_AT_SOURCE', `Member ${member.member_id} is registered at ${member.org_id}, not ${body.fromOrgId}`, {
						currentOrgId: member.org_id,
					});
				}
				const open = openTransferOf(db, member.member_id);
				if (open) {
					throw problems.conflict('TRANSFER_ALREADY_OPEN', `Member ${member.member_id} already has transfer ${open.transfer_id} open`, {
						transferId: open.transfer_id,
					});
				}
				const stamp = now();
				const transferId = nextId(db, 'transfer', 'TR', 8);
				const history: HistoryEntry[] = [
					{
						state: 'requested',
						event: 'request',
						at: stamp,
						actorId: body.requestedBy.actorId,
						actorOrgId: body.requestedBy.actorOrgId ?? null,
						comment: body.comment ?? null,
					},
				];
				const expiresAt = isoInChina(
					DateTime.fromMillis(timestampMs(stamp)).plus({ days: body.expiresAfterDays ?? 30 }).toMillis(),
				);
				const fromCity = findOrganization(db, body.fromOrgId)!.city_code;
				try {
					db.prepare(
						`INSERT INTO transfers (transfer_id, member_id, from_org_id, to_org_id, reason, state, cross_city, history,
							requested_at, expires_at, version, created_at, updated_at)
						 VALUES (?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, 1, ?, ?)`,
					).run(
						transferId,
						member.member_id,
						body.fromOrgId,
						body.toOrgId,
						body.reason,
						fromCity === target.city_code ? 0 : 1,
						JSON.stringify(history),
						stamp,
						expiresAt,
						stamp,
						stamp,
					);
				} catch (error) {
					// The unique index is the guarantee; the check above only gives the better message.
					if (isUniqueViolation(error, 'transfers.member_id')) {
						throw problems.conflict('TRANSFER_ALREADY_OPEN', `Member ${member.member_id} already has an open transfer`);
					}
					throw error;
				}
				const transfer = transferJson(mustFind(transferId));
				outbox.emit('transfer.updated', transfer);
				return created(transfer, `/api/v1/transfers/${transferId}`, transfer.version);
			})();
		},

		applyTransferEvent(ctx) {
			return db.transaction(() => {
				const row = mustFind(ctx.params.transferId);
				checkVersion(ctx, row.version);
				const input = ctx.body as TransferEventInput;
				const event = input.event;
				const transition = TRANSITIONS[event];
				if (!transition.from.includes(row.state)) {
					throw problems.conflict('INVALID_TRANSITION', `Cannot ${event} a transfer that is ${row.state}`);
				}
				const actorOrgId = input.actorOrgId ?? null;
				authorize(row, event, input.actorId, actorOrgId);
				const stamp = now();
				if (event === 'complete') {
					// Moving the member and closing the transfer are one change: never in two places, never in none.
					const member = findMember(db, row.member_id)!;
					if (member.org_id !== row.from_org_id) {
						throw problems.conflict('NOT_AT_SOURCE', `Member ${member.member_id} is no longer registered at ${row.from_org_id}`);
					}
					const target = activeTarget(row.to_org_id);
					db.prepare('UPDATE members SET org_id = ?, city_code = ?, version = version + 1, updated_at = ? WHERE member_id = ?').run(
						target.org_id,
						target.city_code,
						stamp,
						member.member_id,
					);
				}
				const history = JSON.parse(row.history) as HistoryEntry[];
				history.push({
					state: transition.to,
					event,
					at: normalizeTimestamp(input.at) ?? stamp,
					actorId: input.actorId,
					actorOrgId,
					comment: input.comment ?? null,
				});
				db.prepare('UPDATE transfers SET state = ?, history = ?, version = version + 1, updated_at = ? WHERE transfer_id = ?').run(
					transition.to,
					JSON.stringify(history),
					stamp,
					row.transfer_id,
				);
				const transfer = transferJson(mustFind(row.transfer_id));
				outbox.emit('transfer.updated', transfer);
				return ok(transfer, transfer.version);
			})();
		},
	};
}
