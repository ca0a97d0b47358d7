import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { adjudicateClaim } from '../../lib';
import { properties } from './description';
import { itemParameter, resolveCalendar, resolvePlans } from './settings';
import { errorItem } from '../shared/errorItem';

function readPath(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key.trim()];
	}
	return value;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Claim adjudication for the accident-medical mutual aid (专属意外医疗互助保障, 附件4, SPEC §6):
 * each item's claim is judged and the decision added, with its reasons and a plain explanation.
 * No credentials: the rules run locally; fetch claims and record decisions through the 粤工惠 node.
 */
export class ClaimAdjudication implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claim Adjudication (互助保障理赔)',
		name: 'claimAdjudication',
		icon: { light: 'file:claimAdjudication.svg', dark: 'file:claimAdjudication.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["planSource"] === "builtIn" ? "GD-NEWFORM plans" : "custom plans"}}',
		description: 'Judge accident-medical mutual-aid claims of union members under the 附件4 plan: tiers, cap, windows, exclusions',
		defaults: { name: 'Claim Adjudication' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const plans = await resolvePlans.call(this);
		const calendar = resolveCalendar.call(this);
		const claimField = itemParameter.call(this, 'claimField', '');
		const output = itemParameter.call(this, 'output', 'claimWithDecision');
		const out: INodeExecutionData[] = [];

		for (let i = 0; i < items.length; i++) {
			const field = (claimField(i) as string).trim();
			const claim = field ? readPath(items[i].json, field) : items[i].json;
			if (!isObject(claim)) {
				const message = `第${i + 1}项没有可读的理赔申报 / Item ${i + 1} holds no claim`;
				const description = field ? `字段 "${field}" 应为对象 / The field "${field}" must be an object` : '该项应为对象 / The item must be an object';
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), message, { itemIndex: i, description });
				out.push(errorItem(this.getNode(), i, { error: message, description }));
				continue;
			}
			const decision = adjudicateClaim(claim, { plans, calendar }) as unknown as IDataObject;
			if (output(i) === 'decisionOnly') {
				out.push({ json: Object.assign({ claimId: claim.claimId ?? null }, decision), pairedItem: { item: i } });
			} else {
				// Object.assign, not spread: on large items V8's spread is several times slower.
				const item: INodeExecutionData = { json: Object.assign({}, items[i].json, decision), pairedItem: { item: i } };
				if (items[i].binary) item.binary = items[i].binary;
				out.push(item);
			}
		}
		return [out];
	}
}
