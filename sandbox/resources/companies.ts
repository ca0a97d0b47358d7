import type { Db } from '../db/open';
import { pageQuery, toPage } from '../http/pagination';
import { ProblemError } from '../http/problem';
import { ok, type Operations } from '../http/types';
import type { CompanyOAuth } from '../security/oauth';
import type { Deps } from './deps';

interface WorkerRow {
	seq: number;
	company_id: string;
	id_number: string;
	id_number_hash: string;
	relation: string;
	active: number;
	city_code: string;
	grp: string;
	employer_name: string;
	employer_usci: string;
	employer_union_org_id: string | null;
	since: string;
}

function company(db: Db, companyId: string) {
	return db.prepare('SELECT company_id, name, usci FROM companies WHERE company_id = ?').get(companyId) as
		| { company_id: string; name: string; usci: string }
		| undefined;
}

/** The platform companies' side (docs/api/platform-company.openapi.yaml). */
export function companyOperations({ db }: Deps, oauth: CompanyOAuth): Operations {
	return {
		issueToken({ params, headers, body }) {
			return oauth.issue(params.companyId, headers, body as URLSearchParams);
		},

		lookupEmployment({ params, query }) {
			const platform = company(db, params.companyId)!;
			const idNumber = String(query.idNumber).trim().toUpperCase();
			const row = db.prepare('SELECT * FROM company_workers WHERE company_id = ? AND id_number = ?').get(platform.company_id, idNumber) as
				| WorkerRow
				| undefined;
			if (!row) {
				throw new ProblemError(404, 'WORKER_NOT_FOUND', `${platform.name} has no worker with this ID number`, { found: false });
			}
			return ok({
				found: true,
				relation: row.relation,
				active: row.active === 1,
				cityCode: row.city_code,
				group: row.grp,
				employer: { name: row.employer_name, usci: row.employer_usci, unionOrgId: row.employer_union_org_id },
				platform: { name: platform.name, usci: platform.usci },
				since: row.since,
			});
		},

		listRoster({ params, query }) {
			const { sql, args, limit } = pageQuery(
				'company_workers',
				[
					['company_id = ?', params.companyId],
					['city_code = ?', query.cityCode],
					['grp = ?', query.group],
				],
				query,
			);
			return ok(
				toPage(db.prepare(sql).all(...args) as WorkerRow[], limit, (r) => ({
					idNumberHash: r.id_number_hash,
					cityCode: r.city_code,
					group: r.grp,
					active: r.active === 1,
				})),
			);
		},

		rosterCounts({ params }) {
			const rows = db
				.prepare(
					`SELECT city_code, grp, COUNT(*) AS n FROM company_workers WHERE company_id = ? AND active = 1
					 GROUP BY city_code, grp ORDER BY city_code, grp`,
				)
				.all(params.companyId) as Array<{ city_code: string; grp: string; n: number }>;
			return ok({
				companyId: params.companyId,
				counts: rows.map((r) => ({ cityCode: r.city_code, group: r.grp, workers: r.n })),
			});
		},
	};
}
