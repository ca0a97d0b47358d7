import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ApplicationBatch, reviewApplication } from '../../../lib/approval';
import { isObject, readPath, unreadable } from '../items';

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
	const batch = new ApplicationBatch();
	const now = new Date();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const field = this.getNodeParameter('applicationField', i, '') as string;
		const autoApprove = this.getNodeParameter('autoApprove', i, true) as boolean;
		const application = readPath(items[i].json, field);
		if (!isObject(application)) {
			out.push(
				unreadable.call(
					this,
					i,
					`第${i + 1}项没有可读的入会申请 / Item ${i + 1} holds no application`,
					`字段 "${field}" 应为对象 / The field "${field}" must be an object`,
				),
			);
			continue;
		}
		const reviewed = reviewApplication(application, { autoApprove, now, batch });
		out.push({ json: reviewed as IDataObject, pairedItem: { item: i } });
	}
	return out;
}
