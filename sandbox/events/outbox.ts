import { isoInChina, type Clock } from '../clock';
import type { Db } from '../db/open';
import { nextId } from '../db/sequences';

export const EVENT_TYPES = [
	'application.submitted',
	'application.decided',
	'organization.established',
	'claim.submitted',
	'transfer.updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventEnvelope {
	id: string;
	type: EventType;
	occurredAt: string;
	data: unknown;
}

/**
 * The outbox: an event and its deliveries are written in the same transaction as the change that
 * caused them, so no change goes unannounced and no rolled-back change is announced.
 */
export function createOutbox(db: Db, clock: Clock, afterCommit: () => void) {
	const insertEvent = db.prepare('INSERT INTO events (event_id, type, occurred_at, data) VALUES (?, ?, ?, ?)');
	const subscriptions = db.prepare('SELECT webhook_id, events FROM webhook_subscriptions');
	const insertDelivery = db.prepare(
		`INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, state, attempts, next_attempt_ms, created_at)
		 VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
	);

	return {
		emit(type: EventType, data: unknown): EventEnvelope {
			const now = clock();
			const envelope: EventEnvelope = {
				id: nextId(db, 'event', 'EVT', 10),
				type,
				occurredAt: isoInChina(now),
				data,
			};
			insertEvent.run(envelope.id, type, envelope.occurredAt, JSON.stringify(data));
			for (const sub of subscriptions.all() as Array<{ webhook_id: string; events: string }>) {
				if (!(JSON.parse(sub.events) as string[]).includes(type)) continue;
				insertDelivery.run(nextId(db, 'delivery', 'DLV', 10), sub.webhook_id, envelope.id, now, envelope.occurredAt);
			}
			// Handlers are synchronous, so by the time this runs the transaction has committed.
			setImmediate(afterCommit);
			return envelope;
		},
	};
}

export type Outbox = ReturnType<typeof createOutbox>;
