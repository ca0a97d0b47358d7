import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const enrolment = resource('enrolment', [
	{ value: 'create', name: 'Create', action: 'Create an enrolment', description: 'Enrol a member in a mutual-aid plan (once per person and plan)', module: create },
	{ value: 'getMany', name: 'Get Many', action: 'Get many enrolments', description: 'List plan enrolments by member or plan', module: getMany },
]);
