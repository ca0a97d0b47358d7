import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { applyAdminDecision } from '../../../lib/approval';
import { failedItem, isObject, readPath, unreadable } from '../items';

const show = { show: { operation: ['applyAdminDecision'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Application Field',
		name: 'reviewedField',
		type: 'string',
		default: 'application',
		description: 'Dotted path of the field that holds the reviewed application (the output of Review Applications)',
		displayOptions: show,
	},
	{
		displayName: 'Decision Field',
		name: 'decisionField',
		type: 'string',
		default: 'decision',
		description:
			"Dotted path of the field that holds the admin's decision { applicationId, decision, adminId, adminOrgId, comment, decidedAt }; leave empty when the item itself is the decision",
		displayOptions: show,
	},
	{
		displayName: 'Admin Organization IDs Field',
		name: 'adminOrgIdsField',
		type: 'string',
		default: 'adminOrgIds',
		description:
			'Dotted path of the field that lists the organisations the deciding admin administers (an array, or IDs separated by commas); without it the decision is refused',
		displayOptions: show,
	},
];

function orgIds(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
	if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
	return [];
}

/** Applies an admin's approve/reject (SPEC §3), only by an admin of the assigned organisation. */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const now = new Date();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(decideOne.call(this, items[i].json, i, now));
		} catch (error) {
			out.push(failedItem.call(this, i, error));
		}
	}
	return out;
}

function decideOne(this: IExecuteFunctions, json: IDataObject, i: number, now: Date): INodeExecutionData {
	const reviewedField = this.getNodeParameter('reviewedField', i, 'application') as string;
	const decisionField = this.getNodeParameter('decisionField', i, 'decision') as string;
	const adminOrgIdsField = this.getNodeParameter('adminOrgIdsField', i, 'adminOrgIds') as string;
	const reviewed = readPath(json, reviewedField);
	const decision = readPath(json, decisionField);
	if (!isObject(reviewed) || !isObject(decision)) {
		const missing = !isObject(reviewed) ? reviewedField : decisionField;
		return unreadable.call(
			this,
			i,
			`第${i + 1}项缺少审批所需的申请或决定 / Item ${i + 1} lacks the application or the decision`,
			`字段 "${missing}" 应为对象 / The field "${missing}" must be an object`,
		);
	}
	const adminOrgs = orgIds(readPath(json, adminOrgIdsField));
	const decided = applyAdminDecision(reviewed, decision, { adminOrgs, now });
	return { json: decided as IDataObject, pairedItem: { item: i } };
}
