/** Worker groups of 附件2. */
export const WORKER_GROUPS = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider', 'other'] as const;
export type WorkerGroup = (typeof WORKER_GROUPS)[number];
export const WORKER_GROUP_LABELS: Record<WorkerGroup, { zh: string; en: string }> = {
	truck_driver: { zh: '货车司机', en: 'Truck drivers' },
	ride_hailing_driver: { zh: '网约车司机', en: 'Ride-hailing drivers' },
	courier: { zh: '快递员', en: 'Couriers' },
	delivery_rider: { zh: '网约配送员', en: 'Delivery riders' },
	other: { zh: '其他群体', en: 'Other new forms' },
};

/** Employment relations of 正文 二（四）1–4. */
export const EMPLOYMENT_RELATIONS = ['labor_contract', 'platform_managed', 'civil', 'dispatch'] as const;
export type EmploymentRelation = (typeof EMPLOYMENT_RELATIONS)[number];
export const EMPLOYMENT_RELATION_LABELS: Record<EmploymentRelation, { zh: string; en: string }> = {
	labor_contract: { zh: '劳动关系', en: 'Labour contract' },
	platform_managed: { zh: '不完全符合确立劳动关系情形', en: 'Managed by the platform' },
	civil: { zh: '依托平台自主经营（民事关系）', en: 'Self-employed through the platform' },
	dispatch: { zh: '劳务派遣', en: 'Agency dispatch' },
};

export const ORG_TYPES = [
	'city_newform_federation',
	'enterprise',
	'platform_enterprise',
	'regional',
	'industry',
	'dispatch_agency',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
	city_newform_federation: { zh: '市级新业态行业工联会', en: 'City new-business industry union federation' },
	enterprise: { zh: '企业工会', en: 'Enterprise union' },
	platform_enterprise: { zh: '平台企业工会', en: 'Platform company union' },
	regional: { zh: '区域性工会（联合会）', en: 'Regional union' },
	industry: { zh: '行业性工会联合会', en: 'Industry union federation' },
	dispatch_agency: { zh: '劳务派遣单位工会', en: 'Dispatch agency union' },
};

export interface Organization {
	orgId: string;
	type: OrgType;
	cityCode: string;
	name: string;
	status: 'active' | 'dissolved';
	usci?: string;
}
