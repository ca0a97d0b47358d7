import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
	WECOM_MARKDOWN_MAX_BYTES,
	compareSurveys,
	keepUncoveredGroups,
	mergeRosters,
	surveyMarkdown,
	surveyWeekOf,
	QuotaInputError,
	type SurveyCount,
} from '../../../lib/quota';
import { CITY_CODES } from '../../../lib/core/cities';
import { WORKER_GROUPS } from '../../../lib/core/vocabulary';

const hash = (person: string) => createHash('sha256').update(person.toUpperCase()).digest('hex');
const entry = (person: string, cityCode: string, group: string, active = true) => ({ idNumberHash: hash(person), cityCode, group, active });
const WEEK = '2022-11-07';

describe('surveyWeekOf: the Monday of the week in China', () => {
	test.each([
		['a Monday is its own week', '2022-11-07', '2022-11-07'],
		['a Sunday belongs to the week before', '2022-11-13', '2022-11-07'],
		['a Wednesday', '2022-11-09', '2022-11-07'],
		['Monday 06:00 in China is still Sunday in UTC', '2022-11-06T22:00:00Z', '2022-11-07'],
		['a timestamp with offset', '2022-11-07T06:00:00.000+08:00', '2022-11-07'],
		['across a year', '2023-01-01', '2022-12-26'],
	])('%s', (_name, value, monday) => {
		expect(surveyWeekOf(value)).toBe(monday);
	});

	test('empty means this week; unreadable is refused', () => {
		expect(new Date(surveyWeekOf() + 'T00:00:00+08:00').getUTCDay()).toBe(0); // Monday 00:00 +08 is Sunday 16:00 UTC
		expect(() => surveyWeekOf('next week')).toThrow(QuotaInputError);
	});
});

describe('mergeRosters: each worker counted once', () => {
	test('a worker on two rosters in the same group is counted once', () => {
		const survey = mergeRosters([entry('A', '440300', 'delivery_rider'), entry('A', '440300', 'delivery_rider'), entry('B', '440300', 'delivery_rider')], { weekOf: WEEK });
		expect(survey.counts).toEqual([{ cityCode: '440300', group: 'delivery_rider', surveyed: 2 }]);
		expect(survey).toMatchObject({ weekOf: WEEK, workers: 2, entries: 3, activeEntries: 3, onSeveralRosters: 1, inactiveOnly: 0, issues: [] });
	});

	test.each([
		['the earlier 附件2 row wins (ride-hailing before delivery)', [entry('A', '440100', 'delivery_rider'), entry('A', '440100', 'ride_hailing_driver')], '440100', 'ride_hailing_driver'],
		['whatever order the companies answer in', [entry('A', '440100', 'ride_hailing_driver'), entry('A', '440100', 'delivery_rider')], '440100', 'ride_hailing_driver'],
		['truck drivers come first', [entry('A', '440100', 'other'), entry('A', '440100', 'courier'), entry('A', '440100', 'truck_driver')], '440100', 'truck_driver'],
		['same group, two cities: the lower code', [entry('A', '440300', 'courier'), entry('A', '440100', 'courier')], '440100', 'courier'],
		['an inactive entry does not decide the group', [entry('A', '440100', 'truck_driver', false), entry('A', '440100', 'courier')], '440100', 'courier'],
	])('several groups: %s', (_name, entries, cityCode, group) => {
		const survey = mergeRosters(entries, { weekOf: WEEK });
		expect(survey.counts).toEqual([{ cityCode, group, surveyed: 1 }]);
		expect(survey.workers).toBe(1);
	});

	test('inactive everywhere: not counted, but reported', () => {
		const survey = mergeRosters([entry('A', '440300', 'courier', false), entry('A', '441900', 'courier', false), entry('B', '440300', 'courier')], { weekOf: WEEK });
		expect(survey.counts).toEqual([{ cityCode: '440300', group: 'courier', surveyed: 1 }]);
		expect(survey).toMatchObject({ workers: 1, entries: 3, activeEntries: 1, inactiveOnly: 1, onSeveralRosters: 0 });
	});

	test('hashes compare case-insensitively; a missing active flag counts as active; cities and groups by name', () => {
		const survey = mergeRosters(
			[
				{ idNumberHash: hash('A').toUpperCase(), cityCode: '深圳', group: '网约配送员' },
				{ idNumberHash: hash('A'), cityCode: '440305', group: 'delivery_rider', active: true },
			],
			{ weekOf: WEEK },
		);
		expect(survey.counts).toEqual([{ cityCode: '440300', group: 'delivery_rider', surveyed: 1 }]);
		expect(survey.onSeveralRosters).toBe(1);
	});

	test('unreadable entries are left out with their reasons, never a crash', () => {
		const survey = mergeRosters(
			[null, 'x', { idNumberHash: 'abc', cityCode: '440300', group: 'courier' }, { ...entry('A', '430100', 'courier') }, { ...entry('B', '440300', 'pilot') }, { error: 'Company unreachable' }, entry('C', '440300', 'courier')],
			{ weekOf: WEEK },
		);
		expect(survey.counts).toEqual([{ cityCode: '440300', group: 'courier', surveyed: 1 }]);
		expect(survey.entries).toBe(1);
		expect(survey.issues.map((r) => r.field)).toEqual(['roster[0]', 'roster[1]', 'roster[2].idNumberHash', 'roster[3].cityCode', 'roster[4].group', 'roster[5]']);
		for (const r of survey.issues) expect(r).toMatchObject({ code: 'ROSTER_ENTRY_INVALID', severity: 'review', rule: '正文 二（二）' });
		expect(survey.issues[5].message).toContain('Company unreachable');
	});

	test('rows in 附件1 city order and 附件2 group order, only rows with workers', () => {
		const survey = mergeRosters([entry('A', '445300', 'other'), entry('B', '440100', 'courier'), entry('C', '440100', 'truck_driver'), entry('D', '440300', 'courier')], { weekOf: WEEK });
		expect(survey.counts.map((c) => `${c.cityCode}/${c.group}`)).toEqual(['440100/truck_driver', '440100/courier', '440300/courier', '445300/other']);
	});

	const rosterEntry = fc.record({
		person: fc.integer({ min: 0, max: 40 }),
		cityCode: fc.constantFrom(...CITY_CODES),
		group: fc.constantFrom(...WORKER_GROUPS),
		active: fc.boolean(),
	});

	test('property: the counts sum to the distinct workers active somewhere, whatever the order', () => {
		fc.assert(
			fc.property(fc.array(rosterEntry, { maxLength: 120 }), (raw) => {
				const entries = raw.map((e) => entry(`P${e.person}`, e.cityCode, e.group, e.active));
				const survey = mergeRosters(entries, { weekOf: WEEK });
				const activePeople = new Set(raw.filter((e) => e.active).map((e) => e.person));
				const allPeople = new Set(raw.map((e) => e.person));
				expect(survey.counts.reduce((s, c) => s + c.surveyed, 0)).toBe(activePeople.size);
				expect(survey.workers).toBe(activePeople.size);
				expect(survey.inactiveOnly).toBe(allPeople.size - activePeople.size);
				expect(mergeRosters([...entries].reverse(), { weekOf: WEEK }).counts).toEqual(survey.counts);
			}),
		);
	});

	test('property: merging a roster with itself changes nothing but the overlap', () => {
		fc.assert(
			fc.property(fc.array(rosterEntry, { maxLength: 60 }), (raw) => {
				const entries = raw.map((e) => entry(`P${e.person}`, e.cityCode, e.group, e.active));
				const once = mergeRosters(entries, { weekOf: WEEK });
				const twice = mergeRosters([...entries, ...entries], { weekOf: WEEK });
				expect(twice.counts).toEqual(once.counts);
				expect(twice.onSeveralRosters).toBe(once.workers);
			}),
		);
	});
});

