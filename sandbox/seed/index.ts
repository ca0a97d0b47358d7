/**
 * Demo data, the same on every machine (seeded PRNG): the 21 city federations and their admins,
 * enterprise, platform and dispatch-agency unions, four platform companies with overlapping
 * workers, members across cities and groups with valid resident IDs from many provinces, some
 * real-name registered, some enrolled, some with claims, and applications waiting for review.
 */
import { createHash } from 'node:crypto';
import { CITIES } from '../../lib/core/cities';
import type { Db } from '../db/open';
import { setMeta } from '../db/open';
import { formatId, reserve } from '../db/sequences';
import { insertApplication, type ApplicationBody } from '../resources/applications';
import { insertClaim, recordClaimDecision } from '../resources/claims';
import { insertEnrolment } from '../resources/enrolments';
import { insertMember } from '../resources/members';
import { federationId, insertAdmin, insertOrganization } from '../resources/organizations';
import { createRandom, type Random } from './prng';
import { chinaMidnight, chineseName, completeUsci, isoAt, mobile, residentIdBornOn, residentIdFor, usciFor } from './people';
import { DEMO_COMPANIES, EMPLOYER_BRANDS, EMPLOYER_KINDS, GROUP_WEIGHTS, RELATION_WEIGHTS } from './reference';

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

const CAMPAIGN_START = chinaMidnight('2021-09-07');
const SEED_UNTIL = chinaMidnight('2022-11-30');
const FOUNDED = '2021-06-01T09:00:00.000+08:00';
const COMPANY_OF_GROUP = new Map(DEMO_COMPANIES.map((c) => [c.group as string, c]));

interface Employer {
	name: string;
	usci: string;
	cityCode: string;
	unionOrgId: string | null;
}

interface Person {
	idNumber: string;
	name: string;
	phone: string;
	cityCode: string;
	group: string;
	relation: string;
	employer: Employer;
	company: (typeof DEMO_COMPANIES)[number] | undefined;
}

function pickKey(random: Random, weights: Record<string, number>): string {
	const keys = Object.keys(weights);
	return random.weighted(keys, keys.map((k) => weights[k]));
}

