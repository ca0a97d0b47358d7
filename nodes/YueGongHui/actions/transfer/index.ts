import { resource } from '../../helpers/resource';
import * as applyEvent from './applyEvent.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const transfer = resource(
	'transfer',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Apply Event',
				value: 'applyEvent',
				action: 'Apply an event to a transfer',
				description: 'Release, complete, reject, cancel or expire a transfer (needs its version)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a transfer',
				description: 'Request a membership transfer (会籍接转)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a transfer',
				description: 'Get one transfer by ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many transfers',
				description: 'List transfers by state, member or organisation',
			},
		],
		default: 'create',
	},
	{ applyEvent, create, get, getMany },
);
