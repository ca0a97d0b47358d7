import { CITY_CODES, QuotaInputError, TARGETS_2022, targetTable, validateTargetTable } from '../../../lib';

describe('the built-in 2022 targets (附件1)', () => {
	test('21 cities in 附件1 order, summing to the circular’s totals', () => {
		expect(TARGETS_2022.year).toBe(2022);
		expect(TARGETS_2022.cities.map((c) => c.cityCode)).toEqual(CITY_CODES);
		const total = (field: 'enterpriseUnions' | 'members' | 'newFormMembers') => TARGETS_2022.cities.reduce((a, c) => a + c[field], 0);
		expect(total('enterpriseUnions')).toBe(20000);
		expect(total('members')).toBe(1200000);
		expect(total('newFormMembers')).toBe(500000);
		expect(TARGETS_2022.cities[1]).toEqual({ cityCode: '440300', cityName: '深圳', enterpriseUnions: 5000, members: 314700, newFormMembers: 131100 });
	});

	test('it is the table used when none is given, and cannot be changed', () => {
		expect(targetTable()).toBe(TARGETS_2022);
		expect(() => {
			(TARGETS_2022.cities[0] as { members: number }).members = 1;
		}).toThrow();
	});
});

describe('user-supplied target tables', () => {
	test('a list with codes, names and pinyin, in any order; sorted to 附件1 order', () => {
		const { table, reasons } = validateTargetTable({
			year: 2023,
			cities: [
				{ city: 'shenzhen', enterpriseUnions: 10, members: 100, newFormMembers: 40 },
				{ cityCode: '440100', enterpriseUnions: 20, members: 200, newFormMembers: 80 },
				{ cityName: '珠海市', enterpriseUnions: '3', members: '30', newFormMembers: '12' },
			],
		});
		expect(reasons).toEqual([]);
		expect(table).toEqual({
			year: 2023,
			cities: [
				{ cityCode: '440100', cityName: '广州', enterpriseUnions: 20, members: 200, newFormMembers: 80 },
				{ cityCode: '440300', cityName: '深圳', enterpriseUnions: 10, members: 100, newFormMembers: 40 },
				{ cityCode: '440400', cityName: '珠海', enterpriseUnions: 3, members: 30, newFormMembers: 12 },
			],
		});
	});

	test('an object keyed by city, with a split across groups named by code or label', () => {
		const table = targetTable({
			year: '2023',
			cities: { 深圳: { enterpriseUnions: 1, members: 100, newFormMembers: 10, groups: { 货车司机: 4, courier: 6 } } },
		});
		expect(table.cities[0].groups).toEqual({ truck_driver: 4, ride_hailing_driver: 0, courier: 6, delivery_rider: 0, other: 0 });
	});

	test.each([
		['not an object', 'x', 'targets'],
		['no year', { cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 1, newFormMembers: 1 }] }, 'year'],
		['no cities', { year: 2023 }, 'cities'],
		['an empty list', { year: 2023, cities: [] }, 'cities'],
		['a city outside the province', { year: 2023, cities: [{ cityCode: '110000', enterpriseUnions: 1, members: 1, newFormMembers: 1 }] }, 'cities[0].cityCode'],
		[
			'a city twice',
			{
				year: 2023,
				cities: [
					{ cityCode: '440100', enterpriseUnions: 1, members: 1, newFormMembers: 1 },
					{ city: '广州', enterpriseUnions: 1, members: 1, newFormMembers: 1 },
				],
			},
			'cities[1].cityCode',
		],
		['a negative target', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: -1, members: 1, newFormMembers: 1 }] }, 'cities[0].enterpriseUnions'],
		['a fractional target', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 1.5, newFormMembers: 1 }] }, 'cities[0].members'],
		['a missing target', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 10 }] }, 'cities[0].newFormMembers'],
		['new-form above all members', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 10, newFormMembers: 11 }] }, 'cities[0].newFormMembers'],
		['groups that do not add up', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 10, newFormMembers: 5, groups: { courier: 4 } }] }, 'cities[0].groups'],
		['an unknown group', { year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 1, members: 10, newFormMembers: 5, groups: { pilots: 5 } }] }, 'cities[0].groups.pilots'],
	])('refused: %s', (_name, input, field) => {
		const { table, reasons } = validateTargetTable(input);
		expect(table).toBeNull();
		expect(reasons.length).toBeGreaterThan(0);
		expect(reasons.every((r) => r.code === 'TARGETS_INVALID' && r.severity === 'reject' && r.rule === '附件1' && r.messageEn)).toBe(true);
		expect(reasons.map((r) => r.field)).toContain(field);
		expect(() => targetTable(input)).toThrow(QuotaInputError);
	});

	test('every problem is reported, not only the first', () => {
		const { reasons } = validateTargetTable({ year: 1, cities: [{ cityCode: '440100', enterpriseUnions: -1, members: 'x', newFormMembers: 1 }] });
		expect(reasons.map((r) => r.field)).toEqual(['year', 'cities[0].enterpriseUnions', 'cities[0].members']);
	});
});
