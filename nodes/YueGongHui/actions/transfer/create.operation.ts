import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idempotencyKeyProperty, readBody, readIdempotencyKey, readRetry, type BodySpec } from '../../helpers/params';
import { TRANSFER_REASON_OPTIONS } from '../../helpers/vocabulary';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['memberId', 'fromOrgId', 'toOrgId', 'reason', 'requestedBy', 'expiresAfterDays', 'comment'],
	fields: [
		{ key: 'memberId', property: { displayName: 'Member ID', name: 'memberId', type: 'string', default: '', required: true } },
		{ key: 'fromOrgId', property: { displayName: 'From Organization ID', name: 'fromOrgId', type: 'string', default: '', required: true } },
		{ key: 'toOrgId', property: { displayName: 'To Organization ID', name: 'toOrgId', type: 'string', default: '', required: true } },
		{ key: 'reason', property: { displayName: 'Reason', name: 'reason', type: 'options', options: TRANSFER_REASON_OPTIONS, default: 'member_request' } },
		{ key: 'requestedBy.actorId', property: { displayName: 'Requested By (Actor ID)', name: 'actorId', type: 'string', default: '', required: true } },
		{ key: 'requestedBy.actorOrgId', optional: true, property: { displayName: 'Requested By (Actor Organization ID)', name: 'actorOrgId', type: 'string', default: '' } },
	],
};

export const description = [...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const payload = readBody.call(this, i, body);
	return await platformRequest.call(this, {
		method: 'POST',
		path: '/transfers',
		body: payload,
		idempotencyKey: readIdempotencyKey.call(this, i, 'transfer.create', payload),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
