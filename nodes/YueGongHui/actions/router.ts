import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, failureFields } from '../../shared/errorItem';
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
				out.push(errorItem(this.getNode(), i, failureFields(error)));
				continue;
			}
			throw asNodeError(this.getNode(), error, i);
		}
	}
	return [out];
}
