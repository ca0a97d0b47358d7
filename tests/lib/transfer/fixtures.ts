import type { Organization } from '../../../lib/core/vocabulary';
import { usciCheckCharacter } from '../../../lib/core/identity';

export function usci(first17: string): string {
	return first17 + usciCheckCharacter(first17);
}

export const ACME_USCI = usci('91440300MA5DC6QX7');
export const OTHER_USCI = usci('91440101MA9W3H2K1');

export const FED_SZ: Organization = { orgId: 'FED-440300', type: 'city_newform_federation', cityCode: '440300', name: '深圳市新业态行业工联会', status: 'active' };
export const FED_GZ: Organization = { orgId: 'FED-440100', type: 'city_newform_federation', cityCode: '440100', name: '广州市新业态行业工联会', status: 'active' };
export const ACME_UNION: Organization = { orgId: 'U-ACME', type: 'enterprise', cityCode: '440300', name: '某配送公司工会', status: 'active', usci: ACME_USCI };
export const DISSOLVED: Organization = { orgId: 'U-OLD', type: 'enterprise', cityCode: '440300', name: '已撤销工会', status: 'dissolved' };

export const MEMBER = {
	memberId: 'M-1',
	orgId: 'FED-440300',
	joinedAt: '2021-10-01',
	employmentRelation: 'labor_contract',
	employer: { name: '某配送公司', usci: ACME_USCI },
};

export const REQUESTED_AT = '2024-05-10T09:00:00+08:00';
