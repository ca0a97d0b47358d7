import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'The report date (China Standard Time). Leave empty for today.',
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'Count only members and new unions from this date on, e.g. a reporting period’s first day. Leave empty for the campaign start (2021-09-07).',
	},
];

export async function execute(this: IExecuteFunctions, i: number) {
	const asOf = String(this.getNodeParameter('asOf', i, '') ?? '').trim();
	const since = String(this.getNodeParameter('since', i, '') ?? '').trim();
	return await platformRequest.call(this, {
		method: 'GET',
		path: '/statistics/progress',
		qs: { ...(asOf ? { asOf } : {}), ...(since ? { since } : {}) },
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
