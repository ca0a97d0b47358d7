import { claimDay, isClaimDate } from './chinaClock';
import type { Claim, ClaimHospital, DocumentValue } from './claimSchema';
import { EXCLUSION_CODES } from './exclusionTexts';

/**
 * The zod schema in claimSchema.ts is the definition of a well-formed claim and writes the
 * CLAIM_INVALID reasons; on large batches it is also most of the cost. This reads a claim that is
 * plainly well formed in one pass and gives exactly what the schema would, or null for anything
 * else (which then goes through the schema). It must never accept what the schema refuses: a
 * property test holds the two together.
 */
type Plain = Record<string, unknown>;

const NOT_WELL_FORMED = Symbol('not well formed');
type Read<T> = T | typeof NOT_WELL_FORMED;

function isPlain(value: unknown): value is Plain {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function text(value: unknown): Read<string> {
	if (typeof value !== 'string') return NOT_WELL_FORMED;
	const trimmed = value.trim();
	return trimmed ? trimmed : NOT_WELL_FORMED;
}

function fen(value: unknown): Read<number> {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : NOT_WELL_FORMED;
}

function strings(value: unknown): Read<string[]> {
	if (value === undefined) return [];
	if (!Array.isArray(value)) return NOT_WELL_FORMED;
	for (const v of value) if (typeof v !== 'string') return NOT_WELL_FORMED;
	return value.slice();
}

/** An optional text field: absent, `undefined` or text. */
function optionalText(value: unknown): boolean {
	return value === undefined || typeof value === 'string';
}

// Named stores, one per key: the present keys are copied as zod copies them (a present `undefined` stays).
function hospital(value: unknown): Read<ClaimHospital | null | undefined> {
	if (value === undefined || value === null) return value;
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const out: ClaimHospital = {};
	if ('name' in value) out.name = value.name;
	if ('level' in value) out.level = value.level;
	if ('ownership' in value) out.ownership = value.ownership;
	if ('category' in value) out.category = value.category;
	return out;
}

const EXCLUSIONS = new Set(EXCLUSION_CODES);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function enrolmentList(value: unknown): Read<Claim['member']['enrolments']> {
	const enrolments: Claim['member']['enrolments'] = [];
	if (value === undefined) return enrolments;
	if (!Array.isArray(value)) return NOT_WELL_FORMED;
	for (const e of value) {
		if (!isPlain(e)) return NOT_WELL_FORMED;
		const planId = text(e.planId);
		if (planId === NOT_WELL_FORMED || typeof e.enrolledAt !== 'string' || claimDay(e.enrolledAt) === null) return NOT_WELL_FORMED;
		enrolments.push({ planId, enrolledAt: e.enrolledAt });
	}
	return enrolments;
}

function member(value: unknown): Read<Claim['member']> {
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const memberId = text(value.memberId);
	const { isUnionMember, realNameRegistered } = value;
	if (memberId === NOT_WELL_FORMED || typeof isUnionMember !== 'boolean' || typeof realNameRegistered !== 'boolean') return NOT_WELL_FORMED;
	if (!optionalText(value.name) || !optionalText(value.idNumber) || !optionalText(value.group)) return NOT_WELL_FORMED;
	const enrolments = enrolmentList(value.enrolments);
	if (enrolments === NOT_WELL_FORMED) return NOT_WELL_FORMED;
	const out: Partial<Claim['member']> = { memberId };
	if ('name' in value) out.name = value.name as string | undefined;
	if ('idNumber' in value) out.idNumber = value.idNumber as string | undefined;
	out.isUnionMember = isUnionMember;
	out.realNameRegistered = realNameRegistered;
	if ('group' in value) out.group = value.group as string | undefined;
	out.enrolments = enrolments;
	return out as Claim['member'];
}

function accident(value: unknown): Read<Claim['accident']> {
	if (!isPlain(value) || !isClaimDate(value.date)) return NOT_WELL_FORMED;
	const out: Partial<Claim['accident']> = { date: value.date };
	if ('time' in value) {
		const time = value.time;
		if (time !== undefined && time !== null && (typeof time !== 'string' || !HHMM.test(time))) return NOT_WELL_FORMED;
		out.time = time;
	}
	if ('description' in value) {
		if (!optionalText(value.description)) return NOT_WELL_FORMED;
		out.description = value.description as string | undefined;
	}
	const diagnoses = strings(value.diagnoses);
	const exclusions = strings(value.exclusions);
	if (diagnoses === NOT_WELL_FORMED || exclusions === NOT_WELL_FORMED || !exclusions.every((c) => EXCLUSIONS.has(c))) return NOT_WELL_FORMED;
	out.diagnoses = diagnoses;
	out.exclusions = exclusions;
	return out as Claim['accident'];
}

function invoices(value: unknown): Read<Claim['invoices']> {
	if (!Array.isArray(value)) return NOT_WELL_FORMED;
	const out: Claim['invoices'] = [];
	for (const inv of value) {
		if (!isPlain(inv)) return NOT_WELL_FORMED;
		const invoiceCode = text(inv.invoiceCode);
		const invoiceNo = text(inv.invoiceNo);
		const selfPaidInScopeFen = fen(inv.selfPaidInScopeFen);
		if (invoiceCode === NOT_WELL_FORMED || invoiceNo === NOT_WELL_FORMED || selfPaidInScopeFen === NOT_WELL_FORMED || !isClaimDate(inv.serviceDate)) {
			return NOT_WELL_FORMED;
		}
		const line: Plain = { invoiceCode, invoiceNo, serviceDate: inv.serviceDate, selfPaidInScopeFen };
		if ('outOfScopeFen' in inv) {
			if (inv.outOfScopeFen !== undefined && fen(inv.outOfScopeFen) === NOT_WELL_FORMED) return NOT_WELL_FORMED;
			line.outOfScopeFen = inv.outOfScopeFen;
		}
		if ('hospital' in inv) {
			const h = hospital(inv.hospital);
			if (h === NOT_WELL_FORMED) return NOT_WELL_FORMED;
			line.hospital = h;
		}
		out.push(line as unknown as Claim['invoices'][number]);
	}
	return out;
}

function documents(value: unknown): Read<Record<string, DocumentValue>> {
	if (value === undefined || value === null) return {};
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const out: Record<string, DocumentValue> = {};
	for (const key of Object.keys(value)) {
		const v = value[key];
		if (!(v === undefined || v === null || typeof v === 'boolean' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
			return NOT_WELL_FORMED;
		}
		out[key] = v as DocumentValue;
	}
	return out;
}

function payee(value: unknown): Read<Claim['payee']> {
	if (value === undefined || value === null) return value;
	if (!isPlain(value)) return NOT_WELL_FORMED;
	if (!optionalText(value.name) || !optionalText(value.bankAccount)) return NOT_WELL_FORMED;
	const out: NonNullable<Claim['payee']> = {};
	if ('name' in value) out.name = value.name as string | undefined;
	if ('bankAccount' in value) out.bankAccount = value.bankAccount as string | undefined;
	return out;
}

function history(value: unknown): Read<Claim['history']> {
	if (value === undefined || value === null) return { paidInPlanFen: 0, paidForAccidentFen: 0, countedForAccidentFen: 0, countedInvoiceKeys: [] };
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const paidInPlanFen = value.paidInPlanFen === undefined ? 0 : fen(value.paidInPlanFen);
	const paidForAccidentFen = value.paidForAccidentFen === undefined ? 0 : fen(value.paidForAccidentFen);
	const countedForAccidentFen = value.countedForAccidentFen === undefined ? 0 : fen(value.countedForAccidentFen);
	const keys = strings(value.countedInvoiceKeys);
	if (paidInPlanFen === NOT_WELL_FORMED || paidForAccidentFen === NOT_WELL_FORMED || countedForAccidentFen === NOT_WELL_FORMED || keys === NOT_WELL_FORMED) {
		return NOT_WELL_FORMED;
	}
	if (paidForAccidentFen > paidInPlanFen) return NOT_WELL_FORMED;
	return { paidInPlanFen, paidForAccidentFen, countedForAccidentFen, countedInvoiceKeys: keys };
}

/** The claim as the schema would give it, when it is plainly well formed; otherwise null. */
export function readWellFormedClaim(input: unknown): Claim | null {
	if (!isPlain(input)) return null;
	const claimId = text(input.claimId);
	const submitted = typeof input.submittedAt === 'string' ? claimDay(input.submittedAt) : null;
	if (claimId === NOT_WELL_FORMED || submitted === null) return null;
	const m = member(input.member);
	const a = accident(input.accident);
	if (m === NOT_WELL_FORMED || a === NOT_WELL_FORMED || submitted < a.date) return null;
	const claim: Plain = { claimId, submittedAt: input.submittedAt, member: m, accident: a };
	if ('hospital' in input) {
		const h = hospital(input.hospital);
		if (h === NOT_WELL_FORMED) return null;
		claim.hospital = h;
	}
	const inv = invoices(input.invoices);
	const docs = documents(input.documents);
	if (inv === NOT_WELL_FORMED || docs === NOT_WELL_FORMED) return null;
	claim.invoices = inv;
	claim.documents = docs;
	if ('payee' in input) {
		const p = payee(input.payee);
		if (p === NOT_WELL_FORMED) return null;
		claim.payee = p;
	}
	const h = history(input.history);
	if (h === NOT_WELL_FORMED) return null;
	claim.history = h;
	return claim as unknown as Claim;
}
