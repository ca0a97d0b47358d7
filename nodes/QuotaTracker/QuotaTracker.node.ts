import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { reason } from '../../lib/core/reasons';
import { QuotaInputError } from '../../lib/quota';
import { allocateTargetsFields } from './descriptions/allocateTargets';
import { buildReportFields } from './descriptions/buildReport';
import { countsFields, operationField, progressOptionsField } from './descriptions/common';
import { computeProgressFields } from './descriptions/computeProgress';
import { mergeRostersFields } from './descriptions/mergeRosters';
import { reportingPeriodFields } from './descriptions/reportingPeriod';
import { allocateTargetsOutput } from './operations/allocateTargets';
import { buildReportOutput } from './operations/buildReport';
import { computeProgressOutput } from './operations/computeProgress';
import { isStatisticsDocument, progressJobs, type ProgressJob } from './operations/input';
import { mergeRostersOutput } from './operations/mergeRosters';
import { pairedTo } from './operations/pairing';
import { errorItem } from '../shared/errorItem';
import { reportingPeriodOutput } from './operations/reportingPeriod';

/**
 * The campaign's quotas and progress (SPEC §5, 附件1/附件2): completion per city and group against
 * the targets, the real-name rate, the schedule, the plan cost, the 附件2 workbook and chart, the
 * bimonthly reporting calendar, the allocation of a target by weights, and the roster survey
 * (摸底) merged across platform companies.
 */
export class QuotaTracker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Quota Tracker (任务与进展)',
		name: 'quotaTracker',
		icon: { light: 'file:quotaTracker.svg', dark: 'file:quotaTracker.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Track the campaign against the 附件1 targets and render the 附件2 progress report',
		defaults: { name: 'Quota Tracker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			operationField,
			...countsFields,
			...computeProgressFields,
			...buildReportFields,
			...allocateTargetsFields,
			...mergeRostersFields,
			...reportingPeriodFields,
			progressOptionsField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const out: INodeExecutionData[] = [];

		if (operation === 'allocateTargets' || operation === 'reportingPeriod') {
			for (let i = 0; i < items.length; i++) {
				try {
					const json = operation === 'allocateTargets' ? allocateTargetsOutput.call(this, i) : reportingPeriodOutput.call(this, i);
					out.push({ json, pairedItem: { item: i } });
				} catch (error) {
					out.push(failed.call(this, error, [i]));
				}
			}
			return [out];
		}

		if (operation === 'mergeRosters') {
			if (items.length === 0) return [out];
			const all = items.map((_, i) => i);
			try {
				out.push(mergeRostersOutput.call(this, items));
			} catch (error) {
				out.push(failed.call(this, error, all));
			}
			return [out];
		}

		if (operation !== 'computeProgress' && operation !== 'buildReport') {
			throw new NodeOperationError(this.getNode(), `不支持的操作 / Unsupported operation: ${operation}`);
		}
		const source = this.getNodeParameter('countsSource', 0) as string;
		for (const job of progressJobs(items, source)) {
			if (source === 'statistics' && !isStatisticsDocument(items[job.itemIndexes[0]].json)) {
				out.push({ json: notAStatisticsDocument(), pairedItem: pairedTo(job.itemIndexes) });
				continue;
			}
			try {
				if (operation === 'computeProgress') out.push(...computeProgressOutput.call(this, items, job));
				else out.push(await buildReportOutput.call(this, job));
			} catch (error) {
				out.push(failed.call(this, error, job.itemIndexes, job));
			}
		}
		return [out];
	}
}

/** An item the rules could not work with: an error item under continueOnFail, else the node fails. */
function failed(this: IExecuteFunctions, error: unknown, itemIndexes: number[], job?: ProgressJob): INodeExecutionData {
	const itemIndex = job?.paramIndex ?? itemIndexes[0];
	const quota = error instanceof QuotaInputError ? error : undefined;
	if (this.continueOnFail()) {
		const json: IDataObject = { error: (error as Error).message ?? String(error) };
		if (quota) json.reasons = quota.reasons as unknown as IDataObject[];
		return errorItem(this.getNode(), itemIndex, json, pairedTo(itemIndexes));
	}
	if (error instanceof NodeOperationError) throw error;
	if (quota) {
		throw new NodeOperationError(this.getNode(), quota.message, {
			itemIndex,
			description: quota.reasons.map((r) => `${r.field ? r.field + ': ' : ''}${r.message} / ${r.messageEn ?? ''}（${r.rule}）`).join('\n'),
		});
	}
	throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

function notAStatisticsDocument(): IDataObject {
	return {
		outcome: 'rejected',
		reasons: [
			reason(
				'STATISTICS_INVALID',
				'reject',
				'附件2',
				'该数据项不是平台统计文档 { asOf, cities: [...] }；逐行数据请将“输入”设为“Counts Rows”',
				'The item is not a platform statistics document { asOf, cities: [...] }; for one row per item set Input to Counts Rows',
				'cities',
			),
		] as unknown as IDataObject[],
	};
}
