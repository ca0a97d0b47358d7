import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idempotencyKeyProperty, readBody, readIdempotencyKey, readRetry, type BodySpec } from '../../helpers/params';
import { EVENT_OPTIONS } from '../../helpers/vocabulary';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['url', 'events', 'secret'],
	fields: [
		{ key: 'url', property: { displayName: 'URL', name: 'url', type: 'string', default: '', required: true, description: 'Where the platform posts the events' } },
		{ key: 'events', property: { displayName: 'Events', name: 'events', type: 'multiOptions', options: EVENT_OPTIONS, default: [] } },
		{ key: 'secret', optional: true, property: { displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '', description: 'Signs the deliveries; leave empty to use the app secret' } },
	],
};

export const description = [...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const payload = readBody.call(this, i, body);
	return await platformRequest.call(this, {
		method: 'POST',
		path: '/webhooks',
		body: payload,
		idempotencyKey: readIdempotencyKey.call(this, i, 'webhook.create', payload),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
