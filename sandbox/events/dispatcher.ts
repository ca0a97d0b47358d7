import http from 'node:http';
import https from 'node:https';
import { signRequest } from '../../lib/platform/signing';
import { isoInChina, type Clock } from '../clock';
import type { Db } from '../db/open';

export interface RetryPolicy {
	/** Delay before the second attempt; doubled for each one after. */
	baseMs: number;
	maxMs: number;
	maxAttempts: number;
	/** A receiver that has not answered by then counts as failed. */
	timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 5 * 60_000, maxAttempts: 8, timeoutMs: 10_000 };

export function backoffMs(policy: RetryPolicy, attemptsSoFar: number): number {
	return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attemptsSoFar - 1));
}

interface DueDelivery {
	delivery_id: string;
	attempts: number;
	url: string;
	secret: string | null;
	app_key: string;
	event_id: string;
	type: string;
	occurred_at: string;
	data: string;
}

/**
 * Delivers the outbox: each event to each subscriber, signed as SPEC §7 says, retried with
 * exponential backoff until it is accepted (2xx) or the attempts run out; every attempt is logged.
 */
export function createDispatcher(options: {
	db: Db;
	clock: Clock;
	appKeys: Record<string, string>;
	retry?: Partial<RetryPolicy>;
}) {
	const { db, clock, appKeys } = options;
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
	const agent = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };
	const due = db.prepare(
		`SELECT d.delivery_id, d.attempts, s.url, s.secret, s.app_key, e.event_id, e.type, e.occurred_at, e.data
		 FROM webhook_deliveries d
		 JOIN webhook_subscriptions s ON s.webhook_id = d.webhook_id
		 JOIN events e ON e.event_id = d.event_id
		 WHERE d.state = 'pending' AND d.next_attempt_ms <= ?
		 ORDER BY d.next_attempt_ms, d.seq LIMIT 50`,
	);
	const nextDue = db.prepare(
		`SELECT d.delivery_id, d.next_attempt_ms FROM webhook_deliveries d
		 JOIN webhook_subscriptions s ON s.webhook_id = d.webhook_id
		 WHERE d.state = 'pending' ORDER BY d.next_attempt_ms LIMIT 200`,
	);
	const logAttempt = db.prepare(
		'INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES (?, ?, ?, ?, ?)',
	);
	const settle = db.prepare(
		'UPDATE webhook_deliveries SET attempts = ?, state = ?, next_attempt_ms = ?, delivered_at = ? WHERE delivery_id = ?',
	);

	const inFlight = new Map<string, Promise<void>>();
	const requests = new Set<http.ClientRequest>();
	let timer: NodeJS.Timeout | undefined;
	let scheduled = false;
	let closed = false;
	let idleWaiters: Array<() => void> = [];

	function kick(): void {
		if (closed || scheduled) return;
		scheduled = true;
		setImmediate(() => {
			scheduled = false;
			pump();
		});
	}

	function pump(): void {
		if (closed) return;
		if (timer) clearTimeout(timer);
		timer = undefined;
		for (const row of due.all(clock()) as DueDelivery[]) {
			if (inFlight.has(row.delivery_id)) continue;
			const attempt = deliver(row).finally(() => {
				inFlight.delete(row.delivery_id);
				kick();
			});
			inFlight.set(row.delivery_id, attempt);
		}
		const waiting = (nextDue.all() as Array<{ delivery_id: string; next_attempt_ms: number }>).filter(
			(r) => !inFlight.has(r.delivery_id),
		);
		if (waiting.length > 0) {
			const delay = Math.max(0, waiting[0].next_attempt_ms - clock());
			timer = setTimeout(pump, delay);
		} else if (inFlight.size === 0) {
			const waiters = idleWaiters;
			idleWaiters = [];
			waiters.forEach((resolve) => resolve());
		}
	}

	async function deliver(row: DueDelivery): Promise<void> {
		const attempt = row.attempts + 1;
		const body = JSON.stringify({ id: row.event_id, type: row.type, occurredAt: row.occurred_at, data: JSON.parse(row.data) });
		const secret = row.secret ?? appKeys[row.app_key];
		let statusCode: number | null = null;
		let error: string | null = null;
		try {
			if (!secret) throw new Error(`No secret for app key ${row.app_key}`);
			statusCode = await post(row.url, body, secret, row.app_key, row.type, row.event_id);
			if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
		} catch (e) {
			error = (e as Error).message;
		}
		if (closed) return;
		const now = clock();
		logAttempt.run(row.delivery_id, attempt, isoInChina(now), statusCode, error);
		if (!error) {
			settle.run(attempt, 'delivered', null, isoInChina(now), row.delivery_id);
		} else if (attempt >= policy.maxAttempts) {
			settle.run(attempt, 'failed', null, null, row.delivery_id);
		} else {
			settle.run(attempt, 'pending', now + backoffMs(policy, attempt), null, row.delivery_id);
		}
	}

	function post(target: string, body: string, secret: string, appKey: string, type: string, eventId: string): Promise<number> {
		const url = new URL(target);
		const headers = {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(body)),
			'X-Event-Type': type,
			'X-Event-Id': eventId,
			...signRequest({ method: 'POST', pathWithQuery: url.pathname + url.search, body, secret, appKey, timestamp: clock() }),
		};
		const client = url.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			const req = client.request(
				url,
				{ method: 'POST', headers, agent: url.protocol === 'https:' ? agent.https : agent.http, timeout: policy.timeoutMs },
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
					res.on('error', reject);
				},
			);
			requests.add(req);
			req.on('close', () => requests.delete(req));
			req.on('timeout', () => req.destroy(new Error(`No answer within ${policy.timeoutMs} ms`)));
			req.on('error', reject);
			req.end(body);
		});
	}

	return {
		kick,
		/** Resolves once nothing is waiting to be delivered (delivered or given up). */
		whenIdle(): Promise<void> {
			return new Promise((resolve) => {
				idleWaiters.push(resolve);
				kick();
			});
		},
		async close(): Promise<void> {
			closed = true;
			if (timer) clearTimeout(timer);
			for (const req of requests) req.destroy();
			await Promise.allSettled([...inFlight.values()]);
			agent.http.destroy();
			agent.https.destroy();
			idleWaiters.forEach((resolve) => resolve());
			idleWaiters = [];
		},
	};
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
