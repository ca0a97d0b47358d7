import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { platformList } from '../../transport';

export const description = listProperties([
	{ displayName: 'Accident ID', name: 'accidentId', type: 'string', default: '' },
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Approved (赔付)', value: 'approved' },
			{ name: 'Below Threshold (未达起付)', value: 'below_threshold' },
			{ name: 'Manual Review (人工复核)', value: 'manual_review' },
			{ name: 'Pending Documents (待补材料)', value: 'pending_documents' },
			{ name: 'Rejected (拒赔)', value: 'rejected' },
			{ name: 'Submitted (已提交)', value: 'submitted' },
		],
		default: 'submitted',
	},
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	return await platformList.call(
		this,
		{ path: '/claims', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
