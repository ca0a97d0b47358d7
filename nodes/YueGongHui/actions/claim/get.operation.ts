import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('claimId', 'Claim ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'claimId');
	return await platformRequest.call(this, {
		method: 'GET',
		path: `/claims/${encodeURIComponent(id)}`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
