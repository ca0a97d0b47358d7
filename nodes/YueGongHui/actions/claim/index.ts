import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as recordDecision from './recordDecision.operation';

export const claim = resource('claim', [
	{ value: 'get', name: 'Get', action: 'Get a claim', description: 'Get one claim by ID', module: get },
	{ value: 'getMany', name: 'Get Many', action: 'Get many claims', description: 'List claims by member or status', module: getMany },
	{ value: 'create', name: 'Create', action: 'Create a claim', description: 'Submit a claim as the mini program would', module: create },
	{ value: 'recordDecision', name: 'Record Decision', action: 'Record a claim decision', description: 'Record the adjudication and payout (needs the claim’s version)', module: recordDecision },
]);
