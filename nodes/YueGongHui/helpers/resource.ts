import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceModule } from './operation';

/** A resource's operation selector, followed by each operation's parameters shown for it alone. */
export function resource(
	name: string,
	selector: INodeProperties,
	operations: ResourceModule,
): { description: INodeProperties[]; operations: ResourceModule } {
	const description = [
		{ ...selector, displayOptions: { show: { resource: [name] } } },
		...Object.entries(operations).flatMap(([value, module]: [string, OperationModule]) =>
			updateDisplayOptions({ show: { resource: [name], operation: [value] } }, module.description),
		),
	];
	return { description, operations };
}
