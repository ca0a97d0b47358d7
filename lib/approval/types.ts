import type { Reason } from '../core/reasons';
import type { EmploymentRelation, OrgType, WorkerGroup } from '../core/vocabulary';

export const APPLICATION_CHANNELS = ['mini_program', 'offline', 'platform_company', 'batch'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export type ApprovalOutcome = 'approve' | 'review' | 'reject';

/** A platform company, employer or dispatch agency as the applicant names it. */
export interface UnitRef {
	name?: string;
	usci?: string;
	/** Set when the unit has a union on the platform. */
	unionOrgId?: string;
}

export interface ExistingMembership {
	orgId?: string;
	orgName?: string;
	since?: string;
}

/** What the platform company said when asked about the applicant (SPEC §7, employment lookup). */
export type EmploymentCheck =
	| {
			status: 'verified';
			record: {
				relation: EmploymentRelation;
				active: boolean;
				cityCode: string;
				employer?: UnitRef;
				platform?: UnitRef;
			};
	  }
	| { status: 'unavailable'; error?: string };

/** An application (SPEC §3). Read as untrusted input: every field is checked. */
export interface Application {
	applicationId: string;
	submittedAt: string;
	channel?: ApplicationChannel;
	name: string;
	idNumber: string;
	phone: string;
	group: WorkerGroup;
	employmentRelation?: EmploymentRelation;
	workCity: string;
	residenceCity?: string;
	platform?: UnitRef;
	employer?: UnitRef;
	dispatchAgency?: UnitRef;
	existingMembership?: ExistingMembership | null;
	realNameVerified?: boolean;
	employmentCheck?: EmploymentCheck;
	[field: string]: unknown;
}

export interface AssignedOrg {
	type: OrgType;
	cityCode: string;
	orgId?: string;
}

export interface RecommendedTransfer {
	type: OrgType;
	orgId: string;
	cityCode: string;
}

export interface ApplicantSummary {
	birthDate: string | null;
	gender: 'male' | 'female' | null;
	/** Full years (已满周岁) on the submission date. */
	age: number | null;
	idNumberMasked: string;
	phoneMasked: string;
}

export interface ReviewedApplication extends Record<string, unknown> {
	applicationId?: unknown;
	outcome: ApprovalOutcome;
	reasons: Reason[];
	/** null only when the work city is not one of the 21 (the application is then rejected). */
	assignedOrg: AssignedOrg | null;
	recommendedTransfer?: RecommendedTransfer;
	applicant: ApplicantSummary;
	/** The work city as resolved (SPEC §2: outputs carry cityCode and cityName). */
	cityCode: string | null;
	cityName: string | null;
	/** Fields taken from the platform company's record because the applicant left them out. */
	filledFromEmploymentCheck?: string[];
	reviewedAt: string;
}

export interface ReviewOptions {
	/** Off: an application with nothing against it still waits for an admin (`review`). */
	autoApprove?: boolean;
	/** The moment of the review; defaults to the current time. */
	now?: Date | string;
}
