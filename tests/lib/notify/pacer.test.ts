import { FakeClock } from '../../../lib/notify/clock';
import { Pacer, PacingWaitTooLongError, paceWait, ROBOT_RATE_RULES, SMS_RATE_RULES } from '../../../lib/notify/pacer';

const MIN = 60_000;

describe('paceWait', () => {
	it.each([
		['below the limit', [0, 1000], 3000, 0],
		['20 in the last minute: wait for the oldest to leave', Array.from({ length: 20 }, (_, i) => i * 1000), 30_000, 30_000],
		['exactly one window later is free', Array.from({ length: 20 }, () => 0), MIN, 0],
		['old sends do not count', Array.from({ length: 20 }, () => 0), MIN + 5, 0],
	])('%s', (_label, sent, now, expected) => {
		expect(paceWait(sent as number[], ROBOT_RATE_RULES, now as number)).toBe(expected);
	});

	it('takes the longest of several rules (SMS 1/min, 5/h, 10/day)', () => {
		const fiveInAnHour = [0, MIN, 2 * MIN, 3 * MIN, 4 * MIN];
		expect(paceWait(fiveInAnHour, SMS_RATE_RULES, 5 * MIN)).toBe(60 * MIN - 5 * MIN);
		expect(paceWait([0], SMS_RATE_RULES, 10_000)).toBe(50_000);
	});

	it('adds the margin to every window', () => {
		expect(paceWait([0], [{ limit: 1, windowMs: 1000 }], 0, 500)).toBe(1500);
	});
});

describe('Pacer with a fake clock', () => {
	it('lets 20 robot messages through at once, then waits a minute for the next 20', async () => {
		const clock = new FakeClock(1_000_000);
		const pacer = new Pacer(() => clock);
		const waits: number[] = [];
		for (let i = 0; i < 50; i++) waits.push(await pacer.acquire('wecom:k', ROBOT_RATE_RULES));
		expect(waits.filter((w) => w > 0)).toEqual([MIN, MIN]);
		expect(clock.now() - 1_000_000).toBe(2 * MIN);
		const times = pacer.history('wecom:k');
		// no 60-second window ever holds more than 20
		for (const t of times) expect(times.filter((u) => u >= t && u - t < MIN).length).toBeLessThanOrEqual(20);
	});

	it('keeps keys apart', async () => {
		const clock = new FakeClock(0);
		const pacer = new Pacer(() => clock);
		for (let i = 0; i < 20; i++) await pacer.acquire('a', ROBOT_RATE_RULES);
		expect(await pacer.acquire('b', ROBOT_RATE_RULES)).toBe(0);
		expect(await pacer.acquire('a', ROBOT_RATE_RULES)).toBe(MIN);
	});

	it('serialises concurrent callers of one key', async () => {
		const clock = new FakeClock(0);
		const pacer = new Pacer(() => clock);
		const waits = await Promise.all(Array.from({ length: 3 }, () => pacer.acquire('sms:13800138000', SMS_RATE_RULES)));
		expect(waits).toEqual([0, MIN, MIN]);
		expect(pacer.history('sms:13800138000')).toEqual([0, MIN, 2 * MIN]);
	});

	it('refuses rather than waits past maxWaitMs, recording nothing', async () => {
		const clock = new FakeClock(0);
		const pacer = new Pacer(() => clock);
		for (let i = 0; i < 5; i++) await pacer.acquire('p', SMS_RATE_RULES);
		const attempt = pacer.acquire('p', SMS_RATE_RULES, { maxWaitMs: 10 * MIN });
		await expect(attempt).rejects.toBeInstanceOf(PacingWaitTooLongError);
		await expect(attempt).rejects.toMatchObject({ rule: { label: '5/h' } });
		expect(pacer.history('p')).toHaveLength(5);
		// the queue goes on after a refusal
		expect(await pacer.acquire('p', SMS_RATE_RULES)).toBe(60 * MIN - 4 * MIN);
	});

	it('with the margin, waits a little longer than the window', async () => {
		const clock = new FakeClock(0);
		const pacer = new Pacer(() => clock);
		for (let i = 0; i < 20; i++) await pacer.acquire('m', ROBOT_RATE_RULES, { marginMs: 1000 });
		expect(await pacer.acquire('m', ROBOT_RATE_RULES, { marginMs: 1000 })).toBe(MIN + 1000);
	});
});

describe('Pacer memory', () => {
	it('forgets keys whose windows have all passed', async () => {
		const clock = new FakeClock(0);
		const pacer = new Pacer(() => clock);
		for (let n = 0; n < 1023; n++) await pacer.acquire(`sms:${n}`, SMS_RATE_RULES);
		expect(pacer.size).toBe(1023);
		clock.advance(24 * 60 * MIN);
		await pacer.acquire('sms:new', SMS_RATE_RULES);
		expect(pacer.size).toBe(1);
	});
});
