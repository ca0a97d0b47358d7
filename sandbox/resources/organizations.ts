import type { Db } from '../db/open';
import { nextId } from '../db/sequences';
import { normalizeTimestamp } from '../clock';
import { pageQuery, toPage } from '../http/pagination';
import { checkVersion } from '../http/preconditions';
import { problems } from '../http/problem';
import { created, ok, type Operations } from '../http/types';
import { isUniqueViolation, type Deps } from './deps';

export interface OrganizationRow {
	seq: number;
	org_id: string;
	type: string;
	city_code: string;
	name: string;
	status: 'active' | 'dissolved';
	usci: string | null;
	parent_org_id: string | null;
	established_at: string;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface NewOrganization {
	orgId: string;
	type: string;
	cityCode: string;
	name: string;
	status?: 'active' | 'dissolved';
	usci?: string | null;
	parentOrgId?: string | null;
	establishedAt: string;
	createdAt: string;
}

/** docs/api: OrganizationInput. */
interface OrganizationInput {
	orgId?: string;
	type: string;
	cityCode: string;
	name: string;
	usci?: string | null;
	parentOrgId?: string | null;
	establishedAt?: string;
	admins?: Array<{ adminId?: string; name: string; phone: string }>;
}

/** The city's reservoir: the new-business industry union federation (附件3). */
export function federationId(cityCode: string): string {
	return `FED-${cityCode}`;
}

export function findOrganization(db: Db, orgId: string): OrganizationRow | undefined {
	return db.prepare('SELECT * FROM organizations WHERE org_id = ?').get(orgId) as OrganizationRow | undefined;
}

export function insertOrganization(db: Db, org: NewOrganization): void {
	db.prepare(
		`INSERT INTO organizations (org_id, type, city_code, name, status, usci, parent_org_id, established_at, version, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
	).run(
		org.orgId,
		org.type,
		org.cityCode,
		org.name,
		org.status ?? 'active',
		org.usci ?? null,
		org.parentOrgId ?? null,
		org.establishedAt,
		org.createdAt,
		org.createdAt,
	);
}

export function insertAdmin(db: Db, admin: { adminId: string; orgId: string; name: string; phone: string }): void {
	db.prepare('INSERT INTO admins (admin_id, org_id, name, phone) VALUES (?, ?, ?, ?)').run(
		admin.adminId,
		admin.orgId,
		admin.name,
		admin.phone,
	);
}

/** Whether `adminId` administers `orgId`. */
export function isAdminOf(db: Db, adminId: string, orgId: string): boolean {
	return !!db.prepare('SELECT 1 FROM admins WHERE admin_id = ? AND org_id = ?').get(adminId, orgId);
}

export function organizationJson(row: OrganizationRow) {
	return {
		orgId: row.org_id,
		type: row.type,
		cityCode: row.city_code,
		name: row.name,
		status: row.status,
		usci: row.usci,
		parentOrgId: row.parent_org_id,
		establishedAt: row.established_at,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export function organizationOperations({ db, now, outbox }: Deps): Operations {
	function mustFind(orgId: string): OrganizationRow {
		const row = findOrganization(db, orgId);
		if (!row) throw problems.notFound('organization', orgId);
		return row;
	}

	return {
		listOrganizations({ query }) {
			const { sql, args, limit } = pageQuery(
				'organizations',
				[
					['city_code = ?', query.cityCode],
					['type = ?', query.type],
					['usci = ? COLLATE NOCASE', typeof query.usci === 'string' ? query.usci.trim() : undefined],
					['status = ?', query.status],
					['created_at > ?', normalizeTimestamp(query.createdAfter)],
				],
				query,
			);
			return ok(toPage(db.prepare(sql).all(...args) as OrganizationRow[], limit, organizationJson));
		},

		/** For a subscriber that lost the first announcement: the same event again, with the organisation as it stands. */
		redeliverOrganization({ params }) {
			return db.transaction(() => {
				const row = mustFind(params.orgId);
				if (row.status !== 'active') throw problems.conflict('ORG_DISSOLVED', `Organization ${row.org_id} is dissolved`);
				return { status: 202, body: outbox.emit('organization.established', organizationJson(row)) };
			})();
		},

		getOrganization({ params }) {
			const row = mustFind(params.orgId);
			return ok(organizationJson(row), row.version);
		},

		listOrganizationAdmins({ params }) {
			mustFind(params.orgId);
			const rows = db.prepare('SELECT admin_id, org_id, name, phone FROM admins WHERE org_id = ? ORDER BY admin_id').all(
				params.orgId,
			) as Array<{ admin_id: string; org_id: string; name: string; phone: string }>;
			return ok({ items: rows.map((r) => ({ adminId: r.admin_id, name: r.name, phone: r.phone, orgId: r.org_id })) });
		},

		createOrganization(ctx) {
			const body = ctx.body as OrganizationInput;
			return db.transaction(() => {
				const orgId =
					body.orgId ?? nextId(db, `org-${body.cityCode}`, `ORG-${body.cityCode}-`, 6, (id) => !!findOrganization(db, id));
				if (findOrganization(db, orgId)) throw problems.conflict('ORG_EXISTS', `Organization ${orgId} already exists`);
				if (body.parentOrgId && !findOrganization(db, body.parentOrgId)) {
					throw problems.unprocessable('ORG_NOT_FOUND', `No parent organization ${body.parentOrgId}`);
				}
				const stamp = now();
				insertOrganization(db, {
					orgId,
					type: body.type,
					cityCode: body.cityCode,
					name: body.name,
					usci: body.usci ?? null,
					parentOrgId: body.parentOrgId ?? null,
					establishedAt: normalizeTimestamp(body.establishedAt) ?? stamp,
					createdAt: stamp,
				});
				(body.admins ?? []).forEach((admin, i) => {
					const adminId = admin.adminId ?? `ADM-${orgId}-${i + 1}`;
					try {
						insertAdmin(db, { adminId, orgId, name: admin.name, phone: admin.phone });
					} catch (error) {
						if (isUniqueViolation(error)) throw problems.conflict('ADMIN_EXISTS', `Administrator ${adminId} already exists`);
						throw error;
					}
				});
				const org = organizationJson(mustFind(orgId));
				outbox.emit('organization.established', org);
				return created(org, `/api/v1/organizations/${encodeURIComponent(orgId)}`, org.version);
			})();
		},

		updateOrganization(ctx) {
			const patch = ctx.body as { name?: string; status?: 'active' | 'dissolved' };
			return db.transaction(() => {
				const row = mustFind(ctx.params.orgId);
				checkVersion(ctx, row.version);
				db.prepare('UPDATE organizations SET name = ?, status = ?, version = version + 1, updated_at = ? WHERE org_id = ?').run(
					patch.name ?? row.name,
					patch.status ?? row.status,
					now(),
					row.org_id,
				);
				const next = mustFind(row.org_id);
				return ok(organizationJson(next), next.version);
			})();
		},
	};
}
