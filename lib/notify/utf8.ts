/**
 * Byte limits of the gateways are in UTF-8 bytes, while one Chinese character takes three bytes:
 * these helpers cut text at a byte limit without ever splitting a character.
 */

/** Gateway limits, in UTF-8 bytes unless named otherwise. */
export const NOTIFY_LIMITS = {
	/** WeCom group robot `text.content`: at most 2048 bytes. */
	weComTextBytes: 2048,
	/** WeCom group robot `markdown.content`: at most 4096 bytes. */
	weComMarkdownBytes: 4096,
	/** DingTalk custom robot: a message of at most about 20000 bytes. */
	dingTalkBytes: 20000,
	/** Aliyun SMS: a template variable holds at most 35 characters by default. */
	smsParamChars: 35,
} as const;

export function utf8ByteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

function codePointBytes(cp: number): number {
	if (cp < 0x80) return 1;
	if (cp < 0x800) return 2;
	if (cp < 0x10000) return 3;
	return 4;
}

/** The UTF-8 size of one character (code point). */
export function utf8CharBytes(ch: string): number {
	return codePointBytes(ch.codePointAt(0)!);
}

/** The UTF-8 size of one character once escaped inside a JSON string (`\n` is two bytes, a control character six). */
export function jsonCharBytes(ch: string): number {
	return Buffer.byteLength(JSON.stringify(ch), 'utf8') - 2;
}

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes each, whose concatenation is the
 * text. A piece ends after a line break where one falls in the second half of the piece, so that
 * lines stay whole where they can; otherwise at the last whole character that fits. `charBytes`
 * measures a character (default: its UTF-8 size; `jsonCharBytes` when the limit is on JSON).
 */
export function splitUtf8(text: string, maxBytes: number, charBytes: (ch: string) => number = utf8CharBytes): string[] {
	if (!Number.isInteger(maxBytes) || maxBytes < 8) throw new RangeError('maxBytes must be an integer of at least 8');
	if (text === '') return [''];
	const pieces: string[] = [];
	const chars = Array.from(text);
	let start = 0;
	while (start < chars.length) {
		let bytes = 0;
		let end = start;
		let lastBreak = -1;
		while (end < chars.length) {
			const size = charBytes(chars[end]);
			if (bytes + size > maxBytes) break;
			bytes += size;
			if (chars[end] === '\n' && bytes * 2 >= maxBytes) lastBreak = end + 1;
			end++;
		}
		if (end === start) throw new RangeError(`a character is larger than ${maxBytes} bytes`);
		if (end < chars.length && lastBreak > start) end = lastBreak;
		pieces.push(chars.slice(start, end).join(''));
		start = end;
	}
	return pieces;
}

/** Cuts text to at most `maxBytes` UTF-8 bytes, whole characters only, ending with `ellipsis` when cut. */
export function truncateUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
	if (utf8ByteLength(text) <= maxBytes) return text;
	const room = maxBytes - utf8ByteLength(ellipsis);
	if (room < 0) return '';
	let bytes = 0;
	let out = '';
	for (const ch of text) {
		const size = codePointBytes(ch.codePointAt(0)!);
		if (bytes + size > room) break;
		bytes += size;
		out += ch;
	}
	return out + ellipsis;
}

/** Cuts text to at most `maxChars` characters (code points), ending with `ellipsis` when cut. */
export function truncateChars(text: string, maxChars: number, ellipsis = '…'): string {
	const chars = Array.from(text);
	if (chars.length <= maxChars) return text;
	const keep = Math.max(0, maxChars - Array.from(ellipsis).length);
	return chars.slice(0, keep).join('') + (maxChars >= Array.from(ellipsis).length ? ellipsis : '');
}
