import { resolveCity } from '../../lib/core/cities';
import { normalizeMobile } from '../../lib/core/identity';
import { normalizeTimestamp } from '../clock';
import type { Db } from '../db/open';
import { nextId } from '../db/sequences';
import { pageQuery, toPage } from '../http/pagination';
import { checkVersion } from '../http/preconditions';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isUniqueViolation, type Deps } from './deps';
import { findMemberByIdNumber, insertMember } from './members';
import { federationId, findOrganization } from './organizations';

export interface ApplicationRow {
	seq: number;
	application_id: string;
	status: 'pending' | 'approved' | 'rejected' | 'review';
	city_code: string | null;
	body: string;
	decisions: string;
	member_id: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

const STATUS_OF = { approve: 'approved', reject: 'rejected', review: 'review' } as const;

interface Party {
	name: string;
	usci?: string | null;
	unionOrgId?: string | null;
}

/** The SPEC §3 application as submitted (docs/api: ApplicationInput). */
export interface ApplicationBody {
	applicationId: string;
	submittedAt?: string;
	channel?: string;
	name: string;
	idNumber: string;
	phone: string;
	group: string;
	employmentRelation: string;
	workCity: string;
	residenceCity?: string | null;
	platform?: Party | null;
	employer?: Party | null;
	dispatchAgency?: Party | null;
	existingMembership?: { orgId: string; orgName?: string; since?: string } | null;
	realNameVerified?: boolean;
}

interface DecisionInput {
	outcome: keyof typeof STATUS_OF;
	reasons: unknown[];
	assignedOrg?: { type: string; cityCode: string; orgId?: string | null } | null;
	recommendedTransfer?: unknown;
	decidedBy?: unknown;
	comment?: string | null;
}

export function findApplication(db: Db, applicationId: string): ApplicationRow | undefined {
	return db.prepare('SELECT * FROM applications WHERE application_id = ?').get(applicationId) as ApplicationRow | undefined;
}

/** Stores a submitted application as it came, with the platform's own fields beside it. */
export function insertApplication(
	db: Db,
	application: ApplicationBody,
	stamp: string,
	status: ApplicationRow['status'] = 'pending',
): void {
	db.prepare(
		`INSERT INTO applications (application_id, status, city_code, body, decisions, member_id, version, created_at, updated_at)
		 VALUES (?, ?, ?, ?, '[]', NULL, 1, ?, ?)`,
	).run(application.applicationId, status, resolveCity(application.workCity)?.cityCode ?? null, JSON.stringify(application), stamp, stamp);
}

export function applicationJson(row: ApplicationRow) {
	const decisions = JSON.parse(row.decisions) as unknown[];
	return {
		...(JSON.parse(row.body) as Record<string, unknown>),
		applicationId: row.application_id,
		status: row.status,
		cityCode: row.city_code,
		decision: decisions.length ? decisions[decisions.length - 1] : null,
		decisions,
		memberId: row.member_id,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export function applicationOperations({ db, now, outbox }: Deps): Operations {
	function mustFind(applicationId: string): ApplicationRow {
		const row = findApplication(db, applicationId);
		if (!row) throw problems.notFound('application', applicationId);
		return row;
	}

	/** Approval makes the member where the decision assigned them, or at the city's federation. */
	function admitMember(application: ApplicationBody, assignedOrg: { cityCode: string; orgId?: string | null }, stamp: string) {
		const orgId = assignedOrg.orgId || federationId(assignedOrg.cityCode);
		const org = findOrganization(db, orgId);
		if (!org) throw problems.unprocessable('ORG_NOT_FOUND', `No organization ${orgId} to admit the member to`);
		if (org.status !== 'active') throw problems.conflict('TARGET_INACTIVE', `Organization ${orgId} is dissolved`);
		const existing = findMemberByIdNumber(db, String(application.idNumber));
		if (existing) {
			throw problems.conflict('ALREADY_MEMBER', 'A member with this ID number is already registered; transfer instead', {
				memberId: existing.member_id,
			});
		}
		try {
			return insertMember(db, {
				name: String(application.name).trim(),
				idNumber: String(application.idNumber),
				phone: normalizeMobile(application.phone) ?? String(application.phone),
				group: application.group,
				employmentRelation: application.employmentRelation,
				cityCode: org.city_code,
				orgId,
				joinedAt: stamp,
				realNameRegistered: application.realNameVerified === true,
				employer: application.employer ? { name: application.employer.name, usci: application.employer.usci ?? null } : null,
				platform: application.platform ? { name: application.platform.name, usci: application.platform.usci ?? null } : null,
				createdAt: stamp,
			});
		} catch (error) {
			if (isUniqueViolation(error)) throw problems.conflict('ALREADY_MEMBER', 'A member with this ID number is already registered');
			throw error;
		}
	}

	return {
		listApplications({ query }) {
			const { sql, args, limit } = pageQuery(
				'applications',
				[
					['status = ?', query.status],
					['city_code = ?', query.cityCode],
				],
				query,
			);
			return ok(toPage(db.prepare(sql).all(...args) as ApplicationRow[], limit, applicationJson));
		},

		getApplication({ params }) {
			const row = mustFind(params.applicationId);
			return ok(applicationJson(row), row.version);
		},

		createApplication(ctx) {
			const body = ctx.body as Omit<ApplicationBody, 'applicationId'> & { applicationId?: string };
			return db.transaction(() => {
				const stamp = now();
				const applicationId = body.applicationId ?? nextId(db, 'application', 'APP', 8, (id) => !!findApplication(db, id));
				if (findApplication(db, applicationId)) {
					throw problems.conflict('APPLICATION_EXISTS', `Application ${applicationId} was already submitted`);
				}
				insertApplication(
					db,
					{
						...body,
						applicationId,
						submittedAt: normalizeTimestamp(body.submittedAt) ?? stamp,
						channel: body.channel ?? 'mini_program',
					},
					stamp,
				);
				const application = applicationJson(mustFind(applicationId));
				outbox.emit('application.submitted', application);
				return created(application, `/api/v1/applications/${encodeURIComponent(applicationId)}`, application.version);
			})();
		},

		/** For a subscriber that lost the first announcement: the same event again, with the application as it stands. */
		redeliverApplication({ params }) {
			return db.transaction(() => {
				const row = mustFind(params.applicationId);
				if (row.status !== 'pending') {
					throw problems.conflict('NOT_PENDING', `Application ${row.application_id} is already ${row.status}: its decision was announced`);
				}
				return { status: 202, body: outbox.emit('application.submitted', applicationJson(row)) };
			})();
		},

		decideApplication(ctx) {
			return db.transaction(() => {
				const row = mustFind(ctx.params.applicationId);
				checkVersion(ctx, row.version);
				if (row.status !== 'pending' && row.status !== 'review') {
					throw problems.conflict('NOT_AWAITING_REVIEW', `Application ${row.application_id} is already ${row.status}`);
				}
				const input = ctx.body as DecisionInput;
				const stamp = now();
				const decision = {
					outcome: input.outcome,
					reasons: input.reasons,
					assignedOrg: input.assignedOrg ?? null,
					recommendedTransfer: input.recommendedTransfer ?? null,
					decidedBy: input.decidedBy ?? null,
					comment: input.comment ?? null,
					decidedAt: stamp,
				};
				// The schema requires assignedOrg to approve.
				const memberId = input.outcome === 'approve' ? admitMember(JSON.parse(row.body), input.assignedOrg!, stamp) : null;
				const decisions = [...(JSON.parse(row.decisions) as unknown[]), decision];
				db.prepare(
					`UPDATE applications SET status = ?, decisions = ?, member_id = ?, version = version + 1, updated_at = ?
					 WHERE application_id = ?`,
				).run(STATUS_OF[input.outcome], JSON.stringify(decisions), memberId, stamp, row.application_id);
				const application = applicationJson(mustFind(row.application_id));
				outbox.emit('application.decided', application);
				return ok(application, application.version);
			})();
		},
	};
}
