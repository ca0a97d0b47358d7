import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('memberId', 'Member ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'memberId');
	return await platformRequest.call(this, {
		method: 'GET',
		path: `/members/${encodeURIComponent(id)}`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
