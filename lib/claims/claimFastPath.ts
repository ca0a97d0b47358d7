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

/** Copies the optional keys that are present, as zod does (a present `undefined` stays). */
function optionalStrings(from: Plain, to: Plain, keys: readonly string[]): boolean {
	for (const key of keys) {
		if (!(key in from)) continue;
		const v = from[key];
		if (v !== undefined && typeof v !== 'string') return false;
		to[key] = v;
	}
	return true;
}

const HOSPITAL_KEYS = ['name', 'level', 'ownership', 'category'] as const;

function hospital(value: unknown): Read<ClaimHospital | null | undefined> {
	if (value === undefined || value === null) return value;
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const out: Plain = {};
	for (const key of HOSPITAL_KEYS) if (key in value) out[key] = value[key];
	return out as ClaimHospital;
}

const EXCLUSIONS = new Set(EXCLUSION_CODES);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function member(value: unknown): Read<Claim['member']> {
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const memberId = text(value.memberId);
	if (memberId === NOT_WELL_FORMED || typeof value.isUnionMember !== 'boolean' || typeof value.realNameRegistered !== 'boolean') return NOT_WELL_FORMED;
	const out: Plain = { memberId };
	if (!optionalStrings(value, out, ['name', 'idNumber'])) return NOT_WELL_FORMED;
	out.isUnionMember = value.isUnionMember;
	out.realNameRegistered = value.realNameRegistered;
	if (!optionalStrings(value, out, ['group'])) return NOT_WELL_FORMED;
	const enrolments: Claim['member']['enrolments'] = [];
	if (value.enrolments !== undefined) {
		if (!Array.isArray(value.enrolments)) return NOT_WELL_FORMED;
		for (const e of value.enrolments) {
			if (!isPlain(e)) return NOT_WELL_FORMED;
			const planId = text(e.planId);
			if (planId === NOT_WELL_FORMED || typeof e.enrolledAt !== 'string' || claimDay(e.enrolledAt) === null) return NOT_WELL_FORMED;
			enrolments.push({ planId, enrolledAt: e.enrolledAt });
		}
	}
	out.enrolments = enrolments;
	return out as Claim['member'];
}

function accident(value: unknown): Read<Claim['accident']> {
	if (!isPlain(value) || !isClaimDate(value.date)) return NOT_WELL_FORMED;
	const out: Plain = { date: value.date };
	if ('time' in value) {
		const time = value.time;
		if (time !== undefined && time !== null && (typeof time !== 'string' || !HHMM.test(time))) return NOT_WELL_FORMED;
		out.time = time;
	}
	if (!optionalStrings(value, out, ['description'])) return NOT_WELL_FORMED;
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
	for (const [key, v] of Object.entries(value)) {
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
	const out: Plain = {};
	return optionalStrings(value, out, ['name', 'bankAccount']) ? (out as Claim['payee']) : NOT_WELL_FORMED;
}

function history(value: unknown): Read<Claim['history']> {
	if (value === undefined || value === null) return { paidInPlanFen: 0, paidForAccidentFen: 0, countedForAccidentFen: 0, countedInvoiceKeys: [] };
	if (!isPlain(value)) return NOT_WELL_FORMED;
	const amounts = [value.paidInPlanFen, value.paidForAccidentFen, value.countedForAccidentFen].map((v) => (v === undefined ? 0 : fen(v)));
	const keys = strings(value.countedInvoiceKeys);
	if (amounts.includes(NOT_WELL_FORMED) || keys === NOT_WELL_FORMED) return NOT_WELL_FORMED;
	const [paidInPlanFen, paidForAccidentFen, countedForAccidentFen] = amounts as number[];
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
