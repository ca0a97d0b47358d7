import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAdmins from './getAdmins.operation';
import * as getMany from './getMany.operation';
import * as redeliver from './redeliver.operation';

export const organization = resource(
	'organization',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an organization',
				description: 'Register a newly established union',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an organization',
				description: 'Get one union organisation by ID',
			},
			{
				name: 'Get Admins',
				value: 'getAdmins',
				action: 'Get the admins of an organization',
				description: 'The administrators of a union organisation',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many organizations',
				description: 'List union organisations by city, type, USCI or when they were recorded',
			},
			{
				name: 'Redeliver',
				value: 'redeliver',
				action: 'Redeliver an organization',
				description: 'Have the platform announce an organisation again (organization.established), for a run that was lost',
			},
		],
		default: 'get',
	},
	{ create, get, getAdmins, getMany, redeliver },
);
