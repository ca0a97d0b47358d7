import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { computeProgress, progressRows } from '../../../lib/quota';
import { itemsOfCity, progressOptionsOf, type ProgressJob } from './input';
import { pairedTo } from './pairing';

export function computeProgressOutput(this: IExecuteFunctions, items: INodeExecutionData[], job: ProgressJob): INodeExecutionData[] {
	const report = computeProgress(job.counts, progressOptionsOf.call(this, job.paramIndex));
	const output = this.getNodeParameter('output', job.paramIndex, 'report') as string;
	const context = { asOf: report.asOf, year: report.year, elapsedFraction: report.elapsedFraction };
	if (output === 'cities') {
		return report.cities.map((city) => ({
			json: { ...context, ...city } as unknown as IDataObject,
			pairedItem: pairedTo(itemsOfCity(items, job, city.cityCode)),
		}));
	}
	if (output === 'rows') {
		const behind = new Map(report.cities.map((c) => [c.cityCode, c.behindSchedule]));
		return progressRows(report).map((row) => ({
			json: { asOf: report.asOf, ...row, ...(row.group === 'total' ? { behindSchedule: behind.get(row.cityCode) ?? null } : {}) } as unknown as IDataObject,
			pairedItem: pairedTo(itemsOfCity(items, job, row.cityCode)),
		}));
	}
	return [{ json: report as unknown as IDataObject, pairedItem: pairedTo(job.itemIndexes) }];
}
