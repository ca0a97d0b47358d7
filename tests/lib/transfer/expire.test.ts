import { applyTransferEvent, expireOverdue, validateTransfer, type Transfer } from '../../../lib/transfer';
import { ACME_UNION, FED_SZ, MEMBER } from './fixtures';

const make = (requestedAt: string, expiresAfterDays?: number) =>
	validateTransfer({ toOrgId: 'U-ACME', requestedAt, expiresAfterDays, reason: 'changed_employer' }, { member: MEMBER, fromOrg: FED_SZ, toOrg: ACME_UNION })
		.transfer as Transfer;

describe('expireOverdue', () => {
	const old = make('2024-04-01T10:00:00+08:00'); // last day 2024-05-01
	const recent = make('2024-04-20T10:00:00+08:00'); // last day 2024-05-20
	const short = make('2024-04-28T10:00:00+08:00', 2); // last day 2024-04-30
	const released = applyTransferEvent(old, { type: 'release', actorId: 'a', actorOrgId: 'FED-440300', at: '2024-04-02T10:00:00+08:00' }).transfer;
	const completed = applyTransferEvent(released, { type: 'complete', actorId: 'b', actorOrgId: 'U-ACME', at: '2024-04-03T10:00:00+08:00' }).transfer;

	it('expires the open transfers past their deadline and leaves the rest', () => {
		const results = expireOverdue([old, recent, short, released, completed], '2024-05-02');
		expect(results.map((r) => r.outcome)).toEqual(['expired', 'unchanged', 'expired', 'expired', 'unchanged']);
		expect(results[0].transfer.state).toBe('expired');
		expect(results[0].transfer.history.at(-1)).toEqual({
			state: 'expired',
			event: 'expire',
			at: '2024-05-02T00:00:00.000+08:00',
			actorId: 'system',
			actorOrgId: null,
			comment: null,
		});
		expect(results[1].transfer).toBe(recent);
		expect(results[4].transfer).toBe(completed);
		for (const r of results) expect(r.reasons).toEqual([]);
	});

	it('keeps a transfer on its last day', () => {
		expect(expireOverdue([old], '2024-05-01')[0].outcome).toBe('unchanged');
		expect(expireOverdue([old], '2024-05-01T23:59:59+08:00')[0].outcome).toBe('unchanged');
		// 16:00 UTC on 1 May is already 2 May in China.
		expect(expireOverdue([old], '2024-05-01T16:00:00Z')[0].outcome).toBe('expired');
	});

	it('uses expiresAfterDays for transfers that carry no deadline', () => {
		const bare = { ...recent, expiresOn: undefined, expiresAt: undefined } as unknown as Transfer;
		expect(expireOverdue([bare], '2024-05-02', { expiresAfterDays: 10 })[0].outcome).toBe('expired');
		expect(expireOverdue([bare], '2024-05-02')[0].outcome).toBe('unchanged');
		expect(expireOverdue([recent], '2024-05-02', { expiresAfterDays: 10 })[0].outcome).toBe('unchanged');
	});

	it('marks unreadable transfers without stopping', () => {
		const results = expireOverdue([{ memberId: 'M-1' }, old], '2024-05-02');
		expect(results.map((r) => r.outcome)).toEqual(['rejected', 'expired']);
		expect(results[0].reasons.map((r) => r.code)).toContain('FIELD_MISSING');
	});

	it('refuses an unreadable date or day count', () => {
		expect(() => expireOverdue([old], 'someday')).toThrow(RangeError);
		expect(() => expireOverdue([old], '2024-05-02', { expiresAfterDays: -1 })).toThrow(RangeError);
	});
});
