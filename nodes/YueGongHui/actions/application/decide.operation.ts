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
import { CITY_OPTIONS, ORG_TYPE_OPTIONS } from '../../helpers/vocabulary';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['outcome', 'reasons', 'assignedOrg', 'recommendedTransfer', 'decidedBy', 'comment'],
	fields: [
		{
			key: 'outcome',
			property: {
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Approve (批准)', value: 'approve' },
					{ name: 'Reject (驳回)', value: 'reject' },
					{ name: 'Review (转人工复核)', value: 'review' },
				],
				default: 'approve',
			},
		},
		{ key: 'reasons', property: { displayName: 'Reasons (JSON)', name: 'reasons', type: 'json', default: '[]' } },
		{ key: 'assignedOrg.type', property: { displayName: 'Assigned Organization Type', name: 'assignedOrgType', type: 'options', options: ORG_TYPE_OPTIONS, default: 'city_newform_federation' } },
		{ key: 'assignedOrg.cityCode', property: { displayName: 'Assigned Organization City', name: 'assignedOrgCityCode', type: 'options', options: CITY_OPTIONS, default: '440100' } },
		{ key: 'assignedOrg.orgId', optional: true, property: { displayName: 'Assigned Organization ID', name: 'assignedOrgId', type: 'string', default: '' } },
		{ key: 'decidedBy.adminId', optional: true, property: { displayName: 'Decided By Admin ID', name: 'adminId', type: 'string', default: '' } },
		{ key: 'decidedBy.adminOrgId', optional: true, property: { displayName: 'Decided By Admin Organization ID', name: 'adminOrgId', type: 'string', default: '' } },
		{ key: 'comment', optional: true, property: { displayName: 'Comment', name: 'comment', type: 'string', default: '' } },
	],
};

export const description = [idProperty('applicationId', 'Application ID'), versionProperty, ...bodyProperties(body), idempotencyKeyProperty];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'applicationId');
	const ifMatch = readVersion.call(this, i);
	const payload = readBody.call(this, i, body);
	// Keyed by record, version and decision: a retry after a lost answer, or a run resumed after
	// its worker died, gets the first answer instead of VERSION_CONFLICT.
	return await platformRequest.call(this, {
		method: 'POST',
		path: `/applications/${encodeURIComponent(id)}/decision`,
		body: payload,
		ifMatch,
		idempotencyKey: readIdempotencyKey.call(this, i, 'application.decide', { id, version: ifMatch, decision: payload }),
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
