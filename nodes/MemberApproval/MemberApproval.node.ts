import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as applyAdminDecision from './operations/applyAdminDecision.operation';
import * as reviewApplications from './operations/reviewApplications.operation';

/**
 * Member approval (入会审批, SPEC §3): checks each application, routes it to the organisation that
 * takes it, and applies admins' decisions on those left for review. No credentials: the rules
 * run locally; fetch and record through the 粤工惠 node.
 */
export class MemberApproval implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Member Approval (入会审批)',
		name: 'memberApproval',
		icon: { light: 'file:memberApproval.svg', dark: 'file:memberApproval.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Review union membership applications of new-form workers and apply admins’ decisions',
		defaults: { name: 'Member Approval' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Apply Admin Decision',
						value: 'applyAdminDecision',
						action: 'Apply an admin decision',
						description: 'Approve or reject an application in review, only by an admin of its organisation',
					},
					{
						name: 'Review Applications',
						value: 'reviewApplications',
						action: 'Review applications',
						description: 'Check each application, find duplicates in the batch, route it and decide approve, review or reject',
					},
				],
				default: 'reviewApplications',
			},
			...reviewApplications.description,
			...applyAdminDecision.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'reviewApplications') return [reviewApplications.execute.call(this, items)];
		if (operation === 'applyAdminDecision') return [applyAdminDecision.execute.call(this, items)];
		throw new NodeOperationError(this.getNode(), `未知操作 / Unknown operation: ${operation}`);
	}
}
