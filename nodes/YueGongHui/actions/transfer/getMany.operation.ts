import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { platformList } from '../../transport';

export const description = listProperties([
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '' },
	{ displayName: 'Organization ID', name: 'orgId', type: 'string', default: '', description: 'Transfers from or to this organisation' },
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Cancelled (已撤销)', value: 'cancelled' },
			{ name: 'Completed (已完成)', value: 'completed' },
			{ name: 'Expired (已过期)', value: 'expired' },
			{ name: 'Rejected (已拒绝)', value: 'rejected' },
			{ name: 'Released (已转出)', value: 'released' },
			{ name: 'Requested (已申请)', value: 'requested' },
		],
		default: 'requested',
	},
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	return await platformList.call(
		this,
		{ path: '/transfers', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
