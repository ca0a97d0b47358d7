import { reviewApplication } from '../../../lib/approval';
import { AGENCY_USCI, application, EMPLOYER_USCI, PLATFORM_USCI } from './fixtures';

const NOW = new Date('2024-05-10T03:00:00Z');
const FED = { type: 'city_newform_federation', cityCode: '440100', orgId: 'FED-440100' };
const EMPLOYER_UNION = { type: 'enterprise', cityCode: '440100', orgId: 'U-EMP' };
const PLATFORM_UNION = { type: 'platform_enterprise', cityCode: '440100', orgId: 'U-PLAT' };
const AGENCY_UNION = { type: 'dispatch_agency', cityCode: '440100', orgId: 'U-AGENCY' };

type Unions = { employer: boolean; platform: boolean; agency: boolean };

function units({ employer, platform, agency }: Unions) {
	return {
		employer: { name: '某物流有限公司', usci: EMPLOYER_USCI, ...(employer ? { unionOrgId: 'U-EMP' } : {}) },
		platform: { name: '某平台公司', usci: PLATFORM_USCI, ...(platform ? { unionOrgId: 'U-PLAT' } : {}) },
		dispatchAgency: { name: '某劳务派遣公司', usci: AGENCY_USCI, ...(agency ? { unionOrgId: 'U-AGENCY' } : {}) },
	};
}

function route(channel: string, employmentRelation: string, unions: Unions) {
	return reviewApplication(application({ channel, employmentRelation, workCity: '广州', ...units(unions) }), { now: NOW });
}

const NONE = { employer: false, platform: false, agency: false };
const ALL = { employer: true, platform: true, agency: true };

describe('mini_program: always the city federation, with a recommended transfer', () => {
	it.each([
		// relation, unions, recommended transfer
		['labor_contract', NONE, undefined],
		['labor_contract', { ...NONE, employer: true }, { type: 'enterprise', orgId: 'U-EMP', cityCode: '440100' }],
		['labor_contract', { ...NONE, platform: true, agency: true }, undefined],
		['platform_managed', NONE, undefined],
		['platform_managed', ALL, undefined],
		['civil', NONE, undefined],
		['civil', ALL, undefined],
		['dispatch', NONE, undefined],
		['dispatch', { ...NONE, employer: true }, { type: 'enterprise', orgId: 'U-EMP', cityCode: '440100' }],
		['dispatch', { ...NONE, agency: true }, { type: 'dispatch_agency', orgId: 'U-AGENCY', cityCode: '440100' }],
		['dispatch', ALL, { type: 'dispatch_agency', orgId: 'U-AGENCY', cityCode: '440100' }],
		['dispatch', { ...NONE, platform: true }, undefined],
	] as const)('%s with unions %j', (relation, unions, recommended) => {
		const result = route('mini_program', relation, unions);
		expect(result.assignedOrg).toEqual(FED);
		expect(result.recommendedTransfer).toEqual(recommended);
		const info = result.reasons.filter((r) => r.code === 'TRANSFER_RECOMMENDED');
		if (recommended) {
			expect(info).toEqual([expect.objectContaining({ severity: 'info', rule: '正文 二（六）4；附件3 三' })]);
			expect(result.outcome).toBe('approve');
		} else {
			expect(info).toEqual([]);
		}
	});
});

describe.each(['offline', 'platform_company', 'batch'])('channel %s: by relation', (channel) => {
	it.each([
		['labor_contract', NONE, FED],
		['labor_contract', { ...NONE, employer: true }, EMPLOYER_UNION],
		['labor_contract', { ...NONE, platform: true, agency: true }, FED],
		['labor_contract', ALL, EMPLOYER_UNION],
		['platform_managed', NONE, FED],
		['platform_managed', { ...NONE, platform: true }, PLATFORM_UNION],
		['platform_managed', { ...NONE, employer: true, agency: true }, FED],
		['platform_managed', ALL, PLATFORM_UNION],
		['civil', NONE, FED],
		['civil', ALL, FED],
		['dispatch', NONE, FED],
		['dispatch', { ...NONE, agency: true }, AGENCY_UNION],
		['dispatch', { ...NONE, employer: true }, EMPLOYER_UNION],
		['dispatch', ALL, AGENCY_UNION],
		['dispatch', { ...NONE, platform: true }, FED],
	] as const)('%s with unions %j', (relation, unions, assigned) => {
		const result = route(channel, relation, unions);
		expect(result.assignedOrg).toEqual(assigned);
		expect(result.recommendedTransfer).toBeUndefined();
		expect(result.reasons.map((r) => r.code)).not.toContain('TRANSFER_RECOMMENDED');
		expect(result.outcome).toBe('approve');
	});
});

describe('routing of rejected applications', () => {
	it('still names the organisation when the city is known', () => {
		const result = reviewApplication(application({ phone: 'x', channel: 'offline', employmentRelation: 'civil' }), { now: NOW });
		expect(result.outcome).toBe('reject');
		expect(result.assignedOrg).toEqual({ type: 'city_newform_federation', cityCode: '440300', orgId: 'FED-440300' });
	});

	it('sends an unknown relation to the city federation', () => {
		const result = reviewApplication(application({ channel: 'offline', employmentRelation: 'x', ...units(ALL) }), { now: NOW });
		expect(result.assignedOrg?.type).toBe('city_newform_federation');
	});

	it('uses the work city, not the residence city', () => {
		const result = reviewApplication(application({ workCity: '东莞', residenceCity: '惠州' }), { now: NOW });
		expect(result.assignedOrg).toEqual({ type: 'city_newform_federation', cityCode: '441900', orgId: 'FED-441900' });
	});
});
