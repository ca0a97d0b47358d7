import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as decide from './decide.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as redeliver from './redeliver.operation';

export const application = resource(
	'application',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an application',
				description: 'Submit an application as the mini program would',
			},
			{
				name: 'Decide',
				value: 'decide',
				action: 'Decide an application',
				description: 'Record the approval decision; approving creates the member',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an application',
				description: 'Get one application by ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many applications',
				description: 'List applications, e.g. those pending review',
			},
			{
				name: 'Redeliver',
				value: 'redeliver',
				action: 'Redeliver an application',
				description: 'Have the platform announce a pending application again (application.submitted), for a run that was lost',
			},
		],
		default: 'getMany',
	},
	{ create, decide, get, getMany, redeliver },
);
