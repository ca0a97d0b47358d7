import { normalizeTimestamp } from '../clock';
import type { Db } from '../db/open';
import { PLAN_CAP_FEN } from '../db/migrations';
import { nextId } from '../db/sequences';
import { pageQuery, toPage } from '../http/pagination';
import { checkVersion } from '../http/preconditions';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isCheckViolation, parseJson, type Deps } from './deps';
import { findMember } from './members';

interface ClaimRow {
	seq: number;
	claim_id: string;
	member_id: string;
	accident_id: string;
	status: string;
	body: string;
	decision: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

interface AccidentRow {
	accident_id: string;
	plan_id: string | null;
	counted_fen: number;
	tier_fen: number;
	paid_fen: number;
}

/** Decided for good: a later invoice of the same accident comes as a new claim. */
const FINAL = new Set(['approved', 'rejected', 'below_threshold']);
/** Decisions whose invoices count towards the accident's total (SPEC §6, 第八条). */
const COUNTING = new Set(['approved', 'below_threshold']);

export function claimJson(row: ClaimRow) {
	return {
		...(JSON.parse(row.body) as Record<string, unknown>),
		claimId: row.claim_id,
		status: row.status,
		decision: parseJson(row.decision),
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

function findClaim(db: Db, claimId: string): ClaimRow | undefined {
	return db.prepare('SELECT * FROM claims WHERE claim_id = ?').get(claimId) as ClaimRow | undefined;
}

/** The SPEC §6 claim input as submitted (docs/api: ClaimInput); the rest is kept as it came. */
export interface ClaimInput {
	claimId?: string;
	memberId: string;
	accidentId: string;
	submittedAt?: string;
	[field: string]: unknown;
}

export interface ClaimBody extends ClaimInput {
	claimId: string;
}

export function insertClaim(db: Db, claim: ClaimBody, stamp: string): void {
	db.prepare(
		`INSERT INTO claims (claim_id, member_id, accident_id, status, body, decision, version, created_at, updated_at)
		 VALUES (?, ?, ?, 'submitted', ?, NULL, 1, ?, ?)`,
	).run(claim.claimId, claim.memberId, claim.accidentId, JSON.stringify(claim), stamp, stamp);
}

function paidInPlan(db: Db, memberId: string, planId: string): number {
	const row = db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ? AND plan_id = ?').get(memberId, planId) as
		| { paid_fen: number }
		| undefined;
	return row?.paid_fen ?? 0;
}

function findAccident(db: Db, memberId: string, accidentId: string): AccidentRow | undefined {
	return db.prepare('SELECT * FROM accidents WHERE member_id = ? AND accident_id = ?').get(memberId, accidentId) as AccidentRow | undefined;
}

function countedKeys(db: Db, memberId: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	const rows = db
		.prepare('SELECT accident_id, invoice_key FROM counted_invoices WHERE member_id = ? ORDER BY rowid')
		.all(memberId) as Array<{ accident_id: string; invoice_key: string }>;
	for (const r of rows) out.set(r.accident_id, [...(out.get(r.accident_id) ?? []), r.invoice_key]);
	return out;
}

export interface DecisionToRecord {
	outcome: string;
	planId: string | null;
	countedFen: number;
	tierFen: number;
	payoutFen: number;
	reasons: unknown[];
	countedInvoiceKeys: string[];
	explanation?: string | null;
	decidedBy?: string | null;
}

/**
 * Records a decision and its payout in one transaction with the plan's running total and the
 * accident's: never past the plan cap, never past the accident's tier (the CHECK constraints
 * hold the same line should this code ever miss it).
 */
export function recordClaimDecision(db: Db, claim: ClaimRow, input: DecisionToRecord, stamp: string) {
	if (FINAL.has(claim.status)) {
		throw problems.conflict('ALREADY_DECIDED', `Claim ${claim.claim_id} is already ${claim.status}`);
	}
	if (input.payoutFen > 0 && input.outcome !== 'approved') {
		throw problems.unprocessable('PAYOUT_NOT_APPROVED', `A ${input.outcome} decision cannot pay anything`);
	}
	if (input.payoutFen > 0 && !input.planId) throw problems.unprocessable('PLAN_REQUIRED', 'A payout needs the plan it is paid under');
	const memberId = claim.member_id;
	let paidAfter = input.planId ? paidInPlan(db, memberId, input.planId) : 0;
	if (input.planId && COUNTING.has(input.outcome)) {
		const accident = findAccident(db, memberId, claim.accident_id);
		if (accident?.plan_id && accident.plan_id !== input.planId) {
			throw problems.conflict('PLAN_MISMATCH', `Accident ${claim.accident_id} is under ${accident.plan_id}, not ${input.planId}`);
		}
		if (paidAfter + input.payoutFen > PLAN_CAP_FEN) {
			throw problems.conflict(
				'CAP_EXCEEDED',
				`${paidAfter} fen already paid under ${input.planId}; ${input.payoutFen} more would pass the cap of ${PLAN_CAP_FEN}`,
				{ paidInPlanFen: paidAfter, remainingCapFen: PLAN_CAP_FEN - paidAfter },
			);
		}
		const accidentPaid = accident?.paid_fen ?? 0;
		if (accidentPaid + input.payoutFen > input.tierFen) {
			throw problems.conflict(
				'TIER_EXCEEDED',
				`${accidentPaid} fen already paid for this accident; ${input.payoutFen} more would pass its tier of ${input.tierFen}`,
				{ paidForAccidentFen: accidentPaid },
			);
		}
		paidAfter += input.payoutFen;
		try {
			db.prepare(
				`INSERT INTO plan_payouts (member_id, plan_id, paid_fen) VALUES (?, ?, ?)
				 ON CONFLICT (member_id, plan_id) DO UPDATE SET paid_fen = paid_fen + ?`,
			).run(memberId, input.planId, input.payoutFen, input.payoutFen);
			db.prepare(
				`INSERT INTO accidents (member_id, accident_id, plan_id, counted_fen, tier_fen, paid_fen) VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT (member_id, accident_id) DO UPDATE SET plan_id = excluded.plan_id, counted_fen = excluded.counted_fen,
					tier_fen = excluded.tier_fen, paid_fen = paid_fen + ?`,
			).run(memberId, claim.accident_id, input.planId, input.countedFen, input.tierFen, input.payoutFen, input.payoutFen);
		} catch (error) {
			if (isCheckViolation(error)) throw problems.conflict('TIER_EXCEEDED', 'The payout would pass the accident\'s tier or the plan cap');
			throw error;
		}
		const addKey = db.prepare(
			'INSERT OR IGNORE INTO counted_invoices (member_id, accident_id, invoice_key, claim_id) VALUES (?, ?, ?, ?)',
		);
		for (const key of input.countedInvoiceKeys) addKey.run(memberId, claim.accident_id, key, claim.claim_id);
	}
	const decision = {
		outcome: input.outcome,
		planId: input.planId,
		countedFen: input.countedFen,
		tierFen: input.tierFen,
		payoutFen: input.payoutFen,
		reasons: input.reasons,
		countedInvoiceKeys: input.countedInvoiceKeys,
		explanation: input.explanation ?? null,
		decidedBy: input.decidedBy ?? null,
		paidInPlanAfterFen: paidAfter,
		remainingCapAfterFen: Math.max(0, PLAN_CAP_FEN - paidAfter),
		decidedAt: stamp,
	};
	db.prepare('UPDATE claims SET status = ?, decision = ?, version = version + 1, updated_at = ? WHERE claim_id = ?').run(
		input.outcome,
		JSON.stringify(decision),
		stamp,
		claim.claim_id,
	);
}

export function claimOperations({ db, now, outbox }: Deps): Operations {
	function mustFind(claimId: string): ClaimRow {
		const row = findClaim(db, claimId);
		if (!row) throw problems.notFound('claim', claimId);
		return row;
	}

	return {
		listClaims({ query }) {
			const { sql, args, limit } = pageQuery(
				'claims',
				[
					['member_id = ?', query.memberId],
					['accident_id = ?', query.accidentId],
					['status = ?', query.status],
				],
				query,
			);
			return ok(toPage(db.prepare(sql).all(...args) as ClaimRow[], limit, claimJson));
		},

		getClaim({ params }) {
			const row = mustFind(params.claimId);
			return ok(claimJson(row), row.version);
		},

		createClaim(ctx) {
			const body = ctx.body as ClaimInput;
			return db.transaction(() => {
				if (!findMember(db, body.memberId)) throw problems.unprocessable('MEMBER_NOT_FOUND', `No member ${body.memberId}`);
				const claimId = body.claimId ?? nextId(db, 'claim', 'CL', 8, (id) => !!findClaim(db, id));
				if (findClaim(db, claimId)) throw problems.conflict('CLAIM_EXISTS', `Claim ${claimId} was already submitted`);
				const stamp = now();
				insertClaim(db, { ...body, claimId, submittedAt: normalizeTimestamp(body.submittedAt) ?? stamp }, stamp);
				const claim = claimJson(mustFind(claimId));
				outbox.emit('claim.submitted', claim);
				return created(claim, `/api/v1/claims/${encodeURIComponent(claimId)}`, claim.version);
			})();
		},

		decideClaim(ctx) {
			return db.transaction(() => {
				const row = mustFind(ctx.params.claimId);
				checkVersion(ctx, row.version);
				recordClaimDecision(db, row, ctx.body as DecisionToRecord, now());
				const claim = claimJson(mustFind(row.claim_id));
				return ok(claim, claim.version);
			})();
		},

		getMemberClaimHistory({ params, query }) {
			const member = findMember(db, params.memberId);
			if (!member) throw problems.notFound('member', params.memberId);
			const claims = (db.prepare('SELECT * FROM claims WHERE member_id = ? ORDER BY seq').all(member.member_id) as ClaimRow[]).map(
				claimJson,
			);
			const plans = (
				db.prepare('SELECT plan_id, paid_fen FROM plan_payouts WHERE member_id = ? ORDER BY plan_id').all(member.member_id) as Array<{
					plan_id: string;
					paid_fen: number;
				}>
			).map((p) => ({ planId: p.plan_id, paidInPlanFen: p.paid_fen, capFen: PLAN_CAP_FEN, remainingCapFen: PLAN_CAP_FEN - p.paid_fen }));
			const keys = countedKeys(db, member.member_id);
			const accidents = (
				db.prepare('SELECT * FROM accidents WHERE member_id = ? ORDER BY rowid').all(member.member_id) as AccidentRow[]
			).map((a) => ({
				accidentId: a.accident_id,
				planId: a.plan_id ?? '',
				paidForAccidentFen: a.paid_fen,
				countedForAccidentFen: a.counted_fen,
				tierFen: a.tier_fen,
				countedInvoiceKeys: keys.get(a.accident_id) ?? [],
			}));
			const body: Record<string, unknown> = { memberId: member.member_id, claims, plans, accidents };
			if (query.planId) {
				const accident = query.accidentId !== undefined ? accidents.find((a) => a.accidentId === query.accidentId) : undefined;
				body.history = {
					paidInPlanFen: plans.find((p) => p.planId === query.planId)?.paidInPlanFen ?? 0,
					paidForAccidentFen: accident?.paidForAccidentFen ?? 0,
					countedForAccidentFen: accident?.countedForAccidentFen ?? 0,
					countedInvoiceKeys: accident?.countedInvoiceKeys ?? [],
				};
			}
			return ok(body);
		},
	};
}
