import { formatId } from '../db/sequences';
import { insertEnrolment } from '../resources/enrolments';
import { insertMember } from '../resources/members';
import { federationId } from '../resources/organizations';
import { CAMPAIGN_START, DAY_MS, SEED_UNTIL, type SeedContext } from './context';
import { chinaMidnight, completeUsci, isoAt } from './people';
import { addToRosters, person } from './workers';

export interface SeededMembers {
	enrolments: number;
	/** A member at a federation whose employer has a union: what a bulk transfer would move. */
	transferCandidate: string | null;
	/** Members who will get a claims history. */
	withClaims: Array<{ memberId: string; coveredFrom: number }>;
}

/**
 * `size` members in batches of `batchSize` per transaction: most at their city's federation,
 * some at their employer's or platform's union; 85 % real-name registered, most of those
 * enrolled in the 2022 plan and some in 2023; every one on a platform company's roster.
 */
export function seedMembers(
	ctx: SeedContext,
	firstMember: number,
	size: number,
	batchSize: number,
	onProgress?: (done: number, total: number) => void,
): SeededMembers {
	const { db, random, stamp } = ctx;
	const out: SeededMembers = { enrolments: 0, transferCandidate: null, withClaims: [] };
	for (let start = 0; start < size; start += batchSize) {
		const end = Math.min(size, start + batchSize);
		db.transaction(() => {
			for (let i = start; i < end; i++) {
				const p = person(ctx, i);
				const memberId = formatId('M', firstMember + i, 8);
				const joined = random.chance(0.1) ? random.int(chinaMidnight('2019-01-01'), CAMPAIGN_START) : random.int(CAMPAIGN_START, SEED_UNTIL);
				let orgId = federationId(p.cityCode);
				const union = p.employer.unionOrgId;
				if (union && (p.relation === 'labor_contract' || p.relation === 'dispatch') && random.chance(0.6)) orgId = union;
				else if (union && p.relation === 'platform_managed' && random.chance(0.3)) orgId = union;
				else if (union?.startsWith('ENT-') && p.relation === 'labor_contract') out.transferCandidate ??= memberId;
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
				addToRosters(ctx, p, joined - random.int(30, 900) * DAY_MS);
				if (!registered || !random.chance(0.6)) continue;
				const enrolled = Math.min(Math.max(joined, chinaMidnight('2022-01-01')) + random.int(0, 60) * DAY_MS, chinaMidnight('2022-12-31'));
				insertEnrolment(db, memberId, p.idNumber, 'GD-NEWFORM-2022', isoAt(enrolled), stamp);
				out.enrolments++;
				if (random.chance(0.3)) {
					insertEnrolment(db, memberId, p.idNumber, 'GD-NEWFORM-2023', isoAt(chinaMidnight('2023-01-01') + random.int(0, 30) * DAY_MS), stamp);
					out.enrolments++;
				}
				if (random.chance(0.02)) out.withClaims.push({ memberId, coveredFrom: Math.max(enrolled, joined) });
			}
		})();
		onProgress?.(end, size);
	}
	return out;
}
