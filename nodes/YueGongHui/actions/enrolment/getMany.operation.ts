import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { platformList } from '../../transport';

export const description = listProperties([
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '' },
	{ displayName: 'Plan ID', name: 'planId', type: 'string', default: '' },
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	return await platformList.call(
		this,
		{ path: '/enrolments', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
