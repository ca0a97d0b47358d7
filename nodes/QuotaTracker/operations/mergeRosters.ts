import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { compareSurveys, keepUncoveredGroups, mergeRosters, surveyMarkdown } from '../../../lib/quota';
import { pairedTo } from './pairing';

/**
 * All items are roster entries of one or several companies; one item out: the survey as
 * `PUT /statistics/survey` takes it ({ weekOf, counts }), the overlap, the change since the
 * previous survey and a WeCom markdown summary.
 */
export function mergeRostersOutput(this: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData {
	let weekOf = this.getNodeParameter('weekOf', 0, '') as unknown;
	// An expression such as {{ $now }} can hand over a luxon DateTime.
	if (weekOf && typeof weekOf === 'object' && typeof (weekOf as { toISO?: unknown }).toISO === 'function') weekOf = (weekOf as { toISO(): string }).toISO();
	const previous = this.getNodeParameter('previousSurvey', 0, '') as unknown;
	let survey = mergeRosters(
		items.map((item) => item.json),
		{ weekOf },
	);
	if (this.getNodeParameter('keepUncoveredGroups', 0, true) as boolean) survey = keepUncoveredGroups(survey, previous);
	const comparison = compareSurveys(survey.counts, previous);
	const json = {
		outcome: 'merged',
		...survey,
		comparison,
		markdown: surveyMarkdown(survey, comparison),
	};
	return { json: json as unknown as IDataObject, pairedItem: pairedTo(items.map((_, i) => i)) };
}
