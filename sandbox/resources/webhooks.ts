import { isoInChina } from '../clock';
import type { Db } from '../db/open';
import { nextId } from '../db/sequences';
import { EVENT_TYPES } from '../events/outbox';
import { pageQuery, toPage } from '../http/pagination';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isUniqueViolation, type Deps } from './deps';

interface SubscriptionRow {
	seq: number;
	webhook_id: string;
	app_key: string;
	url: string;
	events: string;
	secret: string | null;
	created_at: string;
}

interface DeliveryRow {
	seq: number;
	delivery_id: string;
	webhook_id: string;
	event_id: string;
	state: string;
	attempts: number;
	next_attempt_ms: number | null;
	delivered_at: string | null;
}

function subscriptionJson(row: SubscriptionRow) {
	return {
		id: row.webhook_id,
		url: row.url,
		events: JSON.parse(row.events) as string[],
		hasOwnSecret: row.secret !== null,
		createdAt: row.created_at,
	};
}

/** Subscribes (or, for one configured at start, re-subscribes) a URL for an app. */
export function upsertSubscription(
	db: Db,
	sub: { appKey: string; url: string; events?: readonly string[]; secret?: string | null },
	stamp: string,
): string {
	const existing = db.prepare('SELECT webhook_id FROM webhook_subscriptions WHERE app_key = ? AND url = ?').get(sub.appKey, sub.url) as
		| { webhook_id: string }
		| undefined;
	const events = JSON.stringify(sub.events ?? EVENT_TYPES);
	if (existing) {
		db.prepare('UPDATE webhook_subscriptions SET events = ?, secret = ? WHERE webhook_id = ?').run(events, sub.secret ?? null, existing.webhook_id);
		return existing.webhook_id;
	}
	const webhookId = nextId(db, 'webhook', 'WH', 4);
	db.prepare('INSERT INTO webhook_subscriptions (webhook_id, app_key, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
		webhookId,
		sub.appKey,
		sub.url,
		events,
		sub.secret ?? null,
		stamp,
	);
	return webhookId;
}

export function webhookOperations({ db, now }: Deps): Operations {
	function mustFindOwn(webhookId: string, appKey: string | null): SubscriptionRow {
		const row = db.prepare('SELECT * FROM webhook_subscriptions WHERE webhook_id = ? AND app_key = ?').get(webhookId, appKey) as
			| SubscriptionRow
			| undefined;
		if (!row) throw problems.notFound('webhook', webhookId);
		return row;
	}

	return {
		listWebhooks({ query, appKey }) {
			const { sql, args, limit } = pageQuery('webhook_subscriptions', [['app_key = ?', appKey]], query);
			return ok(toPage(db.prepare(sql).all(...args) as SubscriptionRow[], limit, subscriptionJson));
		},

		createWebhook(ctx) {
			const { appKey } = ctx;
			const body = ctx.body as { url: string; events: string[]; secret?: string };
			const stamp = now();
			const webhookId = nextId(db, 'webhook', 'WH', 4);
			try {
				db.prepare('INSERT INTO webhook_subscriptions (webhook_id, app_key, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
					webhookId,
					appKey,
					body.url,
					JSON.stringify(body.events),
					body.secret ?? null,
					stamp,
				);
			} catch (error) {
				if (isUniqueViolation(error)) throw problems.conflict('WEBHOOK_EXISTS', 'This app already subscribed this URL');
				throw error;
			}
			return created(subscriptionJson(mustFindOwn(webhookId, appKey)), `/api/v1/webhooks/${webhookId}`);
		},

		deleteWebhook({ params, appKey }) {
			const row = mustFindOwn(params.webhookId, appKey);
			db.transaction(() => {
				db.prepare("DELETE FROM webhook_deliveries WHERE webhook_id = ? AND state = 'pending'").run(row.webhook_id);
				db.prepare('DELETE FROM webhook_subscriptions WHERE webhook_id = ?').run(row.webhook_id);
			})();
			return { status: 204 };
		},

		listWebhookDeliveries({ params, query, appKey }) {
			const sub = mustFindOwn(params.webhookId, appKey);
			const { sql, args, limit } = pageQuery(
				'webhook_deliveries',
				[
					['webhook_id = ?', sub.webhook_id],
					['state = ?', query.state],
				],
				query,
				'desc',
			);
			const eventType = db.prepare('SELECT type FROM events WHERE event_id = ?');
			const attempts = db.prepare('SELECT attempt, at, status_code, error FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt');
			return ok(
				toPage(db.prepare(sql).all(...args) as DeliveryRow[], limit, (d) => ({
					deliveryId: d.delivery_id,
					webhookId: d.webhook_id,
					eventId: d.event_id,
					eventType: (eventType.get(d.event_id) as { type: string }).type,
					state: d.state,
					attempts: d.attempts,
					nextAttemptAt: d.state === 'pending' && d.next_attempt_ms !== null ? isoInChina(d.next_attempt_ms) : null,
					deliveredAt: d.delivered_at,
					log: (attempts.all(d.delivery_id) as Array<{ attempt: number; at: string; status_code: number | null; error: string | null }>).map(
						(a) => ({ attempt: a.attempt, at: a.at, statusCode: a.status_code, error: a.error }),
					),
				})),
			);
		},
	};
}
