import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const enrolment = resource(
	'enrolment',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an enrolment',
				description: 'Enrol a member in a mutual-aid plan (once per person and plan)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many enrolments',
				description: 'List plan enrolments by member or plan',
			},
		],
		default: 'create',
	},
	{ create, getMany },
);
