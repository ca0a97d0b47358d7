import { claimDay, isClaimDate } from './chinaClock';
import { isFen } from '../core/money';
import { reason, type Reason, type Severity } from '../core/reasons';
import { CHINA_REST_DAYS, type RestDayCalendar } from '../core/restDays';
import { parseClaim, type Claim } from './claimSchema';
import { claimDeadlines } from './deadlines';
import { documentReasons } from './documents';
import { coverageReasons, memberReasons } from './eligibility';
import { screenExclusions } from './exclusions';
import { CLAIM_EXCLUSIONS } from './exclusionTexts';
import { explainDecision } from './explanation';
import { assessInvoices, invoiceKey, type ClaimLine } from './invoices';
import { payeeReasons } from './payee';
import { BUILT_IN_PLANS, isLoadedPlanSet, loadPlans, planForDate, PlanLoadError, type MutualAidPlan } from './plans';
import { computePayout, tierFor } from './tiers';
import type { ClaimDecision, ClaimOutcome } from './types';

export interface AdjudicateOptions {
	/** The plans to judge by (from `loadPlans`); default the built-in GD-NEWFORM plans. */
	plans?: readonly MutualAidPlan[];
	/** The rest-day calendar for the filing deadline; default the State Council's 2021–2026 arrangements. */
	calendar?: RestDayCalendar;
}

const SEVERITY_ORDER: Record<Severity, number> = { reject: 0, pending: 1, review: 2, info: 3 };

/** A stable sort by severity, in one pass over four buckets (most lists are in order already). */
function bySeverity(reasons: Reason[]): Reason[] {
	let ordered = true;
	for (let i = 1; i < reasons.length && ordered; i++) ordered = SEVERITY_ORDER[reasons[i - 1].severity] <= SEVERITY_ORDER[reasons[i].severity];
	if (ordered) return reasons;
	const buckets: Reason[][] = [[], [], [], []];
	for (const r of reasons) buckets[SEVERITY_ORDER[r.severity]].push(r);
	return buckets[0].concat(buckets[1], buckets[2], buckets[3]);
}

/** rejected > pending_documents > manual_review > below_threshold > approved; `reasons` sorted by severity. */
function outcomeOf(reasons: readonly Reason[], dueFen: number): ClaimOutcome {
	switch (reasons[0]?.severity) {
		case 'reject':
			return 'rejected';
		case 'pending':
			return 'pending_documents';
		case 'review':
			return 'manual_review';
		default:
			return dueFen > 0 ? 'approved' : 'below_threshold';
	}
}

const checkedPlanSets = new WeakMap<readonly MutualAidPlan[], readonly MutualAidPlan[] | PlanLoadError>();

function usablePlans(plans: readonly MutualAidPlan[] | undefined): readonly MutualAidPlan[] | PlanLoadError {
	if (!plans) return BUILT_IN_PLANS;
	if (isLoadedPlanSet(plans)) return plans;
	let checked = checkedPlanSets.get(plans);
	if (!checked) {
		try {
			checked = loadPlans(plans);
		} catch (error) {
			checked = error instanceof PlanLoadError ? error : new PlanLoadError([{ field: 'plans', message: String(error), messageEn: String(error) }]);
		}
		checkedPlanSets.set(plans, checked);
	}
	return checked;
}

/**
 * Judges a claim for the accident-medical mutual aid of 附件4 (SPEC §6). Never throws: a malformed
 * claim is `rejected` with one `CLAIM_INVALID` per bad field.
 */
export function adjudicateClaim(input: unknown, options: AdjudicateOptions = {}): ClaimDecision {
	const plans = usablePlans(options.plans);
	if (plans instanceof PlanLoadError) return unusablePlans(input, plans);
	const parsed = parseClaim(input);
	if (!parsed.ok) return malformed(input, parsed.reasons, plans, options.calendar ?? CHINA_REST_DAYS);
	try {
		return judge(parsed.claim, plans, options.calendar ?? CHINA_REST_DAYS);
	} catch (error) {
		return unexpected(parsed.claim, error);
	}
}

