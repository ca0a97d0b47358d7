import { validateTransfer } from '../../../lib/transfer';
import { ACME_UNION, DISSOLVED, FED_GZ, FED_SZ, MEMBER, OTHER_USCI, REQUESTED_AT } from './fixtures';

const request = (overrides: Record<string, unknown> = {}) => ({
	memberId: 'M-1',
	fromOrgId: 'FED-440300',
	toOrgId: 'U-ACME',
	reason: 'employer_union_established',
	requestedAt: REQUESTED_AT,
	actorId: 'admin-sz',
	actorOrgId: 'FED-440300',
	...overrides,
});
const context = (overrides: Record<string, unknown> = {}) => ({ member: MEMBER, fromOrg: FED_SZ, toOrg: ACME_UNION, openTransfers: [], ...overrides });
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('an acceptable request', () => {
	const result = validateTransfer(request({ comment: '企业建会' }), context());

	it('becomes a requested transfer with its deadline and first history entry', () => {
		expect(result.ok).toBe(true);
		expect(result.outcome).toBe('accepted');
		expect(result.reasons).toEqual([]);
		expect(result.transfer).toMatchObject({
			memberId: 'M-1',
			fromOrgId: 'FED-440300',
			toOrgId: 'U-ACME',
			reason: 'employer_union_established',
			state: 'requested',
			requestedAt: '2024-05-10T09:00:00.000+08:00',
			expiresOn: '2024-06-09',
			expiresAt: '2024-06-09T23:59:59.999+08:00',
			joinedAt: '2021-10-01',
			fromCityCode: '440300',
			toCityCode: '440300',
			crossCity: false,
			history: [{ state: 'requested', event: 'request', at: '2024-05-10T09:00:00.000+08:00', actorId: 'admin-sz', actorOrgId: 'FED-440300', comment: '企业建会' }],
		});
		expect(result.transfer?.transferId).toBeTruthy();
	});

	it('reads the requester from requestedBy, as the platform API spells it', () => {
		const r = validateTransfer(request({ actorId: undefined, actorOrgId: undefined, requestedBy: { actorId: 'admin-gz', actorOrgId: 'FED-440100' } }), context());
		expect(r.transfer?.history[0]).toMatchObject({ actorId: 'admin-gz', actorOrgId: 'FED-440100' });
	});

	it('takes expiresAfterDays from the request or the context', () => {
		expect(validateTransfer(request({ expiresAfterDays: 7 }), context()).transfer?.expiresOn).toBe('2024-05-17');
		expect(validateTransfer(request(), context({ expiresAfterDays: 1 })).transfer?.expiresOn).toBe('2024-05-11');
	});

	it('counts the deadline from the China date of the request', () => {
		// 2024-05-10 20:00 UTC is 2024-05-11 04:00 in China.
		expect(validateTransfer(request({ requestedAt: '2024-05-10T20:00:00Z' }), context()).transfer?.expiresOn).toBe('2024-06-10');
	});

	it('defaults the source to the member organisation, the reason to member_request, the actor to the member', () => {
		const r = validateTransfer({ toOrgId: 'FED-440100', requestedAt: REQUESTED_AT }, context({ toOrg: FED_GZ }));
		expect(r.ok).toBe(true);
		expect(r.transfer).toMatchObject({ fromOrgId: 'FED-440300', reason: 'member_request', memberId: 'M-1' });
		expect(r.transfer?.history[0]).toMatchObject({ actorId: 'M-1', actorOrgId: null, comment: null });
	});

	it('ignores other members\' open transfers and this member\'s finished ones', () => {
		const openTransfers = [
			{ transferId: 'T-9', memberId: 'M-2', state: 'requested' },
			{ transferId: 'T-8', memberId: 'M-1', state: 'completed' },
			{ transferId: 'T-7', memberId: 'M-1', state: 'rejected' },
			{ transferId: 'T-6', memberId: 'M-1', state: 'expired' },
			{ transferId: 'T-5', memberId: 'M-1', state: 'cancelled' },
		];
		expect(validateTransfer(request(), context({ openTransfers })).ok).toBe(true);
	});
});

