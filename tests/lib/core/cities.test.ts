import { CITIES, resolveCity } from '../../../lib';

describe('cities (GB/T 2260, 附件1)', () => {
	it('holds the 21 cities whose 2022 targets add up to the province totals', () => {
		expect(CITIES).toHaveLength(21);
		const sum = (key: 'enterpriseUnions' | 'members' | 'newFormMembers') =>
			CITIES.reduce((total, city) => total + city.targets2022[key], 0);
		expect(sum('enterpriseUnions')).toBe(20000);
		expect(sum('members')).toBe(1200000);
		expect(sum('newFormMembers')).toBe(500000);
	});

	it.each([
		['440300', '440300'],
		['深圳', '440300'],
		['深圳市', '440300'],
		['shenzhen', '440300'],
		['ShenZhen', '440300'],
		['shen zhen', '440300'],
		['440305', '440300'],
		[441900, '441900'],
		['东莞市', '441900'],
		['  广州 ', '440100'],
	])('resolves %p', (input, code) => expect(resolveCity(input)?.cityCode).toBe(code));

	it('gives the short Chinese name and the English name', () => {
		expect(resolveCity('广州市')).toEqual({ cityCode: '440100', cityName: '广州', nameEn: 'Guangzhou' });
	});

	it.each(['长沙', '110000', '4403', '', null, undefined, {}, 'beijing'])('refuses %p', (input) =>
		expect(resolveCity(input)).toBeNull(),
	);
});
