import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/harness';
import { ACME_UNION, ACME_USCI, DISSOLVED, FED_GZ, FED_SZ, MEMBER, OTHER_USCI } from '../lib/transfer/fixtures';

const TYPE = 'n8n-nodes-gonghui.membershipTransfer';

function run(operation: string, items: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) {
	return runNode({ type: TYPE, parameters: { operation, ...parameters }, continueOnFail }, items);
}

const codes = (json: IDataObject) => (json.reasons as Array<{ code: string }>).map((r) => r.code);
const request = (overrides: IDataObject = {}) => ({
	memberId: 'M-1',
	toOrgId: 'U-ACME',
	reason: 'employer_union_established',
	requestedAt: '2024-05-10T09:00:00+08:00',
	...overrides,
});

describe('Membership Transfer: Validate Request', () => {
	it('accepts or rejects each request, one out per one in', async () => {
		const result = await run('validateRequest', [
			{ request: request(), member: MEMBER, fromOrg: FED_SZ, toOrg: ACME_UNION },
			{ request: request({ toOrgId: 'U-OLD', reason: 'changed_employer' }), member: MEMBER, toOrg: DISSOLVED },
			{ request: request(), member: MEMBER, toOrg: ACME_UNION, openTransfers: [{ transferId: 'T-0', memberId: 'M-1', state: 'released' }] },
			{ request: request({ toOrgId: 'FED-440100', reason: 'moved_city' }), member: MEMBER, fromOrg: FED_SZ, toOrg: FED_GZ },
			{ nothing: true },
		]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out.map((j) => j.outcome)).toEqual(['accepted', 'rejected', 'rejected', 'accepted', 'rejected']);
		expect(out[0].transfer).toMatchObject({ state: 'requested', fromOrgId: 'FED-440300', toOrgId: 'U-ACME', expiresOn: '2024-06-09', joinedAt: '2021-10-01' });
		expect(codes(out[1])).toEqual(['TARGET_INACTIVE']);
		expect(codes(out[2])).toEqual(['TRANSFER_ALREADY_OPEN']);
		expect(codes(out[3])).toEqual(['CROSS_CITY']);
		expect(codes(out[4])[0]).toMatch(/^FIELD_/);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('uses the configured expiry and field names', async () => {
		const out = (
			await run(
				'validateRequest',
				[{ ...request(), who: MEMBER, target: ACME_UNION }],
				{ requestField: '', memberField: 'who', toOrgField: 'target', expiresAfterDays: 7 },
			)
		).output('Node');
		expect(out[0]).toMatchObject({ outcome: 'accepted', transfer: { expiresOn: '2024-05-17' } });
	});
});

describe('Membership Transfer: Apply Event', () => {
	async function requested() {
		return (await run('validateRequest', [{ request: request(), member: MEMBER, toOrg: ACME_UNION }])).output('Node')[0].transfer as IDataObject;
	}

	it('walks a transfer to completion and reports the member update', async () => {
		const transfer = await requested();
		const released = (
			await run('applyEvent', [{ transfer, event: { type: 'release', actorId: 'admin-fed', actorOrgId: 'FED-440300', at: '2024-05-11T10:00:00+08:00' } }])
		).output('Node')[0];
		expect(released).toMatchObject({ outcome: 'applied', transfer: { state: 'released' } });
		const completed = (
			await run('applyEvent', [{ transfer: released.transfer, event: { event: 'complete', actorId: 'admin-acme', actorOrgId: 'U-ACME', at: '2024-05-12T10:00:00+08:00' } }])
		).output('Node')[0];
		expect(completed).toMatchObject({
			outcome: 'applied',
			transfer: { state: 'completed' },
			memberUpdate: { memberId: 'M-1', fromOrgId: 'FED-440300', orgId: 'U-ACME', joinedAt: '2021-10-01' },
		});
	});

	it('refuses a wrong actor and a wrong state with reasons, without stopping the run', async () => {
		const transfer = await requested();
		const out = (
			await run('applyEvent', [
				{ transfer, event: { type: 'release', actorId: 'admin-acme', actorOrgId: 'U-ACME', at: '2024-05-11T10:00:00+08:00' } },
				{ transfer, event: { type: 'complete', actorId: 'admin-acme', actorOrgId: 'U-ACME', at: '2024-05-11T10:00:00+08:00' } },
				{ transfer: 'broken', event: { type: 'cancel', actorId: 'M-1' } },
			])
		).output('Node');
		expect(out.map((j) => j.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(codes(out[0])).toEqual(['NOT_AUTHORIZED']);
		expect(codes(out[1])).toEqual(['INVALID_TRANSITION']);
		expect(codes(out[2])).toEqual(['FIELD_INVALID']);
		expect((out[0].transfer as IDataObject).state).toBe('requested');
	});
});

describe('Membership Transfer: Plan for New Enterprise Union', () => {
	const established = {
		id: 'evt-9',
		type: 'organization.established',
		occurredAt: '2024-05-10T09:00:00+08:00',
		data: { ...ACME_UNION, establishedAt: '2024-05-10T09:00:00+08:00' },
	};
	const member = (memberId: string, overrides: IDataObject = {}) => ({
		memberId,
		orgId: 'FED-440300',
		joinedAt: '2022-01-15',
		employmentRelation: 'labor_contract',
		employer: { name: '某配送公司', usci: ACME_USCI },
		...overrides,
	});
	const members = [
		member('M-1'),
		member('M-2', { employmentRelation: 'civil' }),
		member('M-3', { employer: { usci: OTHER_USCI } }),
		member('M-1'),
		member('M-4', { employmentRelation: 'dispatch' }),
	];

	it('plans or skips each member, once per member, from an event parameter', async () => {
		const result = await run('planForNewUnion', members, { establishedEvent: JSON.stringify(established) });
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out.map((j) => [j.memberId, j.outcome])).toEqual([
			['M-1', 'planned'],
			['M-2', 'skipped'],
			['M-3', 'skipped'],
			['M-1', 'skipped'],
			['M-4', 'planned'],
		]);
		expect(codes(out[1])).toEqual(['RELATION_NOT_ELIGIBLE']);
		expect(codes(out[2])).toEqual(['EMPLOYER_MISMATCH']);
		expect(codes(out[3])).toEqual(['TRANSFER_ALREADY_PLANNED']);
		expect(out[0].transfer).toMatchObject({ transferId: 'TR-U-ACME-M-1', fromOrgId: 'FED-440300', toOrgId: 'U-ACME', state: 'requested' });
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('plans nothing new when given the transfers planned before', async () => {
		const first = (await run('planForNewUnion', members, { establishedEvent: JSON.stringify(established) })).output('Node');
		const existing = first.filter((j) => j.transfer).map((j) => j.transfer);
		const second = (
			await run('planForNewUnion', members, { establishedEvent: JSON.stringify(established), existingTransfers: JSON.stringify(existing) })
		).output('Node');
		expect(second.filter((j) => j.outcome === 'planned')).toEqual([]);
	});

	it('reads the event from a field of each item', async () => {
		const out = (
			await run('planForNewUnion', [{ event: established, member: member('M-7') }], { eventSource: 'field', eventField: 'event', memberField: 'member' })
		).output('Node');
		expect(out[0]).toMatchObject({ memberId: 'M-7', outcome: 'planned' });
	});

	it('skips every member with the reason when the event is unusable, and fails on unreadable JSON', async () => {
		const skipped = (await run('planForNewUnion', [member('M-1')], { establishedEvent: '{"type":"organization.established"}' })).output('Node');
		expect(skipped[0]).toMatchObject({ outcome: 'skipped' });
		expect(codes(skipped[0])).toEqual(['FIELD_MISSING']);

		const failed = await run('planForNewUnion', [member('M-1')], { establishedEvent: '{not json' });
		expect(failed.error?.message).toMatch(/not valid JSON/);
		const continued = await run('planForNewUnion', [member('M-1')], { establishedEvent: '{not json' }, true);
		expect(continued.output('Node')[0].error).toMatch(/not valid JSON/);
	});
});

describe('Membership Transfer: Expire Overdue', () => {
	async function transfers() {
		const out = (
			await run('validateRequest', [
				{ request: request({ requestedAt: '2024-04-01T10:00:00+08:00' }), member: MEMBER, toOrg: ACME_UNION },
				{ request: request({ requestedAt: '2024-04-20T10:00:00+08:00' }), member: MEMBER, toOrg: ACME_UNION },
			])
		).output('Node');
		return out.map((j) => j.transfer as IDataObject);
	}

	it('expires what is overdue on the given date and leaves the rest', async () => {
		const [old, recent] = await transfers();
		const result = await run('expireOverdue', [old, recent, { ...old, state: 'completed' }], { asOf: '2024-05-02' });
		const out = result.output('Node');
		expect(out.map((j) => j.outcome)).toEqual(['expired', 'unchanged', 'unchanged']);
		expect((out[0].transfer as IDataObject).state).toBe('expired');
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('judges on today in China by default', async () => {
		const [old] = await transfers();
		const out = (await run('expireOverdue', [{ transfer: old }], { expiringTransferField: 'transfer' })).output('Node');
		expect(out[0].outcome).toBe('expired');
	});

	it('uses expiresAfterDays for transfers without a deadline, and rejects unreadable ones', async () => {
		const [, recent] = await transfers();
		const bare = { ...recent, expiresOn: undefined, expiresAt: undefined };
		const out = (await run('expireOverdue', [bare, { memberId: 'M-1' }], { asOf: '2024-05-02', expiresAfterDays: 10 })).output('Node');
		expect(out.map((j) => j.outcome)).toEqual(['expired', 'rejected']);
	});

	it('follows continueOnFail for an unreadable date', async () => {
		const [old] = await transfers();
		const failed = await run('expireOverdue', [old], { asOf: 'next week' });
		expect(failed.error?.message).toMatch(/Cannot judge expiry/);
		const continued = await run('expireOverdue', [old], { asOf: 'next week' }, true);
		expect(continued.output('Node')[0].error).toMatch(/Cannot judge expiry/);
	});
});
