import type { IExecuteFunctions } from 'n8n-workflow';

import { platformRequest } from '../transport';
import type { OperationModule } from './operation';
import { idProperty, readId, readRetry } from './params';

/**
 * Redeliver: asks the platform to announce a record again (a new event for it), for a run that
 * was lost. `collection` is the API path of the records, `idName` the record's ID field.
 */
export function redelivery(collection: string, idName: string, displayName: string): OperationModule {
	return {
		description: [idProperty(idName, displayName)],
		async execute(this: IExecuteFunctions, i: number) {
			const id = readId.call(this, i, idName);
			return await platformRequest.call(this, {
				method: 'POST',
				path: `/${collection}/${encodeURIComponent(id)}/redelivery`,
				itemIndex: i,
				retry: readRetry.call(this, i),
			});
		},
	};
}
