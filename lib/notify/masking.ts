import { maskText } from '../core/masking';

/**
 * Personal data in notifications (SPEC §1, PIPL): every text that leaves for a chat group or a
 * phone is masked — ID numbers, mobile numbers, bank accounts found in it, and the names given —
 * unless the sender explicitly chose to send it unmasked.
 */
export interface MessageMaskOptions {
	names?: readonly string[];
	/** The explicit, off-by-default choice to send the text as it is. */
	unmasked?: boolean;
}

export function maskMessageText(text: string, options: MessageMaskOptions = {}): string {
	if (options.unmasked) return text;
	return maskText(text, { names: options.names });
}

/** Masks every string inside a value (objects and arrays walked), keys kept. */
export function maskDeep<T>(value: T, options: MessageMaskOptions = {}): T {
	if (options.unmasked) return value;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return maskMessageText(v, options);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, inner] of Object.entries(v as Record<string, unknown>)) out[k] = walk(inner);
			return out;
		}
		return v;
	};
	return walk(value) as T;
}

/** Field names that hold a person's name in the records this package handles. */
export const PERSON_NAME_FIELDS: readonly string[] = [
	'name',
	'realName',
	'fullName',
	'memberName',
	'applicantName',
	'workerName',
	'claimantName',
	'payeeName',
	'adminName',
	'contactName',
	'reporterName',
	'姓名',
];

/** Sub-objects whose `name` is an organisation's, not a person's (SPEC §3 shapes). */
const ORGANISATION_FIELDS = new Set([
	'employer',
	'platform',
	'dispatchAgency',
	'existingMembership',
	'assignedOrg',
	'recommendedTransfer',
	'organization',
	'organisation',
	'org',
	'fromOrg',
	'toOrg',
	'hospital',
]);

function looksLikePersonName(value: string): boolean {
	const v = value.trim();
	if (/^[\p{Script=Han}·•]{2,8}$/u.test(v)) return true;
	return /^[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*){0,3}$/.test(v) && v.length >= 2 && v.length <= 30;
}

/** The people's names found in an item under the known name fields (a few levels deep). */
export function namesFromFields(record: unknown, depth = 3): string[] {
	const found = new Set<string>();
	const fields = new Set(PERSON_NAME_FIELDS.map((f) => f.toLowerCase()));
	const walk = (v: unknown, level: number): void => {
		if (level > depth || !v || typeof v !== 'object') return;
		if (Array.isArray(v)) {
			for (const inner of v) walk(inner, level + 1);
			return;
		}
		const record = v as Record<string, unknown>;
		// An organisation's own record (it has a credit code or an org ID and no person's ID number).
		const isOrganisation = ('usci' in record || 'orgId' in record) && !('idNumber' in record) && !('memberId' in record);
		for (const [key, inner] of Object.entries(record)) {
			if (ORGANISATION_FIELDS.has(key)) continue;
			if (isOrganisation && key === 'name') continue;
			if (typeof inner === 'string' && fields.has(key.toLowerCase()) && looksLikePersonName(inner)) found.add(inner.trim());
			else if (inner && typeof inner === 'object') walk(inner, level + 1);
		}
	};
	walk(record, 0);
	return [...found];
}

/** Names typed in a field, separated by commas, 、, semicolons or line breaks. */
export function parseNameList(text: string | undefined): string[] {
	return String(text ?? '')
		.split(/[,，、;；\n]/)
		.map((s) => s.trim())
		.filter((s) => s.length > 1);
}
