import { BUILT_IN_PLAN_DATA, BUILT_IN_PLANS, currentPlan, loadPlans, planById, planForDate, PlanLoadError, type MutualAidPlan } from '../../../lib';

const plan2026 = () => ({ ...JSON.parse(JSON.stringify(BUILT_IN_PLAN_DATA[1])), planId: 'GD-NEWFORM-2026', coverageStart: '2026-01-01', coverageEnd: '2026-12-31' });

function loadError(json: unknown, base?: readonly MutualAidPlan[]): PlanLoadError {
	try {
		loadPlans(json, { base });
	} catch (error) {
		expect(error).toBeInstanceOf(PlanLoadError);
		return error as PlanLoadError;
	}
	throw new Error('loadPlans accepted an invalid plan');
}

describe('built-in plans (附件4, 正文 二（五）3)', () => {
	it('ships GD-NEWFORM-2021H2 to 2025 back to back', () => {
		expect(BUILT_IN_PLANS.map((p) => [p.planId, p.coverageStart, p.coverageEnd])).toEqual([
			['GD-NEWFORM-2021H2', '2021-07-01', '2021-12-31'],
			['GD-NEWFORM-2022', '2022-01-01', '2022-12-31'],
			['GD-NEWFORM-2023', '2023-01-01', '2023-12-31'],
			['GD-NEWFORM-2024', '2024-01-01', '2024-12-31'],
			['GD-NEWFORM-2025', '2025-01-01', '2025-12-31'],
		]);
	});

	it('carries the 2022 terms: tiers, cap, windows, premium, hospital level, 13 exclusions, 3 documents', () => {
		const p = planById('GD-NEWFORM-2022')!;
		expect(p.tiers).toEqual([
			{ fromFen: 20000, toFen: 50000, payoutFen: 20000 },
			{ fromFen: 50001, toFen: 200000, payoutFen: 50000 },
			{ fromFen: 200001, toFen: 500000, payoutFen: 200000 },
			{ fromFen: 500001, toFen: 1000000, payoutFen: 500000 },
			{ fromFen: 1000001, toFen: null, payoutFen: 600000 },
		]);
		expect(p).toMatchObject({ annualCapFen: 1000000, expenseWindowDays: 180, filingWindowYears: 1, premiumFen: 2000, minHospitalLevel: 2 });
		expect(p.exclusions.map((e) => e.code)).toEqual(Array.from({ length: 13 }, (_, i) => `EXCL_${String(i + 1).padStart(2, '0')}`));
		expect(p.exclusions[3].text).toContain('妊娠');
		expect(p.exclusions[12].text).toContain('核');
		expect(p.requiredDocuments).toEqual(['invoiceOriginals', 'accidentProof', 'medicalRecords']);
		for (const other of BUILT_IN_PLANS) expect({ ...other, planId: '', name: '', coverageStart: '', coverageEnd: '' }).toEqual({ ...p, planId: '', name: '', coverageStart: '', coverageEnd: '' });
	});
});

describe('planForDate / currentPlan', () => {
	it.each([
		['2021-06-30', null],
		['2021-07-01', 'GD-NEWFORM-2021H2'],
		['2021-12-31', 'GD-NEWFORM-2021H2'],
		['2022-01-01', 'GD-NEWFORM-2022'],
		['2022-12-31', 'GD-NEWFORM-2022'],
		['2024-02-29', 'GD-NEWFORM-2024'],
		['2025-12-31', 'GD-NEWFORM-2025'],
		['2026-01-01', null],
	])('%s → %s', (date, planId) => {
		expect(planForDate(date)?.planId ?? null).toBe(planId);
		expect(currentPlan(date)?.planId ?? null).toBe(planId);
	});

	it('uses the plans given', () => {
		const plans = loadPlans(plan2026(), { base: BUILT_IN_PLANS });
		expect(planForDate('2026-06-01', plans)?.planId).toBe('GD-NEWFORM-2026');
		expect(planForDate('2026-06-01')).toBeNull();
	});
});

