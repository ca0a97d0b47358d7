import type { DateTime } from 'luxon';
import type { Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { applyTransferEvent, readTransferProblems } from './events';
import { fieldInvalid, isRecord } from './reasons';
import { deadline, deadlineOf, iso, isPositiveWholeDays, readMoment } from './time';
import { DEFAULT_EXPIRES_AFTER_DAYS, OPEN_TRANSFER_STATES, type Transfer } from './types';

export interface ExpiryResult {
	/** `expired` now; `unchanged` when still in time or already finished; `rejected` when unreadable. */
	outcome: 'expired' | 'unchanged' | 'rejected';
	transfer: Transfer;
	reasons: Reason[];
}

export interface ExpiryOptions {
	/** For transfers that carry no deadline of their own (default 30): days from `requestedAt`. */
	expiresAfterDays?: number;
}

/**
 * Expires every open transfer whose deadline has passed at `asOf` (a timestamp, or a date read as
 * the start of that day in China). A transfer's own deadline (`expiresAt`, else `expiresOn`)
 * wins; one without either gets `requestedAt` + `expiresAfterDays`.
 */
export function expireOverdue(
	transfers: readonly unknown[],
	asOf: string | Date,
	options: ExpiryOptions = {},
): ExpiryResult[] {
	const moment = readMoment(asOf);
	if (!moment) throw new RangeError(`Not a readable date: ${textOf(asOf)}`);
	const days = options.expiresAfterDays ?? DEFAULT_EXPIRES_AFTER_DAYS;
	if (!isPositiveWholeDays(days)) throw new RangeError(`expiresAfterDays must be a positive whole number: ${textOf(days)}`);
	return transfers.map((item) => expireOne(item, moment, days));
}

function expireOne(item: unknown, asOf: DateTime, days: number): ExpiryResult {
	const problems = readTransferProblems(item);
	if (problems.length) return { outcome: 'rejected', transfer: item as Transfer, reasons: problems };
	let transfer = item as Transfer;
	if (!OPEN_TRANSFER_STATES.includes(transfer.state)) return { outcome: 'unchanged', transfer, reasons: [] };
	if (!deadlineOf(transfer)) {
		const requested = readMoment(transfer.requestedAt) ?? firstHistoryMoment(transfer);
		if (!requested) {
			return {
				outcome: 'rejected',
				transfer,
				reasons: [fieldInvalid('transfer.requestedAt', '缺失或无法读取，无法计算办结期限。', 'is missing or unreadable: no deadline can be computed.')],
			};
		}
		transfer = { ...transfer, ...deadline(requested, days) };
	}
	if (asOf.toMillis() <= deadlineOf(transfer)!.toMillis()) return { outcome: 'unchanged', transfer: item as Transfer, reasons: [] };
	const result = applyTransferEvent(transfer, { type: 'expire', actorId: 'system', actorRole: 'system', at: iso(asOf) });
	if (result.ok) return { outcome: 'expired', transfer: result.transfer, reasons: result.reasons };
	// A transition dated after `asOf` leaves the transfer as it is: expiry waits for a later run.
	return { outcome: 'rejected', transfer: item as Transfer, reasons: result.reasons };
}

function firstHistoryMoment(transfer: Transfer) {
	const first = Array.isArray(transfer.history) ? transfer.history[0] : undefined;
	return isRecord(first) ? readMoment(first.at) : null;
}
