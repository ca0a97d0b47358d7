import type { INodeProperties } from 'n8n-workflow';

export const reportingPeriodFields: INodeProperties[] = [
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'The date to ask about (a date or timestamp, read in China Standard Time). Leave empty for today.',
		displayOptions: { show: { operation: ['reportingPeriod'] } },
	},
];
