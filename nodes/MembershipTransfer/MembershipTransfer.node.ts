import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as applyEvent from './operations/applyEvent.operation';
import * as expireOverdue from './operations/expireOverdue.operation';
import * as planForNewUnion from './operations/planForNewUnion.operation';
import * as validateRequest from './operations/validateRequest.operation';

const OPERATIONS = { validateRequest, applyEvent, planForNewUnion, expireOverdue } as const;

/**
 * Membership transfer (会籍接转, SPEC §4): membership follows the labour relation, one
 * organisation at a time, keeping the original joining date. The rules run locally; record the
 * results through the 粤工惠 node.
 */
export class MembershipTransfer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Membership Transfer (会籍接转)',
		name: 'membershipTransfer',
		icon: { light: 'file:membershipTransfer.svg', dark: 'file:membershipTransfer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Validate, move on, plan and expire union membership transfers',
		defaults: { name: 'Membership Transfer' },
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
						name: 'Apply Event',
						value: 'applyEvent',
						action: 'Apply an event to a transfer',
						description: 'Release, complete, reject, cancel or expire a transfer, if the actor may',
					},
					{
						name: 'Expire Overdue',
						value: 'expireOverdue',
						action: 'Expire overdue transfers',
						description: 'Expire open transfers not completed in time',
					},
					{
						name: 'Plan for New Enterprise Union',
						value: 'planForNewUnion',
						action: 'Plan transfers for a new enterprise union',
						description: 'Plan the move of the reservoir members of an employer that has just established its union',
					},
					{
						name: 'Validate Request',
						value: 'validateRequest',
						action: 'Validate a transfer request',
						description: 'Check a transfer request and create the transfer when it may go ahead',
					},
				],
				default: 'validateRequest',
			},
			...validateRequest.description,
			...applyEvent.description,
			...planForNewUnion.description,
			...expireOverdue.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = OPERATIONS[operation as keyof typeof OPERATIONS];
		if (!handler) throw new NodeOperationError(this.getNode(), `未知操作 / Unknown operation: ${operation}`);
		return [handler.execute.call(this, items)];
	}
}
