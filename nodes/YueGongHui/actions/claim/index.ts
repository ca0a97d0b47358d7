import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as recordDecision from './recordDecision.operation';

export const claim = resource(
	'claim',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a claim',
				description: 'Submit a claim as the mini program would',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a claim',
				description: 'Get one claim by ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many claims',
				description: 'List claims by member or status',
			},
			{
				name: 'Record Decision',
				value: 'recordDecision',
				action: 'Record a claim decision',
				description: 'Record the adjudication and payout (needs the claim’s version)',
			},
		],
		default: 'get',
	},
	{ create, get, getMany, recordDecision },
);
