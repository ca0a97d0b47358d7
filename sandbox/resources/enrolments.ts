import { normalizeTimestamp } from '../clock';
import { prepared, type Db } from '../db/open';
import { nextId } from '../db/sequences';
import { pageQuery, toPage } from '../http/pagination';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isUniqueViolation, type Deps } from './deps';
import { findMember } from './members';

interface EnrolmentRow {
	seq: number;
	enrolment_id: string;
	member_id: string;
	id_number: string;
	plan_id: string;
	enrolled_at: string;
	version: number;
	created_at: string;
}

function enrolmentJson(row: EnrolmentRow) {
	return {
		enrolmentId: row.enrolment_id,
		memberId: row.member_id,
		planId: row.plan_id,
		enrolledAt: row.enrolled_at,
		version: row.version,
		createdAt: row.created_at,
	};
}

/**
 * Enrols a member. "One enrolment per person per plan" (附件4) is the unique index on
 * (ID number, plan): concurrent requests cannot both get through.
 */
export function insertEnrolment(db: Db, memberId: string, idNumber: string, planId: string, enrolledAt: string, stamp: string): string {
	const enrolmentId = nextId(db, 'enrolment', 'EN', 8);
	prepared(
		db,
		`INSERT INTO enrolments (enrolment_id, member_id, id_number, plan_id, enrolled_at, version, created_at)
		 VALUES (?, ?, ?, ?, ?, 1, ?)`,
	).run(enrolmentId, memberId, idNumber, planId, enrolledAt, stamp);
	prepared(
		db,
		'UPDATE members SET first_enrolled_at = ? WHERE member_id = ? AND (first_enrolled_at IS NULL OR first_enrolled_at > ?)',
	).run(enrolledAt, memberId, enrolledAt);
	return enrolmentId;
}

export function enrolmentOperations({ db, now }: Deps): Operations {
	return {
		listEnrolments({ query }) {
			const { sql, args, limit } = pageQuery(
				'enrolments',
				[
					['member_id = ?', query.memberId],
					['plan_id = ?', query.planId],
				],
				query,
			);
			return ok(toPage(db.prepare(sql).all(...args) as EnrolmentRow[], limit, enrolmentJson));
		},

		createEnrolment(ctx) {
			const body = ctx.body as { memberId: string; planId: string; enrolledAt?: string };
			return db.transaction(() => {
				const member = findMember(db, body.memberId);
				if (!member) throw problems.unprocessable('MEMBER_NOT_FOUND', `No member ${body.memberId}`);
				const stamp = now();
				let enrolmentId: string;
				try {
					enrolmentId = insertEnrolment(db, member.member_id, member.id_number, body.planId, normalizeTimestamp(body.enrolledAt) ?? stamp, stamp);
				} catch (error) {
					if (!isUniqueViolation(error, 'enrolments.id_number')) throw error;
					const existing = db
						.prepare('SELECT enrolment_id FROM enrolments WHERE id_number = ? AND plan_id = ?')
						.get(member.id_number, body.planId) as { enrolment_id: string };
					throw problems.conflict('ENROLMENT_DUPLICATE', `This person is already enrolled in ${body.planId}`, {
						enrolmentId: existing.enrolment_id,
					});
				}
				const row = db.prepare('SELECT * FROM enrolments WHERE enrolment_id = ?').get(enrolmentId) as EnrolmentRow;
				return created(enrolmentJson(row), `/api/v1/enrolments?memberId=${encodeURIComponent(row.member_id)}`, row.version);
			})();
		},
	};
}
