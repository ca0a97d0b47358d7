import { normalizeMobile } from '../../lib/core/identity';
import type { Db } from '../db/open';
import { nextId } from '../db/sequences';
import { pageQuery, toPage } from '../http/pagination';
import { checkVersion } from '../http/preconditions';
import { problems } from '../http/problem';
import { ok, type Operations } from '../http/types';
import type { Deps } from './deps';

export interface MemberRow {
	seq: number;
	member_id: string;
	name: string;
	id_number: string;
	phone: string;
	grp: string;
	employment_relation: string;
	city_code: string;
	org_id: string;
	joined_at: string;
	real_name_registered: number;
	employer_name: string | null;
	employer_usci: string | null;
	platform_name: string | null;
	platform_usci: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface NewMember {
	memberId?: string;
	name: string;
	idNumber: string;
	phone: string;
	group: string;
	employmentRelation: string;
	cityCode: string;
	orgId: string;
	joinedAt: string;
	realNameRegistered: boolean;
	employer?: { name: string; usci?: string | null } | null;
	platform?: { name: string; usci?: string | null } | null;
	createdAt: string;
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
	return {
		insert: db.prepare(
			`INSERT INTO members (member_id, name, id_number, phone, grp, employment_relation, city_code, org_id, joined_at,
				real_name_registered, employer_name, employer_usci, platform_name, platform_usci, version, created_at, updated_at)
			 VALUES (@memberId, @name, @idNumber, @phone, @group, @employmentRelation, @cityCode, @orgId, @joinedAt,
				@realNameRegistered, @employerName, @employerUsci, @platformName, @platformUsci, 1, @createdAt, @createdAt)`,
		),
		byId: db.prepare('SELECT * FROM members WHERE member_id = ?'),
		byIdNumber: db.prepare('SELECT * FROM members WHERE id_number = ?'),
		memberExists: db.prepare('SELECT 1 FROM members WHERE member_id = ?'),
	};
}

function stmts(db: Db) {
	let s = statements.get(db);
	if (!s) {
		s = prepare(db);
		statements.set(db, s);
	}
	return s;
}

/** Adds a member (used by approvals and by the seed); the ID number is stored upper-cased. */
export function insertMember(db: Db, member: NewMember): string {
	const s = stmts(db);
	const memberId = member.memberId ?? nextId(db, 'member', 'M', 8, (id) => !!s.memberExists.get(id));
	s.insert.run({
		memberId,
		name: member.name,
		idNumber: member.idNumber.trim().toUpperCase(),
		phone: member.phone,
		group: member.group,
		employmentRelation: member.employmentRelation,
		cityCode: member.cityCode,
		orgId: member.orgId,
		joinedAt: member.joinedAt,
		realNameRegistered: member.realNameRegistered ? 1 : 0,
		employerName: member.employer?.name ?? null,
		employerUsci: member.employer?.usci ?? null,
		platformName: member.platform?.name ?? null,
		platformUsci: member.platform?.usci ?? null,
		createdAt: member.createdAt,
	});
	return memberId;
}

export function findMember(db: Db, memberId: string): MemberRow | undefined {
	return stmts(db).byId.get(memberId) as MemberRow | undefined;
}

export function findMemberByIdNumber(db: Db, idNumber: string): MemberRow | undefined {
	return stmts(db).byIdNumber.get(idNumber.trim().toUpperCase()) as MemberRow | undefined;
}

/** docs/api: MemberPatch. */
interface MemberPatch {
	name?: string;
	phone?: string;
	realNameRegistered?: boolean;
	group?: string;
	employmentRelation?: string;
	employer?: { name: string; usci?: string | null } | null;
	platform?: { name: string; usci?: string | null } | null;
}

type Enrolments = Map<string, Array<{ planId: string; enrolledAt: string }>>;

function enrolmentsOf(db: Db, memberIds: string[]): Enrolments {
	const out: Enrolments = new Map(memberIds.map((id) => [id, []]));
	if (memberIds.length === 0) return out;
	const rows = db
		.prepare(
			`SELECT member_id, plan_id, enrolled_at FROM enrolments WHERE member_id IN (${memberIds.map(() => '?').join(',')}) ORDER BY seq`,
		)
		.all(...memberIds) as Array<{ member_id: string; plan_id: string; enrolled_at: string }>;
	for (const r of rows) out.get(r.member_id)?.push({ planId: r.plan_id, enrolledAt: r.enrolled_at });
	return out;
}

export function memberJson(row: MemberRow, enrolments: Array<{ planId: string; enrolledAt: string }>) {
	return {
		memberId: row.member_id,
		name: row.name,
		idNumber: row.id_number,
		phone: row.phone,
		group: row.grp,
		employmentRelation: row.employment_relation,
		cityCode: row.city_code,
		orgId: row.org_id,
		joinedAt: row.joined_at,
		realNameRegistered: row.real_name_registered === 1,
		...(row.employer_name ? { employer: { name: row.employer_name, usci: row.employer_usci } } : {}),
		...(row.platform_name ? { platform: { name: row.platform_name, usci: row.platform_usci } } : {}),
		enrolments,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export function loadMemberJson(db: Db, row: MemberRow) {
	return memberJson(row, enrolmentsOf(db, [row.member_id]).get(row.member_id) ?? []);
}

export function memberOperations({ db, now }: Deps): Operations {
	function mustFind(memberId: string): MemberRow {
		const row = findMember(db, memberId);
		if (!row) throw problems.notFound('member', memberId);
		return row;
	}

	return {
		listMembers({ query }) {
			const { sql, args, limit } = pageQuery(
				'members',
				[
					['org_id = ?', query.orgId],
					['employer_usci = ? COLLATE NOCASE', query.employerUsci],
					['city_code = ?', query.cityCode],
					['id_number = ?', typeof query.idNumber === 'string' ? query.idNumber.trim().toUpperCase() : undefined],
					['grp = ?', query.group],
				],
				query,
			);
			const rows = db.prepare(sql).all(...args) as MemberRow[];
			const enrolments = enrolmentsOf(
				db,
				rows.slice(0, limit).map((r) => r.member_id),
			);
			return ok(toPage(rows, limit, (r) => memberJson(r, enrolments.get(r.member_id) ?? [])));
		},

		getMember({ params }) {
			const row = mustFind(params.memberId);
			return ok(loadMemberJson(db, row), row.version);
		},

		updateMember(ctx) {
			return db.transaction(() => {
				const row = mustFind(ctx.params.memberId);
				checkVersion(ctx, row.version);
				const patch = ctx.body as MemberPatch;
				const next = { ...row };
				if (patch.name !== undefined) next.name = patch.name;
				if (patch.phone !== undefined) {
					const phone = normalizeMobile(patch.phone);
					if (!phone) throw problems.validation([{ field: 'phone', message: 'is not a mainland mobile number' }]);
					next.phone = phone;
				}
				if (patch.realNameRegistered !== undefined) next.real_name_registered = patch.realNameRegistered ? 1 : 0;
				if (patch.group !== undefined) next.grp = patch.group;
				if (patch.employmentRelation !== undefined) next.employment_relation = patch.employmentRelation;
				if (patch.employer !== undefined) {
					next.employer_name = patch.employer?.name ?? null;
					next.employer_usci = patch.employer?.usci ?? null;
				}
				if (patch.platform !== undefined) {
					next.platform_name = patch.platform?.name ?? null;
					next.platform_usci = patch.platform?.usci ?? null;
				}
				next.version = row.version + 1;
				next.updated_at = now();
				db.prepare(
					`UPDATE members SET name = @name, phone = @phone, real_name_registered = @real_name_registered, grp = @grp,
						employment_relation = @employment_relation, employer_name = @employer_name, employer_usci = @employer_usci,
						platform_name = @platform_name, platform_usci = @platform_usci, version = @version, updated_at = @updated_at
					 WHERE member_id = @member_id AND version = @old_version`,
				).run({ ...next, old_version: row.version });
				return ok(loadMemberJson(db, next), next.version);
			})();
		},
	};
}