describe('refusals', () => {
	it.each([
		['SAME_ORG', request({ toOrgId: 'FED-440300', reason: 'member_request' }), context({ toOrg: FED_SZ })],
		['NOT_AT_SOURCE', request(), context({ member: { ...MEMBER, orgId: 'U-OTHER' } })],
		['NOT_AT_SOURCE', request({ fromOrgId: 'FED-440100' }), context()],
		['TARGET_INACTIVE', request({ toOrgId: 'U-OLD', reason: 'changed_employer' }), context({ toOrg: DISSOLVED })],
		['TARGET_INACTIVE', request({ reason: 'changed_employer' }), context({ toOrg: { ...ACME_UNION, type: 'party_branch' } })],
		['TRANSFER_ALREADY_OPEN', request(), context({ openTransfers: [{ transferId: 'T-1', memberId: 'M-1', state: 'requested' }] })],
		['TRANSFER_ALREADY_OPEN', request(), context({ openTransfers: [{ transferId: 'T-1', memberId: 'M-1', state: 'released' }] })],
		['EMPLOYER_MISMATCH', request(), context({ member: { ...MEMBER, employer: { name: 'X', usci: OTHER_USCI } } })],
		['EMPLOYER_MISMATCH', request(), context({ member: { ...MEMBER, employer: undefined } })],
		['EMPLOYER_MISMATCH', request(), context({ toOrg: { ...ACME_UNION, usci: undefined } })],
	])('%s', (code, req, ctx) => {
		const result = validateTransfer(req, ctx as never);
		expect(result.ok).toBe(false);
		expect(result.outcome).toBe('rejected');
		expect(result.transfer).toBeNull();
		expect(codes(result)).toEqual([code]);
		expect(result.reasons[0]).toMatchObject({ severity: 'reject' });
		expect(result.reasons[0].rule).toBeTruthy();
		expect(result.reasons[0].messageEn).toBeTruthy();
	});

	it('does not ask for an employer match on other reasons', () => {
		const r = validateTransfer(request({ reason: 'changed_employer' }), context({ member: { ...MEMBER, employer: undefined } }));
		expect(r.ok).toBe(true);
	});

	it('reads the employer credit code upper-cased, or from employerUsci', () => {
		const lower = { ...MEMBER, employer: undefined, employerUsci: ACME_UNION.usci!.toLowerCase() };
		expect(validateTransfer(request(), context({ member: lower })).ok).toBe(true);
	});

	it('reports every refusal at once', () => {
		const r = validateTransfer(
			request({ toOrgId: 'U-OLD', reason: 'employer_union_established' }),
			context({
				member: { ...MEMBER, orgId: 'U-X' },
				toOrg: DISSOLVED,
				fromOrg: FED_GZ,
				openTransfers: [{ transferId: 'T-1', memberId: 'M-1', state: 'requested' }],
			}),
		);
		expect(codes(r).sort()).toEqual(['CROSS_CITY', 'EMPLOYER_MISMATCH', 'NOT_AT_SOURCE', 'TARGET_INACTIVE', 'TRANSFER_ALREADY_OPEN']);
	});
});

describe('CROSS_CITY', () => {
	it('is information only', () => {
		const r = validateTransfer(request({ toOrgId: 'FED-440100', reason: 'moved_city' }), context({ toOrg: FED_GZ }));
		expect(r.ok).toBe(true);
		expect(r.reasons).toEqual([expect.objectContaining({ code: 'CROSS_CITY', severity: 'info' })]);
		expect(r.transfer).toMatchObject({ fromCityCode: '440300', toCityCode: '440100', crossCity: true });
		expect(r.reasons[0].message).toContain('深圳');
		expect(r.reasons[0].message).toContain('广州');
	});
});

describe('malformed requests', () => {
	it.each([
		['reason', request({ reason: 'bored' }), context(), 'FIELD_INVALID'],
		['requestedAt', request({ requestedAt: 'soon' }), context(), 'FIELD_INVALID'],
		['expiresAfterDays', request({ expiresAfterDays: 0 }), context(), 'FIELD_INVALID'],
		['expiresAfterDays', request({ expiresAfterDays: 2.5 }), context(), 'FIELD_INVALID'],
		['toOrg', request(), context({ toOrg: undefined }), 'FIELD_MISSING'],
		['toOrg', request({ toOrgId: 'U-OTHER' }), context(), 'FIELD_INVALID'],
		['memberId', request({ memberId: 'M-2' }), context(), 'FIELD_INVALID'],
		['comment', request({ comment: 7 }), context(), 'FIELD_INVALID'],
	])('%s', (field, req, ctx, code) => {
		const r = validateTransfer(req, ctx as never);
		expect(r.ok).toBe(false);
		expect(r.reasons).toContainEqual(expect.objectContaining({ code, field }));
	});

	it('never throws', () => {
		expect(validateTransfer(null, context()).reasons[0].code).toBe('FIELD_INVALID');
		expect(validateTransfer(request(), {} as never).reasons[0].code).toBe('FIELD_MISSING');
		expect(validateTransfer(request(), null as never).ok).toBe(false);
	});
});

describe('values whose toString or valueOf is not a function (JSON objects)', () => {
	it.each([
		['toOrg.cityCode', request(), context({ toOrg: { ...ACME_UNION, cityCode: { toString: 'x' } } }), 'FIELD_INVALID'],
		['fromOrg.cityCode', request(), context({ fromOrg: { ...FED_SZ, cityCode: { valueOf: 1 } } }), 'FIELD_INVALID'],
		['fromOrgId', request(), context({ member: { ...MEMBER, orgId: { toString: 'x' } } }), 'NOT_AT_SOURCE'],
		['actorId', request({ actorId: { valueOf: 1 } }), context(), 'FIELD_INVALID'],
		['requestedAt', request({ requestedAt: { toString: 'x' } }), context(), 'FIELD_INVALID'],
	])('%s is refused with %s, not thrown', (field, req, ctx, code) => {
		const r = validateTransfer(req, ctx as never);
		expect(r.ok).toBe(false);
		expect(r.reasons).toContainEqual(expect.objectContaining({ code, field }));
	});
});
