import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { CITY_OPTIONS, ORG_TYPE_OPTIONS } from '../../helpers/vocabulary';
import { platformList } from '../../transport';

export const description = listProperties([
	{ displayName: 'City', name: 'cityCode', type: 'options', options: CITY_OPTIONS, default: '440100' },
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only organisations the platform recorded after this moment',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active (存续)', value: 'active' },
			{ name: 'Dissolved (已撤销)', value: 'dissolved' },
		],
		default: 'active',
	},
	{ displayName: 'Type', name: 'type', type: 'options', options: ORG_TYPE_OPTIONS, default: 'enterprise' },
	{ displayName: 'USCI', name: 'usci', type: 'string', default: '', description: 'Unified social credit code' },
]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize, filters } = readListOptions.call(this, i);
	// The date picker gives a wall-clock time without an offset: it means the workflow's time zone.
	if (typeof filters.createdAfter === 'string' && filters.createdAfter) {
		const moment = DateTime.fromISO(filters.createdAfter, { zone: this.getTimezone() });
		if (moment.isValid) filters.createdAfter = moment.toISO();
	}
	return await platformList.call(
		this,
		{ path: '/organizations', qs: filters, itemIndex: i, retry: readRetry.call(this, i) },
		{ returnAll, limit, pageSize },
	);
}
