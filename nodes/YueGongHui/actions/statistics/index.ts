import { resource } from '../../helpers/resource';
import * as getProgress from './getProgress.operation';
import * as putSurvey from './putSurvey.operation';

export const statistics = resource(
	'statistics',
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Progress',
				value: 'getProgress',
				action: 'Get campaign progress',
				description: 'Counts per city and group for the progress report (附件2)',
			},
			{
				name: 'Put Survey',
				value: 'putSurvey',
				action: 'Put survey counts',
				description: 'Replace a week’s surveyed counts per city and group',
			},
		],
		default: 'getProgress',
	},
	{ getProgress, putSurvey },
);
