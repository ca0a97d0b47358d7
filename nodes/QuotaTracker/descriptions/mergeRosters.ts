import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['mergeRosters'] } };

export const mergeRostersFields: INodeProperties[] = [
	{
		displayName:
			'All input items make one survey: connect every Platform Company (Get Roster, Return All) through a Merge node. A worker several companies list (same idNumberHash) is counted once.',
		name: 'mergeRostersNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Week Of',
		name: 'weekOf',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'A date or timestamp in the surveyed week; the survey is filed under that week’s Monday (China Standard Time). Leave empty for this week.',
		displayOptions: show,
	},
	{
		displayName: 'Previous Survey (JSON)',
		name: 'previousSurvey',
		type: 'json',
		default: '',
		description:
			'What to compare with: the platform’s statistics document from before this week (粤工惠 → Statistic → Get Progress), { weekOf, counts } or rows [{ cityCode, group, surveyed }]. Leave empty for no comparison.',
		displayOptions: show,
	},
	{
		displayName: 'Keep Groups No Roster Covers',
		name: 'keepUncoveredGroups',
		type: 'boolean',
		default: true,
		description:
			'Whether to keep the previous survey’s counts for worker groups none of the rosters lists (e.g. 其他群体: live streaming, e-commerce), since a week’s survey replaces the last one on the platform',
		displayOptions: show,
	},
];
