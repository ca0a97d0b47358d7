import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idempotencyKeyProperty, readBody, readIdempotencyKey, readRetry, type BodySpec } from '../../helpers/params';
import { CITY_OPTIONS, ORG_TYPE_OPTIONS } from '../../helpers/vocabulary';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['orgId', 'type', 'cityCode', 'name', 'usci', 'parentOrgId', 'establishedAt', 'admins'],
	fields: [
		{ key: 'name', property: { displayName: 'Name', name: 'name', type: 'string', default: '', required: true } },
		{ key: 'type', property: { displayName: 'Type', name: 'type', type: 'options', options: ORG_TYPE_OPTIONS, default: 'enterprise' } },
		{ key: 'cityCode', property: { displayName: 'City', name: 'cityCode', type: 'options', options: CITY_OPTIONS, default: '440100' } },
		{ key: 'usci', optional: true, property: { displayName: 'USCI', name: 'usci', type: 'string', default: '', description: 'Unified social credit code of the enterprise' } },
		{ key: 'parentOrgId', optional: true, property: { displayName: 'Parent Organization ID', name: 'parentOrgId', type: 'string', default: '' } },
	],
};

export const description = [...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const payload = readBody.call(this, i, body);
	return await platformRequest.call(this, {
		method: 'POST',
		path: '/organizations',
		body: payload,
		idempotencyKey: readIdempotencyKey.call(this, i, 'organization.create', payload),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
