import { z } from 'zod/v4';
import { claimDay, isClaimDate } from './chinaClock';
import { readWellFormedClaim } from './claimFastPath';
import { reason, type Reason } from '../core/reasons';
import { EXCLUSION_CODES } from './exclusionTexts';
import { bilingual, describeIssues } from './issues';

/** Hospital facts as the form gives them; read leniently (an unreadable value goes to review, SPEC §6). */
export interface ClaimHospital {
	name?: unknown;
	level?: unknown;
	ownership?: unknown;
	category?: unknown;
}

export interface ClaimInvoice {
	invoiceCode: string;
	invoiceNo: string;
	serviceDate: string;
	selfPaidInScopeFen: number;
	outOfScopeFen?: number;
	/** The hospital of this invoice, when it differs from the claim's. */
	hospital?: ClaimHospital | null;
}

export type DocumentValue = boolean | string | string[] | null | undefined;

export interface Claim {
	claimId: string;
	submittedAt: string;
	member: {
		memberId: string;
		name?: string;
		idNumber?: string;
		isUnionMember: boolean;
		realNameRegistered: boolean;
		group?: string;
		enrolments: { planId: string; enrolledAt: string }[];
	};
	accident: { date: string; time?: string | null; description?: string; diagnoses: string[]; exclusions: string[] };
	hospital?: ClaimHospital | null;
	invoices: ClaimInvoice[];
	documents: Record<string, DocumentValue>;
	payee?: { name?: string; bankAccount?: string } | null;
	history: { paidInPlanFen: number; paidForAccidentFen: number; countedForAccidentFen: number; countedInvoiceKeys: string[] };
}

const text = z.string().trim().min(1);
const fen = z.number().int().nonnegative();
const date = z.string().refine(isClaimDate, bilingual('must be a calendar date YYYY-MM-DD', '须为日期 YYYY-MM-DD'));
const timestampOrDate = z
	.string()
	.refine((v) => claimDay(v) !== null, bilingual('must be an ISO 8601 timestamp or a date YYYY-MM-DD', '须为 ISO 8601 时间或日期 YYYY-MM-DD'));
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bilingual('must be a time HH:mm', '须为时间 HH:mm（如 08:30）'));

const hospital = z
	.object({ name: z.unknown(), level: z.unknown(), ownership: z.unknown(), category: z.unknown() })
	.partial()
	.nullable()
	.optional();

const documentValue = z.custom<DocumentValue>(
	(v) =>
		v === undefined ||
		v === null ||
		typeof v === 'boolean' ||
		typeof v === 'string' ||
		(Array.isArray(v) && v.every((x) => typeof x === 'string')),
	bilingual('must be true/false or a list of file references', '须为 true/false 或文件引用列表'),
);

const claimSchema = z
	.object({
		claimId: text,
		submittedAt: timestampOrDate,
		member: z.object({
			memberId: text,
			name: z.string().optional(),
			idNumber: z.string().optional(),
			isUnionMember: z.boolean(),
			realNameRegistered: z.boolean(),
			group: z.string().optional(),
			enrolments: z.array(z.object({ planId: text, enrolledAt: timestampOrDate })).default([]),
		}),
		accident: z.object({
			date,
			time: hhmm.nullable().optional(),
			description: z.string().optional(),
			diagnoses: z.array(z.string()).default([]),
			exclusions: z.array(z.enum(EXCLUSION_CODES as [string, ...string[]])).default([]),
		}),
		hospital,
		invoices: z.array(
			z.object({
				invoiceCode: text,
				invoiceNo: text,
				serviceDate: date,
				selfPaidInScopeFen: fen,
				outOfScopeFen: fen.optional(),
				hospital,
			}),
		),
		documents: z.record(z.string(), documentValue).nullable().default({}),
		payee: z.object({ name: z.string().optional(), bankAccount: z.string().optional() }).nullable().optional(),
		history: z
			.object({
				paidInPlanFen: fen.default(0),
				paidForAccidentFen: fen.default(0),
				countedForAccidentFen: fen.default(0),
				countedInvoiceKeys: z.array(z.string()).default([]),
			})
			.nullable()
			.optional(),
	})
	.superRefine((claim, ctx) => {
		const submitted = claimDay(claim.submittedAt);
		if (submitted !== null && submitted < claim.accident.date) {
			ctx.addIssue({
				code: 'custom',
				path: ['submittedAt'],
				...bilingual('is before the accident date', '申报时间早于事故日期'),
			});
		}
		if (claim.history && claim.history.paidForAccidentFen > claim.history.paidInPlanFen) {
			ctx.addIssue({
				code: 'custom',
				path: ['history', 'paidForAccidentFen'],
				...bilingual('exceeds paidInPlanFen (what the accident was paid is part of the plan total)', '超过本计划累计已给付 paidInPlanFen'),
			});
		}
	});

export type ClaimParse = { ok: true; claim: Claim } | { ok: false; reasons: Reason[] };

const EMPTY_HISTORY = { paidInPlanFen: 0, paidForAccidentFen: 0, countedForAccidentFen: 0, countedInvoiceKeys: [] };

/** Reads a claim by the schema alone; a malformed one gives one `CLAIM_INVALID` reason per bad field. */
export function parseClaimWithSchema(input: unknown): ClaimParse {
	const parsed = claimSchema.safeParse(input, { reportInput: true });
	if (!parsed.success) {
		return {
			ok: false,
			reasons: describeIssues(parsed.error, input).map((issue) =>
				reason('CLAIM_INVALID', 'reject', '附件4 第八条', `申报信息有误：${issue.message}`, `Malformed claim: ${issue.messageEn}`, issue.field),
			),
		};
	}
	const data = parsed.data;
	return {
		ok: true,
		claim: { ...data, documents: data.documents ?? {}, history: data.history ?? EMPTY_HISTORY } as Claim,
	};
}

/** Reads a claim: plainly well-formed ones in one pass, everything else through the schema. */
export function parseClaim(input: unknown): ClaimParse {
	const wellFormed = readWellFormedClaim(input);
	return wellFormed ? { ok: true, claim: wellFormed } : parseClaimWithSchema(input);
}