describe('keepUncoveredGroups: what no roster lists is kept from the previous survey', () => {
	const previous = {
		surveyWeekOf: '2022-10-31',
		cities: [
			{ cityCode: '440100', groups: [{ group: 'other', surveyed: 52 }, { group: 'courier', surveyed: 9 }, { group: 'truck_driver', surveyed: 4 }] },
			{ cityCode: '440300', groups: [{ group: 'other', surveyed: 80 }] },
		],
	};

	test('a group no entry belongs to keeps its previous counts; covered groups are the rosters’ alone', () => {
		const survey = mergeRosters([entry('A', '440100', 'courier'), entry('B', '440100', 'delivery_rider', false)], { weekOf: WEEK });
		expect(survey.groupsCovered).toEqual(['courier', 'delivery_rider']);
		const kept = keepUncoveredGroups(survey, previous);
		expect(kept.counts).toEqual([
			{ cityCode: '440100', group: 'truck_driver', surveyed: 4 },
			{ cityCode: '440100', group: 'courier', surveyed: 1 },
			{ cityCode: '440100', group: 'other', surveyed: 52 },
			{ cityCode: '440300', group: 'other', surveyed: 80 },
		]);
		expect(kept.carriedForward).toEqual({ fromWeekOf: '2022-10-31', groups: ['truck_driver', 'other'], surveyed: 136 });
		expect(kept.workers).toBe(1);
		const text = surveyMarkdown(kept, compareSurveys(kept.counts, previous));
		expect(text).toContain('kept from 2022-10-31：货车司机、其他群体 136');
	});

	test('nothing to keep: the survey as it was', () => {
		const survey = mergeRosters([entry('A', '440100', 'courier')], { weekOf: WEEK });
		expect(keepUncoveredGroups(survey, undefined)).toBe(survey);
		expect(keepUncoveredGroups(survey, [{ cityCode: '440100', group: 'courier', surveyed: 7 }])).toBe(survey);
	});
});

