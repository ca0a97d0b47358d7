import { isValidDate, todayInChina } from './dates';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Province-level prefixes of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
	'11', '12', '13', '14', '15',
	'21', '22', '23',
	'31', '32', '33', '34', '35', '36', '37',
	'41', '42', '43', '44', '45', '46',
	'50', '51', '52', '53', '54',
	'61', '62', '63', '64', '65',
	'71', '81', '82',
]);

export type ResidentIdProblem = 'format' | 'province' | 'birth_date' | 'check_character';

export interface ResidentId {
	valid: boolean;
	birthDate: string | null;
	gender: 'male' | 'female' | null;
	provinceCode: string | null;
	/** Why it is not valid, when it is not. */
	reason?: ResidentIdProblem;
	/** The number as read (upper-case X). */
	normalized?: string;
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
	return ID_CHECK_CHARS[sum % 11];
}

/**
 * Reads an 18-character resident ID (GB 11643-1999). Never throws: an unreadable value gives
 * `{ valid: false, reason: 'format' }`. `on` (YYYY-MM-DD, default today in China) bounds the birth date.
 */
export function parseResidentId(id: unknown, options: { on?: string } = {}): ResidentId {
	const invalid = (reason: ResidentIdProblem, extra: Partial<ResidentId> = {}): ResidentId => ({
		valid: false,
		birthDate: null,
		gender: null,
		provinceCode: null,
		reason,
		...extra,
	});
	if (typeof id !== 'string') return invalid('format');
	const text = id.trim().toUpperCase();
	if (!/^\d{17}[\dX]$/.test(text)) return invalid('format');
	const provinceCode = text.slice(0, 2);
	const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
	const gender = Number(text[16]) % 2 === 1 ? 'male' : 'female';
	const read = { provinceCode, birthDate, gender, normalized: text } as const;
	if (!PROVINCE_CODES.has(provinceCode)) return invalid('province', read);
	const on = options.on ?? todayInChina();
	if (!isValidDate(birthDate) || birthDate < '1900-01-01' || birthDate > on) {
		return invalid('birth_date', read);
	}
	if (residentIdCheckCharacter(text) !== text[17]) return invalid('check_character', read);
	return { valid: true, ...read };
}

const USCI_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCI_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character of the first 17 characters, or null if one is not allowed. */
export function usciCheckCharacter(first17: string): string | null {
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = USCI_CHARS.indexOf(first17[i]);
		if (value < 0) return null;
		sum += value * USCI_WEIGHTS[i];
	}
	return USCI_CHARS[(31 - (sum % 31)) % 31];
}

/** Unified social credit code (GB 32100-2015), read upper-cased. */
export function isValidUsci(code: unknown): boolean {
	if (typeof code !== 'string') return false;
	const text = code.trim().toUpperCase();
	if (text.length !== 18) return false;
	for (const ch of text) if (!USCI_CHARS.includes(ch)) return false;
	return usciCheckCharacter(text.slice(0, 17)) === text[17];
}

/** The 11-digit mainland mobile number, or null: spaces and hyphens removed, +86/0086 stripped. */
export function normalizeMobile(phone: unknown): string | null {
	if (typeof phone === 'number' && Number.isInteger(phone)) phone = String(phone);
	if (typeof phone !== 'string') return null;
	let text = phone.replace(/[\s-]/g, '');
	if (text.startsWith('+86')) text = text.slice(3);
	else if (text.startsWith('0086')) text = text.slice(4);
	return /^1[3-9]\d{9}$/.test(text) ? text : null;
}
