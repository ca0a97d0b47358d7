import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('webhookId', 'Webhook ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'webhookId');
	await platformRequest.call(this, {
		method: 'DELETE',
		path: `/webhooks/${encodeURIComponent(id)}`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
	return { webhookId: id, deleted: true };
}
