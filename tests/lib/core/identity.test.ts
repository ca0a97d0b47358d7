import fc from 'fast-check';
import {
	isValidUsci,
	normalizeMobile,
	parseResidentId,
	PROVINCE_CODES,
	residentIdCheckCharacter,
	usciCheckCharacter,
} from '../../../lib';

describe('parseResidentId (GB 11643-1999)', () => {
	it.each([
		['44030819990101123', '1999-01-01', 'male', '44'],
		['51010419880412345', '1988-04-12', 'male', '51'],
		['65010220000229002', '2000-02-29', 'female', '65'],
		['82000019951212001', '1995-12-12', 'male', '82'],
		['71000019800101002', '1980-01-01', 'female', '71'],
	])('reads birth date, gender and province of %s + its check character', (first17, birthDate, gender, provinceCode) => {
		const id = first17 + residentIdCheckCharacter(first17);
		expect(parseResidentId(id, { on: '2026-01-01' })).toMatchObject({ valid: true, birthDate, gender, provinceCode });
	});

	it('accepts the GB 11643 example and reads the lower-case x as X', () => {
		expect(parseResidentId('11010519491231002X')).toMatchObject({ valid: true, normalized: '11010519491231002X' });
		expect(parseResidentId('11010519491231002x').valid).toBe(true);
	});

	it.each([
		['1101051949123100', 'format'],
		['11010519491231002Y', 'format'],
		[' ', 'format'],
		['99010519491231002X', 'province'],
		['11010518991231002X', 'birth_date'],
		['110105194902300027', 'birth_date'],
		['11010519491231002 ', 'format'],
		['110105194912310021', 'check_character'],
	])('refuses %s (%s)', (id, reason) => {
		expect(parseResidentId(id)).toMatchObject({ valid: false, reason });
	});

	it('refuses a birth date after the day it is judged on', () => {
		const first17 = '44030820300101123';
		const id = first17 + residentIdCheckCharacter(first17);
		expect(parseResidentId(id, { on: '2026-12-03' })).toMatchObject({ valid: false, reason: 'birth_date' });
		expect(parseResidentId(id, { on: '2030-01-01' }).valid).toBe(true);
	});

	it('never throws on values that are not strings', () => {
		for (const value of [undefined, null, 42, {}, [], true]) {
			expect(parseResidentId(value)).toMatchObject({ valid: false, reason: 'format' });
		}
	});

	const validId = fc
		.record({
			province: fc.constantFrom(...PROVINCE_CODES),
			area: fc.integer({ min: 0, max: 9999 }),
			birth: fc.date({ min: new Date('1900-01-01T12:00:00Z'), max: new Date('2025-12-31T12:00:00Z'), noInvalidDate: true }),
			sequence: fc.integer({ min: 0, max: 999 }),
		})
		.map(({ province, area, birth, sequence }) => {
			const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
			const first17 = province + String(area).padStart(4, '0') + date + String(sequence).padStart(3, '0');
			return first17 + residentIdCheckCharacter(first17);
		});

	it('validates any province prefix, birth date and sequence with its computed check character', () => {
		fc.assert(fc.property(validId, (id) => parseResidentId(id, { on: '2026-12-03' }).valid));
	});

	it('fails when any one character is changed', () => {
		fc.assert(
			fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, position, shift) => {
				const alphabet = '0123456789X';
				const current = alphabet.indexOf(id[position]);
				const replacement = alphabet[(current + shift) % alphabet.length];
				const changed = id.slice(0, position) + replacement + id.slice(position + 1);
				return changed === id || !parseResidentId(changed, { on: '2026-12-03' }).valid;
			}),
		);
	});
});

describe('isValidUsci (GB 32100-2015)', () => {
	it('accepts the standard example, read upper-cased', () => {
		expect(isValidUsci('91350100M000100Y43')).toBe(true);
		expect(isValidUsci('91350100m000100y43')).toBe(true);
	});

	it.each(['91350100M000100Y44', '91350100M000100Y4', '91350100I000100Y43', '', null, 123])('refuses %p', (code) => {
		expect(isValidUsci(code)).toBe(false);
	});

	it('accepts any 17 allowed characters with their computed check character, and refuses a changed one', () => {
		const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
		const body = fc.array(fc.constantFrom(...chars), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
		fc.assert(
			fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (first17, position, shift) => {
				const code = first17 + usciCheckCharacter(first17);
				if (!isValidUsci(code)) return false;
				const changed = code.slice(0, position) + chars[(chars.indexOf(code[position]) + shift) % 31] + code.slice(position + 1);
				return !isValidUsci(changed);
			}),
		);
	});
});

describe('normalizeMobile', () => {
	it.each([
		['13812345678', '13812345678'],
		['138 1234 5678', '13812345678'],
		['138-1234-5678', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+8613812345678', '13812345678'],
		['0086 19912345678', '19912345678'],
		[13812345678, '13812345678'],
	])('%p → %p', (input, expected) => expect(normalizeMobile(input)).toBe(expected));

	it.each(['12812345678', '1381234567', '138123456789', '+85213812345678', '020-12345678', '', null, undefined])(
		'refuses %p',
		(input) => expect(normalizeMobile(input)).toBeNull(),
	);
});
