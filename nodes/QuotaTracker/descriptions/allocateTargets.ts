import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['allocateTargets'] } };

export const allocateTargetsFields: INodeProperties[] = [
	{
		displayName: 'Total',
		name: 'total',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		required: true,
		description: 'The whole number to split, e.g. a city\'s new-form target',
		displayOptions: show,
	},
	{
		displayName: 'Weights (JSON)',
		name: 'weights',
		type: 'json',
		default: '{}',
		required: true,
		description:
			'An object keyed by code: { "truck_driver": 41000, "courier": 61000 }. Ties go to the larger weight, then the lower code; all-zero weights split equally; a negative weight is refused.',
		displayOptions: show,
	},
];
