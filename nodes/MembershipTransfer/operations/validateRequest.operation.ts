import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Organization } from '../../../lib/core/vocabulary';
import { validateTransfer, type Transfer, type TransferMember } from '../../../lib/transfer';
import { failedItem, isObject, readPath } from '../../MemberApproval/items';

const show = { show: { operation: ['validateRequest'] } };

function field(name: string, displayName: string, fallback: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: fallback, description, displayOptions: show };
}

export const description: INodeProperties[] = [
	field(
		'requestField',
		'Request Field',
		'request',
		'Dotted path of the request { memberId, fromOrgId, toOrgId, reason, requestedAt, actorId, actorOrgId, comment }; leave empty when the item itself is the request',
	),
	field('memberField', 'Member Field', 'member', 'Dotted path of the member as registered { memberId, orgId, joinedAt, employer }'),
	field('fromOrgField', 'Source Organization Field', 'fromOrg', 'Dotted path of the organisation the member leaves, whose city decides CROSS_CITY (optional)'),
	field('toOrgField', 'Target Organization Field', 'toOrg', 'Dotted path of the organisation the member joins { orgId, type, cityCode, status, usci }'),
	field('openTransfersField', 'Open Transfers Field', 'openTransfers', "Dotted path of the member's transfers under way (optional)"),
	{
		displayName: 'Expires After Days',
		name: 'expiresAfterDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'Days the transfer has to complete, counted from the day after the request (Civil Code article 201)',
		displayOptions: show,
	},
];

/** Checks each transfer request (SPEC §4); an accepted one comes out as a new `requested` transfer. */
export function execute(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item, i) => {
		try {
			return validateOne.call(this, item.json, i);
		} catch (error) {
			return failedItem.call(this, i, error);
		}
	});
}

function validateOne(this: IExecuteFunctions, json: IDataObject, i: number): INodeExecutionData {
	const at = (name: string, fallback: string) => readPath(json, this.getNodeParameter(name, i, fallback) as string);
	const member = at('memberField', 'member');
	const fromOrg = at('fromOrgField', 'fromOrg');
	const toOrg = at('toOrgField', 'toOrg');
	const open = at('openTransfersField', 'openTransfers');
	const result = validateTransfer(at('requestField', 'request'), {
		member: member as TransferMember,
		fromOrg: isObject(fromOrg) ? (fromOrg as unknown as Organization) : undefined,
		toOrg: isObject(toOrg) ? (toOrg as unknown as Organization) : undefined,
		openTransfers: Array.isArray(open) ? (open as Partial<Transfer>[]) : [],
		expiresAfterDays: this.getNodeParameter('expiresAfterDays', i, 30) as number,
	});
	return { json: result as unknown as IDataObject, pairedItem: { item: i } };
}
