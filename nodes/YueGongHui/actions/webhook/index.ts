import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';

export const webhook = resource(
	'webhook',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook subscription',
				description: 'Subscribe a URL to platform events',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook subscription',
				description: 'Remove a webhook subscription',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many webhook subscriptions',
				description: 'List the webhook subscriptions',
			},
		],
		default: 'getMany',
	},
	{ create, delete: del, getMany },
);
