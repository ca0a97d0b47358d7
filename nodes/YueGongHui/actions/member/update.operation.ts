import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bodyProperties, idProperty, readBody, readId, readRetry, readVersion, versionProperty, type BodySpec } from '../../helpers/params';
import { EMPLOYMENT_RELATION_OPTIONS, WORKER_GROUP_OPTIONS } from '../../helpers/vocabulary';
import { platformRequest } from '../../transport';

const body: BodySpec = {
	keys: ['name', 'phone', 'realNameRegistered', 'group', 'employmentRelation', 'employer', 'platform'],
	custom: {
		properties: [
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{ displayName: 'Employer Name', name: 'employerName', type: 'string', default: '' },
					{ displayName: 'Employer USCI', name: 'employerUsci', type: 'string', default: '' },
					{ displayName: 'Employment Relation', name: 'employmentRelation', type: 'options', options: EMPLOYMENT_RELATION_OPTIONS, default: 'platform_managed' },
					{ displayName: 'Group', name: 'group', type: 'options', options: WORKER_GROUP_OPTIONS, default: 'delivery_rider' },
					{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
					{ displayName: 'Real-Name Registered', name: 'realNameRegistered', type: 'boolean', default: true, description: 'Whether the member is real-name registered on 粤工惠' },
				],
			},
		],
		build(this: IExecuteFunctions, i: number): IDataObject {
			const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
			const patch: IDataObject = {};
			for (const key of ['realNameRegistered', 'phone', 'group', 'employmentRelation']) {
				if (fields[key] !== undefined) patch[key] = fields[key];
			}
			if (fields.employerName !== undefined || fields.employerUsci !== undefined) {
				patch.employer = { name: fields.employerName ?? '', usci: fields.employerUsci ?? '' };
			}
			return patch;
		},
	},
};

export const description = [idProperty('memberId', 'Member ID'), versionProperty, ...bodyProperties(body)];

export async function execute(this: IExecuteFunctions, i: number) {
	const id = readId.call(this, i, 'memberId');
	const ifMatch = readVersion.call(this, i);
	return await platformRequest.call(this, {
		method: 'PATCH',
		path: `/members/${encodeURIComponent(id)}`,
		body: readBody.call(this, i, body),
		ifMatch,
		itemIndex: i,
		retry: readRetry.call(this, i),
	});
}
