import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('applicationId', 'Application ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'applicationId');
	return await platformRequest.call(this, {
		method: 'GET',
		path: `/applications/${encodeURIComponent(id)}`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
