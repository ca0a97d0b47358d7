import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { optionsProperty } from './helpers/params';

export class YueGongHui implements INodeType {
	description: INodeTypeDescription = {
		displayName: '粤工惠 (YueGongHui)',
		name: 'yueGongHui',
		icon: { light: 'file:yueGongHui.svg', dark: 'file:yueGongHui.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write the 粤工惠 platform: applications, members, organisations, transfers, enrolments, claims, statistics',
		defaults: { name: '粤工惠' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yueGongHuiApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Application (入会申请)', value: 'application' },
					{ name: 'Claim (互助保障理赔)', value: 'claim' },
					{ name: 'Enrolment (保障计划参保)', value: 'enrolment' },
					{ name: 'Member (会员)', value: 'member' },
					{ name: 'Organization (工会组织)', value: 'organization' },
					{ name: 'Statistic (统计)', value: 'statistics' },
					{ name: 'Transfer (会籍接转)', value: 'transfer' },
					{ name: 'Webhook (事件订阅)', value: 'webhook' },
				],
				default: 'application',
			},
			...Object.values(RESOURCES).flatMap((r) => r.description),
			optionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
