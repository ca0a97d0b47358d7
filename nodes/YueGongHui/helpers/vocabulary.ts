import type { INodePropertyOptions } from 'n8n-workflow';

import {
	EMPLOYMENT_RELATIONS,
	EMPLOYMENT_RELATION_LABELS,
	ORG_TYPES,
	ORG_TYPE_LABELS,
	WORKER_GROUPS,
	WORKER_GROUP_LABELS,
} from '../../../lib/core/vocabulary';
import { CITIES } from '../../../lib/core/cities';

function labelled<T extends string>(values: readonly T[], labels: Record<T, { zh: string; en: string }>): INodePropertyOptions[] {
	return values.map((value) => ({ name: `${labels[value].en} (${labels[value].zh})`, value }));
}

export const ORG_TYPE_OPTIONS = labelled(ORG_TYPES, ORG_TYPE_LABELS);
export const WORKER_GROUP_OPTIONS = labelled(WORKER_GROUPS, WORKER_GROUP_LABELS);
export const EMPLOYMENT_RELATION_OPTIONS = labelled(EMPLOYMENT_RELATIONS, EMPLOYMENT_RELATION_LABELS);
export const CITY_OPTIONS: INodePropertyOptions[] = CITIES.map((city) => ({
	name: `${city.nameEn} (${city.cityName})`,
	value: city.cityCode,
}));

export const EVENT_TYPES = [
	'application.submitted',
	'application.decided',
	'organization.established',
	'claim.submitted',
	'transfer.updated',
] as const;

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Application Submitted (入会申请提交)', value: 'application.submitted' },
	{ name: 'Application Decided (入会审批完成)', value: 'application.decided' },
	{ name: 'Organization Established (新建工会)', value: 'organization.established' },
	{ name: 'Claim Submitted (理赔申请提交)', value: 'claim.submitted' },
	{ name: 'Transfer Updated (会籍接转更新)', value: 'transfer.updated' },
];

export const TRANSFER_REASON_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Changed Employer (更换用人单位)', value: 'changed_employer' },
	{ name: 'Employer Dissolved (单位撤销)', value: 'employer_dissolved' },
	{ name: 'Employer Union Established (用人单位新建工会)', value: 'employer_union_established' },
	{ name: 'Member Request (会员申请)', value: 'member_request' },
	{ name: 'Moved City (跨市流动)', value: 'moved_city' },
];