describe('loadPlans: users add plans as JSON', () => {
	it('reads one plan, an array or { plans }, as text or parsed', () => {
		expect(loadPlans(plan2026()).map((p) => p.planId)).toEqual(['GD-NEWFORM-2026']);
		expect(loadPlans([plan2026()]).map((p) => p.planId)).toEqual(['GD-NEWFORM-2026']);
		expect(loadPlans({ plans: [plan2026()] }).map((p) => p.planId)).toEqual(['GD-NEWFORM-2026']);
		expect(loadPlans(JSON.stringify({ plans: [plan2026()] })).map((p) => p.planId)).toEqual(['GD-NEWFORM-2026']);
	});

	it('adds to a base and replaces a base plan of the same id', () => {
		const custom = { ...plan2026(), planId: 'GD-NEWFORM-2022', coverageStart: '2022-01-01', coverageEnd: '2022-12-31', premiumFen: 3000 };
		const plans = loadPlans(custom, { base: BUILT_IN_PLANS });
		expect(plans).toHaveLength(5);
		expect(planById('GD-NEWFORM-2022', plans)!.premiumFen).toBe(3000);
	});

	it('accepts exclusions as codes or with the plan’s own wording', () => {
		const p = loadPlans({ ...plan2026(), exclusions: ['EXCL_01', { code: 'EXCL_12', text: '战争' }] })[0];
		expect(p.exclusions).toEqual([
			expect.objectContaining({ code: 'EXCL_01', text: expect.stringContaining('斗殴') }),
			expect.objectContaining({ code: 'EXCL_12', text: '战争', textEn: expect.stringContaining('war') }),
		]);
	});

	type PlanJson = ReturnType<typeof plan2026>;
	const broken: [string, (p: PlanJson) => void, string, string][] = [
		['tiers with a gap', (p) => (p.tiers[1].fromFen = 50002), 'plans[0].tiers[1].fromFen', '空档'],
		['overlapping tiers', (p) => (p.tiers[2].fromFen = 150000), 'plans[0].tiers[2].fromFen', '重叠'],
		['a tier ending before it starts', (p) => (p.tiers[0].toFen = 10000), 'plans[0].tiers[0].toFen', '不能小于'],
		['an open tier before the last', (p) => (p.tiers[3].toFen = null), 'plans[0].tiers[3].toFen', '最后一档'],
		['payouts going down', (p) => (p.tiers[4].payoutFen = 400000), 'plans[0].tiers[4].payoutFen', '不能低于'],
		['a cap below the largest tier', (p) => (p.annualCapFen = 500000), 'plans[0].annualCapFen', '600000'],
		['coverage ending before it starts', (p) => (p.coverageEnd = '2025-12-31'), 'plans[0].coverageEnd', '不能早于'],
		['a bad date', (p) => (p.coverageStart = '2026-02-30'), 'plans[0].coverageStart', 'YYYY-MM-DD'],
		['money in yuan with decimals', (p) => (p.premiumFen = 20.5), 'plans[0].premiumFen', '整数'],
		['a missing field', (p) => delete p.annualCapFen, 'plans[0].annualCapFen', '缺少必填字段'],
		['an unknown exclusion', (p) => (p.exclusions = ['EXCL_14']), 'plans[0].exclusions[0].code', 'EXCL_14'],
		['an exclusion twice', (p) => (p.exclusions = ['EXCL_01', 'EXCL_01']), 'plans[0].exclusions[1]', '重复'],
		['no tiers', (p) => (p.tiers = []), 'plans[0].tiers', '至少需要 1 项'],
		['hospital level 4', (p) => (p.minHospitalLevel = 4), 'plans[0].minHospitalLevel', '不能大于 3'],
	];
	it.each(broken)('refuses %s, naming the field in Chinese and English', (_, damage, field, zh) => {
		const p = plan2026();
		damage(p);
		const error = loadError(p);
		expect(error.issues.map((i) => i.field)).toContain(field);
		const issue = error.issues.find((i) => i.field === field)!;
		expect(issue.message).toContain(zh);
		expect(issue.messageEn).toMatch(/[a-z]/);
		expect(error.message).toContain('互助保障计划配置无效');
		expect(error.message).toContain('Invalid mutual-aid plan configuration');
	});

	it('refuses plans whose coverage overlaps, naming both', () => {
		const error = loadError({ ...plan2026(), planId: 'SZ-RIDERS-2022', coverageStart: '2022-07-01', coverageEnd: '2023-06-30' }, BUILT_IN_PLANS);
		expect(error.issues).toHaveLength(2);
		expect(error.message).toContain('SZ-RIDERS-2022');
		expect(error.message).toContain('GD-NEWFORM-2022');
		expect(error.message).toContain('GD-NEWFORM-2023');
		expect(error.message).toContain('overlaps');
		expect(() => loadPlans([plan2026(), { ...plan2026(), planId: 'X', coverageStart: '2026-12-31' }])).toThrow(/保障期间重叠/);
	});

	it('refuses the same planId twice', () => {
		expect(() => loadPlans([plan2026(), { ...plan2026(), coverageStart: '2027-01-01', coverageEnd: '2027-12-31' }])).toThrow(/重复.*defined twice/);
	});

	it('refuses text that is not JSON', () => {
		expect(() => loadPlans('{ planId: ')).toThrow(/不是有效的 JSON.*not valid JSON/);
	});
});
