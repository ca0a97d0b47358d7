import { applyTransferEvent, validateTransfer, type Transfer } from '../../../lib/transfer';
import { ACME_UNION, FED_SZ, MEMBER, REQUESTED_AT } from './fixtures';

const requested = validateTransfer(
	{ memberId: 'M-1', toOrgId: 'U-ACME', reason: 'employer_union_established', requestedAt: REQUESTED_AT, actorId: 'M-1' },
	{ member: MEMBER, fromOrg: FED_SZ, toOrg: ACME_UNION },
).transfer as Transfer;

const fromAdmin = { actorId: 'admin-fed', actorOrgId: 'FED-440300' };
const toAdmin = { actorId: 'admin-acme', actorOrgId: 'U-ACME' };
const theMember = { actorId: 'M-1' };
const system = { actorId: 'system' };
const at = (day: string) => `${day}T10:00:00+08:00`;

function inState(state: 'requested' | 'released'): Transfer {
	if (state === 'requested') return requested;
	return applyTransferEvent(requested, { type: 'release', ...fromAdmin, at: at('2024-05-11') }).transfer;
}

describe('the happy path: requested → released → completed', () => {
	const released = applyTransferEvent(requested, { type: 'release', ...fromAdmin, at: at('2024-05-11'), comment: '同意转出' });
	const completed = applyTransferEvent(released.transfer, { type: 'complete', ...toAdmin, at: at('2024-05-12') });

	it('releases without moving the member', () => {
		expect(released).toMatchObject({ ok: true, outcome: 'applied', reasons: [] });
		expect(released.transfer.state).toBe('released');
		expect(released.memberUpdate).toBeUndefined();
		expect(released.transfer.history[1]).toEqual({
			state: 'released',
			event: 'release',
			at: '2024-05-11T10:00:00.000+08:00',
			actorId: 'admin-fed',
			actorOrgId: 'FED-440300',
			comment: '同意转出',
		});
	});

	it('completes, moving the member and keeping joinedAt', () => {
		expect(completed.ok).toBe(true);
		expect(completed.transfer.state).toBe('completed');
		expect(completed.transfer.history.map((h) => h.state)).toEqual(['requested', 'released', 'completed']);
		expect(completed.memberUpdate).toEqual({
			memberId: 'M-1',
			fromOrgId: 'FED-440300',
			orgId: 'U-ACME',
			joinedAt: '2021-10-01',
			since: '2024-05-12T10:00:00.000+08:00',
		});
	});

	it('does not change the transfer it was given', () => {
		expect(requested.state).toBe('requested');
		expect(requested.history).toHaveLength(1);
	});
});

describe('closing transitions from either open state', () => {
	it.each([
		['reject', fromAdmin, 'rejected'],
		['reject', toAdmin, 'rejected'],
		['cancel', theMember, 'cancelled'],
		['cancel', fromAdmin, 'cancelled'],
	] as const)('%s by %j', (type, actor, state) => {
		for (const from of ['requested', 'released'] as const) {
			const r = applyTransferEvent(inState(from), { type, ...actor, at: at('2024-05-20') });
			expect(r.ok).toBe(true);
			expect(r.transfer.state).toBe(state);
			expect(r.memberUpdate).toBeUndefined();
			expect(r.transfer.history[r.transfer.history.length - 1]).toMatchObject({ state, actorId: actor.actorId });
		}
	});

	it('expire by the system after the deadline', () => {
		for (const from of ['requested', 'released'] as const) {
			const r = applyTransferEvent(inState(from), { type: 'expire', ...system, at: at('2024-06-10') });
			expect(r.ok).toBe(true);
			expect(r.transfer.state).toBe('expired');
			expect(r.transfer.history[r.transfer.history.length - 1]).toMatchObject({ state: 'expired', actorId: 'system', actorOrgId: null });
		}
	});
});

describe('INVALID_TRANSITION', () => {
	const completed = applyTransferEvent(inState('released'), { type: 'complete', ...toAdmin, at: at('2024-05-12') }).transfer;
	const closed = {
		completed,
		rejected: applyTransferEvent(requested, { type: 'reject', ...toAdmin, at: at('2024-05-12') }).transfer,
		cancelled: applyTransferEvent(requested, { type: 'cancel', ...theMember, at: at('2024-05-12') }).transfer,
		expired: applyTransferEvent(requested, { type: 'expire', ...system, at: at('2024-06-10') }).transfer,
	};
	const rightActor = { release: fromAdmin, complete: toAdmin, reject: fromAdmin, cancel: theMember, expire: system };

	it.each(Object.keys(closed))('nothing applies to a %s transfer', (state) => {
		const transfer = closed[state as keyof typeof closed];
		expect(transfer.state).toBe(state);
		for (const type of ['release', 'complete', 'reject', 'cancel', 'expire'] as const) {
			const r = applyTransferEvent(transfer, { type, ...rightActor[type], at: at('2024-07-01') });
			expect(r.ok).toBe(false);
			expect(r.reasons.map((x) => x.code)).toContain('INVALID_TRANSITION');
			expect(r.transfer).toBe(transfer);
		}
	});

	it('cannot complete before release, nor release twice', () => {
		expect(applyTransferEvent(requested, { type: 'complete', ...toAdmin, at: at('2024-05-12') }).reasons.map((r) => r.code)).toEqual([
			'INVALID_TRANSITION',
		]);
		expect(applyTransferEvent(inState('released'), { type: 'release', ...fromAdmin, at: at('2024-05-12') }).reasons.map((r) => r.code)).toEqual([
			'INVALID_TRANSITION',
		]);
	});

	it('cannot expire before the deadline has passed (the last day counts in full)', () => {
		expect(applyTransferEvent(requested, { type: 'expire', ...system, at: '2024-06-09T23:59:00+08:00' }).ok).toBe(false);
		expect(applyTransferEvent(requested, { type: 'expire', ...system, at: '2024-06-10T00:00:00+08:00' }).ok).toBe(true);
	});

	it('cannot release or complete after the deadline', () => {
		expect(applyTransferEvent(requested, { type: 'release', ...fromAdmin, at: at('2024-06-10') }).reasons.map((r) => r.code)).toEqual([
			'INVALID_TRANSITION',
		]);
		expect(applyTransferEvent(requested, { type: 'release', ...fromAdmin, at: at('2024-06-09') }).ok).toBe(true);
		expect(applyTransferEvent(inState('released'), { type: 'complete', ...toAdmin, at: at('2024-06-10') }).ok).toBe(false);
	});

	it('cannot be dated before the previous transition', () => {
		const r = applyTransferEvent(inState('released'), { type: 'complete', ...toAdmin, at: '2024-05-10T10:00:00+08:00' });
		expect(r.reasons.map((x) => x.code)).toEqual(['INVALID_TRANSITION']);
	});
});

