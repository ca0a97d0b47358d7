import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { maskIdNumber } from '../../lib/core/masking';
import { companyError, companyRequest } from './transport';
import { errorItem, failureFields } from '../shared/errorItem';
import { CITY_OPTIONS } from '../YueGongHui/helpers/vocabulary';

interface Settings {
	maxRetries: number;
	retryDelayMs: number;
	pageSize: number;
}

export class PlatformCompany implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Platform Company (平台企业)',
		name: 'platformCompany',
		icon: { light: 'file:platformCompany.svg', dark: 'file:platformCompany.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Ask a delivery, ride-hailing, courier or freight platform about its workers',
		defaults: { name: 'Platform Company' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'platformCompanyOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Look Up Employment',
						value: 'lookupEmployment',
						action: 'Look up a worker s employment',
						description: 'Relation, activity, city and employer of a worker, by ID number (not found is an answer, not an error)',
					},
					{
						name: 'Get Roster',
						value: 'getRoster',
						action: 'Get the worker roster',
						description: 'The workers on the platform (ID numbers hashed), for surveying',
					},
					{
						name: 'Get Roster Counts',
						value: 'getRosterCounts',
						action: 'Get roster counts',
						description: 'Workers per city and group',
					},
				],
				default: 'lookupEmployment',
			},
			{
				displayName: 'ID Number',
				name: 'idNumber',
				type: 'string',
				default: '',
				description: "The worker's resident ID number. Leave empty to use the input item's `idNumber` field.",
				displayOptions: { show: { operation: ['lookupEmployment'] } },
			},
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: { show: { operation: ['getRoster'] } },
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { operation: ['getRoster'], returnAll: [false] } },
			},
			{
				displayName: 'City',
				name: 'cityCode',
				type: 'options',
				options: [{ name: 'All Cities', value: '' }, ...CITY_OPTIONS],
				default: '',
				displayOptions: { show: { operation: ['getRoster'] } },
			},
			{
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
						default: 3,
						description: 'How often to retry when the company answers 429 or 5xx',
					},
					{
						displayName: 'Retry Delay (Ms)',
						name: 'retryDelayMs',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 500,
						description: 'Delay before the first retry; it doubles with each further retry',
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 500 },
						default: 100,
						description: 'Workers asked for per request; Return All follows the cursor page by page',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const settings: Settings = {
					maxRetries: Number(options.maxRetries ?? 3),
					retryDelayMs: Number(options.retryDelayMs ?? 500),
					pageSize: Math.max(1, Math.min(500, Number(options.pageSize ?? 100))),
				};
				let results: IDataObject[];
				if (operation === 'lookupEmployment') results = [await lookupEmployment.call(this, i, settings)];
				else if (operation === 'getRosterCounts') results = await rosterCounts.call(this, i, settings);
				else if (operation === 'getRoster') results = await roster.call(this, i, settings);
				else throw new NodeOperationError(this.getNode(), `不支持的操作 — unsupported operation "${operation}"`, { itemIndex: i });
				for (const json of results) out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push(errorItem(this.getNode(), i, failureFields(error)));
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

async function lookupEmployment(this: IExecuteFunctions, i: number, settings: Settings): Promise<IDataObject> {
	const fromParameter = String(this.getNodeParameter('idNumber', i, '') ?? '').trim();
	const fromItem = items(this)[i]?.json?.idNumber;
	const idNumber = (fromParameter || (typeof fromItem === 'string' ? fromItem : '')).trim().toUpperCase();
	if (!idNumber) {
		throw new NodeOperationError(this.getNode(), '缺少身份证号 — the ID number is missing', {
			itemIndex: i,
			description: 'Fill in ID Number, or pass items that carry an `idNumber` field.',
		});
	}
	const response = await companyRequest.call(this, {
		path: '/workers/employment',
		qs: { idNumber },
		itemIndex: i,
		acceptStatuses: [404],
		maxRetries: settings.maxRetries,
		retryDelayMs: settings.retryDelayMs,
	});
	const idNumberMasked = maskIdNumber(idNumber);
	if (response.statusCode === 404) {
		// An unknown worker is an answer; an unknown company is a misconfigured credential.
		if (response.body.code === 'WORKER_NOT_FOUND' || response.body.found === false) return { found: false, idNumberMasked };
		throw companyError(this, 404, response.body, i);
	}
	return { found: true, ...response.body, idNumberMasked };
}

async function rosterCounts(this: IExecuteFunctions, i: number, settings: Settings): Promise<IDataObject[]> {
	const { maxRetries, retryDelayMs } = settings;
	const response = await companyRequest.call(this, { path: '/roster/counts', itemIndex: i, maxRetries, retryDelayMs });
	return (response.body.counts as IDataObject[] | undefined) ?? [];
}

async function roster(this: IExecuteFunctions, i: number, settings: Settings): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	const cityCode = this.getNodeParameter('cityCode', i, '') as string;
	const workers: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const qs: IDataObject = { limit: Math.min(settings.pageSize, limit - workers.length) };
		if (cityCode) qs.cityCode = cityCode;
		if (cursor) qs.cursor = cursor;
		const { maxRetries, retryDelayMs } = settings;
		const page = (await companyRequest.call(this, { path: '/roster', qs, itemIndex: i, maxRetries, retryDelayMs })).body;
		workers.push(...((page.items as IDataObject[]) ?? []));
		cursor = (page.nextCursor as string | null) ?? null;
	} while (cursor && workers.length < limit);
	return workers.slice(0, limit);
}

function items(context: IExecuteFunctions) {
	return context.getInputData();
}
