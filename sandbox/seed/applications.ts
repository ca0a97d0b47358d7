import { CITIES } from '../../lib/core/cities';
import { formatId, reserve } from '../db/sequences';
import { insertApplication, type ApplicationBody } from '../resources/applications';
import { DAY_MS, SEED_UNTIL, type SeedContext } from './context';
import { chinaMidnight, completeUsci, isoAt, residentIdBornOn } from './people';
import { addToRosters, person, type Person } from './workers';

const PENDING = 60;

/**
 * Workers on the platforms' rosters who are not members, the first of them with applications
 * waiting for review — among them the cases the approval rules must catch.
 */
export function seedApplications(ctx: SeedContext, firstPerson: number, workers: number, firstMember: string) {
	const { db, random } = ctx;
	let applications = 0;
	let pendingApplication: string | null = null;
	db.transaction(() => {
		for (let k = 0; k < workers; k++) {
			const p = person(ctx, firstPerson + k);
			addToRosters(ctx, p, random.int(chinaMidnight('2020-01-01'), SEED_UNTIL));
			if (k >= PENDING) continue;
			const submitted = SEED_UNTIL - random.int(0, 20) * DAY_MS - random.int(0, 86_399) * 1000;
			const application = applicationOf(p, formatId('APP', reserve(db, 'application'), 8), isoAt(submitted), random.chance(0.8));
			mistake(ctx, application, k, p, firstMember);
			insertApplication(db, application, isoAt(submitted));
			applications++;
			pendingApplication ??= application.applicationId;
		}
		// The roster survey (摸底) a city would have reported, a little above the members found.
		db.prepare(
			`INSERT INTO survey_counts (week_of, city_code, grp, surveyed, updated_at)
			 SELECT '2022-10-31', city_code, grp, CAST(COUNT(*) * 1.35 AS INTEGER) + 3, ? FROM members GROUP BY city_code, grp`,
		).run(ctx.stamp);
	})();
	return { applications, pendingApplication };
}

function applicationOf(p: Person, applicationId: string, submittedAt: string, realNameVerified: boolean): ApplicationBody {
	return {
		applicationId,
		submittedAt,
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
		realNameVerified,
	};
}

function mistake(ctx: SeedContext, application: ApplicationBody, k: number, p: Person, firstMember: string): void {
	switch (k) {
		case 1: // wrong check character
			application.idNumber = p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0');
			break;
		case 2: // 14 years old
			application.idNumber = residentIdBornOn('440305', '2008-05-20', 123);
			break;
		case 3:
			application.phone = '1234567';
			break;
		case 4: // not one of the 21 cities
			application.workCity = '长沙';
			break;
		case 5: {
			// already a member: transfer instead
			const member = ctx.db
				.prepare('SELECT m.name, m.id_number, m.org_id, m.joined_at, o.name AS org_name FROM members m JOIN organizations o ON o.org_id = m.org_id WHERE m.member_id = ?')
				.get(firstMember) as Record<string, string>;
			application.name = member.name;
			application.idNumber = member.id_number;
			application.existingMembership = { orgId: member.org_id, orgName: member.org_name, since: member.joined_at.slice(0, 10) };
			break;
		}
		case 6:
			application.group = 'other';
			break;
		case 7: // an employer code that fails its check (Z is not a USCI character)
			application.employer = { name: p.employer.name, usci: '91440300MA5D00000Z' };
			break;
	}
}
