import { planTransfersForNewUnion } from '../../../lib/transfer';
import { ACME_USCI, OTHER_USCI } from './fixtures';

const event = {
	type: 'organization.established',
	at: '2024-05-10T09:00:00+08:00',
	organization: { orgId: 'U-ACME', type: 'enterprise', cityCode: '440300', name: '某配送公司工会', status: 'active', usci: ACME_USCI },
};
const member = (memberId: string, overrides: Record<string, unknown> = {}) => ({
	memberId,
	orgId: 'FED-440300',
	joinedAt: '2022-01-15',
	employmentRelation: 'labor_contract',
	employer: { name: '某配送公司', usci: ACME_USCI },
	...overrides,
});

const members = [
	member('M-1'),
	member('M-2', { employmentRelation: 'dispatch' }),
	member('M-3', { employmentRelation: 'platform_managed' }),
	member('M-4', { employmentRelation: 'civil' }),
	member('M-5', { employer: { name: '别家', usci: OTHER_USCI } }),
	member('M-6', { employer: undefined }),
	member('M-7', { orgId: 'FED-440100' }),
	member('M-8', { employer: { usci: ACME_USCI.toLowerCase() } }),
];

describe('planning for a new enterprise union', () => {
	const plans = planTransfersForNewUnion(event, members);

	it('gives one plan per member, in order', () => {
		expect(plans.map((p) => [p.memberId, p.outcome])).toEqual([
			['M-1', 'planned'],
			['M-2', 'planned'],
			['M-3', 'skipped'],
			['M-4', 'skipped'],
			['M-5', 'skipped'],
			['M-6', 'skipped'],
			['M-7', 'skipped'],
			['M-8', 'planned'],
		]);
	});

	it('plans a requested transfer from the reservoir to the union, keeping joinedAt', () => {
		expect(plans[0].transfer).toMatchObject({
			transferId: 'TR-U-ACME-M-1',
			memberId: 'M-1',
			fromOrgId: 'FED-440300',
			toOrgId: 'U-ACME',
			reason: 'employer_union_established',
			state: 'requested',
			requestedAt: '2024-05-10T09:00:00.000+08:00',
			expiresOn: '2024-06-09',
			joinedAt: '2022-01-15',
		});
		expect(plans[0].transfer?.history).toEqual([
			{ state: 'requested', event: 'request', at: '2024-05-10T09:00:00.000+08:00', actorId: 'system', actorOrgId: null, comment: null },
		]);
		expect(plans[0].reasons).toEqual([]);
	});

	it('says why each skipped member stays', () => {
		expect(plans[2].reasons).toEqual([expect.objectContaining({ code: 'RELATION_NOT_ELIGIBLE', severity: 'info' })]);
		expect(plans[3].reasons.map((r) => r.code)).toEqual(['RELATION_NOT_ELIGIBLE']);
		expect(plans[4].reasons.map((r) => r.code)).toEqual(['EMPLOYER_MISMATCH']);
		expect(plans[5].reasons.map((r) => r.code)).toEqual(['EMPLOYER_MISMATCH']);
		expect(plans[6].reasons.map((r) => r.code)).toEqual(['NOT_AT_SOURCE']);
		for (const p of plans.filter((x) => x.outcome === 'skipped')) {
			expect(p.transfer).toBeNull();
			expect(p.reasons.length).toBeGreaterThan(0);
		}
	});

	it('gives every reason for a member who fails twice', () => {
		const [p] = planTransfersForNewUnion(event, [member('M-9', { employmentRelation: 'civil', employer: { usci: OTHER_USCI } })]);
		expect(p.reasons.map((r) => r.code)).toEqual(['RELATION_NOT_ELIGIBLE', 'EMPLOYER_MISMATCH']);
	});
});

describe('idempotence on member + target', () => {
	it('plans nothing new the second time', () => {
		const first = planTransfersForNewUnion(event, members);
		const existing = first.filter((p) => p.transfer).map((p) => p.transfer!);
		const second = planTransfersForNewUnion(event, members, existing);
		expect(second.filter((p) => p.outcome === 'planned')).toEqual([]);
		expect(second[0].reasons).toEqual([expect.objectContaining({ code: 'TRANSFER_ALREADY_PLANNED', severity: 'info' })]);
	});

	it.each(['completed', 'rejected', 'cancelled', 'expired'])('does not plan again after a %s transfer', (state) => {
		const [p] = planTransfersForNewUnion(event, [member('M-1')], [{ transferId: 'T-0', memberId: 'M-1', toOrgId: 'U-ACME', state } as never]);
		expect(p.outcome).toBe('skipped');
		expect(p.reasons.map((r) => r.code)).toEqual(['TRANSFER_ALREADY_PLANNED']);
	});

	it('plans once for a member listed twice', () => {
		const plans = planTransfersForNewUnion(event, [member('M-1'), member('M-1')]);
		expect(plans.map((p) => p.outcome)).toEqual(['planned', 'skipped']);
	});

	it('skips a member with an open transfer elsewhere', () => {
		const [p] = planTransfersForNewUnion(event, [member('M-1')], [{ transferId: 'T-0', memberId: 'M-1', toOrgId: 'U-Z', state: 'released' } as never]);
		expect(p.reasons.map((r) => r.code)).toEqual(['TRANSFER_ALREADY_OPEN']);
	});
});

