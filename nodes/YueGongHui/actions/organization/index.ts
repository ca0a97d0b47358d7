import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAdmins from './getAdmins.operation';
import * as getMany from './getMany.operation';

export const organization = resource('organization', [
	{ value: 'get', name: 'Get', action: 'Get an organization', description: 'Get one union organisation by ID', module: get },
	{ value: 'getMany', name: 'Get Many', action: 'Get many organizations', description: 'List union organisations by city, type or USCI', module: getMany },
	{ value: 'create', name: 'Create', action: 'Create an organization', description: 'Register a newly established union', module: create },
	{ value: 'getAdmins', name: 'Get Admins', action: 'Get the admins of an organization', description: 'The administrators of a union organisation', module: getAdmins },
]);