describe('compareSurveys: what changed since the previous survey', () => {
	const now: SurveyCount[] = [
		{ cityCode: '440100', group: 'courier', surveyed: 12 },
		{ cityCode: '440300', group: 'delivery_rider', surveyed: 30 },
	];

	test('against the platform statistics document', () => {
		const statistics = {
			asOf: '2022-11-06',
			surveyWeekOf: '2022-10-31',
			cities: [
				{ cityCode: '440100', groups: [{ group: 'courier', surveyed: 10 }, { group: 'truck_driver', surveyed: 0 }] },
				{ cityCode: '440300', groups: [{ group: 'delivery_rider', surveyed: 30 }] },
				{ cityCode: '441900', groups: [{ group: 'other', surveyed: 4 }] },
			],
		};
		const comparison = compareSurveys(now, statistics);
		expect(comparison).toMatchObject({ previousWeekOf: '2022-10-31', totalBefore: 44, totalAfter: 42, change: -2 });
		expect(comparison.cities).toEqual([
			{ cityCode: '440100', cityName: '广州', before: 10, after: 12, change: 2, groups: [{ group: 'courier', groupName: '快递员', before: 10, after: 12, change: 2 }] },
			{ cityCode: '441900', cityName: '东莞', before: 4, after: 0, change: -4, groups: [{ group: 'other', groupName: '其他群体', before: 4, after: 0, change: -4 }] },
		]);
		expect(comparison.groups.find((g) => g.group === 'courier')).toMatchObject({ before: 10, after: 12, change: 2 });
	});

	test.each([
		['nothing', undefined],
		['an empty string', ''],
		['a statistics document without a survey', { asOf: '2022-11-06', surveyWeekOf: null, cities: [{ cityCode: '440100', groups: [{ group: 'courier', surveyed: 0 }] }] }],
	])('a first survey: %s', (_name, previous) => {
		const comparison = compareSurveys(now, previous);
		expect(comparison).toMatchObject({ previousWeekOf: null, totalBefore: 0, totalAfter: 42, change: 42 });
		expect(comparison.cities.map((c) => c.cityCode)).toEqual(['440100', '440300']);
	});

	test('against survey rows and { weekOf, counts }', () => {
		expect(compareSurveys(now, now)).toMatchObject({ change: 0, cities: [] });
		expect(compareSurveys(now, JSON.stringify({ weekOf: '2022-10-31', counts: now }))).toMatchObject({ previousWeekOf: '2022-10-31', change: 0 });
	});

	test('anything else is refused', () => {
		expect(() => compareSurveys(now, { hello: 1 })).toThrow(QuotaInputError);
		expect(() => compareSurveys(now, '{not json')).toThrow(QuotaInputError);
	});
});

describe('surveyMarkdown', () => {
	test('says what was counted and what changed, city by city', () => {
		const survey = mergeRosters([entry('A', '440100', 'courier'), entry('A', '440100', 'delivery_rider'), entry('B', '440300', 'delivery_rider', false)], { weekOf: WEEK });
		const text = surveyMarkdown(survey, compareSurveys(survey.counts, [{ cityCode: '440100', group: 'courier', surveyed: 3 }]));
		expect(text).toContain('2022-11-07 周');
		expect(text).toContain('**1**（1 人在多家平台');
		expect(text).toContain('未计入 Inactive everywhere, not counted：1');
		expect(text).toContain('Since last survey：**-2**（3 → 1）');
		expect(text).toContain('广州 1（<font color="warning">-2</font>）：快递员 -2');
	});

	test('a first survey and no change are said so', () => {
		const survey = mergeRosters([entry('A', '440100', 'courier')], { weekOf: WEEK });
		expect(surveyMarkdown(survey, compareSurveys(survey.counts))).toContain('首次摸底');
		expect(surveyMarkdown(survey, compareSurveys(survey.counts, survey.counts))).toContain('No change');
	});

	test('stays within the WeCom markdown limit however many cities changed', () => {
		const entries = CITY_CODES.flatMap((cityCode, c) => WORKER_GROUPS.map((group, g) => entry(`${c}-${g}`, cityCode, group)));
		const survey = mergeRosters(entries, { weekOf: WEEK });
		const huge = CITY_CODES.flatMap((cityCode) => WORKER_GROUPS.map((group) => ({ cityCode, group, surveyed: 99_999_999 })));
		const text = surveyMarkdown(survey, compareSurveys(survey.counts, { weekOf: '2022-10-31', counts: huge }));
		expect(Buffer.byteLength(text)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
		const shown = CITY_CODES.length - Number(/另有 (\d+) 市/.exec(text)?.[1]);
		expect(shown).toBeGreaterThan(10);
		expect(text).toContain('广州 5（<font color="warning">-499,999,990</font>）');
		expect(text.split('\n').filter((line) => line.includes('：货车司机 -99,999,998'))).toHaveLength(shown);
	});
});
