import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { resolveCity } from '../../../lib/core/cities';
import type { ProgressOptions } from '../../../lib/quota';

/** One report to compute: the counts it reads and the input items they came from. */
export interface ProgressJob {
	counts: unknown;
	itemIndexes: number[];
	/** The item index whose parameters apply. */
	paramIndex: number;
}

/**
 * Rows: every item is a counts row and all of them make one report. Statistics: every item is
 * a platform statistics document and makes its own report (one in, one out).
 */
export function progressJobs(items: INodeExecutionData[], source: string): ProgressJob[] {
	if (source === 'rows') {
		if (items.length === 0) return [];
		return [{ counts: items.map((item) => item.json), itemIndexes: items.map((_, i) => i), paramIndex: 0 }];
	}
	return items.map((item, i) => ({ counts: item.json, itemIndexes: [i], paramIndex: i }));
}

/** The input items that named a city, for pairing an output about that city. */
export function itemsOfCity(items: INodeExecutionData[], job: ProgressJob, cityCode: string): number[] {
	if (job.itemIndexes.length === 1) return job.itemIndexes;
	const matching = job.itemIndexes.filter((i) => {
		const json = items[i].json;
		return resolveCity(json.cityCode ?? json.city ?? json.cityName)?.cityCode === cityCode;
	});
	return matching.length ? matching : job.itemIndexes;
}

export function isStatisticsDocument(json: IDataObject): boolean {
	return Array.isArray(json.cities);
}

export function progressOptionsOf(this: IExecuteFunctions, i: number): ProgressOptions {
	const asOf = String(this.getNodeParameter('asOf', i, '') ?? '').trim();
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const result: ProgressOptions = {};
	if (asOf) result.asOf = asOf;
	if (options.premiumFen !== undefined) result.premiumFen = options.premiumFen as number;
	if (options.groupTargets) result.groupTargets = options.groupTargets as ProgressOptions['groupTargets'];
	const targets = readJson.call(this, options.targets, i, 'Target Table');
	if (targets !== undefined) result.targets = targets;
	return result;
}

/** A JSON parameter as a value: an object as it is, a string parsed; undefined when empty. */
export function readJson(this: IExecuteFunctions, value: unknown, i: number, label: string): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	if (!value.trim()) return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `${label} 不是有效的 JSON / ${label} is not valid JSON`, {
			itemIndex: i,
			description: (error as Error).message,
		});
	}
}