function judge(claim: Claim, plans: readonly MutualAidPlan[], calendar: RestDayCalendar): ClaimDecision {
	const plan = planForDate(claim.accident.date, plans);
	const { history } = claim;
	const reasons = memberReasons(claim.member);

	if (!plan) {
		reasons.push(
			reason('ACCIDENT_OUTSIDE_PLAN', 'reject', '附件4 第四条（一）', `事故日期 ${claim.accident.date} 不在任何互助保障计划的保障期内`, `No plan covers the accident date ${claim.accident.date}`, 'accident.date'),
			...screenExclusions(claim.accident.diagnoses, claim.accident.exclusions, CLAIM_EXCLUSIONS),
			...documentReasons(claim.documents, ['invoiceOriginals', 'accidentProof', 'medicalRecords']),
			...payeeReasons(claim),
		);
		const lines = claim.invoices.map((invoice): ClaimLine => ({
			invoiceKey: invoiceKey(invoice),
			serviceDate: invoice.serviceDate,
			selfPaidInScopeFen: invoice.selfPaidInScopeFen,
			outOfScopeFen: invoice.outOfScopeFen ?? 0,
			counted: false,
			countedFen: 0,
			provisional: false,
			reasons: [],
			note: '不计入：事故日期不在任何互助保障计划的保障期内',
		}));
		return finish(claim, null, bySeverity(reasons), lines, {
			countedFen: history.countedForAccidentFen,
			tierFen: 0,
			dueFen: 0,
			remainingCapAfterFen: null,
			deadlines: { expenseWindowEnd: null, filingDeadline: null },
		});
	}

	const deadlines = claimDeadlines(claim.accident.date, plan, calendar);
	reasons.push(...coverageReasons(claim, plan).reasons);
	const submitted = claimDay(claim.submittedAt)!;
	if (submitted > deadlines.filingDeadline) {
		reasons.push(
			reason(
				'FILED_TOO_LATE',
				'reject',
				'附件4 第五条（四）',
				`申报日期 ${submitted} 已超过申报期限 ${deadlines.filingDeadline}（事故发生之日起一年，遇节假日顺延），视作自动放弃`,
				`Filed on ${submitted}, after the deadline ${deadlines.filingDeadline} (one year from the accident, moved off rest days)`,
				'submittedAt',
			),
		);
	}
	reasons.push(...screenExclusions(claim.accident.diagnoses, claim.accident.exclusions, plan.exclusions));
	const assessed = assessInvoices(claim, plan, deadlines.expenseWindowEnd);
	reasons.push(...assessed.reasons, ...documentReasons(claim.documents, plan.requiredDocuments), ...payeeReasons(claim));
	const countedFen = history.countedForAccidentFen + assessed.addedFen;
	const payout = computePayout({ countedFen, paidForAccidentFen: history.paidForAccidentFen, paidInPlanFen: history.paidInPlanFen }, plan);
	reasons.push(...payout.reasons);
	return finish(claim, plan, bySeverity(reasons), assessed.lines, {
		countedFen,
		tierFen: payout.tierFen,
		dueFen: payout.dueFen,
		remainingCapAfterFen: payout.remainingCapBeforeFen,
		// a copy: the remembered deadlines must not change when a workflow edits its output
		deadlines: { expenseWindowEnd: deadlines.expenseWindowEnd, filingDeadline: deadlines.filingDeadline },
	});
}

interface Amounts {
	countedFen: number;
	tierFen: number;
	dueFen: number;
	/** Before this claim's payout. */
	remainingCapAfterFen: number | null;
	deadlines: ClaimDecision['deadlines'];
}

