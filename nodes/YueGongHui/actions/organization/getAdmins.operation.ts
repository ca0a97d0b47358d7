import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('orgId', 'Organization ID')];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'orgId');
	const response = await platformRequest.call(this, {
		method: 'GET',
		path: `/organizations/${encodeURIComponent(id)}/admins`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
	return (response.items as IDataObject[] | undefined) ?? [];
}