describe('NOT_AUTHORIZED', () => {
	const stranger = { actorId: 'admin-x', actorOrgId: 'U-X' };
	it.each([
		['release', 'requested', toAdmin],
		['release', 'requested', theMember],
		['release', 'requested', stranger],
		['release', 'requested', system],
		['complete', 'released', fromAdmin],
		['complete', 'released', theMember],
		['complete', 'released', stranger],
		['reject', 'requested', theMember],
		['reject', 'requested', stranger],
		['reject', 'requested', system],
		['cancel', 'requested', toAdmin],
		['cancel', 'requested', stranger],
		['cancel', 'requested', { actorId: 'M-2' }],
		['cancel', 'released', { actorId: 'M-1', actorOrgId: 'U-ACME' }],
		['expire', 'requested', fromAdmin],
		['expire', 'requested', theMember],
	] as const)('%s of a %s transfer by %j', (type, state, actor) => {
		const transfer = inState(state);
		const r = applyTransferEvent(transfer, { type, ...actor, at: at(type === 'expire' ? '2024-06-10' : '2024-05-20') });
		expect(r.ok).toBe(false);
		expect(r.outcome).toBe('rejected');
		expect(r.reasons.map((x) => x.code)).toEqual(['NOT_AUTHORIZED']);
		expect(r.reasons[0]).toMatchObject({ severity: 'reject' });
		expect(r.transfer).toBe(transfer);
	});

	it('uses an explicit role: a member naming an organisation is still a member', () => {
		const r = applyTransferEvent(requested, { type: 'release', actorId: 'M-1', actorOrgId: 'FED-440300', actorRole: 'member', at: at('2024-05-11') });
		expect(r.reasons.map((x) => x.code)).toEqual(['NOT_AUTHORIZED']);
	});

	it('reports a wrong state and a wrong actor together', () => {
		const r = applyTransferEvent(requested, { type: 'complete', ...fromAdmin, at: at('2024-05-11') });
		expect(r.reasons.map((x) => x.code)).toEqual(['INVALID_TRANSITION', 'NOT_AUTHORIZED']);
	});
});

describe('the platform API spelling', () => {
	it('reads the event type from `event`', () => {
		const r = applyTransferEvent(requested, { event: 'release', ...fromAdmin, at: at('2024-05-11') });
		expect(r.ok).toBe(true);
		expect(r.transfer.history[1].event).toBe('release');
	});

	it('takes the deadline from expiresAt when a transfer has no expiresOn', () => {
		const platform = { ...requested, expiresOn: undefined, expiresAt: '2024-06-09T23:59:59+08:00' } as unknown as Transfer;
		expect(applyTransferEvent(platform, { type: 'release', ...fromAdmin, at: '2024-06-09T23:00:00+08:00' }).ok).toBe(true);
		expect(applyTransferEvent(platform, { type: 'release', ...fromAdmin, at: '2024-06-10T00:00:00+08:00' }).ok).toBe(false);
		expect(applyTransferEvent(platform, { type: 'expire', ...system, at: '2024-06-10T00:00:00+08:00' }).ok).toBe(true);
	});
});

describe('malformed input never throws', () => {
	it.each([
		['no type', requested, { actorId: 'x' }, 'FIELD_MISSING'],
		['unknown type', requested, { type: 'approve', ...fromAdmin }, 'FIELD_INVALID'],
		['unknown role', requested, { type: 'release', ...fromAdmin, actorRole: 'boss' }, 'FIELD_INVALID'],
		['no actor', requested, { type: 'release', at: at('2024-05-11') }, 'FIELD_MISSING'],
		['bad time', requested, { type: 'release', ...fromAdmin, at: 'later' }, 'FIELD_INVALID'],
		['event not an object', requested, 'release', 'FIELD_INVALID'],
		['transfer not an object', null, { type: 'release', ...fromAdmin }, 'FIELD_INVALID'],
		['transfer in an unknown state', { ...requested, state: 'lost' }, { type: 'release', ...fromAdmin }, 'FIELD_INVALID'],
		['transfer without member', { ...requested, memberId: '' }, { type: 'release', ...fromAdmin }, 'FIELD_MISSING'],
	])('%s', (_label, transfer, event, code) => {
		const r = applyTransferEvent(transfer, event);
		expect(r.ok).toBe(false);
		expect(r.reasons.map((x) => x.code)).toContain(code);
	});

	it('dates an event without a time at now', () => {
		const r = applyTransferEvent(requested, { type: 'release', ...fromAdmin }, { now: '2024-05-11T02:00:00Z' });
		expect(r.transfer.history[1].at).toBe('2024-05-11T10:00:00.000+08:00');
	});
});
