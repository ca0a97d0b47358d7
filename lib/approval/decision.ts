import { reason, type Reason } from '../core/reasons';
import { textOf } from '../core/text';
import { fieldInvalid, fieldMissing, isPresent, nowDate, submissionDate } from './fields';
import { RULES } from './rules';
import type { ReviewedApplication } from './types';

/**
 * An admin's decision on an application in review, as the platform's webhook sends it (SPEC §3).
 * The platform API's spelling is read too: `outcome` for `decision`, `decidedBy: { adminId, adminOrgId }`.
 */
export interface AdminDecision {
	applicationId?: string;
	decision: 'approve' | 'reject';
	adminId: string;
	adminOrgId?: string;
	comment?: string;
	decidedAt?: string;
}

export interface DecidedBy {
	adminId: string;
	adminOrgId: string;
}

/**
 * The organisations the deciding admin administers: either their org ids, or a directory of
 * admins (adminId → org ids) in which the decision's `adminId` is looked up.
 */
export type AdminOrgs = readonly string[] | Readonly<Record<string, readonly string[]>>;

export interface AdminDecisionOptions {
	adminOrgs?: AdminOrgs;
	/** When the decision carries no `decidedAt`. */
	now?: Date | string;
}

export interface DecidedApplication extends ReviewedApplication {
	/** `applied`: the outcome is now the admin's; `refused`: nothing changed, see `decisionReasons`. */
	decisionStatus: 'applied' | 'refused';
	decisionReasons: Reason[];
	decidedBy?: DecidedBy;
	decidedAt?: string;
	comment?: string | null;
}

function orgsOf(adminOrgs: AdminOrgs | undefined, adminId: unknown): readonly string[] {
	if (!adminOrgs) return [];
	if (Array.isArray(adminOrgs)) return adminOrgs.filter((o): o is string => typeof o === 'string');
	if (typeof adminId !== 'string') return [];
	const directory = adminOrgs as Readonly<Record<string, readonly string[]>>;
	const orgs = Object.prototype.hasOwnProperty.call(directory, adminId) ? directory[adminId] : undefined;
	return Array.isArray(orgs) ? orgs.filter((o): o is string => typeof o === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies an admin's approve/reject to a reviewed application. Only an admin of the assigned
 * organisation may decide, and only while the application awaits review; a refused decision
 * leaves the application as it was and says why in `decisionReasons`.
 */
export function applyAdminDecision(
	reviewed: unknown,
	decision: unknown,
	options: AdminDecisionOptions = {},
): DecidedApplication {
	if (!isRecord(reviewed)) throw new TypeError('The reviewed application must be an object.');
	if (!isRecord(decision)) throw new TypeError('The admin decision must be an object.');
	const application = reviewed as unknown as ReviewedApplication;
	const problems: Reason[] = [];
	const by = isRecord(decision.decidedBy) ? decision.decidedBy : {};
	const adminId = decision.adminId ?? by.adminId;
	const actsFor = decision.adminOrgId ?? by.adminOrgId;

	const verdict = decision.decision ?? decision.outcome;
	if (!isPresent(verdict)) problems.push(fieldMissing('decision'));
	else if (verdict !== 'approve' && verdict !== 'reject') {
		problems.push(fieldInvalid('decision', '应为 approve 或 reject。', 'must be approve or reject.'));
	}
	if (!isPresent(adminId)) problems.push(fieldMissing('adminId'));
	else if (typeof adminId !== 'string') problems.push(fieldInvalid('adminId', '应为文本。', 'must be a string.'));
	if (isPresent(decision.applicationId) && decision.applicationId !== application.applicationId) {
		problems.push(
			fieldInvalid(
				'applicationId',
				'与所审批的申请不一致：该决定属于另一份申请。',
				'does not match the application: the decision is for another one.',
			),
		);
	}
	let decidedAt: string;
	if (isPresent(decision.decidedAt)) {
		if (!submissionDate(decision.decidedAt)) {
			problems.push(fieldInvalid('decidedAt', '应为 ISO 8601 时间。', 'must be an ISO 8601 timestamp.'));
		}
		decidedAt = textOf(decision.decidedAt);
	} else {
		decidedAt = nowDate(options.now).toISOString();
	}
	if (isPresent(decision.comment) && typeof decision.comment !== 'string') {
		problems.push(fieldInvalid('comment', '应为文本。', 'must be a string.'));
	}

	if (application.outcome !== 'review') {
		problems.push(
			reason(
				'NOT_AWAITING_REVIEW',
				'reject',
				RULES.adminWorkflow,
				`该申请当前状态为“${textOf(application.outcome) || '未审核'}”，不在待审核状态，不能再作审批决定。`,
				`The application is "${textOf(application.outcome) || 'not reviewed'}", not awaiting review: no decision can be applied.`,
				'outcome',
			),
		);
	}

	const assignedOrgId = isRecord(application.assignedOrg) ? application.assignedOrg.orgId : undefined;
	const orgs = orgsOf(options.adminOrgs, adminId);
	const authorized =
		typeof assignedOrgId === 'string' &&
		orgs.includes(assignedOrgId) &&
		(!isPresent(actsFor) || (typeof actsFor === 'string' && orgs.includes(actsFor)));
	if (!authorized) {
		problems.push(
			reason(
				'ADMIN_NOT_AUTHORIZED',
				'reject',
				RULES.adminApproval,
				`只有受理该申请的工会组织（${textOf(assignedOrgId) || '未分配'}）的管理员才能审批，该管理员不管理该组织。`,
				`Only an admin of the organisation the application is assigned to (${textOf(assignedOrgId) || 'none'}) may decide; this admin does not administer it.`,
				'adminId',
			),
		);
	}

	if (problems.length) {
		return { ...application, decisionStatus: 'refused', decisionReasons: problems };
	}
	return {
		...application,
		outcome: verdict as 'approve' | 'reject',
		decisionStatus: 'applied',
		decisionReasons: [],
		decidedBy: { adminId: adminId as string, adminOrgId: (isPresent(actsFor) ? actsFor : assignedOrgId) as string },
		decidedAt,
		comment: isPresent(decision.comment) ? (decision.comment as string) : null,
	};
}
