import { createHash } from 'node:crypto';
import { CITIES } from '../../lib/core/cities';
import { prepared } from '../db/open';
import type { Employer, SeedContext } from './context';
import { chineseName, completeUsci, isoAt, mobile, residentIdFor } from './people';
import type { Random } from './prng';
import { DEMO_COMPANIES, GROUP_WEIGHTS, RELATION_WEIGHTS, type DemoCompany } from './reference';

/** One gig worker: who, where, in which group, engaged how and by whom. */
export interface Person {
	idNumber: string;
	name: string;
	phone: string;
	cityCode: string;
	group: string;
	relation: string;
	employer: Employer;
	company: DemoCompany | undefined;
}

const COMPANY_OF_GROUP = new Map<string, DemoCompany>(DEMO_COMPANIES.map((c) => [c.group, c]));
const CITY_WEIGHTS = CITIES.map((c) => c.targets2022.newFormMembers);

function pickKey(random: Random, weights: Record<string, number>): string {
	const keys = Object.keys(weights);
	return random.weighted(keys, keys.map((k) => weights[k]));
}

/** The i-th person of the demo world (their ID number depends on i alone, so none repeats). */
export function person(ctx: SeedContext, i: number): Person {
	const { random } = ctx;
	const cityCode = random.weighted(CITIES, CITY_WEIGHTS).cityCode;
	const group = pickKey(random, GROUP_WEIGHTS);
	const relation = pickKey(random, RELATION_WEIGHTS[group]);
	const company = COMPANY_OF_GROUP.get(group);
	const local = ctx.employersByCity.get(cityCode)!;
	let employer: Employer;
	if (relation === 'dispatch') employer = ctx.agencyByCity.get(cityCode) ?? random.pick(local);
	else if (relation === 'labor_contract' || !company) employer = random.pick(local);
	// Working under the platform's rules or on one's own account: the platform is the counterpart.
	else employer = platformAsEmployer(ctx, company, cityCode);
	return { idNumber: residentIdFor(i), name: chineseName(random), phone: mobile(random), cityCode, group, relation, employer, company };
}

function platformAsEmployer(ctx: SeedContext, company: DemoCompany, cityCode: string): Employer {
	return { name: company.name, usci: completeUsci(company.usciBase), cityCode, unionOrgId: ctx.platformUnion.get(`${company.companyId}/${cityCode}`) ?? null };
}

/** Puts the person on their platform's roster, and some on a second platform's as well. */
export function addToRosters(ctx: SeedContext, p: Person, sinceMs: number): void {
	const { db, random } = ctx;
	const insert = prepared(
		db,
		`INSERT INTO company_workers (company_id, id_number, id_number_hash, relation, active, city_code, grp,
			employer_name, employer_usci, employer_union_org_id, since)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	const hash = createHash('sha256').update(p.idNumber.toUpperCase()).digest('hex');
	const since = isoAt(sinceMs).slice(0, 10);
	if (p.company) {
		const e = p.employer;
		insert.run(p.company.companyId, p.idNumber, hash, p.relation, random.chance(0.9) ? 1 : 0, p.cityCode, p.group, e.name, e.usci, e.unionOrgId, since);
	}
	// Many also work for another platform, usually on their own account.
	if (random.chance(p.company ? 0.12 : 0.3)) {
		const other = random.pick(DEMO_COMPANIES.filter((c) => c !== p.company));
		const e = platformAsEmployer(ctx, other, p.cityCode);
		insert.run(other.companyId, p.idNumber, hash, 'civil', random.chance(0.7) ? 1 : 0, p.cityCode, other.group, e.name, e.usci, e.unionOrgId, since);
	}
}
