import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('orgId', 'Organization ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'orgId');
	return await platformRequest.call(this, {
		method: 'GET',
		path: `/organizations/${encodeURIComponent(id)}`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
