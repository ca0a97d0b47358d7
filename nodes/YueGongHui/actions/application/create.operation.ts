import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idempotencyKeyProperty, readBody, readIdempotencyKey, readRetry, type BodySpec } from '../../helpers/params';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: [
		'applicationId',
		'submittedAt',
		'channel',
		'name',
		'idNumber',
		'phone',
		'group',
		'employmentRelation',
		'workCity',
		'residenceCity',
		'platform',
		'employer',
		'dispatchAgency',
		'existingMembership',
		'realNameVerified',
	],
};

export const description = [...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const payload = readBody.call(this, i, body);
	return await platformRequest.call(this, {
		method: 'POST',
		path: '/applications',
		body: payload,
		idempotencyKey: readIdempotencyKey.call(this, i, 'application.create', payload),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
