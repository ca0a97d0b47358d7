import type { Reason } from '../core/reasons';
import type { ClaimLine } from './invoices';

export type ClaimOutcome = 'approved' | 'rejected' | 'pending_documents' | 'manual_review' | 'below_threshold';

/** The SPEC §6 claim output. */
export interface ClaimDecision {
	outcome: ClaimOutcome;
	planId: string | null;
	countedFen: number;
	tierFen: number;
	payoutFen: number;
	paidInPlanAfterFen: number;
	/** null when no plan covers the accident. */
	remainingCapAfterFen: number | null;
	reasons: Reason[];
	lines: ClaimLine[];
	deadlines: { expenseWindowEnd: string | null; filingDeadline: string | null };
	explanation: string;
}
