import fc from 'fast-check';
import { findUnmaskedPersonalData, maskText } from '../../../lib';

/** maskText skips its pattern scans when no digit run could match; that must never let a number through. */
const pieces = fc.constantFrom('0', '1', '3', '8', '9', 'X', 'x', ' ', '  ', '-', '+86', '0086', ':', '，', '年', '¥', '1,234.50', '13812345678', '6222 0212 3456 7890', '44030819990101123X');
const texts = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

describe('maskText with its quick scan', () => {
	it('leaves a text unchanged only when no pattern finds a number in it', () => {
		fc.assert(
			fc.property(texts, (text) => {
				if (maskText(text) === text) expect(findUnmaskedPersonalData(text)).toEqual([]);
			}),
			{ numRuns: 3000 },
		);
	});

	it('masks numbers split by single spaces or hyphens, and leaves amounts and dates alone', () => {
		expect(maskText('尾号 138-1234-5678 的手机')).toBe('尾号 138****5678 的手机');
		expect(maskText('账户 6222 0212 3456 7890')).toBe('账户 **** **** **** 7890');
		const plain = '您2022年3月5日发生的意外：已计入¥1,234.50，本次给付¥200.00，将转入尾号0123的银行账户。';
		expect(maskText(plain)).toBe(plain);
	});
});
