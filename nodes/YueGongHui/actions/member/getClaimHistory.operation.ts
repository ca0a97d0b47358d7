import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description: INodeProperties[] = [
	idProperty('memberId', 'Member ID'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Accident ID', name: 'accidentId', type: 'string', default: '' },
			{ displayName: 'Plan ID', name: 'planId', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'memberId');
	return await platformRequest.call(this, {
		method: 'GET',
		path: `/members/${encodeURIComponent(id)}/claims`,
		qs: this.getNodeParameter('filters', i, {}) as IDataObject,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
