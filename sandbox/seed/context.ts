import type { Db } from '../db/open';
import type { Random } from './prng';
import { chinaMidnight } from './people';
import type { DemoCompany } from './reference';

export const DAY_MS = 86_400_000;
export const CAMPAIGN_START = chinaMidnight('2021-09-07');
/** The demo world stands on this day: everything seeded happened before it. */
export const SEED_UNTIL = chinaMidnight('2022-11-30');

export interface Employer {
	name: string;
	usci: string;
	cityCode: string;
	unionOrgId: string | null;
}

/** What the seeding steps share: the database, the one PRNG, and the employers made first. */
export interface SeedContext {
	db: Db;
	random: Random;
	/** createdAt of everything seeded. */
	stamp: string;
	employersByCity: Map<string, Employer[]>;
	agencyByCity: Map<string, Employer>;
	/** `${companyId}/${cityCode}` → the company's union there. */
	platformUnion: Map<string, string>;
}

export type { DemoCompany };
