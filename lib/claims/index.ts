/** Claim adjudication for the accident-medical mutual-aid plan of 附件4 (SPEC §6). */
export { adjudicateClaim, type AdjudicateOptions } from './adjudicate';
export { enrolInPlan, type Enrolment, type EnrolResult, type EnrolOptions, type MemberFacts } from './eligibility';
export {
	BUILT_IN_PLANS,
	loadPlans,
	planForDate,
	currentPlan,
	planById,
	PlanLoadError,
	type MutualAidPlan,
	type PlanTier,
	type LoadPlansOptions,
} from './plans';
export { BUILT_IN_PLAN_DATA } from './builtInPlans';
export { CLAIM_EXCLUSIONS, type ExclusionText } from './exclusionTexts';
export { parseIcd10, screenExclusions } from './exclusions';
export { hospitalLevel, checkHospital } from './hospital';
export { claimDeadlines, type ClaimDeadlines } from './deadlines';
export { tierFor, computePayout } from './tiers';
export { invoiceKey, type ClaimLine } from './invoices';
export type { Claim, ClaimInvoice, ClaimHospital } from './claimSchema';
export type { ClaimDecision, ClaimOutcome } from './types';
