import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceModule } from './operation';

export interface OperationEntry {
	value: string;
	name: string;
	action: string;
	description: string;
	module: OperationModule;
}

/** The operation selector of one resource, followed by each operation's parameters shown for it alone. */
export function resource(name: string, operations: OperationEntry[]): { description: INodeProperties[]; operations: ResourceModule } {
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [name] } },
		options: [...operations]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(({ value, name: label, action, description }) => ({ name: label, value, action, description })),
		default: operations[0].value,
	};
	const description = [
		selector,
		...operations.flatMap(({ value, module }) =>
			updateDisplayOptions({ show: { resource: [name], operation: [value] } }, module.description),
		),
	];
	return { description, operations: Object.fromEntries(operations.map(({ value, module }) => [value, module])) };
}
