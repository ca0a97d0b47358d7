import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ApplicationBatch, reviewApplication } from '../../../lib/approval';
import { failedItem, isObject, readPath, unreadable } from '../items';

const show = { show: { operation: ['reviewApplications'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Application Field',
		name: 'applicationField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		description:
			'Dotted path of the field that holds the application (data for a 粤工惠 webhook event); leave empty when the item itself is the application',
		displayOptions: show,
	},
	{
		displayName: 'Auto-Approve',
		name: 'autoApprove',
		type: 'boolean',
		default: true,
		description:
			'Whether an application with nothing against it is approved at once; when off it waits for an admin (review)',
		displayOptions: show,
	},
];

/**
 * Reviews each item's application (SPEC §3). The items of one run are one batch: a second
 * application with the same ID number is a DUPLICATE_APPLICATION.
 */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	// One batch for all items: duplicates are found across the items of a run.
	const batch = new ApplicationBatch();
	const now = new Date();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(reviewOne.call(this, items[i].json, i, batch, now));
		} catch (error) {
			out.push(failedItem.call(this, i, error));
		}
	}
	return out;
}

function reviewOne(this: IExecuteFunctions, json: IDataObject, i: number, batch: ApplicationBatch, now: Date): INodeExecutionData {
	const field = this.getNodeParameter('applicationField', i, '') as string;
	const autoApprove = this.getNodeParameter('autoApprove', i, true) as boolean;
	const application = readPath(json, field);
	if (!isObject(application)) {
		return unreadable.call(
			this,
			i,
			`第${i + 1}项没有可读的入会申请 / Item ${i + 1} holds no application`,
			`字段 "${field}" 应为对象 / The field "${field}" must be an object`,
		);
	}
	const reviewed = reviewApplication(application, { autoApprove, now, batch });
	return { json: reviewed as IDataObject, pairedItem: { item: i } };
}
