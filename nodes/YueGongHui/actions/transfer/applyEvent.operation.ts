import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idProperty, readBody, readId, readRetry, readVersion, versionProperty, type BodySpec } from '../../helpers/params';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['event', 'actorId', 'actorOrgId', 'comment', 'at'],
	fields: [
		{
			key: 'event',
			property: {
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Cancel (撤销)', value: 'cancel' },
					{ name: 'Complete (转入完成)', value: 'complete' },
					{ name: 'Expire (过期)', value: 'expire' },
					{ name: 'Reject (拒绝)', value: 'reject' },
					{ name: 'Release (转出)', value: 'release' },
				],
				default: 'release',
			},
		},
		{ key: 'actorId', property: { displayName: 'Actor ID', name: 'actorId', type: 'string', default: '', required: true } },
		{ key: 'actorOrgId', property: { displayName: 'Actor Organization ID', name: 'actorOrgId', type: 'string', default: '' } },
		{ key: 'comment', optional: true, property: { displayName: 'Comment', name: 'comment', type: 'string', default: '' } },
	],
};

export const description = [idProperty('transferId', 'Transfer ID'), versionProperty, ...bodyProperties(body)];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'transferId');
	const ifMatch = readVersion.call(this, i);
	return await platformRequest.call(this, {
		method: 'POST',
		path: `/transfers/${encodeURIComponent(id)}/events`,
		body: readBody.call(this, i, body),
		ifMatch,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
