import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, readBody, readRetry, type BodySpec } from '../../helpers/params';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['weekOf', 'counts'],
	fields: [
		{ key: 'weekOf', property: { displayName: 'Week Of', name: 'weekOf', type: 'string', default: '', placeholder: 'YYYY-MM-DD', required: true, description: 'The week the survey counts are for; they replace that week’s' } },
		{ key: 'counts', property: { displayName: 'Counts (JSON)', name: 'counts', type: 'json', default: '[]', description: 'Array of { cityCode, group, surveyed }' } },
	],
};

export const description = bodyProperties(body);

export async function execute(this: IExecuteFunctions, i: number) {
	return await platformRequest.call(this, {
		method: 'PUT',
		path: '/statistics/survey',
		body: readBody.call(this, i, body),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
