import fc from 'fast-check';
import type { Organization } from '../../../lib/core/vocabulary';
import {
	applyTransferEvent,
	expireOverdue,
	OPEN_TRANSFER_STATES,
	TRANSFER_EVENTS,
	validateTransfer,
	type Transfer,
	type TransferEventType,
} from '../../../lib/transfer';
import { ACME_USCI } from './fixtures';

const ORGS: Organization[] = [
	{ orgId: 'FED-440300', type: 'city_newform_federation', cityCode: '440300', name: '深圳工联会', status: 'active' },
	{ orgId: 'FED-440100', type: 'city_newform_federation', cityCode: '440100', name: '广州工联会', status: 'active' },
	{ orgId: 'U-ACME', type: 'enterprise', cityCode: '440300', name: 'ACME工会', status: 'active', usci: ACME_USCI },
	{ orgId: 'U-PLAT', type: 'platform_enterprise', cityCode: '440100', name: '平台工会', status: 'active' },
	{ orgId: 'U-OLD', type: 'enterprise', cityCode: '440300', name: '已撤销', status: 'dissolved' },
];
const MEMBERS = [
	{ memberId: 'M-1', orgId: 'FED-440300', joinedAt: '2021-10-01', employer: { usci: ACME_USCI } },
	{ memberId: 'M-2', orgId: 'FED-440300', joinedAt: '2022-03-15' },
	{ memberId: 'M-3', orgId: 'U-PLAT', joinedAt: '2019-07-01' },
	{ memberId: 'M-4', orgId: 'FED-440100', joinedAt: '2023-12-31', employer: { usci: ACME_USCI } },
];
const ACTORS = ['fromAdmin', 'toAdmin', 'member', 'system', 'stranger'] as const;
const REASONS = ['employer_union_established', 'changed_employer', 'moved_city', 'employer_dissolved', 'member_request'] as const;

const command = fc.oneof(
	{ weight: 3, arbitrary: fc.record({
		kind: fc.constant('request' as const),
		member: fc.nat(MEMBERS.length - 1),
		to: fc.nat(ORGS.length - 1),
		fromCurrent: fc.boolean(),
		from: fc.nat(ORGS.length - 1),
		reason: fc.constantFrom(...REASONS),
		days: fc.integer({ min: 0, max: 3 }),
	}) },
	{ weight: 6, arbitrary: fc.record({
		kind: fc.constant('event' as const),
		transfer: fc.nat(50),
		pickOpen: fc.boolean(),
		// Every event type, the forward ones more often so that transfers do complete.
		type: fc.constantFrom<TransferEventType>(...TRANSFER_EVENTS, 'release', 'complete', 'complete'),
		rightActor: fc.boolean(),
		actor: fc.constantFrom(...ACTORS),
		days: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
	}) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), days: fc.integer({ min: 0, max: 40 }) }) },
);

const RIGHT_ACTOR: Record<TransferEventType, (typeof ACTORS)[number]> = {
	release: 'fromAdmin',
	complete: 'toAdmin',
	reject: 'toAdmin',
	cancel: 'member',
	expire: 'system',
};

function actorFor(kind: (typeof ACTORS)[number], t: Transfer) {
	switch (kind) {
		case 'fromAdmin':
			return { actorId: 'admin-from', actorOrgId: t.fromOrgId };
		case 'toAdmin':
			return { actorId: 'admin-to', actorOrgId: t.toOrgId };
		case 'member':
			return { actorId: t.memberId };
		case 'system':
			return { actorId: 'system' };
		case 'stranger':
			return { actorId: 'admin-x', actorOrgId: 'U-NOBODY' };
	}
}

const stats = { completed: 0, refused: 0, expired: 0, requested: 0 };

describe('transfers never leave a member in two places', () => {
	it('holds for any sequence of requests and events', () => {
		fc.assert(
			fc.property(fc.array(command, { minLength: 1, maxLength: 60, size: 'max' }), (commands) => {
				const registry = MEMBERS.map((m) => ({ memberId: m.memberId, orgId: m.orgId, joinedAt: m.joinedAt }));
				const transfers: Transfer[] = [];
				let clock = Date.parse('2024-01-01T09:00:00+08:00');
				const now = () => new Date(clock).toISOString();

				for (const c of commands) {
					clock += c.days * 86_400_000 + 3_600_000;
					if (c.kind === 'request') {
						const base = MEMBERS[c.member];
						const current = registry.find((r) => r.memberId === base.memberId)!;
						const toOrg = ORGS[c.to];
						const fromOrgId = c.fromCurrent ? current.orgId : ORGS[c.from].orgId;
						const result = validateTransfer(
							{ transferId: `T-${transfers.length}`, memberId: base.memberId, fromOrgId, toOrgId: toOrg.orgId, reason: c.reason, requestedAt: now() },
							{
								member: { ...base, orgId: current.orgId, joinedAt: current.joinedAt },
								fromOrg: ORGS.find((o) => o.orgId === current.orgId),
								toOrg,
								openTransfers: transfers,
							},
						);
						if (result.ok) {
							transfers.push(result.transfer!);
							stats.requested++;
						} else stats.refused++;
					} else if (c.kind === 'event') {
						if (!transfers.length) continue;
						const open = transfers.map((t, i) => i).filter((i) => OPEN_TRANSFER_STATES.includes(transfers[i].state));
						const index = c.pickOpen && open.length ? open[c.transfer % open.length] : c.transfer % transfers.length;
						const t = transfers[index];
						const actor = actorFor(c.rightActor ? RIGHT_ACTOR[c.type] : c.actor, t);
						const result = applyTransferEvent(t, { type: c.type, ...actor, at: now() });
						if (!result.ok) {
							expect(result.transfer).toBe(t);
							stats.refused++;
							continue;
						}
						expect(result.transfer.history).toHaveLength(t.history.length + 1);
						transfers[index] = result.transfer;
						if (result.memberUpdate) {
							expect(result.transfer.state).toBe('completed');
							const u = result.memberUpdate;
							const at = registry.findIndex((r) => r.memberId === u.memberId && r.orgId === u.fromOrgId);
							if (at >= 0) registry.splice(at, 1);
							registry.push({ memberId: u.memberId, orgId: u.orgId, joinedAt: u.joinedAt as string });
							stats.completed++;
						} else {
							expect(result.transfer.state).not.toBe('completed');
						}
					} else {
						const results = expireOverdue(transfers, now());
						results.forEach((r, i) => {
							if (r.outcome === 'expired') stats.expired++;
							transfers[i] = r.transfer;
						});
					}

					for (const m of MEMBERS) {
						const entries = registry.filter((r) => r.memberId === m.memberId);
						expect(entries).toHaveLength(1);
						expect(entries[0].joinedAt).toBe(m.joinedAt);
						const open = transfers.filter((t) => t.memberId === m.memberId && OPEN_TRANSFER_STATES.includes(t.state));
						expect(open.length).toBeLessThanOrEqual(1);
						if (open.length) expect(open[0].fromOrgId).toBe(entries[0].orgId);
					}
				}
			}),
			{ numRuns: 400 },
		);
		// The property was exercised, not satisfied vacuously.
		expect(stats.requested).toBeGreaterThan(100);
		expect(stats.completed).toBeGreaterThan(20);
		expect(stats.expired).toBeGreaterThan(5);
		expect(stats.refused).toBeGreaterThan(100);
	});
});