export function seedDatabase(db: Db, options: SeedOptions = {}): SeedSummary {
	const size = options.size ?? 3000;
	const seed = options.seed ?? 20210907;
	const batchSize = options.batchSize ?? 10_000;
	const random = createRandom(seed);
	const stamp = isoAt(SEED_UNTIL);
	const cityWeights = CITIES.map((c) => c.targets2022.newFormMembers);

	// ── Organisations, employers, companies ────────────────────────────────────────────────
	const employersByCity = new Map<string, Employer[]>();
	const agencyByCity = new Map<string, Employer>();
	const platformUnion = new Map<string, string>(); // `${companyId}/${cityCode}` → orgId
	let organizations = 0;
	const admin = (orgId: string, n: number) =>
		insertAdmin(db, { adminId: orgId.startsWith('FED-') ? `ADM-${orgId.slice(4)}-${n}` : `ADM-${orgId}-${n}`, orgId, name: chineseName(random), phone: mobile(random) });

	db.transaction(() => {
		for (const city of CITIES) {
			const fed = federationId(city.cityCode);
			insertOrganization(db, { orgId: fed, type: 'city_newform_federation', cityCode: city.cityCode, name: `${city.cityName}市新业态行业工会联合会`, establishedAt: FOUNDED, createdAt: stamp });
			admin(fed, 1);
			admin(fed, 2);
			organizations++;

			const employers: Employer[] = [];
			const unions = Math.max(2, Math.round(city.targets2022.enterpriseUnions / 500));
			for (let n = 1; n <= unions + 4; n++) {
				const name = `${city.cityName}市${random.pick(EMPLOYER_BRANDS)}${random.pick(EMPLOYER_KINDS)}有限公司`;
				const employer: Employer = { name, usci: usciFor(random, city.cityCode), cityCode: city.cityCode, unionOrgId: null };
				if (n <= unions) {
					employer.unionOrgId = `ENT-${city.cityCode}-${String(n).padStart(2, '0')}`;
					const established = random.chance(0.8) ? random.int(CAMPAIGN_START, SEED_UNTIL) : random.int(chinaMidnight('2015-01-01'), CAMPAIGN_START);
					insertOrganization(db, { orgId: employer.unionOrgId, type: 'enterprise', cityCode: city.cityCode, name: `${name}工会`, usci: employer.usci, parentOrgId: fed, establishedAt: isoAt(established), createdAt: stamp });
					admin(employer.unionOrgId, 1);
					organizations++;
				}
				employers.push(employer);
			}
			employersByCity.set(city.cityCode, employers);

			if (city.targets2022.newFormMembers >= 20_000) {
				const name = `${city.cityName}市${random.pick(EMPLOYER_BRANDS)}人力资源服务有限公司`;
				const agency: Employer = { name, usci: usciFor(random, city.cityCode), cityCode: city.cityCode, unionOrgId: `DSP-${city.cityCode}-01` };
				insertOrganization(db, { orgId: agency.unionOrgId!, type: 'dispatch_agency', cityCode: city.cityCode, name: `${name}工会`, usci: agency.usci, parentOrgId: fed, establishedAt: isoAt(random.int(CAMPAIGN_START, SEED_UNTIL)), createdAt: stamp });
				admin(agency.unionOrgId!, 1);
				agencyByCity.set(city.cityCode, agency);
				organizations++;
			}
		}
		// A dissolved union, for transfers that must be refused (TARGET_INACTIVE).
		insertOrganization(db, { orgId: 'ENT-441900-90', type: 'enterprise', cityCode: '441900', name: '东莞市已注销物流有限公司工会', status: 'dissolved', usci: usciFor(random, '441900'), parentOrgId: 'FED-441900', establishedAt: '2019-03-01T09:00:00.000+08:00', createdAt: stamp });
		admin('ENT-441900-90', 1);
		organizations++;

		for (const company of DEMO_COMPANIES) {
			const usci = completeUsci(company.usciBase);
			db.prepare('INSERT INTO companies (company_id, name, usci, grp, client_id, client_secret) VALUES (?, ?, ?, ?, ?, ?)').run(
				company.companyId, company.name, usci, company.group, `${company.companyId}-client`, `${company.companyId}-secret`,
			);
			for (const cityCode of company.unionCities) {
				const orgId = `PEU-${company.companyId}-${cityCode}`;
				insertOrganization(db, { orgId, type: 'platform_enterprise', cityCode, name: `${company.name}${CITIES.find((c) => c.cityCode === cityCode)!.cityName}工会`, usci, parentOrgId: federationId(cityCode), establishedAt: isoAt(random.int(CAMPAIGN_START, SEED_UNTIL)), createdAt: stamp });
				admin(orgId, 1);
				platformUnion.set(`${company.companyId}/${cityCode}`, orgId);
				organizations++;
			}
		}
	})();

	// ── People ──────────────────────────────────────────────────────────────────────────────
	function person(i: number): Person {
		const cityCode = random.weighted(CITIES, cityWeights).cityCode;
		const group = pickKey(random, GROUP_WEIGHTS);
		const relation = pickKey(random, RELATION_WEIGHTS[group]);
		const company = COMPANY_OF_GROUP.get(group);
		const local = employersByCity.get(cityCode)!;
		let employer: Employer;
		if (relation === 'dispatch') employer = agencyByCity.get(cityCode) ?? random.pick(local);
		else if (relation === 'labor_contract' || !company) employer = random.pick(local);
		else employer = { name: company.name, usci: completeUsci(company.usciBase), cityCode, unionOrgId: platformUnion.get(`${company.companyId}/${cityCode}`) ?? null };
		return { idNumber: residentIdFor(i), name: chineseName(random), phone: mobile(random), cityCode, group, relation, employer, company };
	}

	const workerInsert = db.prepare(
		`INSERT OR IGNORE INTO company_workers (company_id, id_number, id_number_hash, relation, active, city_code, grp, employer_name, employer_usci, employer_union_org_id, since)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	function onRosters(p: Person, since: number): void {
		const hash = createHash('sha256').update(p.idNumber.toUpperCase()).digest('hex');
		const sinceDate = isoAt(since).slice(0, 10);
		if (p.company) {
			workerInsert.run(p.company.companyId, p.idNumber, hash, p.relation, random.chance(0.9) ? 1 : 0, p.cityCode, p.group, p.employer.name, p.employer.usci, p.employer.unionOrgId, sinceDate);
		}
		// Many work for a second platform too, usually on their own account.
		if (random.chance(p.company ? 0.12 : 0.3)) {
			const other = random.pick(DEMO_COMPANIES.filter((c) => c !== p.company));
			const usci = completeUsci(other.usciBase);
			workerInsert.run(other.companyId, p.idNumber, hash, 'civil', random.chance(0.7) ? 1 : 0, p.cityCode, other.group, other.name, usci, platformUnion.get(`${other.companyId}/${p.cityCode}`) ?? null, sinceDate);
		}
	}

	const firstMember = reserve(db, 'member', size);
	let enrolments = 0;
	let claims = 0;
	let transferCandidate: string | null = null;
	let memberWithClaims: string | null = null;
	const claimMembers: Array<{ memberId: string; joined: number }> = [];

	for (let start = 0; start < size; start += batchSize) {
		const end = Math.min(size, start + batchSize);
		db.transaction(() => {
			for (let i = start; i < end; i++) {
				const p = person(i);
				const memberId = formatId('M', firstMember + i, 8);
				const joined = random.chance(0.1) ? random.int(chinaMidnight('2019-01-01'), CAMPAIGN_START) : random.int(CAMPAIGN_START, SEED_UNTIL);
				let orgId = federationId(p.cityCode);
				const union = p.employer.unionOrgId;
				if (union && (p.relation === 'labor_contract' || p.relation === 'dispatch') && random.chance(0.6)) orgId = union;
				else if (union && p.relation === 'platform_managed' && random.chance(0.3)) orgId = union;
				else if (union?.startsWith('ENT-') && p.relation === 'labor_contract') transferCandidate ??= memberId;
				const registered = random.chance(0.85);
				insertMember(db, {
					memberId,
					name: p.name,
					idNumber: p.idNumber,
					phone: p.phone,
					group: p.group,
					employmentRelation: p.relation,
					cityCode: p.cityCode,
					orgId,
					joinedAt: isoAt(joined),
					realNameRegistered: registered,
					employer: { name: p.employer.name, usci: p.employer.usci },
					platform: p.company ? { name: p.company.name, usci: completeUsci(p.company.usciBase) } : null,
					createdAt: isoAt(joined),
				});
				onRosters(p, joined - random.int(30, 900) * 86_400_000);
				if (registered && random.chance(0.6)) {
					const from = Math.max(joined, chinaMidnight('2022-01-01'));
					const enrolled = Math.min(from + random.int(0, 60) * 86_400_000, chinaMidnight('2022-12-31'));
					insertEnrolment(db, memberId, p.idNumber, 'GD-NEWFORM-2022', isoAt(enrolled), stamp);
					enrolments++;
					if (random.chance(0.3)) {
						insertEnrolment(db, memberId, p.idNumber, 'GD-NEWFORM-2023', isoAt(chinaMidnight('2023-01-01') + random.int(0, 30) * 86_400_000), stamp);
						enrolments++;
					}
					if (random.chance(0.02)) claimMembers.push({ memberId, joined: Math.max(enrolled, joined) });
				}
			}
		})();
		options.onProgress?.(end, size);
	}

	// ── Claims history: approved payouts on the 2022 plan, and a few still waiting ─────────────
	const TIERS: Array<[number, number]> = [[35_000, 20_000], [120_000, 50_000], [320_000, 200_000], [640_000, 500_000]];
	db.transaction(() => {
		for (const { memberId, joined } of claimMembers) {
			const member = db.prepare('SELECT name FROM members WHERE member_id = ?').get(memberId) as { name: string };
			const accidents = memberId === claimMembers[0].memberId ? 3 : 1;
			for (let a = 1; a <= accidents; a++) {
				const accidentMs = Math.min(joined + random.int(1, 200) * 86_400_000, chinaMidnight('2022-11-20'));
				const accidentDate = isoAt(accidentMs).slice(0, 10);
				const [counted, tier] = accidents === 3 ? ([[640_000, 500_000], [320_000, 200_000], [330_000, 200_000]] as Array<[number, number]>)[a - 1] : random.pick(TIERS);
				const accidentId = `ACC-${memberId}-${a}`;
				const claimId = formatId('CL', reserve(db, 'claim'), 8);
				const invoice = { invoiceCode: '044001900111', invoiceNo: String(10_000_000 + reserve(db, 'invoice')), serviceDate: accidentDate, selfPaidInScopeFen: counted };
				insertClaim(db, {
					claimId,
					memberId,
					accidentId,
					submittedAt: isoAt(accidentMs + 20 * 86_400_000),
					accident: { date: accidentDate, description: '配送途中发生交通事故受伤', diagnoses: ['S82.2', 'V23.4'] },
					hospital: { name: '广州市第一人民医院', level: '三级甲等', ownership: 'public', category: 'general' },
					invoices: [invoice],
					documents: { invoiceOriginals: true, accidentProof: true, medicalRecords: true },
					payee: { name: member.name, bankAccount: '6222' + String(random.int(0, 999_999_999_999)).padStart(12, '0') },
				}, isoAt(accidentMs + 20 * 86_400_000));
				claims++;
				const pending = accidents === 1 && random.chance(0.15);
				if (pending) continue;
				const row = db.prepare('SELECT * FROM claims WHERE claim_id = ?').get(claimId) as Parameters<typeof recordClaimDecision>[1];
				recordClaimDecision(db, row, {
					outcome: 'approved',
					planId: 'GD-NEWFORM-2022',
					countedFen: counted,
					tierFen: tier,
					payoutFen: tier,
					reasons: [],
					countedInvoiceKeys: [`${invoice.invoiceCode}:${invoice.invoiceNo}`],
					explanation: '本次事故在统筹范围内的个人自付费用已达给付档次，按档次给付。',
					decidedBy: 'ADM-440100-1',
				}, isoAt(accidentMs + 35 * 86_400_000));
				memberWithClaims ??= memberId;
			}
		}
	})();

	// ── Applications waiting for review, from workers on the rosters who are not members yet ───
	const rosterOnly = Math.max(50, Math.round(size / 3));
	let applications = 0;
	let pendingApplication: string | null = null;
	db.transaction(() => {
		for (let k = 0; k < rosterOnly; k++) {
			const p = person(size + k);
			onRosters(p, random.int(chinaMidnight('2020-01-01'), SEED_UNTIL));
			if (k >= 60) continue;
			const applicationId = formatId('APP', reserve(db, 'application'), 8);
			const submitted = SEED_UNTIL - random.int(0, 20) * 86_400_000 - random.int(0, 86_399) * 1000;
			const application: ApplicationBody = {
				applicationId,
				submittedAt: isoAt(submitted),
				channel: 'mini_program',
				name: p.name,
				idNumber: p.idNumber,
				phone: p.phone,
				group: p.group,
				employmentRelation: p.relation,
				workCity: CITIES.find((c) => c.cityCode === p.cityCode)!.cityName,
				platform: p.company ? { name: p.company.name, usci: completeUsci(p.company.usciBase) } : null,
				employer: { name: p.employer.name, usci: p.employer.usci, unionOrgId: p.employer.unionOrgId },
				existingMembership: null,
				realNameVerified: random.chance(0.8),
			};
			// A few that the approval rules must catch.
			if (k === 1) application.idNumber = p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0');
			if (k === 2) application.idNumber = residentIdBornOn('440305', '2008-05-20', 123);
			if (k === 3) application.phone = '1234567';
			if (k === 4) application.workCity = '长沙';
			if (k === 5) {
				const member = db
					.prepare('SELECT m.*, o.name AS org_name FROM members m JOIN organizations o ON o.org_id = m.org_id WHERE m.member_id = ?')
					.get(formatId('M', firstMember, 8)) as Record<string, string>;
				Object.assign(application, {
					name: member.name,
					idNumber: member.id_number,
					existingMembership: { orgId: member.org_id, orgName: member.org_name, since: member.joined_at.slice(0, 10) },
				});
			}
			if (k === 6) application.group = 'other';
			if (k === 7) application.employer = { name: p.employer.name, usci: '91440300MA5D00000Z' };
			insertApplication(db, application, isoAt(submitted));
			applications++;
			pendingApplication ??= applicationId;
		}
		// The roster survey (摸底) a city would have reported, a little above the members found.
		db.prepare(
			`INSERT INTO survey_counts (week_of, city_code, grp, surveyed, updated_at)
			 SELECT '2022-10-31', city_code, grp, CAST(COUNT(*) * 1.35 AS INTEGER) + 3, ? FROM members GROUP BY city_code, grp`,
		).run(stamp);
	})();

	const summary: SeedSummary = {
		seed,
		members: size,
		rosterOnlyWorkers: rosterOnly,
		organizations,
		enrolments,
		claims,
		applications,
		companies: DEMO_COMPANIES.map((c) => c.companyId),
		examples: {
			federation: 'FED-440300',
			federationAdmin: 'ADM-440300-1',
			enterpriseUnion: 'ENT-440300-01',
			enterpriseUnionAdmin: 'ADM-ENT-440300-01-1',
			transferCandidate,
			memberWithClaims,
			pendingApplication,
		},
	};
	setMeta(db, 'seed', JSON.stringify({ seed, size, at: stamp }));
	return summary;
}
