import { textOf } from '../../../lib';

describe('textOf: any input value as text, never throwing', () => {
	const cyclic: Record<string, unknown> = {};
	cyclic.self = cyclic;
	it.each([
		['a string as it is', ' 138 ', ' 138 '],
		['a number', 42, '42'],
		['NaN', NaN, 'NaN'],
		['a boolean', false, 'false'],
		['null', null, ''],
		['undefined', undefined, ''],
		['an object with a toString that is not a function', { toString: 'x' }, '{"toString":"x"}'],
		['an object with a valueOf that is not a function', { valueOf: 1 }, '{"valueOf":1}'],
		['an array', [1, 'a'], '[1,"a"]'],
		['a cyclic object', cyclic, ''],
		['an object whose toJSON throws', { toJSON: () => { throw new Error('no'); } }, ''],
		['a symbol', Symbol('s'), ''],
	])('%s', (_label, value, text) => {
		expect(textOf(value)).toBe(text);
	});

	it('is what String() cannot do', () => {
		expect(() => String({ toString: 'x' })).toThrow(TypeError);
		expect(() => textOf({ toString: 'x' })).not.toThrow();
	});
});
