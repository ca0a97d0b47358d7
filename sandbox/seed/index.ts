/**
 * Demo data, the same on every machine (seeded PRNG): the 21 city federations and their admins,
 * enterprise, platform and dispatch-agency unions, four platform companies with overlapping
 * workers, members across cities and groups with valid resident IDs from many provinces, some
 * real-name registered, some enrolled, some with claims, and applications waiting for review.
 */
import type { Db } from '../db/open';
import { setMeta, withIndexesDeferred } from '../db/open';
import { formatId, reserve } from '../db/sequences';
import { seedApplications } from './applications';
import { seedClaims } from './claims';
import { SEED_UNTIL, type SeedContext } from './context';
import { seedMembers } from './members';
import { seedOrganizations } from './organizations';
import { isoAt } from './people';
import { createRandom } from './prng';
import { DEMO_COMPANIES } from './reference';

export { DEMO_COMPANIES } from './reference';

export interface SeedOptions {
	/** Members to create (default 3000); a third as many workers are on the companies' rosters only. */
	size?: number;
	/** PRNG seed (default 20210907, the campaign's first day). */
	seed?: number;
	/** Members per transaction. */
	batchSize?: number;
	onProgress?(done: number, total: number): void;
}

export interface SeedSummary {
	seed: number;
	members: number;
	rosterOnlyWorkers: number;
	organizations: number;
	enrolments: number;
	claims: number;
	applications: number;
	companies: string[];
	examples: {
		federation: string;
		federationAdmin: string;
		enterpriseUnion: string;
		enterpriseUnionAdmin: string;
		transferCandidate: string | null;
		memberWithClaims: string | null;
		pendingApplication: string | null;
	};
}

export function seedDatabase(db: Db, options: SeedOptions = {}): SeedSummary {
	const size = options.size ?? 3000;
	const seed = options.seed ?? 20210907;
	const ctx: SeedContext = {
		db,
		random: createRandom(seed),
		stamp: isoAt(SEED_UNTIL),
		employersByCity: new Map(),
		agencyByCity: new Map(),
		platformUnion: new Map(),
	};
	const organizations = db.transaction(() => seedOrganizations(ctx))();
	const firstMember = reserve(db, 'member', size);
	const rosterOnly = Math.max(50, Math.round(size / 3));

	// The big tables' indexes are built once at the end of the load rather than grown row by row.
	const { members, claims, applications } = withIndexesDeferred(db, ['members', 'company_workers', 'enrolments'], () => {
		const members = seedMembers(ctx, firstMember, size, options.batchSize ?? 10_000, options.onProgress);
		const claims = seedClaims(ctx, members.withClaims);
		const applications = seedApplications(ctx, size, rosterOnly, formatId('M', firstMember, 8));
		return { members, claims, applications };
	});

	setMeta(db, 'seed', JSON.stringify({ seed, size, at: ctx.stamp }));
	return {
		seed,
		members: size,
		rosterOnlyWorkers: rosterOnly,
		organizations,
		enrolments: members.enrolments,
		claims: claims.claims,
		applications: applications.applications,
		companies: DEMO_COMPANIES.map((c) => c.companyId),
		examples: {
			federation: 'FED-440300',
			federationAdmin: 'ADM-440300-1',
			enterpriseUnion: 'ENT-440300-01',
			enterpriseUnionAdmin: 'ADM-ENT-440300-01-1',
			transferCandidate: members.transferCandidate,
			memberWithClaims: claims.memberWithClaims,
			pendingApplication: applications.pendingApplication,
		},
	};
}
