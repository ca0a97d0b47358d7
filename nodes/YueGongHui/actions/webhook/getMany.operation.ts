import type { IExecuteFunctions } from 'n8n-workflow';

import { listProperties, readListOptions, readRetry } from '../../helpers/params';
import { platformList } from '../../transport';

export const description = listProperties([]);

export async function execute(this: IExecuteFunctions, i: number) {
	const { returnAll, limit, pageSize } = readListOptions.call(this, i);
	return await platformList.call(this, { path: '/webhooks', itemIndex: i, retry: readRetry.call(this, i) }, { returnAll, limit, pageSize });
}