describe('the event', () => {
	it('reads the platform webhook envelope', () => {
		const envelope = { id: 'evt-1', type: 'organization.established', occurredAt: '2024-05-10T09:00:00+08:00', data: event.organization };
		const [p] = planTransfersForNewUnion(envelope, [member('M-1')]);
		expect(p.outcome).toBe('planned');
		expect(p.transfer?.requestedAt).toBe('2024-05-10T09:00:00.000+08:00');
	});

	it('may be the organisation itself, or carry it under data', () => {
		expect(planTransfersForNewUnion(event.organization, [member('M-1')], [], { now: '2024-05-10T01:00:00Z' })[0].outcome).toBe('planned');
		expect(planTransfersForNewUnion({ event: 'organization.established', data: event.organization }, [member('M-1')])[0].outcome).toBe('planned');
	});

	it('defaults members without an organisation to the reservoir, and honours another reservoir id', () => {
		expect(planTransfersForNewUnion(event, [member('M-1', { orgId: undefined })])[0].transfer?.fromOrgId).toBe('FED-440300');
		const [p] = planTransfersForNewUnion(event, [member('M-1', { orgId: 'SZ-RES' })], [], { reservoirOrgId: 'SZ-RES' });
		expect(p.transfer?.fromOrgId).toBe('SZ-RES');
	});

	it('skips everyone, with the reasons, when the event cannot be used', () => {
		for (const bad of [
			{ ...event, type: 'organization.dissolved' },
			{ ...event, organization: { ...event.organization, usci: undefined } },
			{ ...event, organization: { ...event.organization, cityCode: '430100' } },
			{ type: 'organization.established' },
			'event',
		]) {
			const plans = planTransfersForNewUnion(bad, [member('M-1'), member('M-2')]);
			expect(plans.map((p) => p.outcome)).toEqual(['skipped', 'skipped']);
			expect(plans[0].reasons[0].code).toMatch(/^FIELD_/);
		}
	});

	it('skips everyone when the union is dissolved already', () => {
		const plans = planTransfersForNewUnion({ ...event, organization: { ...event.organization, status: 'dissolved' } }, [member('M-1')]);
		expect(plans[0].reasons.map((r) => r.code)).toEqual(['TARGET_INACTIVE']);
	});

	it('marks unreadable members', () => {
		const plans = planTransfersForNewUnion(event, ['x', { orgId: 'FED-440300' }]);
		expect(plans.map((p) => p.reasons[0].code)).toEqual(['FIELD_INVALID', 'FIELD_MISSING']);
	});
});

describe('values whose toString or valueOf is not a function (JSON objects)', () => {
	it.each([
		['event.organization.orgId', { toString: 'x' }],
		['event.organization.usci', { valueOf: 1 }],
	])('%s = %j skips everyone with FIELD_INVALID, not thrown', (field, value) => {
		const key = field.split('.').pop() as string;
		const bad = { ...event, organization: { ...event.organization, [key]: value } };
		const plans = planTransfersForNewUnion(bad, [member('M-1')]);
		expect(plans[0].outcome).toBe('skipped');
		expect(plans[0].reasons).toContainEqual(expect.objectContaining({ code: 'FIELD_INVALID', field }));
	});

	it('skips a member whose employment relation is such an object, saying why', () => {
		const [p] = planTransfersForNewUnion(event, [member('M-1', { employmentRelation: { toString: 'x' } })]);
		expect(p.outcome).toBe('skipped');
		expect(p.reasons.map((r) => r.code)).toContain('RELATION_NOT_ELIGIBLE');
	});

	it('names an existing transfer whose id and state are such objects', () => {
		const existing = [{ transferId: { valueOf: 1 }, memberId: 'M-1', toOrgId: 'U-ACME', state: { toString: 'x' } } as never];
		const [p] = planTransfersForNewUnion(event, [member('M-1')], existing);
		expect(p.outcome).toBe('skipped');
		expect(p.reasons.map((r) => r.code)).toEqual(['TRANSFER_ALREADY_PLANNED']);
	});
});
