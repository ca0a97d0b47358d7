import type { INodeProperties } from 'n8n-workflow';

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Allocate Targets (分配目标)',
			value: 'allocateTargets',
			description: 'Split a target across groups or districts by weights, largest remainder, exact sum',
			action: 'Allocate a target by weights',
		},
		{
			name: 'Build Report (生成进展统计表)',
			value: 'buildReport',
			description: 'Render the 附件2 workbook (XLSX), the completion chart (PNG) and a chat summary',
			action: 'Build the progress report',
		},
		{
			name: 'Compute Progress (进展统计)',
			value: 'computeProgress',
			description: 'Completion, real-name rate, schedule and plan cost per city and group against the 附件1 targets',
			action: 'Compute campaign progress',
		},
		{
			name: 'Merge Rosters (摸底合并)',
			value: 'mergeRosters',
			description: 'Surveyed workers per city and group from several platform companies\' rosters, each worker counted once',
			action: 'Merge platform rosters into survey counts',
		},
		{
			name: 'Reporting Period (报送周期)',
			value: 'reportingPeriod',
			description: 'Which bimonthly report is due next, its period, due date and days left',
			action: 'Find the reporting period',
		},
	],
	default: 'computeProgress',
};

const PROGRESS_OPERATIONS = ['computeProgress', 'buildReport'];

/** Where the counts come from, and the options both progress operations share. */
export const countsFields: INodeProperties[] = [
	{
		displayName:
			'Counting members? Do not load them as items: take the platform\'s statistics (粤工惠 → Statistic → Get Progress), or page members in a Code node through createProgressAggregator() from this package, which counts 1.2 million records in constant memory.',
		name: 'membersNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: PROGRESS_OPERATIONS } },
	},
	{
		displayName: 'Input',
		name: 'countsSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Counts Rows (All Items Make One Report)',
				value: 'rows',
				description:
					'Each item is a row { cityCode, group, surveyed, joined, platformRegistered, enrolled } or { cityCode, newEnterpriseUnions, newMembers }; rows for the same city and group add up',
			},
			{
				name: 'Statistics Document (One Report per Item)',
				value: 'statistics',
				description: 'Each item is the platform\'s GET /statistics/progress document { asOf, cities: [...] }',
			},
		],
		default: 'statistics',
		displayOptions: { show: { operation: PROGRESS_OPERATIONS } },
	},
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'The report date (China Standard Time). Leave empty for the document\'s asOf, else today.',
		displayOptions: { show: { operation: PROGRESS_OPERATIONS } },
	},
];

export const progressOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: PROGRESS_OPERATIONS } },
	options: [
		{
			displayName: 'Group Targets',
			name: 'groupTargets',
			type: 'options',
			options: [
				{ name: 'Automatic', value: 'auto', description: 'The target table\'s split when it has one, else the whole city target' },
				{ name: 'City Target (附件2 说明3)', value: 'city', description: 'Every group row measured against the city\'s new-form target' },
				{ name: 'Split by Surveyed Counts', value: 'surveyed', description: 'The city target split across the groups by their surveyed counts (largest remainder)' },
			],
			default: 'auto',
			description: 'What each group row\'s 入会目标数 is',
		},
		{
			displayName: 'Premium per Member (Fen)',
			name: 'premiumFen',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 2000,
			description: 'The mutual-aid plan\'s premium per enrolled member, in fen (附件4 第三条: 20 yuan)',
		},
		{
			displayName: 'Target Table (JSON)',
			name: 'targets',
			type: 'json',
			default: '',
			description:
				'A target table { year, cities: [{ cityCode, enterpriseUnions, members, newFormMembers, groups? }] }. Leave empty for the 2022 targets of 附件1.',
		},
	],
};
