import { reason, type Reason } from '../core/reasons';
import { ORG_TYPE_LABELS, type EmploymentRelation, type OrgType } from '../core/vocabulary';
import type { Units } from './fields';
import { RULES } from './rules';
import type { ApplicationChannel, AssignedOrg, RecommendedTransfer } from './types';

/** The platform's org id of a city's new-business industry union federation (the reservoir). */
export function cityFederationOrgId(cityCode: string): string {
	return `FED-${cityCode}`;
}

export function cityFederation(cityCode: string): AssignedOrg {
	return { type: 'city_newform_federation', cityCode, orgId: cityFederationOrgId(cityCode) };
}

interface UnionChoice {
	type: OrgType;
	orgId: string;
}

function unionOf(units: Units, field: keyof Units, type: OrgType): UnionChoice | null {
	const orgId = units[field]?.unionOrgId;
	return orgId ? { type, orgId } : null;
}

/** The union the relation points to (正文 二（四）1–4), or null when there is none to join. */
function unionForRelation(relation: EmploymentRelation | null, units: Units): UnionChoice | null {
	switch (relation) {
		case 'labor_contract':
			return unionOf(units, 'employer', 'enterprise');
		case 'platform_managed':
			return unionOf(units, 'platform', 'platform_enterprise');
		case 'dispatch':
			return unionOf(units, 'dispatchAgency', 'dispatch_agency') ?? unionOf(units, 'employer', 'enterprise');
		default:
			return null;
	}
}

export interface Routing {
	assignedOrg: AssignedOrg;
	recommendedTransfer?: RecommendedTransfer;
}

/**
 * Where the application goes (正文 二（四）, 附件3 三). The mini program only reaches the city
 * federation; a labour-contract or dispatch worker whose union exists is pointed on to it.
 */
export function routeApplication(
	channel: ApplicationChannel,
	relation: EmploymentRelation | null,
	units: Units,
	cityCode: string,
	reasons: Reason[],
): Routing {
	if (channel === 'mini_program') {
		const routing: Routing = { assignedOrg: cityFederation(cityCode) };
		const union = relation === 'labor_contract' || relation === 'dispatch' ? unionForRelation(relation, units) : null;
		if (union) {
			routing.recommendedTransfer = { type: union.type, orgId: union.orgId, cityCode };
			const label = ORG_TYPE_LABELS[union.type];
			reasons.push(
				reason(
					'TRANSFER_RECOMMENDED',
					'info',
					RULES.transfer,
					`经小程序入会的会员会籍先归属市新业态行业工联会；申请人所在单位已建立工会（${label.zh}），批准后宜将会籍接转至该工会。`,
					`Mini-program members are first registered at the city federation; the applicant's ${label.en.toLowerCase()} exists, so transfer the membership there once approved.`,
					'recommendedTransfer',
				),
			);
		}
		return routing;
	}
	const union = unionForRelation(relation, units);
	if (union) return { assignedOrg: { type: union.type, cityCode, orgId: union.orgId } };
	return { assignedOrg: cityFederation(cityCode) };
}
