import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { CITY_OPTIONS, WORKER_GROUP_OPTIONS } from '../../helpers/vocabulary';
import { platformList } from '../../transport';

export const description = listProperties([
	{ displayName: 'City', name: 'cityCode', type: 'options', options: CITY_OPTIONS, default: '440100' },
	{ displayName: 'Group', name: 'group', type: 'options', options: WORKER_GROUP_OPTIONS, default: 'delivery_rider' },
	{ displayName: 'Employer USCI', name: 'employerUsci', type: 'string', default: '', description: 'Unified social credit code of the employer' },
	{ displayName: 'ID Number', name: 'idNumber', type: 'string', default: '', description: 'Resident ID number: finds the member registered under it' },
	{ displayName: 'Organization ID', name: 'orgId', type: 'string', default: '' },
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	return await platformList.call(
		this,
		{ path: '/members', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
