import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its parameters and what it does with one input item. */
export interface OperationModule {
	description: INodeProperties[];
	/** One record, or several (each becomes an output item paired to the input item). */
	execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]>;
}

export type ResourceModule = Record<string, OperationModule>;
