import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { todayInChina } from '../../../lib/core/dates';
import { expireOverdue } from '../../../lib/transfer';
import { readPath, unreadable } from '../../MemberApproval/items';

const show = { show: { operation: ['expireOverdue'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Transfer Field',
		name: 'expiringTransferField',
		type: 'string',
		default: '',
		description: 'Dotted path of the transfer in each item; leave empty when the item itself is the transfer',
		displayOptions: show,
	},
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: '2024-06-10',
		description: 'The date (YYYY-MM-DD, China) or time to judge on; leave empty for today in China',
		displayOptions: show,
	},
	{
		displayName: 'Expires After Days',
		name: 'expiresAfterDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'For transfers that carry no deadline of their own: days from the request',
		displayOptions: show,
	},
];

/** Expires each open transfer past its deadline (SPEC §4); the rest come out unchanged. */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const today = todayInChina();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const transfer = readPath(items[i].json, this.getNodeParameter('expiringTransferField', i, '') as string);
			const asOf = (this.getNodeParameter('asOf', i, '') as string).trim() || today;
			const expiresAfterDays = this.getNodeParameter('expiresAfterDays', i, 30) as number;
			const [result] = expireOverdue([transfer], asOf, { expiresAfterDays });
			out.push({ json: result as unknown as IDataObject, pairedItem: { item: i } });
		} catch (error) {
			out.push(
				unreadable.call(
					this,
					i,
					`无法判断逾期：${(error as Error).message} / Cannot judge expiry: ${(error as Error).message}`,
					'“As Of” 应为 YYYY-MM-DD 日期或 ISO 8601 时间，天数应为正整数 / "As Of" must be a YYYY-MM-DD date or an ISO 8601 time and the days a positive whole number',
				),
			);
		}
	}
	return out;
}
