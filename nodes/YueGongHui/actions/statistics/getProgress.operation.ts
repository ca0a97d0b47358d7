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
];

export async function execute(this: IExecuteFunctions, i: number) {
	const asOf = String(this.getNodeParameter('asOf', i, '') ?? '').trim();
	return await platformRequest.call(this, {
		method: 'GET',
		path: '/statistics/progress',
		qs: asOf ? { asOf } : {},
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
