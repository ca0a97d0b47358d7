import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { planTransfersForNewUnion, type Transfer } from '../../../lib/transfer';
import { failedItem, parseJsonParameter, readPath, unreadable } from '../../MemberApproval/items';

const show = { show: { operation: ['planForNewUnion'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Event Source',
		name: 'eventSource',
		type: 'options',
		options: [
			{ name: 'Parameter', value: 'parameter', description: 'One event for every member, given below' },
			{ name: 'Field of Each Item', value: 'field', description: 'Each member item carries the event' },
		],
		default: 'parameter',
		displayOptions: show,
	},
	{
		displayName: 'Event',
		name: 'establishedEvent',
		type: 'json',
		default: '{}',
		description:
			'The organization.established event (as the 粤工惠 trigger delivers it) or the new union itself { orgId, type, cityCode, status, usci }',
		displayOptions: { show: { operation: ['planForNewUnion'], eventSource: ['parameter'] } },
	},
	{
		displayName: 'Event Field',
		name: 'eventField',
		type: 'string',
		default: 'event',
		description: 'Dotted path of the event in each item',
		displayOptions: { show: { operation: ['planForNewUnion'], eventSource: ['field'] } },
	},
	{
		displayName: 'Member Field',
		name: 'memberField',
		type: 'string',
		default: '',
		description: 'Dotted path of the member in each item; leave empty when the item itself is the member',
		displayOptions: show,
	},
	{
		displayName: 'Existing Transfers',
		name: 'existingTransfers',
		type: 'json',
		default: '[]',
		description: 'Transfers already made (any state): a member already moved or planned to this union is not planned again',
		displayOptions: show,
	},
	{
		displayName: 'Reservoir Organization ID',
		name: 'reservoirOrgId',
		type: 'string',
		default: '',
		placeholder: 'FED-440300',
		description: "The city federation's organisation ID; leave empty for the platform's FED- followed by the city code (FED-440300)",
		displayOptions: show,
	},
	{
		displayName: 'Expires After Days',
		name: 'expiresAfterDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'Days each planned transfer has to complete',
		displayOptions: show,
	},
];

/**
 * Plans the transfers a new enterprise union brings (SPEC §4): one output per member, planned or
 * skipped with the reason; members planned earlier in the run count as existing, so a member
 * listed twice is planned once.
 */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	// Transfers planned for earlier items count as existing: a member listed twice is planned once.
	const planned: Partial<Transfer>[] = [];
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(planOne.call(this, items[i].json, i, planned));
		} catch (error) {
			out.push(failedItem.call(this, i, error));
		}
	}
	return out;
}

function planOne(this: IExecuteFunctions, json: IDataObject, i: number, planned: Partial<Transfer>[]): INodeExecutionData {
	let event: unknown;
	let existing: unknown;
	try {
		event =
			(this.getNodeParameter('eventSource', i, 'parameter') as string) === 'field'
				? readPath(json, this.getNodeParameter('eventField', i, 'event') as string)
				: parseJsonParameter(this.getNodeParameter('establishedEvent', i, '{}'));
		existing = parseJsonParameter(this.getNodeParameter('existingTransfers', i, '[]')) ?? [];
	} catch (error) {
		return unreadable.call(
			this,
			i,
			'事件或已有接转不是有效的 JSON / The event or the existing transfers are not valid JSON',
			(error as Error).message,
		);
	}
	if (!Array.isArray(existing)) {
		return unreadable.call(this, i, '已有接转应为数组 / Existing transfers must be an array', `${typeof existing}`);
	}
	const member = readPath(json, this.getNodeParameter('memberField', i, '') as string);
	const reservoirOrgId = (this.getNodeParameter('reservoirOrgId', i, '') as string).trim();
	const [plan] = planTransfersForNewUnion(event, [member], [...(existing as Partial<Transfer>[]), ...planned], {
		reservoirOrgId: reservoirOrgId || undefined,
		expiresAfterDays: this.getNodeParameter('expiresAfterDays', i, 30) as number,
	});
	if (plan.transfer) planned.push(plan.transfer);
	return { json: plan as unknown as IDataObject, pairedItem: { item: i } };
}
