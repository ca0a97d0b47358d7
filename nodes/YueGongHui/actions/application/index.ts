import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as decide from './decide.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const application = resource('application', [
	{ value: 'getMany', name: 'Get Many', action: 'Get many applications', description: 'List applications, e.g. those pending review', module: getMany },
	{ value: 'get', name: 'Get', action: 'Get an application', description: 'Get one application by ID', module: get },
	{ value: 'create', name: 'Create', action: 'Create an application', description: 'Submit an application as the mini program would', module: create },
	{ value: 'decide', name: 'Decide', action: 'Decide an application', description: 'Record the approval decision; approving creates the member', module: decide },
]);