function finish(claim: Claim, plan: MutualAidPlan | null, reasons: Reason[], lines: ClaimLine[], amounts: Amounts): ClaimDecision {
	const outcome = outcomeOf(reasons, amounts.dueFen);
	const payoutFen = outcome === 'approved' ? amounts.dueFen : 0;
	const paidInPlanAfterFen = claim.history.paidInPlanFen + payoutFen;
	const remainingCapAfterFen = amounts.remainingCapAfterFen === null ? null : amounts.remainingCapAfterFen - payoutFen;
	return {
		outcome,
		planId: plan?.planId ?? null,
		countedFen: amounts.countedFen,
		tierFen: amounts.tierFen,
		payoutFen,
		paidInPlanAfterFen,
		remainingCapAfterFen,
		reasons,
		lines,
		deadlines: amounts.deadlines,
		explanation: explainDecision({
			outcome,
			accidentDate: claim.accident.date,
			plan,
			countedFen: amounts.countedFen,
			tierFen: amounts.tierFen,
			payoutFen,
			paidForAccidentBeforeFen: claim.history.paidForAccidentFen,
			remainingCapAfterFen,
			reasons,
			lines,
			expenseWindowEnd: amounts.deadlines.expenseWindowEnd,
			filingDeadline: amounts.deadlines.filingDeadline,
			bankAccount: claim.payee?.bankAccount,
		}),
	};
}

/** What can still be read of a malformed claim: its plan, deadlines and history totals. */
function malformed(input: unknown, reasons: Reason[], plans: readonly MutualAidPlan[], calendar: RestDayCalendar): ClaimDecision {
	const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
	const claim = record(input);
	const history = record(claim.history);
	const accidentDate = record(claim.accident).date;
	const plan = isClaimDate(accidentDate) ? planForDate(accidentDate, plans) : null;
	const known = plan && isClaimDate(accidentDate) ? claimDeadlines(accidentDate, plan, calendar) : null;
	const deadlines = { expenseWindowEnd: known?.expenseWindowEnd ?? null, filingDeadline: known?.filingDeadline ?? null };
	const countedFen = isFen(history.countedForAccidentFen) ? history.countedForAccidentFen : 0;
	const paidInPlanFen = isFen(history.paidInPlanFen) ? history.paidInPlanFen : 0;
	return {
		outcome: 'rejected',
		planId: plan?.planId ?? null,
		countedFen,
		tierFen: plan ? tierFor(countedFen, plan.tiers) : 0,
		payoutFen: 0,
		paidInPlanAfterFen: paidInPlanFen,
		remainingCapAfterFen: plan ? Math.max(0, plan.annualCapFen - paidInPlanFen) : null,
		reasons,
		lines: [],
		deadlines,
		explanation: explainDecision({
			outcome: 'rejected',
			accidentDate: null,
			plan,
			countedFen,
			tierFen: 0,
			payoutFen: 0,
			paidForAccidentBeforeFen: 0,
			remainingCapAfterFen: null,
			reasons,
			lines: [],
			expenseWindowEnd: null,
			filingDeadline: null,
		}),
	};
}

function reviewOnly(input: unknown, r: Reason): ClaimDecision {
	const claim = input && typeof input === 'object' ? (input as { accident?: { date?: unknown } }) : {};
	const accidentDate = isClaimDate(claim.accident?.date) ? claim.accident!.date : null;
	const reasons = [r];
	return {
		outcome: 'manual_review',
		planId: null,
		countedFen: 0,
		tierFen: 0,
		payoutFen: 0,
		paidInPlanAfterFen: 0,
		remainingCapAfterFen: null,
		reasons,
		lines: [],
		deadlines: { expenseWindowEnd: null, filingDeadline: null },
		explanation: explainDecision({
			outcome: 'manual_review',
			accidentDate: accidentDate as string | null,
			plan: null,
			countedFen: 0,
			tierFen: 0,
			payoutFen: 0,
			paidForAccidentBeforeFen: 0,
			remainingCapAfterFen: null,
			reasons,
			lines: [],
			expenseWindowEnd: null,
			filingDeadline: null,
		}),
	};
}

/** A misconfigured plan set is not the member's fault: the claim waits for a person. */
function unusablePlans(input: unknown, error: PlanLoadError): ClaimDecision {
	return reviewOnly(
		input,
		reason('PLANS_INVALID', 'review', '附件4 第四条', `互助保障计划配置有误，需管理员修正后重新审核：${error.messageZh}`, error.message, 'plans'),
	);
}

function unexpected(claim: Claim, error: unknown): ClaimDecision {
	return reviewOnly(
		claim,
		reason('ADJUDICATION_ERROR', 'review', '附件4 第八条', '自动审核出错，需人工审核', `Automatic adjudication failed: ${(error as Error)?.message ?? String(error)}`),
	);
}
