import { reviewApplication } from '../../../lib/approval';
import { application, EMPLOYER_USCI, OTHER_USCI, PLATFORM_USCI, without } from './fixtures';

const NOW = new Date('2024-05-10T03:00:00Z');
const review = (app: unknown) => reviewApplication(app, { now: NOW });

function verified(record: Record<string, unknown> = {}) {
	return {
		status: 'verified',
		record: {
			relation: 'labor_contract',
			active: true,
			cityCode: '440300',
			employer: { name: '某配送服务有限公司', usci: EMPLOYER_USCI, unionOrgId: 'U-EMP' },
			platform: { name: '某平台', usci: PLATFORM_USCI },
			...record,
		},
	};
}

describe('a verified employment record', () => {
	it('fills the relation, employer and platform the applicant left out', () => {
		const result = review(without(['employmentRelation'], { employmentCheck: verified() }));
		expect(result.outcome).toBe('approve');
		expect(result.reasons.map((r) => r.code)).toEqual(['TRANSFER_RECOMMENDED']);
		expect(result.employmentRelation).toBe('labor_contract');
		expect(result.employer).toEqual({ name: '某配送服务有限公司', usci: EMPLOYER_USCI, unionOrgId: 'U-EMP' });
		expect(result.platform).toEqual({ name: '某平台', usci: PLATFORM_USCI });
		expect(result.filledFromEmploymentCheck).toEqual(['employmentRelation', 'employer', 'platform']);
		expect(result.recommendedTransfer).toEqual({ type: 'enterprise', orgId: 'U-EMP', cityCode: '440300' });
	});

	it('routes on the filled relation for other channels', () => {
		const result = review(without(['employmentRelation'], { channel: 'platform_company', employmentCheck: verified() }));
		expect(result.assignedOrg).toEqual({ type: 'enterprise', cityCode: '440300', orgId: 'U-EMP' });
	});

	it('keeps what the applicant gave when it agrees', () => {
		const result = review(
			application({
				employmentRelation: 'labor_contract',
				employer: { name: '某配送服务 有限公司', usci: EMPLOYER_USCI.toLowerCase() },
				employmentCheck: verified(),
			}),
		);
		expect(result.outcome).toBe('approve');
		expect(result.employer).toEqual({ name: '某配送服务 有限公司', usci: EMPLOYER_USCI.toLowerCase() });
		expect(result.filledFromEmploymentCheck).toEqual(['platform']);
	});

	it.each([
		['relation', { employmentRelation: 'civil' }, {}, 'employmentRelation'],
		['employer credit code', { employmentRelation: 'labor_contract', employer: { name: '某配送服务有限公司', usci: OTHER_USCI } }, {}, 'employer'],
		['employer name', { employmentRelation: 'labor_contract', employer: { name: '另一家公司' } }, {}, 'employer'],
		['city', { employmentRelation: 'labor_contract', workCity: '广州' }, {}, 'workCity'],
		['city outside the province', { employmentRelation: 'labor_contract' }, { cityCode: '430100' }, 'workCity'],
		['activity', { employmentRelation: 'labor_contract' }, { active: false }, 'employmentCheck.record.active'],
	])('flags a contradiction of %s with EMPLOYMENT_MISMATCH', (_label, given, record, field) => {
		const result = review(application({ ...given, employmentCheck: verified(record) }));
		expect(result.outcome).toBe('review');
		const mismatches = result.reasons.filter((r) => r.code === 'EMPLOYMENT_MISMATCH');
		expect(mismatches).toEqual([expect.objectContaining({ severity: 'review', field, rule: '正文 二（四）' })]);
	});

	it('flags every contradiction', () => {
		const result = review(
			application({
				employmentRelation: 'civil',
				employer: { name: 'X', usci: OTHER_USCI },
				workCity: '佛山',
				employmentCheck: verified({ active: false }),
			}),
		);
		expect(result.reasons.filter((r) => r.code === 'EMPLOYMENT_MISMATCH').map((r) => r.field)).toEqual([
			'employmentRelation',
			'employer',
			'workCity',
			'employmentCheck.record.active',
		]);
	});

	it('compares names when only one side has a credit code', () => {
		const result = review(
			application({ employmentRelation: 'labor_contract', employer: { name: '某配送服务有限公司' }, employmentCheck: verified() }),
		);
		expect(result.outcome).toBe('approve');
	});
});

describe('EMPLOYMENT_UNVERIFIED', () => {
	it.each([
		['unavailable', { status: 'unavailable', error: 'timeout' }],
		['unavailable without error', { status: 'unavailable' }],
		['an unknown status', { status: 'maybe' }],
		['a verified check without a record', { status: 'verified' }],
		['a record with an unknown relation', verified({ relation: 'gig' })],
		['a record without a city', verified({ cityCode: '' })],
		['not an object', 'down'],
	])('%s: review, never a rejection', (_label, employmentCheck) => {
		const result = review(application({ employmentCheck }));
		expect(result.outcome).toBe('review');
		expect(result.reasons).toEqual([
			expect.objectContaining({ code: 'EMPLOYMENT_UNVERIFIED', severity: 'review', field: 'employmentCheck' }),
		]);
	});

	it('masks personal data in the platform error it repeats', () => {
		const result = review(application({ employmentCheck: { status: 'unavailable', error: 'no worker 13812345678' } }));
		expect(result.reasons[0].message).toContain('138****5678');
		expect(result.reasons[0].message).not.toContain('13812345678');
	});

	it('does not fill anything', () => {
		const result = review(without(['employmentRelation'], { employmentCheck: { status: 'unavailable' } }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons.map((r) => r.code)).toEqual(['EMPLOYMENT_UNVERIFIED', 'FIELD_MISSING']);
	});
});

describe('no employment check', () => {
	it.each([undefined, null])('%j adds nothing', (employmentCheck) => {
		const result = review(application({ employmentCheck }));
		expect(result.outcome).toBe('approve');
		expect(result.reasons).toEqual([]);
		expect(result.filledFromEmploymentCheck).toBeUndefined();
	});
});
