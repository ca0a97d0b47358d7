import { resource } from '../../helpers/resource';
import * as get from './get.operation';
import * as getClaimHistory from './getClaimHistory.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const member = resource('member', [
	{ value: 'get', name: 'Get', action: 'Get a member', description: 'Get one member by ID', module: get },
	{ value: 'getMany', name: 'Get Many', action: 'Get many members', description: 'List members by organisation, employer, city or ID number', module: getMany },
	{ value: 'getClaimHistory', name: 'Get Claim History', action: 'Get a member s claim history', description: 'What the member’s earlier claims paid and counted, per plan and accident', module: getClaimHistory },
	{ value: 'update', name: 'Update', action: 'Update a member', description: 'Change a member (needs the record’s version)', module: update },
]);
