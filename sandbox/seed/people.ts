import { residentIdCheckCharacter, usciCheckCharacter } from '../../lib/core/identity';
import type { Random } from './prng';
import { AREA_CODES, COMPOUND_SURNAMES, GIVEN_CHARS, MOBILE_PREFIXES, SURNAMES } from './reference';

const DAY_MS = 86_400_000;
const BIRTH_FROM = Date.UTC(1965, 0, 1);
const BIRTH_DAYS = 14_610; // 1965-01-01 … 2004-12-31
const SPACE = AREA_CODES.length * BIRTH_DAYS * 1000;
// A multiplier coprime to SPACE makes i → (i·A + B) mod SPACE a permutation: distinct people, distinct IDs.
const MULTIPLIER = 2_654_435_761 % SPACE;
const OFFSET = 12_345_679;

/**
 * The i-th person's resident ID: area, birth date and sequence spread over the whole space, the
 * check character computed (GB 11643-1999), never the same for two values of i.
 */
export function residentIdFor(i: number): string {
	const j = (((i % SPACE) * MULTIPLIER) % SPACE + OFFSET) % SPACE;
	const sequence = j % 1000;
	const day = Math.floor(j / 1000) % BIRTH_DAYS;
	const area = AREA_CODES[Math.floor(j / 1000 / BIRTH_DAYS)];
	const birth = new Date(BIRTH_FROM + day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
	const first17 = area + birth + String(sequence).padStart(3, '0');
	return first17 + residentIdCheckCharacter(first17);
}

/** A resident ID with a chosen birth date (for the demo's under-age applicant). */
export function residentIdBornOn(area: string, birthDate: string, sequence: number): string {
	const first17 = area + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
	return first17 + residentIdCheckCharacter(first17);
}

export function chineseName(random: Random): string {
	const surname = random.chance(0.01) ? random.pick(COMPOUND_SURNAMES) : random.pick(SURNAMES);
	const given = random.pick(GIVEN_CHARS) + (random.chance(0.7) ? random.pick(GIVEN_CHARS) : '');
	return surname + given;
}

export function mobile(random: Random): string {
	return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

const USCI_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code (GB 32100-2015) of an enterprise registered in `areaCode`. */
export function usciFor(random: Random, areaCode: string): string {
	let body = '91' + areaCode;
	while (body.length < 17) body += USCI_CHARS[random.int(0, USCI_CHARS.length - 1)];
	return body + usciCheckCharacter(body);
}

export function completeUsci(first17: string): string {
	const check = usciCheckCharacter(first17);
	if (!check) throw new Error(`Not a USCI body: ${first17}`);
	return first17 + check;
}

/** ISO 8601 in +08:00 (China has no daylight saving), fast enough for a million rows. */
export function isoAt(ms: number): string {
	return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23) + '+08:00';
}

/** Midnight in China of a `YYYY-MM-DD`, as epoch ms. */
export function chinaMidnight(date: string): number {
	return Date.parse(`${date}T00:00:00+08:00`);
}
