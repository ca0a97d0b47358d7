import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { operationsOf } from './resources';

/** One input item at a time; every output item is paired to the item it came from. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const module = operationsOf(resource)?.[operation];
		try {
			if (!module) {
				throw new NodeOperationError(this.getNode(), `不支持的操作 — unsupported operation "${resource}.${operation}"`, { itemIndex: i });
			}
			const result = await module.execute.call(this, i);
			for (const json of Array.isArray(result) ? result : [result]) {
				out.push({ json, pairedItem: { item: i } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				const e = error as Error & { description?: string; httpCode?: string | null; context?: IDataObject };
				const failure: IDataObject = { error: e.message };
				if (e.description) failure.description = e.description;
				if (e.httpCode) failure.httpCode = e.httpCode;
				if (e.context?.code) failure.code = e.context.code;
				out.push({ json: failure, pairedItem: { item: i } });
				continue;
			}
			if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [out];
}
