import { getClock, type Clock } from './clock';

/** At most `limit` sends in any window of `windowMs` milliseconds. */
export interface RateRule {
	limit: number;
	windowMs: number;
	/** Shown in messages, e.g. `20/min`. */
	label?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * WeCom and DingTalk group robots each accept 20 messages a minute per robot; more are refused
 * (WeCom 45009, DingTalk 130101 and a ten-minute block), so the sender waits instead.
 */
export const ROBOT_RATE_RULES: readonly RateRule[] = [{ limit: 20, windowMs: MINUTE, label: '20/min' }];

/**
 * Aliyun SMS's default flow control per mobile number under one sign name: 1 a minute, 5 an hour,
 * 10 a day (a day is the 24 hours before the send). Aliyun applies these to verification codes and
 * allows notices 50 a day per template; the stricter set is the default here so a number is never
 * flooded whatever the template type. Users can loosen it on the node.
 */
export const SMS_RATE_RULES: readonly RateRule[] = [
	{ limit: 1, windowMs: MINUTE, label: '1/min' },
	{ limit: 5, windowMs: HOUR, label: '5/h' },
	{ limit: 10, windowMs: DAY, label: '10/day' },
];

/**
 * How long to wait from `now` before one more send keeps every rule, given the times of earlier
 * sends. A send at `t` counts in the window at `now` while `now - t < windowMs`.
 */
export function paceWait(sentAt: readonly number[], rules: readonly RateRule[], now: number, marginMs = 0): number {
	let wait = 0;
	for (const rule of rules) {
		const window = rule.windowMs + marginMs;
		const inWindow = sentAt.filter((t) => now - t < window).sort((a, b) => a - b);
		if (inWindow.length < rule.limit) continue;
		const mustExpire = inWindow[inWindow.length - rule.limit];
		wait = Math.max(wait, mustExpire + window - now);
	}
	return Math.max(0, wait);
}

/** The rule that a wait of this length is for, to say why a send was held back. */
export function bindingRule(sentAt: readonly number[], rules: readonly RateRule[], now: number, marginMs = 0): RateRule | undefined {
	let found: RateRule | undefined;
	let longest = 0;
	for (const rule of rules) {
		const w = paceWait(sentAt, [rule], now, marginMs);
		if (w > longest) {
			longest = w;
			found = rule;
		}
	}
	return found;
}

export class PacingWaitTooLongError extends Error {
	constructor(
		readonly key: string,
		readonly waitMs: number,
		readonly maxWaitMs: number,
		readonly rule?: RateRule,
	) {
		super(
			`发送频率限制（${rule?.label ?? ''}）需要等待 ${Math.ceil(waitMs / 1000)} 秒，超过允许的最长等待 ${Math.ceil(maxWaitMs / 1000)} 秒 / ` +
				`the rate limit (${rule?.label ?? ''}) would need a wait of ${Math.ceil(waitMs / 1000)} s, longer than the allowed ${Math.ceil(maxWaitMs / 1000)} s`,
		);
		this.name = 'PacingWaitTooLongError';
	}
}

export interface AcquireOptions {
	/** Added to every window, to absorb network delay between this process and the gateway. */
	marginMs?: number;
	/** Refuse (throw PacingWaitTooLongError) rather than wait longer than this. Default: no bound. */
	maxWaitMs?: number;
}

/**
 * Holds sends back so that every key (a robot's key, a phone number) keeps its rules. Sends for one
 * key are taken in turn; the state lives in this process.
 */
export class Pacer {
	private readonly sent = new Map<string, { times: number[]; keepMs: number }>();
	private readonly queues = new Map<string, Promise<unknown>>();
	private takes = 0;

	constructor(private readonly clockOf: () => Clock = getClock) {}

	/** Waits until one more send for `key` keeps `rules`, records it, and resolves to the milliseconds waited. */
	acquire(key: string, rules: readonly RateRule[], options: AcquireOptions = {}): Promise<number> {
		const previous = this.queues.get(key) ?? Promise.resolve();
		const turn = previous.then(() => this.take(key, rules, options));
		const tail = turn.catch(() => undefined);
		this.queues.set(key, tail);
		void tail.then(() => {
			if (this.queues.get(key) === tail) this.queues.delete(key);
		});
		return turn;
	}

	/** The recorded send times of a key (for inspection and tests). */
	history(key: string): number[] {
		return [...(this.sent.get(key)?.times ?? [])];
	}

	/** How many keys hold a history (keys whose windows have all passed are dropped now and then). */
	get size(): number {
		return this.sent.size;
	}

	private sweep(now: number): void {
		for (const [key, entry] of this.sent) {
			const last = entry.times[entry.times.length - 1] ?? -Infinity;
			if (now - last >= entry.keepMs) this.sent.delete(key);
		}
	}

	reset(): void {
		this.sent.clear();
		this.queues.clear();
	}

	private async take(key: string, rules: readonly RateRule[], options: AcquireOptions): Promise<number> {
		const clock = this.clockOf();
		const margin = options.marginMs ?? 0;
		const longest = Math.max(0, ...rules.map((r) => r.windowMs + margin));
		let waited = 0;
		if (++this.takes % 1024 === 0) this.sweep(clock.now());
		for (;;) {
			const now = clock.now();
			const times = (this.sent.get(key)?.times ?? []).filter((t) => now - t < longest);
			const wait = paceWait(times, rules, now, margin);
			if (wait <= 0) {
				times.push(now);
				this.sent.set(key, { times, keepMs: longest });
				return waited;
			}
			if (options.maxWaitMs !== undefined && waited + wait > options.maxWaitMs) {
				throw new PacingWaitTooLongError(key, waited + wait, options.maxWaitMs, bindingRule(times, rules, now, margin));
			}
			await clock.sleep(wait);
			waited += wait;
		}
	}
}

/** The one pacer of this process, shared by every notification node. */
export const sharedPacer = new Pacer();

/** Forgets every recorded send of the shared pacer. */
export function resetPacing(): void {
	sharedPacer.reset();
}
