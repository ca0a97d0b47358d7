import type { IExecuteFunctions } from 'n8n-workflow';

import { idProperty, readId, readRetry } from '../../helpers/params';
import { platformRequest } from '../../transport';

export const description = [idProperty('applicationId', 'Application ID')];

/** Asks the platform to announce a pending application again (application.submitted), for a run that was lost. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'applicationId');
	return await platformRequest.call(this, {
		method: 'POST',
		path: `/applications/${encodeURIComponent(id)}/redelivery`,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
