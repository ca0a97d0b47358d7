import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idempotencyKeyProperty, readBody, readIdempotencyKey, readRetry, type BodySpec } from '../../helpers/params';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['memberId', 'planId', 'enrolledAt'],
	fields: [
		{ key: 'memberId', property: { displayName: 'Member ID', name: 'memberId', type: 'string', default: '', required: true } },
		{ key: 'planId', property: { displayName: 'Plan ID', name: 'planId', type: 'string', default: 'GD-NEWFORM-2022', required: true } },
		{ key: 'enrolledAt', optional: true, property: { displayName: 'Enrolled At', name: 'enrolledAt', type: 'string', default: '', placeholder: '2022-11-01T09:00:00+08:00', description: 'A timestamp with offset; leave empty for now' } },
	],
};

export const description = [...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const payload = readBody.call(this, i, body);
	return await platformRequest.call(this, {
		method: 'POST',
		path: '/enrolments',
		body: payload,
		idempotencyKey: readIdempotencyKey.call(this, i, 'enrolment.create', payload),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
