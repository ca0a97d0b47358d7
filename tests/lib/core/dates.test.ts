import {
	addYears,
	chinaDate,
	formatFen,
	fullYearsOn,
	isRestDay,
	moveOffRestDays,
	periodEndAfterDays,
	periodEndAfterYears,
	todayInChina,
	withRestDays,
	yuanToFen,
} from '../../../lib';

describe('China dates', () => {
	it('reads timestamps as China calendar dates, whatever their offset', () => {
		expect(chinaDate('2022-03-01T23:30:00+08:00')).toBe('2022-03-01');
		expect(chinaDate('2022-03-01T16:30:00Z')).toBe('2022-03-02');
		expect(chinaDate('2022-03-01T10:00:00-08:00')).toBe('2022-03-02');
		expect(chinaDate('2022-03-01')).toBe('2022-03-01');
		expect(chinaDate('2022-02-30')).toBeNull();
		expect(chinaDate('not a date')).toBeNull();
		expect(todayInChina(new Date('2026-12-03T17:00:00Z'))).toBe('2026-12-04');
	});

	it('counts Civil Code periods: the start day not counted, month ends clamped', () => {
		expect(periodEndAfterDays('2022-01-01', 180)).toBe('2022-06-30');
		expect(periodEndAfterYears('2024-02-29', 1)).toBe('2025-02-28');
		expect(addYears('2023-03-15', 1)).toBe('2024-03-15');
	});

	it('reaches N full years the day after the Nth birthday; 29 February falls on 1 March', () => {
		expect(fullYearsOn('2006-05-10', '2022-05-10')).toBe(15);
		expect(fullYearsOn('2006-05-10', '2022-05-11')).toBe(16);
		expect(fullYearsOn('2004-02-29', '2020-02-29')).toBe(15);
		expect(fullYearsOn('2004-02-29', '2020-03-01')).toBe(16);
		expect(fullYearsOn('2004-02-29', '2021-03-01')).toBe(16);
		expect(fullYearsOn('2004-02-29', '2021-03-02')).toBe(17);
		expect(fullYearsOn('2022-01-01', '2022-01-01')).toBe(0);
	});
});

describe('rest days and Civil Code art. 203', () => {
	it.each([
		['2022-10-03', true],
		['2022-10-08', false],
		['2022-10-09', false],
		['2023-01-28', false],
		['2024-02-12', true],
		['2025-06-02', true],
		['2026-02-14', false],
		['2026-02-23', true],
		['2022-11-05', true],
		['2022-11-07', false],
	])('%s is a rest day: %p', (date, rest) => expect(isRestDay(date)).toBe(rest));

	it('moves a last day in a holiday to the first working day after it', () => {
		expect(moveOffRestDays('2022-10-01')).toBe('2022-10-08');
		expect(moveOffRestDays('2023-01-21')).toBe('2023-01-28');
		expect(moveOffRestDays('2022-11-05')).toBe('2022-11-07');
		expect(moveOffRestDays('2022-11-07')).toBe('2022-11-07');
	});

	it("takes a user's calendar: their holidays and working days win", () => {
		const calendar = withRestDays({ holidays: ['2022-11-07'], workdays: ['2022-10-03'] });
		expect(isRestDay('2022-11-07', calendar)).toBe(true);
		expect(isRestDay('2022-10-03', calendar)).toBe(false);
		expect(moveOffRestDays('2022-11-05', calendar)).toBe('2022-11-08');
	});
});

describe('money', () => {
	it.each([
		[123450, '¥1,234.50'],
		[0, '¥0.00'],
		[5, '¥0.05'],
		[100000000, '¥1,000,000.00'],
		[-2000, '-¥20.00'],
	])('%d fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

	it.each([
		['1,234.5', 123450],
		['¥8', 800],
		[12.3, 1230],
		['0.07', 7],
		['abc', null],
		['1.234', null],
	])('%p yuan → %p fen', (yuan, fen) => expect(yuanToFen(yuan)).toBe(fen));

	it('refuses fractional fen', () => expect(() => formatFen(1.5)).toThrow());
});
