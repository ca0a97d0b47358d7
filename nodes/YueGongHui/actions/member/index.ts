import { resource } from '../../helpers/resource';
import * as get from './get.operation';
import * as getClaimHistory from './getClaimHistory.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const member = resource(
	'member',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a member',
				description: 'Get one member by ID',
			},
			{
				name: 'Get Claim History',
				value: 'getClaimHistory',
				action: 'Get a member s claim history',
				description: 'What the member’s earlier claims paid and counted, per plan and accident',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many members',
				description: 'List members by organisation, employer, city or ID number',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a member',
				description: 'Change a member (needs the record’s version)',
			},
		],
		default: 'get',
	},
	{ get, getClaimHistory, getMany, update },
);
