import { resource } from '../../helpers/resource';
import * as getProgress from './getProgress.operation';
import * as putSurvey from './putSurvey.operation';

export const statistics = resource('statistics', [
	{ value: 'getProgress', name: 'Get Progress', action: 'Get campaign progress', description: 'Counts per city and group for the progress report (附件2)', module: getProgress },
	{ value: 'putSurvey', name: 'Put Survey', action: 'Put survey counts', description: 'Replace a week’s surveyed counts per city and group', module: putSurvey },
]);
