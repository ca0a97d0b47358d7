import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['buildReport'] } };

export const buildReportFields: INodeProperties[] = [
	{
		displayName: 'Filling Unit (填报单位)',
		name: 'fillerUnit',
		type: 'string',
		default: '',
		placeholder: '广东省总工会',
		description: 'The unit on the province summary. City sheets name their city federation (广州市总工会).',
		displayOptions: show,
	},
	{
		displayName: 'Filled By (填报人)',
		name: 'fillerName',
		type: 'string',
		default: '',
		description: 'Shown masked (张*) unless Unmask Filler is on',
		displayOptions: show,
	},
	{
		displayName: 'Contact Phone (联系电话)',
		name: 'fillerPhone',
		type: 'string',
		default: '',
		description: 'Shown masked (138****5678) unless Unmask Filler is on',
		displayOptions: show,
	},
	{
		displayName: 'Unmask Filler',
		name: 'unmaskFiller',
		type: 'boolean',
		default: false,
		description: 'Whether to print the filler\'s name and phone in full. Personal information (PIPL): only when every reader may see it.',
		displayOptions: show,
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: '进展统计表-2022-06-30',
		description: 'Base name of the two files, without extension. Leave empty for 进展统计表-&lt;asOf&gt;.',
		displayOptions: show,
	},
];
