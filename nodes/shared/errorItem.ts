import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

/** The failure as n8n reports it: an error this node raised stays as it is, anything else is wrapped. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * What a workflow reads of a failure: `error` (the message), and `description`, `httpCode` and
 * `code` (the platform's or gateway's problem code) when the error has them.
 */
export function failureFields(error: unknown): IDataObject {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null; context?: IDataObject };
	const fields: IDataObject = { error: e.message ?? String(error) };
	if (e.description) fields.description = e.description;
	if (e.httpCode) fields.httpCode = e.httpCode;
	if (e.context?.code !== undefined && e.context.code !== null) fields.code = e.context.code;
	return fields;
}

/**
 * A failed item under continueOnFail. `json` is the failure as the main output carries it under
 * "Continue": `{ error: message, ...details }`, which the templates branch on.
 *
 * Under "Continue (using error output)" n8n sends an item to the error output only when its json
 * is exactly `{ error }` (or `{ error, message }`), or when `item.error` is set, and then it
 * replaces the json with `{ error: message }`, losing the details. So there the failure becomes
 * `{ error: { message, ...details } }`, as n8n's HTTP Request node puts its error object under
 * `error`; n8n adds the input item's fields beside it on the error output.
 */
export function errorItem(
	node: INode,
	itemIndex: number,
	json: IDataObject,
	pairedItem: IPairedItemData | IPairedItemData[] = { item: itemIndex },
): INodeExecutionData {
	if (node.onError !== 'continueErrorOutput') return { json, pairedItem };
	const { error: message, ...details } = json;
	return { json: { error: { message, ...details } }, pairedItem };
}
