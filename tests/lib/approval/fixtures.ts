import { residentIdCheckCharacter, usciCheckCharacter } from '../../../lib/core/identity';

/** A resident ID with a correct check character: area code, birth date YYYYMMDD, sequence (odd = male). */
export function residentId(area: string, birth: string, sequence = '123'): string {
	const first17 = area + birth + sequence;
	return first17 + residentIdCheckCharacter(first17);
}

/** A unified social credit code with a correct check character. */
export function usci(first17: string): string {
	const check = usciCheckCharacter(first17);
	if (!check) throw new Error('bad usci body');
	return first17 + check;
}

/** The same code with a wrong check character. */
export function badUsci(first17: string): string {
	const good = usci(first17);
	return first17 + (good.endsWith('0') ? '1' : '0');
}

export const EMPLOYER_USCI = usci('91440300MA5DC6QX7');
export const OTHER_USCI = usci('91440101MA9W3H2K1');
export const AGENCY_USCI = usci('91440106MA5CLN8T2');
export const PLATFORM_USCI = usci('91440300MA5G0Y1R4');

export const ID_SHENZHEN = residentId('440305', '19900101', '123');

export function application(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		applicationId: 'A-001',
		submittedAt: '2024-05-10T09:30:00+08:00',
		channel: 'mini_program',
		name: '张三',
		idNumber: ID_SHENZHEN,
		phone: '13812345678',
		group: 'delivery_rider',
		employmentRelation: 'platform_managed',
		workCity: '深圳',
		realNameVerified: true,
		...overrides,
	};
}

export function without(fields: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const app = application(overrides);
	for (const field of fields) delete app[field];
	return app;
}
