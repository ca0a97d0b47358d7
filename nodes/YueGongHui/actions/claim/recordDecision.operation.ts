import type { IExecuteFunctions } from 'n8n-workflow';

import {
	bodyProperties,
	idempotencyKeyProperty,
	idProperty,
	readBody,
	readId,
	readIdempotencyKey,
	readRetry,
	readVersion,
	versionProperty,
	type BodySpec,
} from '../../helpers/params';
import { platformRequest } from '../../transport';

const fen = (key: string, displayName: string) => ({
	key,
	property: { displayName, name: key, type: 'number' as const, typeOptions: { minValue: 0 }, default: 0, description: 'In fen (分), an integer' },
});

const body: BodySpec = {
	keys: ['outcome', 'planId', 'countedFen', 'tierFen', 'payoutFen', 'reasons', 'countedInvoiceKeys', 'explanation', 'decidedBy'],
	fields: [
		{
			key: 'outcome',
			property: {
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Approved (赔付)', value: 'approved' },
					{ name: 'Below Threshold (未达起付)', value: 'below_threshold' },
					{ name: 'Manual Review (人工复核)', value: 'manual_review' },
					{ name: 'Pending Documents (待补材料)', value: 'pending_documents' },
					{ name: 'Rejected (拒赔)', value: 'rejected' },
				],
				default: 'approved',
			},
		},
		{ key: 'planId', property: { displayName: 'Plan ID', name: 'planId', type: 'string', default: 'GD-NEWFORM-2022' } },
		fen('countedFen', 'Counted (Fen)'),
		fen('tierFen', 'Tier (Fen)'),
		fen('payoutFen', 'Payout (Fen)'),
		{ key: 'reasons', property: { displayName: 'Reasons (JSON)', name: 'reasons', type: 'json', default: '[]' } },
		{ key: 'countedInvoiceKeys', property: { displayName: 'Counted Invoice Keys (JSON)', name: 'countedInvoiceKeys', type: 'json', default: '[]', description: 'Keys invoiceCode:invoiceNo of the invoices this decision counts' } },
	],
};

export const description = [idProperty('claimId', 'Claim ID'), versionProperty, ...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'claimId');
	const ifMatch = readVersion.call(this, i);
	const payload = readBody.call(this, i, body);
	// Keyed by record, version and decision: a retry after a lost answer, or a run resumed after
	// its worker died, gets the first answer instead of VERSION_CONFLICT.
	return await platformRequest.call(this, {
		method: 'POST',
		path: `/claims/${encodeURIComponent(id)}/decision`,
		body: payload,
		ifMatch,
		idempotencyKey: readIdempotencyKey.call(this, i, 'claim.recordDecision', { id, version: ifMatch, decision: payload }),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
