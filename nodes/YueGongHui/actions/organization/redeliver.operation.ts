import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('orgId', 'Organization ID')];

/** Asks the platform to announce an organisation again (organization.established), for a run that was lost. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'orgId');
	return await platformRequest.call(this, {
		method: 'POST',
		path: `/organizations/${encodeURIComponent(id)}/redelivery`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
