import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { applyTransferEvent } from '../../../lib/transfer';
import { failedItem, readPath } from '../../MemberApproval/items';

const show = { show: { operation: ['applyEvent'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Transfer Field',
		name: 'transferField',
		type: 'string',
		default: 'transfer',
		description: 'Dotted path of the transfer the event applies to',
		displayOptions: show,
	},
	{
		displayName: 'Event Field',
		name: 'eventField',
		type: 'string',
		default: 'event',
		description:
			'Dotted path of the event { type (release, complete, reject, cancel, expire), actorId, actorOrgId, at, comment }',
		displayOptions: show,
	},
];

/**
 * Moves each transfer on by its event (SPEC §4). A completed transfer carries `memberUpdate`:
 * the member's new organisation, with the original joinedAt.
 */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item, i) => {
		try {
			const transfer = readPath(item.json, this.getNodeParameter('transferField', i, 'transfer') as string);
			const event = readPath(item.json, this.getNodeParameter('eventField', i, 'event') as string);
			const result = applyTransferEvent(transfer, event);
			return { json: result as unknown as IDataObject, pairedItem: { item: i } };
		} catch (error) {
			return failedItem.call(this, i, error);
		}
	});
}
