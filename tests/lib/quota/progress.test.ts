import { CITY_CODES, WORKER_GROUPS, computeProgress, progressRows, QuotaInputError, type ProgressReport } from '../../../lib';

const AS_OF = '2022-06-30';
// 2021-09-07 → 2022-06-30 is 296 of the campaign's 480 days
const ELAPSED = 296 / 480;

function noNaN(value: unknown, path = 'report'): void {
	if (typeof value === 'number') {
		expect([path, Number.isFinite(value)]).toEqual([path, true]);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => noNaN(v, `${path}[${i}]`));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) noNaN(v, `${path}.${k}`);
	}
}

function city(report: ProgressReport, code: string) {
	const found = report.cities.find((c) => c.cityCode === code);
	if (!found) throw new Error(`no ${code}`);
	return found;
}

describe('computeProgress on the 附件1 targets', () => {
	test('no counts at all: 21 cities at zero, nothing NaN, the circular’s totals as targets', () => {
		const report = computeProgress([], { asOf: AS_OF });
		expect(report.cities.map((c) => c.cityCode)).toEqual(CITY_CODES);
		expect(report.year).toBe(2022);
		expect(report.campaign).toEqual({ start: '2021-09-07', end: '2022-12-31' });
		expect(report.elapsedFraction).toBeCloseTo(ELAPSED, 12);
		expect(report.province).toMatchObject({
			target: 500000,
			joined: 0,
			completionRate: 0,
			realNameRate: null,
			realNameBelowMinimum: false,
			behindSchedule: true,
			planCostFen: 0,
			enterpriseUnions: { count: 0, target: 20000, rate: 0 },
			members: { count: 0, target: 1200000, rate: 0 },
		});
		for (const c of report.cities) {
			expect(c.groups.map((g) => g.group)).toEqual([...WORKER_GROUPS]);
			expect(c.completionRate).toBe(0);
			expect(c.realNameRate).toBeNull();
			expect(c.behindSchedule).toBe(true);
		}
		noNaN(report);
		expect(report.issues).toEqual([]);
		expect(report.ranking.every((r) => r.rank === 1)).toBe(true);
	});

	test('rows: a city’s groups against its new-form target (附件2 说明3), the total, the rates as ratios', () => {
		const report = computeProgress(
			[
				{ cityCode: '440100', group: 'truck_driver', surveyed: 30000, joined: 12000, platformRegistered: 10000, enrolled: 9000 },
				{ cityCode: '440100', group: 'delivery_rider', surveyed: 70000, joined: 35100, platformRegistered: 28080, enrolled: 28000 },
				{ cityCode: '440100', newEnterpriseUnions: 2150, newMembers: 113050 },
			],
			{ asOf: AS_OF },
		);
		const gz = city(report, '440100');
		expect(gz).toMatchObject({
			cityName: '广州',
			surveyed: 100000,
			target: 94200,
			joined: 47100,
			completionRate: 0.5,
			platformRegistered: 38080,
			enrolled: 37000,
			planCostFen: 37000 * 2000,
			behindSchedule: true,
			enterpriseUnions: { count: 2150, target: 4300, rate: 0.5 },
			members: { count: 113050, target: 226100, rate: 0.5 },
		});
		expect(gz.realNameRate).toBeCloseTo(38080 / 47100, 15);
		expect(gz.realNameBelowMinimum).toBe(false);
		const truck = gz.groups[0];
		expect(truck).toMatchObject({ group: 'truck_driver', groupName: '货车司机', target: 94200, targetBasis: 'city', joined: 12000, surveyed: 30000 });
		expect(truck.completionRate).toBeCloseTo(12000 / 94200, 15);
		expect(truck.realNameRate).toBeCloseTo(10000 / 12000, 15);
		const rider = gz.groups[3];
		expect(rider.realNameRate).toBe(0.8);
		expect(rider.realNameBelowMinimum).toBe(false);
		expect(gz.groups[1]).toMatchObject({ joined: 0, completionRate: 0, realNameRate: null, realNameBelowMinimum: false });
		// groups measured against the whole city target add up to the city's completion
		expect(gz.groups.reduce((a, g) => a + (g.completionRate ?? 0), 0)).toBeCloseTo(gz.completionRate!, 12);
		expect(report.ranking[0]).toMatchObject({ rank: 1, cityCode: '440100', cityName: '广州', completionRate: 0.5 });
		expect(report.ranking[1].rank).toBe(2);
		noNaN(report);
	});

	test('missing counts are 0: a row with only joined', () => {
		const report = computeProgress([{ cityCode: '440300', group: 'courier', joined: 1311 }], { asOf: AS_OF });
		const sz = city(report, '440300');
		expect(sz.groups[2]).toMatchObject({ surveyed: 0, joined: 1311, platformRegistered: 0, enrolled: 0, completionRate: 0.01, realNameRate: 0, realNameBelowMinimum: true });
		expect(sz.realNameBelowMinimum).toBe(true);
		noNaN(report);
	});

	test('real-name rate just under 0.80 is flagged, 0.80 itself is not', () => {
		const report = computeProgress(
			[
				{ cityCode: '440400', group: 'courier', joined: 10000, platformRegistered: 7999 },
				{ cityCode: '440500', group: 'courier', joined: 10000, platformRegistered: 8000 },
			],
			{ asOf: AS_OF },
		);
		expect(city(report, '440400').realNameBelowMinimum).toBe(true);
		expect(city(report, '440500').realNameBelowMinimum).toBe(false);
	});

	test('behind schedule: completion below the elapsed share of the campaign', () => {
		const atEnd = computeProgress(
			[
				{ cityCode: '441500', group: 'other', joined: 4100 },
				{ cityCode: '445100', group: 'other', joined: 3599 },
			],
			{ asOf: '2022-12-31' },
		);
		expect(atEnd.elapsedFraction).toBe(1);
		expect(city(atEnd, '441500').behindSchedule).toBe(false);
		expect(city(atEnd, '445100').behindSchedule).toBe(true);

		const beforeStart = computeProgress([], { asOf: '2021-09-01' });
		expect(beforeStart.elapsedFraction).toBe(0);
		expect(beforeStart.cities.every((c) => c.behindSchedule === false)).toBe(true);
		expect(computeProgress([], { asOf: '2021-09-07' }).elapsedFraction).toBe(0);
		expect(computeProgress([], { asOf: '2021-09-08' }).elapsedFraction).toBeCloseTo(1 / 480, 15);
		expect(computeProgress([], { asOf: '2023-06-30' }).elapsedFraction).toBe(1);

		// exactly on the line is on schedule: 汕尾 4100 × 296/480 = 2528.33…, so 2529 is on, 2528 behind
		const onLine = computeProgress([{ cityCode: '441500', group: 'courier', joined: 2529 }], { asOf: AS_OF });
		expect(city(onLine, '441500').behindSchedule).toBe(false);
		const below = computeProgress([{ cityCode: '441500', group: 'courier', joined: 2528 }], { asOf: AS_OF });
		expect(city(below, '441500').behindSchedule).toBe(true);
	});

	test('the platform’s statistics document gives the same report as rows, and its asOf is used', () => {
		const doc = {
			asOf: AS_OF,
			cities: [
				{ cityCode: '441900', groups: [{ group: 'courier', surveyed: 50000, joined: 31600, platformRegistered: 30000, enrolled: 29000 }], newEnterpriseUnions: 1000, newMembers: 70000 },
				{ cityCode: '440600', groups: [{ group: 'truck_driver', joined: 100 }, { group: 'other' }], newEnterpriseUnions: 3, newMembers: 100 },
			],
		};
		const rows = [
			{ cityCode: '441900', group: 'courier', surveyed: 50000, joined: 31600, platformRegistered: 30000, enrolled: 29000 },
			{ cityCode: '441900', newEnterpriseUnions: 1000, newMembers: 70000 },
			{ cityCode: '440600', group: 'truck_driver', joined: 100, newEnterpriseUnions: 3, newMembers: 100 },
		];
		const fromDoc = computeProgress(doc);
		expect(fromDoc.asOf).toBe(AS_OF);
		expect(fromDoc).toEqual(computeProgress(rows, { asOf: AS_OF }));
		expect(city(fromDoc, '441900').completionRate).toBe(0.5);
		// the same document as a one-element array (one n8n item) reads the same
		expect(computeProgress([doc])).toEqual(fromDoc);
	});

	test('rows for the same city and group add up; cities by name or pinyin; groups by 附件2 label', () => {
		const report = computeProgress(
			[
				{ city: '深圳市', group: '快递员', joined: 100 },
				{ city: 'Shenzhen', group: 'courier', joined: 50 },
				{ cityCode: '440304', group: 'courier', joined: 5 }, // a district of Shenzhen
			],
			{ asOf: AS_OF },
		);
		expect(city(report, '440300').groups[2].joined).toBe(155);
		expect(report.issues).toEqual([]);
	});

	test('what cannot be counted is reported with its reason and left out or taken as 0', () => {
		const report = computeProgress(
			[
				{ cityCode: '110000', group: 'courier', joined: 9 },
				{ cityCode: '440100', group: 'pilot', joined: 9 },
				{ cityCode: '440100', joined: 9 },
				{ cityCode: '440100', group: 'courier', joined: -3, surveyed: '12', enrolled: 'many' },
				{ cityCode: '440200', group: 'courier', joined: 10, platformRegistered: 12, enrolled: 13 },
				'not a row',
			],
			{ asOf: AS_OF },
		);
		const codes = report.issues.map((r) => r.code);
		expect(codes).toEqual([
			'COUNTS_INVALID',
			'COUNTS_CITY_UNKNOWN',
			'COUNTS_GROUP_UNKNOWN',
			'COUNTS_GROUP_UNKNOWN',
			'COUNTS_INVALID',
			'COUNTS_INVALID',
			'COUNTS_INCONSISTENT',
			'COUNTS_INCONSISTENT',
		]);
		for (const issue of report.issues) {
			expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
			expect(issue.messageEn).toBeTruthy();
			expect(issue.rule).toMatch(/附件/);
		}
		expect(city(report, '440100').groups[2]).toMatchObject({ joined: 0, surveyed: 12, enrolled: 0 });
		expect(city(report, '440100').joined).toBe(0);
		noNaN(report);
	});

	test('plan cost: enrolments × the premium, per group, city and province', () => {
		const counts = [
			{ cityCode: '440100', group: 'courier', joined: 100, platformRegistered: 90, enrolled: 80 },
			{ cityCode: '440300', group: 'delivery_rider', joined: 100, platformRegistered: 90, enrolled: 25 },
		];
		const report = computeProgress(counts, { asOf: AS_OF });
		expect(report.premiumFen).toBe(2000);
		expect(city(report, '440100').planCostFen).toBe(160000);
		expect(city(report, '440300').groups[3].planCostFen).toBe(50000);
		expect(report.province.planCostFen).toBe(210000);
		expect(computeProgress(counts, { asOf: AS_OF, premiumFen: 1500 }).province.planCostFen).toBe(105 * 1500);
		expect(() => computeProgress(counts, { asOf: AS_OF, premiumFen: 20.5 })).toThrow(QuotaInputError);
	});

	test('province totals are the sums of the cities', () => {
		const counts = CITY_CODES.flatMap((code, i) =>
			WORKER_GROUPS.map((group, j) => ({ cityCode: code, group, surveyed: 1000 * (i + 1), joined: 300 * (i + 1) + j, platformRegistered: 250 * (i + 1), enrolled: 200 * (i + 1) })),
		);
		const report = computeProgress(counts, { asOf: AS_OF });
		const sum = (f: (c: (typeof report.cities)[number]) => number) => report.cities.reduce((a, c) => a + f(c), 0);
		expect(report.province.joined).toBe(sum((c) => c.joined));
		expect(report.province.surveyed).toBe(sum((c) => c.surveyed));
		expect(report.province.platformRegistered).toBe(sum((c) => c.platformRegistered));
		expect(report.province.planCostFen).toBe(sum((c) => c.planCostFen));
		expect(report.province.completionRate).toBeCloseTo(report.province.joined / 500000, 15);
		for (const [j, group] of WORKER_GROUPS.entries()) {
			const row = report.province.groups[j];
			expect(row.group).toBe(group);
			expect(row.target).toBe(500000);
			expect(row.joined).toBe(report.cities.reduce((a, c) => a + c.groups[j].joined, 0));
		}
		// ranking: highest completion first, every rank once here
		const rates = report.ranking.map((r) => r.completionRate!);
		expect([...rates].sort((a, b) => b - a)).toEqual(rates);
		expect(report.ranking.map((r) => r.rank)).toEqual(CITY_CODES.map((_, i) => i + 1));
		expect(progressRows(report)).toHaveLength(21 * 6);
		noNaN(report);
	});

	test('a zero target gives null rates, no NaN, null behindSchedule, and ranks last', () => {
		const targets = {
			year: 2022,
			cities: [
				{ cityCode: '440100', enterpriseUnions: 0, members: 0, newFormMembers: 0 },
				{ cityCode: '440300', enterpriseUnions: 10, members: 100, newFormMembers: 50 },
			],
		};
		const report = computeProgress(
			[
				{ cityCode: '440100', group: 'courier', joined: 5 },
				{ cityCode: '440300', group: 'courier', joined: 0 },
				{ cityCode: '440400', group: 'courier', joined: 7 },
			],
			{ asOf: AS_OF, targets },
		);
		expect(report.cities.map((c) => c.cityCode)).toEqual(['440100', '440300']);
		const gz = city(report, '440100');
		expect(gz.completionRate).toBeNull();
		expect(gz.behindSchedule).toBeNull();
		expect(gz.enterpriseUnions.rate).toBeNull();
		expect(gz.groups[2].completionRate).toBeNull();
		expect(report.ranking.map((r) => [r.cityCode, r.rank])).toEqual([
			['440300', 1],
			['440100', 2],
		]);
		expect(report.issues.map((r) => r.code)).toEqual(['COUNTS_CITY_NOT_IN_TABLE']);
		noNaN(report);
	});

	test('group targets split by the surveyed counts or by the table (largest remainder, exact sum)', () => {
		const counts = [
			{ cityCode: '440300', group: 'truck_driver', surveyed: 41000, joined: 10539 },
			{ cityCode: '440300', group: 'ride_hailing_driver', surveyed: 52000 },
			{ cityCode: '440300', group: 'courier', surveyed: 61000 },
			{ cityCode: '440300', group: 'delivery_rider', surveyed: 88000 },
			{ cityCode: '440300', group: 'other', surveyed: 13000 },
		];
		const bySurvey = computeProgress(counts, { asOf: AS_OF, groupTargets: 'surveyed' });
		const sz = city(bySurvey, '440300');
		expect(sz.groups.map((g) => g.target)).toEqual([21079, 26734, 31361, 45242, 6684]);
		expect(sz.groups.every((g) => g.targetBasis === 'surveyed')).toBe(true);
		expect(sz.groups[0].completionRate).toBeCloseTo(10539 / 21079, 15);
		expect(sz.target).toBe(131100);

		// no survey yet: equal split, the first codes in string order take the leftover units
		const even = city(computeProgress([], { asOf: AS_OF, groupTargets: 'surveyed' }), '440300');
		expect(even.groups.map((g) => [g.group, g.target])).toEqual([
			['truck_driver', 26220],
			['ride_hailing_driver', 26220],
			['courier', 26220],
			['delivery_rider', 26220],
			['other', 26220],
		]);

		const table = {
			year: 2022,
			cities: [{ cityCode: '440300', enterpriseUnions: 5000, members: 314700, newFormMembers: 131100, groups: { truck_driver: 31100, courier: 100000 } }],
		};
		const byTable = city(computeProgress(counts, { asOf: AS_OF, targets: table }), '440300');
		expect(byTable.groups.map((g) => g.target)).toEqual([31100, 0, 100000, 0, 0]);
		expect(byTable.groups[1].completionRate).toBeNull();
		expect(city(computeProgress(counts, { asOf: AS_OF, targets: table, groupTargets: 'city' }), '440300').groups[1].target).toBe(131100);
	});

	test('a year other than 2022 is scheduled over its calendar year', () => {
		const table = { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 10, members: 100, newFormMembers: 50 }] };
		const report = computeProgress([], { asOf: '2023-07-02', targets: table });
		expect(report.campaign).toEqual({ start: '2022-12-31', end: '2023-12-31' });
		expect(report.elapsedFraction).toBeCloseTo(183 / 365, 12);
	});

	test('options it cannot use are errors; asOf defaults to today in China', () => {
		expect(() => computeProgress([], { asOf: '2022-13-01' })).toThrow(QuotaInputError);
		expect(() => computeProgress([], { targets: { year: 2022 } })).toThrow(QuotaInputError);
		expect(computeProgress([]).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(computeProgress(null, { asOf: AS_OF }).cities).toHaveLength(21);
	});
});
