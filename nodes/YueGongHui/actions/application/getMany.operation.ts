import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { CITY_OPTIONS } from '../../helpers/vocabulary';
import { platformList } from '../../transport';

export const description = listProperties([
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Pending (待审核)', value: 'pending' },
			{ name: 'Review (人工复核)', value: 'review' },
			{ name: 'Approved (已批准)', value: 'approved' },
			{ name: 'Rejected (已驳回)', value: 'rejected' },
		],
		default: 'pending',
	},
	{ displayName: 'City', name: 'cityCode', type: 'options', options: CITY_OPTIONS, default: '440100' },
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	return await platformList.call(
		this,
		{ path: '/applications', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
