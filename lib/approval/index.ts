/** Member approval (SPEC §3): review of applications, routing, and admins' decisions. */
export { APPLICATION_CHANNELS } from './types';
export type {
	Application,
	ApplicationChannel,
	ApplicantSummary,
	ApprovalOutcome,
	AssignedOrg,
	EmploymentCheck,
	ExistingMembership,
	RecommendedTransfer,
	ReviewedApplication,
	ReviewOptions,
	UnitRef,
} from './types';
export { ApplicationBatch, MINIMUM_AGE, reviewApplication, reviewApplications } from './review';
export type { BatchReviewOptions } from './review';
export { applyAdminDecision } from './decision';
export type { AdminDecision, AdminDecisionOptions, AdminOrgs, DecidedApplication, DecidedBy } from './decision';
export { cityFederationOrgId } from './routing';
export { isValidPersonName } from './fields';
