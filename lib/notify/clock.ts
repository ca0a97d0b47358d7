/**
 * The clock the notification pacer reads and sleeps on. Swappable in-process so that tests can
 * run minutes of pacing on a fake clock without waiting.
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

let current: Clock = systemClock;

export function getClock(): Clock {
	return current;
}

/** Replaces the process-wide clock; call without an argument to go back to the system clock. */
export function setClock(clock?: Clock): void {
	current = clock ?? systemClock;
}

/** A clock that only moves when slept on (or advanced): sleeping returns at once, time jumps ahead. */
export class FakeClock implements Clock {
	private time: number;
	/** Total milliseconds slept on this clock. */
	slept = 0;

	constructor(start = Date.UTC(2024, 0, 2, 1, 0, 0)) {
		this.time = start;
	}

	now(): number {
		return this.time;
	}

	advance(ms: number): void {
		this.time += Math.max(0, ms);
	}

	async sleep(ms: number): Promise<void> {
		const step = Math.max(0, ms);
		this.time += step;
		this.slept += step;
		await Promise.resolve();
	}
}
