/**
 * Any input value as text, without throwing. `String(value)` throws on objects whose `toString`
 * or `valueOf` is not a function (`{ toString: 'x' }` from JSON), so input is never passed to it.
 *
 * - strings as they are; numbers, booleans and bigints as `String` writes them;
 * - `null` and `undefined` as `''`;
 * - objects and arrays as their JSON text, or `''` when they have none (cycles, `toJSON` that throws);
 * - anything else (symbols, functions) as `''`.
 */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (typeof value === 'object' && value !== null) {
		try {
			const json: unknown = JSON.stringify(value);
			return typeof json === 'string' ? json : '';
		} catch {
			return '';
		}
	}
	return '';
}
