import { CITIES } from '../../lib/core/cities';
import { federationId, insertAdmin, insertOrganization } from '../resources/organizations';
import { CAMPAIGN_START, SEED_UNTIL, type Employer, type SeedContext } from './context';
import { chinaMidnight, chineseName, completeUsci, isoAt, mobile, usciFor } from './people';
import { DEMO_COMPANIES, EMPLOYER_BRANDS, EMPLOYER_KINDS } from './reference';

const FOUNDED = '2021-06-01T09:00:00.000+08:00';

/**
 * The 21 city federations (admins ADM-<city>-1/-2), employers with and without unions, dispatch
 * agencies in the big cities, a dissolved union, and the platform companies with their unions.
 */
export function seedOrganizations(ctx: SeedContext): number {
	const { db, random, stamp } = ctx;
	let count = 0;
	function org(input: Parameters<typeof insertOrganization>[1], admins = 1): void {
		insertOrganization(db, input);
		const prefix = input.orgId.startsWith('FED-') ? `ADM-${input.orgId.slice(4)}` : `ADM-${input.orgId}`;
		for (let n = 1; n <= admins; n++) insertAdmin(db, { adminId: `${prefix}-${n}`, orgId: input.orgId, name: chineseName(random), phone: mobile(random) });
		count++;
	}
	const someday = (from = CAMPAIGN_START) => isoAt(random.int(from, SEED_UNTIL));

	for (const city of CITIES) {
		const fed = federationId(city.cityCode);
		org({ orgId: fed, type: 'city_newform_federation', cityCode: city.cityCode, name: `${city.cityName}市新业态行业工会联合会`, establishedAt: FOUNDED, createdAt: stamp }, 2);

		const employers: Employer[] = [];
		const unions = Math.max(2, Math.round(city.targets2022.enterpriseUnions / 500));
		for (let n = 1; n <= unions + 4; n++) {
			const name = `${city.cityName}市${random.pick(EMPLOYER_BRANDS)}${random.pick(EMPLOYER_KINDS)}有限公司`;
			const employer: Employer = { name, usci: usciFor(random, city.cityCode), cityCode: city.cityCode, unionOrgId: null };
			if (n <= unions) {
				employer.unionOrgId = `ENT-${city.cityCode}-${String(n).padStart(2, '0')}`;
				const established = random.chance(0.8) ? someday() : someday(chinaMidnight('2015-01-01'));
				org({ orgId: employer.unionOrgId, type: 'enterprise', cityCode: city.cityCode, name: `${name}工会`, usci: employer.usci, parentOrgId: fed, establishedAt: established, createdAt: stamp });
			}
			employers.push(employer);
		}
		ctx.employersByCity.set(city.cityCode, employers);

		if (city.targets2022.newFormMembers >= 20_000) {
			const name = `${city.cityName}市${random.pick(EMPLOYER_BRANDS)}人力资源服务有限公司`;
			const agency: Employer = { name, usci: usciFor(random, city.cityCode), cityCode: city.cityCode, unionOrgId: `DSP-${city.cityCode}-01` };
			org({ orgId: `DSP-${city.cityCode}-01`, type: 'dispatch_agency', cityCode: city.cityCode, name: `${name}工会`, usci: agency.usci, parentOrgId: fed, establishedAt: someday(), createdAt: stamp });
			ctx.agencyByCity.set(city.cityCode, agency);
		}
	}

	// A dissolved union, for transfers that must be refused (TARGET_INACTIVE).
	org({ orgId: 'ENT-441900-90', type: 'enterprise', cityCode: '441900', name: '东莞市已注销物流有限公司工会', status: 'dissolved', usci: usciFor(random, '441900'), parentOrgId: 'FED-441900', establishedAt: '2019-03-01T09:00:00.000+08:00', createdAt: stamp });

	for (const company of DEMO_COMPANIES) {
		const usci = completeUsci(company.usciBase);
		db.prepare('INSERT INTO companies (company_id, name, usci, grp, client_id, client_secret) VALUES (?, ?, ?, ?, ?, ?)').run(
			company.companyId,
			company.name,
			usci,
			company.group,
			`${company.companyId}-client`,
			`${company.companyId}-secret`,
		);
		for (const cityCode of company.unionCities) {
			const orgId = `PEU-${company.companyId}-${cityCode}`;
			const cityName = CITIES.find((c) => c.cityCode === cityCode)!.cityName;
			org({ orgId, type: 'platform_enterprise', cityCode, name: `${company.name}${cityName}工会`, usci, parentOrgId: federationId(cityCode), establishedAt: someday(), createdAt: stamp });
			ctx.platformUnion.set(`${company.companyId}/${cityCode}`, orgId);
		}
	}
	return count;
}
