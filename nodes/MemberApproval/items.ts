import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, failureFields } from '../shared/errorItem';

/** The value at a dotted path of an item's json (`''` is the item itself). */
export function readPath(json: IDataObject, path: string): unknown {
	const trimmed = path.trim();
	if (!trimmed) return json;
	let value: unknown = json;
	for (const key of trimmed.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An item that cannot be read at all: an error item when the node continues on failure,
 * otherwise the run stops with the reason in both languages.
 */
export function unreadable(
	this: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): INodeExecutionData {
	if (this.continueOnFail()) return errorItem(this.getNode(), itemIndex, { error: message, description });
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** A JSON parameter given as text or, through an expression, as a value already. */
export function parseJsonParameter(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return undefined;
	return JSON.parse(text) as unknown;
}

/**
 * An item whose processing failed unexpectedly: its error item when the node continues on
 * failure, otherwise the run stops naming the item. Either way the other items are not lost
 * to it: each item is processed on its own.
 */
export function failedItem(this: IExecuteFunctions, itemIndex: number, error: unknown): INodeExecutionData {
	if (this.continueOnFail()) return errorItem(this.getNode(), itemIndex, failureFields(error));
	throw asNodeError(this.getNode(), error, itemIndex);
}
