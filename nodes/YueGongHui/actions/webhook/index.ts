import { resource } from '../../helpers/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';

export const webhook = resource('webhook', [
	{ value: 'create', name: 'Create', action: 'Create a webhook subscription', description: 'Subscribe a URL to platform events', module: create },
	{ value: 'getMany', name: 'Get Many', action: 'Get many webhook subscriptions', description: 'List the webhook subscriptions', module: getMany },
	{ value: 'delete', name: 'Delete', action: 'Delete a webhook subscription', description: 'Remove a webhook subscription', module: del },
]);
