import { resource } from '../../helpers/resource';
import * as applyEvent from './applyEvent.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const transfer = resource('transfer', [
	{ value: 'create', name: 'Create', action: 'Create a transfer', description: 'Request a membership transfer (会籍接转)', module: create },
	{ value: 'get', name: 'Get', action: 'Get a transfer', description: 'Get one transfer by ID', module: get },
	{ value: 'getMany', name: 'Get Many', action: 'Get many transfers', description: 'List transfers by state, member or organisation', module: getMany },
	{ value: 'applyEvent', name: 'Apply Event', action: 'Apply an event to a transfer', description: 'Release, complete, reject, cancel or expire a transfer (needs its version)', module: applyEvent },
]);
