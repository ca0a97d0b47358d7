/** Parameters shared by the operations, and how their values are read from the node and the item. */
import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { deriveIdempotencyKey } from '../../../lib/platform/idempotency';
import { DEFAULT_RETRY, type RetryPolicy } from '../transport';

/** An ID parameter that falls back to the same-named field of the input item. */
export function idProperty(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		description: `Leave empty to use the input item's \`${name}\` field`,
	};
}

export function readId(this: IExecuteFunctions, i: number, name: string): string {
	const fromParameter = String(this.getNodeParameter(name, i, '') ?? '').trim();
	const fromItem = this.getInputData()[i]?.json?.[name];
	const id = fromParameter || (typeof fromItem === 'string' || typeof fromItem === 'number' ? String(fromItem).trim() : '');
	if (!id) {
		throw new NodeOperationError(this.getNode(), `缺少 ${name} — ${name} is missing`, {
			itemIndex: i,
			description: `Fill in the parameter, or pass items that carry a \`${name}\` field.`,
		});
	}
	return id;
}

export const versionProperty: INodeProperties = {
	displayName: 'Version',
	name: 'version',
	type: 'string',
	default: '',
	description:
		"The version of the record this update is based on (sent as If-Match). Leave empty to use the input item's `version` field. A stale version is refused.",
};

export function readVersion(this: IExecuteFunctions, i: number): number {
	const fromParameter = String(this.getNodeParameter('version', i, '') ?? '').trim();
	const raw = fromParameter || this.getInputData()[i]?.json?.version;
	const version = Number(raw);
	if (raw === undefined || raw === null || raw === '' || !Number.isInteger(version) || version < 1) {
		throw new NodeOperationError(this.getNode(), '缺少记录版本 — the record version is missing or not a whole number', {
			itemIndex: i,
			description:
				'Updates need the version of the record they change. Fill in Version, or pass the record as read from the platform (it carries `version`).',
		});
	}
	return version;
}

export const idempotencyKeyProperty: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Leave empty to derive it from the operation and the body, so a retried execution returns the first result instead of creating twice. Set your own (e.g. an event ID) when two identical bodies must create two records.',
};

export function readIdempotencyKey(this: IExecuteFunctions, i: number, operation: string, body: unknown): string {
	const own = String(this.getNodeParameter('idempotencyKey', i, '') ?? '').trim();
	return own || deriveIdempotencyKey(operation, body);
}

export function bodySourceProperty(withFields: boolean): INodeProperties[] {
	const options = [
		{ name: 'From Input Item', value: 'item', description: 'Send the input item (or one of its properties) as the body' },
		{ name: 'JSON', value: 'json', description: 'Write the body as JSON' },
	];
	if (withFields) options.push({ name: 'Fields', value: 'fields', description: 'Fill in the fields below' });
	return [
		{
			displayName: 'Body',
			name: 'bodySource',
			type: 'options',
			options,
			default: 'item',
		},
		{
			displayName: 'Input Property',
			name: 'bodyProperty',
			type: 'string',
			default: '',
			placeholder: 'e.g. application',
			description:
				'The property of the input item that holds the body, in dot notation. Leave empty to send the whole item. Only the fields the API takes are sent.',
			displayOptions: { show: { bodySource: ['item'] } },
		},
		{
			displayName: 'Body JSON',
			name: 'bodyJson',
			type: 'json',
			default: '{}',
			displayOptions: { show: { bodySource: ['json'] } },
		},
	];
}

function getPath(value: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as IDataObject)[key] : undefined), value);
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let at = target;
	for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as IDataObject;
	at[keys[keys.length - 1]] = value as IDataObject[string];
}

export interface FieldSpec {
	/** Where the value goes in the body, in dot notation. */
	key: string;
	property: INodeProperties;
	/** Left out of the body when empty. */
	optional?: boolean;
}

export interface BodySpec {
	/** The top-level fields the API takes; others in an input item are left out. */
	keys: string[];
	fields?: FieldSpec[];
	/** Fields mode with its own properties and reading (e.g. a collection of optional updates). */
	custom?: { properties: INodeProperties[]; build(this: IExecuteFunctions, i: number): IDataObject };
}

export function bodyProperties(spec: BodySpec): INodeProperties[] {
	const fields = [...(spec.fields ?? []).map((f) => f.property), ...(spec.custom?.properties ?? [])];
	return [
		...bodySourceProperty(fields.length > 0),
		...fields.map((property) => ({
			...property,
			displayOptions: { show: { bodySource: ['fields'] } },
		})),
	];
}

function notAnObject(this: IExecuteFunctions, i: number, what: string): never {
	throw new NodeOperationError(this.getNode(), `请求体不是 JSON 对象 — the body (${what}) is not a JSON object`, {
		itemIndex: i,
	});
}

export function readBody(this: IExecuteFunctions, i: number, spec: BodySpec): IDataObject {
	const source = this.getNodeParameter('bodySource', i, 'item') as string;
	if (source === 'json') {
		const raw = this.getNodeParameter('bodyJson', i, '{}');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = jsonParse(raw);
			} catch {
				notAnObject.call(this, i, 'Body JSON');
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) notAnObject.call(this, i, 'Body JSON');
		return parsed as IDataObject;
	}
	if (source === 'fields' && spec.custom) return spec.custom.build.call(this, i);
	if (source === 'fields') {
		const body: IDataObject = {};
		for (const field of spec.fields ?? []) {
			let value = this.getNodeParameter(field.property.name, i, field.property.default) as unknown;
			if (field.property.type === 'json' && typeof value === 'string') {
				try {
					value = value.trim() ? jsonParse(value) : undefined;
				} catch {
					throw new NodeOperationError(this.getNode(), `字段 ${field.property.displayName} 不是有效的 JSON — not valid JSON`, { itemIndex: i });
				}
			}
			const empty = value === '' || value === undefined || value === null || (Array.isArray(value) && value.length === 0);
			if (empty && field.optional) continue;
			setPath(body, field.key, value);
		}
		return body;
	}
	const property = String(this.getNodeParameter('bodyProperty', i, '') ?? '').trim();
	const json = this.getInputData()[i]?.json ?? {};
	const value = property ? getPath(json, property) : json;
	if (!value || typeof value !== 'object' || Array.isArray(value)) notAnObject.call(this, i, property || 'input item');
	const body: IDataObject = {};
	for (const key of spec.keys) {
		if ((value as IDataObject)[key] !== undefined) body[key] = (value as IDataObject)[key];
	}
	return body;
}

export function listProperties(filters: INodeProperties[]): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
	if (filters.length) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters,
		});
	}
	return properties;
}

export function readListOptions(
	this: IExecuteFunctions,
	i: number,
): { returnAll: boolean; limit: number; pageSize: number; filters: IDataObject } {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return { returnAll, limit, pageSize: Number(options.pageSize ?? 100), filters };
}

export function readRetry(this: IExecuteFunctions, i: number): RetryPolicy {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return {
		maxRetries: options.maxRetries === undefined ? DEFAULT_RETRY.maxRetries : Number(options.maxRetries),
		baseDelayMs: options.retryDelayMs === undefined ? DEFAULT_RETRY.baseDelayMs : Number(options.retryDelayMs),
	};
}

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 5,
			description: 'How often to retry when the platform answers 429 or 5xx, or cannot be reached',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'Delay before the first retry; it doubles with each further retry (a Retry-After from the platform wins)',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: 100,
			description: 'Records asked for per request when listing; Return All follows the cursor page by page',
		},
	],
};
