import fc from 'fast-check';
import { jsonCharBytes, splitUtf8, truncateChars, truncateUtf8, utf8ByteLength } from '../../../lib/notify/utf8';

/** Whole characters: no half of a surrogate pair, so the piece survives a UTF-8 round trip unchanged. */
const wholeCharacters = (s: string) =>
	!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s) && Buffer.from(s, 'utf8').toString('utf8') === s;

const text = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 400 }),
	fc.string({ unit: fc.constantFrom('工', '会', 'a', '\n', '😀', 'é', ' ', '·'), maxLength: 600 }),
);

describe('splitUtf8', () => {
	it('never exceeds the limit, loses nothing and never breaks a character', () => {
		fc.assert(
			fc.property(text, fc.integer({ min: 8, max: 200 }), (input, limit) => {
				const pieces = splitUtf8(input, limit);
				expect(pieces.join('')).toBe(input);
				for (const p of pieces) {
					expect(utf8ByteLength(p)).toBeLessThanOrEqual(limit);
					expect(wholeCharacters(p)).toBe(true);
				}
				if (input !== '') for (const p of pieces) expect(p.length).toBeGreaterThan(0);
			}),
			{ numRuns: 400 },
		);
	});

	it('measured as JSON, never exceeds the limit either', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '工', 'x'), maxLength: 300 }), fc.integer({ min: 8, max: 64 }), (input, limit) => {
				const pieces = splitUtf8(input, limit, jsonCharBytes);
				expect(pieces.join('')).toBe(input);
				for (const p of pieces) expect(Buffer.byteLength(JSON.stringify(p)) - 2).toBeLessThanOrEqual(limit);
			}),
		);
	});

	it('keeps a 2048-byte WeCom piece of Chinese to whole characters (682 × 3 bytes)', () => {
		const pieces = splitUtf8('工'.repeat(1000), 2048);
		expect(pieces.map((p) => utf8ByteLength(p))).toEqual([2046, 954]);
	});

	it('prefers to end a piece after a line break in its second half', () => {
		const input = 'a'.repeat(12) + '\n' + 'b'.repeat(12);
		expect(splitUtf8(input, 16)).toEqual(['a'.repeat(12) + '\n', 'b'.repeat(12)]);
		expect(splitUtf8('ab\n' + 'c'.repeat(20), 16)[0]).toBe('ab\n' + 'c'.repeat(13));
	});

	it('returns one empty piece for empty text and refuses a silly limit', () => {
		expect(splitUtf8('', 100)).toEqual(['']);
		expect(() => splitUtf8('abc', 3)).toThrow(RangeError);
	});
});

describe('truncateUtf8 / truncateChars', () => {
	it('stays within the limit on whole characters and keeps short text as it is', () => {
		fc.assert(
			fc.property(text, fc.integer({ min: 3, max: 300 }), (input, limit) => {
				const out = truncateUtf8(input, limit);
				expect(utf8ByteLength(out)).toBeLessThanOrEqual(limit);
				expect(wholeCharacters(out)).toBe(true);
				if (utf8ByteLength(input) <= limit) expect(out).toBe(input);
				else {
					expect(out.endsWith('…')).toBe(true);
					expect(input.startsWith(out.slice(0, -1))).toBe(true);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('cuts markdown at 4096 bytes', () => {
		const out = truncateUtf8('# 标题\n' + '会'.repeat(3000), 4096);
		expect(utf8ByteLength(out)).toBeLessThanOrEqual(4096);
		expect(utf8ByteLength(out)).toBeGreaterThan(4090);
	});

	it('cuts an SMS variable to 35 characters', () => {
		expect(truncateChars('广'.repeat(40), 35)).toBe('广'.repeat(34) + '…');
		expect(truncateChars('短', 35)).toBe('短');
		expect(Array.from(truncateChars('😀'.repeat(40), 35))).toHaveLength(35);
	});
});
