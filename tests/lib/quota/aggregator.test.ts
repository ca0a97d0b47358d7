import fc from 'fast-check';
import { CITY_CODES, WORKER_GROUPS, computeProgress, createProgressAggregator, QuotaInputError } from '../../../lib';

const AS_OF = '2022-06-30';

describe('createProgressAggregator', () => {
	test('counts members one by one into the same report computeProgress gives for their totals', () => {
		const aggregator = createProgressAggregator({ asOf: AS_OF });
		const members = [
			{ cityCode: '440100', group: 'courier', realNameRegistered: true, enrolments: [{ planId: 'GD-NEWFORM-2022' }] },
			{ cityCode: '440100', group: 'courier', realNameRegistered: true },
			{ cityCode: '440100', group: 'courier', realNameRegistered: false },
			{ cityCode: '440300', group: 'delivery_rider', realNameRegistered: true, enrolled: true },
		];
		for (const m of members) expect(aggregator.add(m)).toBe(true);
		aggregator.addSurvey([{ cityCode: '440100', group: 'courier', surveyed: 900 }]);
		expect(aggregator.addOrganization({ cityCode: '440100', type: 'enterprise' })).toBe(true);
		expect(aggregator.addOrganization({ cityCode: '440100', type: 'regional' })).toBe(false);
		expect(aggregator.counted).toBe(4);

		const expected = computeProgress(
			[
				{ cityCode: '440100', group: 'courier', surveyed: 900, joined: 3, platformRegistered: 2, enrolled: 1 },
				{ cityCode: '440100', newEnterpriseUnions: 1, newMembers: 3 },
				{ cityCode: '440300', group: 'delivery_rider', joined: 1, platformRegistered: 1, enrolled: 1, newMembers: 1 },
			],
			{ asOf: AS_OF },
		);
		expect(aggregator.result()).toEqual(expected);
		expect(aggregator.counts().cities).toHaveLength(21);
	});

	test('property: any members aggregate to the same report as their counted rows', () => {
		const member = fc.record({
			cityCode: fc.constantFrom(...CITY_CODES),
			group: fc.constantFrom(...WORKER_GROUPS),
			realNameRegistered: fc.boolean(),
			enrolled: fc.boolean(),
		});
		fc.assert(
			fc.property(fc.array(member, { maxLength: 200 }), (members) => {
				const aggregator = createProgressAggregator({ asOf: AS_OF });
				members.forEach((m) => aggregator.add(m));
				const rows = members.map((m) => ({
					cityCode: m.cityCode,
					group: m.group,
					joined: 1,
					newMembers: 1,
					platformRegistered: m.realNameRegistered ? 1 : 0,
					enrolled: m.enrolled ? 1 : 0,
				}));
				const fromRows = computeProgress(rows, { asOf: AS_OF });
				expect(aggregator.result()).toEqual(fromRows);
			}),
			{ numRuns: 60 },
		);
	});

	test('joined outside the window, unknown cities and groups are skipped and reported', () => {
		const aggregator = createProgressAggregator({ asOf: AS_OF, from: '2021-09-07' });
		expect(aggregator.add({ cityCode: '440100', group: 'courier', joinedAt: '2022-06-30T23:59:00+08:00' })).toBe(true);
		// 16:30 UTC on 30 June is already 1 July in China
		expect(aggregator.add({ cityCode: '440100', group: 'courier', joinedAt: '2022-06-30T16:30:00Z' })).toBe(false);
		expect(aggregator.add({ cityCode: '440100', group: 'courier', joinedAt: '2021-09-06' })).toBe(false);
		expect(aggregator.add({ cityCode: '440100', group: 'courier', joinedAt: '2021-09-07T00:00:00+08:00' })).toBe(true);
		expect(aggregator.add({ cityCode: '999999', group: 'courier' })).toBe(false);
		expect(aggregator.add({ cityCode: '广州', group: 'astronaut' })).toBe(false);
		expect(aggregator.add({ city: 'guangzhou', group: '快递员' })).toBe(true);
		expect([aggregator.counted, aggregator.skipped]).toEqual([3, 4]);
		const report = aggregator.result();
		expect(report.cities[0].groups[2].joined).toBe(3);
		expect(report.issues.map((r) => r.code)).toEqual(['MEMBERS_SKIPPED', 'COUNTS_CITY_UNKNOWN', 'COUNTS_GROUP_UNKNOWN']);
	});

	test('enrolments count only in the plan asked for', () => {
		const aggregator = createProgressAggregator({ asOf: AS_OF, planId: 'GD-NEWFORM-2022' });
		aggregator.add({ cityCode: '440100', group: 'courier', realNameRegistered: true, enrolments: [{ planId: 'GD-NEWFORM-2021H2' }] });
		aggregator.add({ cityCode: '440100', group: 'courier', realNameRegistered: true, enrolments: [{ planId: 'GD-NEWFORM-2021H2' }, { planId: 'GD-NEWFORM-2022' }] });
		expect(aggregator.result().cities[0].enrolled).toBe(1);
		expect(aggregator.result().cities[0].planCostFen).toBe(2000);
	});

	test('an unreadable window date is an error', () => {
		expect(() => createProgressAggregator({ from: 'soon' })).toThrow(QuotaInputError);
	});
});
