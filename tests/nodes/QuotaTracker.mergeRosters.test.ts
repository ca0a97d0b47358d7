import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../helpers/harness';

const TYPE = 'n8n-nodes-gonghui.quotaTracker';
const hash = (person: string) => createHash('sha256').update(person).digest('hex');

describe('Quota Tracker: Merge Rosters', () => {
	const roster = [
		{ idNumberHash: hash('A'), cityCode: '440300', group: 'delivery_rider', active: true },
		{ idNumberHash: hash('B'), cityCode: '440300', group: 'delivery_rider', active: true },
		{ idNumberHash: hash('A'), cityCode: '440300', group: 'ride_hailing_driver', active: true },
		{ idNumberHash: hash('C'), cityCode: '440100', group: 'courier', active: false },
	];

	test('all items make one survey, paired to every entry, ready for PUT /statistics/survey', async () => {
		const previous = { surveyWeekOf: '2022-10-31', cities: [{ cityCode: '440300', groups: [{ group: 'delivery_rider', surveyed: 5 }] }] };
		const result = await runNode(
			{ type: TYPE, parameters: { operation: 'mergeRosters', weekOf: '2022-11-09T06:00:00+08:00', previousSurvey: JSON.stringify(previous) } },
			roster,
		);
		expect(result.error).toBeUndefined();
		const [out] = result.output('Node');
		expect(out).toMatchObject({
			outcome: 'merged',
			weekOf: '2022-11-07',
			counts: [
				{ cityCode: '440300', group: 'ride_hailing_driver', surveyed: 1 },
				{ cityCode: '440300', group: 'delivery_rider', surveyed: 1 },
			],
			workers: 2,
			entries: 4,
			onSeveralRosters: 1,
			inactiveOnly: 1,
			comparison: { previousWeekOf: '2022-10-31', totalBefore: 5, totalAfter: 2, change: -3 },
		});
		expect(String(out.markdown)).toContain('深圳 2（<font color="warning">-3</font>）');
		expect(result.items('Node')[0].pairedItem).toEqual(roster.map((_, item) => ({ item })));
	});

	test('a previous survey that cannot be read fails the node, or becomes an error item under continueOnFail', async () => {
		const parameters: IDataObject = { operation: 'mergeRosters', previousSurvey: '{"nothing": 1}' };
		const failed = await runNode({ type: TYPE, parameters }, roster);
		expect(failed.error?.message).toContain('上次摸底数据');
		const continued = await runNode({ type: TYPE, parameters, continueOnFail: true }, roster);
		const [out] = continued.output('Node');
		expect(out.reasons).toEqual([expect.objectContaining({ code: 'SURVEY_PREVIOUS_INVALID', severity: 'reject' })]);
	});
});
