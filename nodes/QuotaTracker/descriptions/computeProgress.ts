import type { INodeProperties } from 'n8n-workflow';

export const computeProgressFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Item per City', value: 'cities', description: 'Each city\'s total, groups, schedule and targets' },
			{ name: 'One Item per Row (附件2)', value: 'rows', description: 'Each city\'s five group rows and its total row, ready for a sheet' },
			{ name: 'One Report', value: 'report', description: 'The whole report: cities, province totals, ranking, issues' },
		],
		default: 'report',
		displayOptions: { show: { operation: ['computeProgress'] } },
	},
];
