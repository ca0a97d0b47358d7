import { findUnmaskedPersonalData, maskBankAccount, maskIdNumber, maskName, maskPhone, maskText } from '../../../lib';

describe('masking (SPEC §1)', () => {
	it.each([
		['44030819990101123X', '440***********123X'],
		['11010519491231002x', '110***********002x'],
		['123', '***'],
	])('ID %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

	it.each([
		['13812345678', '138****5678'],
		['+86 138-1234-5678', '138****5678'],
	])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

	it.each([
		['6222021234567891234', '**** **** **** 1234'],
		['6222 0212 3456 7890', '**** **** **** 7890'],
	])('bank account %s → %s', (account, masked) => expect(maskBankAccount(account)).toBe(masked));

	it.each([
		['张三', '张*'],
		['张三丰', '张**'],
		['欧阳娜娜', '欧阳**'],
		['司马光', '司马*'],
		['买买提·艾力', '买**·**'],
		['王', '*'],
		['  李四  ', '李*'],
		['John Smith', 'J*** S****'],
	])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

	it('masks every ID, phone and account in free text, and the names given', () => {
		const text = '会员张三丰（身份证44030819990101123X，手机+86 138 1234 5678）理赔款打入6222021234567891234。';
		const masked = maskText(text, { names: ['张三丰'] });
		expect(masked).toBe('会员张**（身份证440***********123X，手机138****5678）理赔款打入**** **** **** 1234。');
		expect(findUnmaskedPersonalData(masked)).toEqual([]);
		expect(findUnmaskedPersonalData(text).length).toBe(3);
	});

	it('leaves record ids alone: they are not bank accounts', () => {
		const text = '转入 ORG-440900-000001，会员 M00000033，申请 APP-20220301-000123';
		expect(maskText(text)).toBe(text);
	});

	it('leaves already-masked text as it is', () => {
		const masked = '张* 440***********123X 138****5678 **** **** **** 1234';
		expect(maskText(masked)).toBe(masked);
	});
});

describe('masking a value that is not text', () => {
	it.each([{ toString: 'x' }, { valueOf: 1 }, [1, 2]] as unknown[])('masks %j without throwing', (value) => {
		for (const mask of [maskIdNumber, maskPhone, maskBankAccount, maskName]) {
			expect(() => mask(value)).not.toThrow();
			expect(findUnmaskedPersonalData(mask(value))).toEqual([]);
		}
	});
});
