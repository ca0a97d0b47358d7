import { EXCLUSION_CODES } from './exclusionTexts';

/**
 * The built-in plans as plain data, exactly the shape a user writes in a plan JSON file.
 * 附件4 (2022 edition) sets the terms; the campaign runs them on to 2025-12 (正文 二（五）3), and the
 * 2021 second half ran on the same terms.
 */
const TERMS_2022 = {
	tiers: [
		{ fromFen: 20000, toFen: 50000, payoutFen: 20000 },
		{ fromFen: 50001, toFen: 200000, payoutFen: 50000 },
		{ fromFen: 200001, toFen: 500000, payoutFen: 200000 },
		{ fromFen: 500001, toFen: 1000000, payoutFen: 500000 },
		{ fromFen: 1000001, toFen: null, payoutFen: 600000 },
	],
	annualCapFen: 1000000,
	expenseWindowDays: 180,
	filingWindowYears: 1,
	premiumFen: 2000,
	minHospitalLevel: 2,
	exclusions: [...EXCLUSION_CODES],
	requiredDocuments: ['invoiceOriginals', 'accidentProof', 'medicalRecords'],
};

function plan(planId: string, name: string, coverageStart: string, coverageEnd: string) {
	return { planId, name, coverageStart, coverageEnd, ...TERMS_2022 };
}

export const BUILT_IN_PLAN_DATA = [
	plan('GD-NEWFORM-2021H2', '广东省工会会员专属意外医疗互助保障计划（新就业形态劳动者 2021 年下半年）', '2021-07-01', '2021-12-31'),
	plan('GD-NEWFORM-2022', '广东省工会会员专属意外医疗互助保障计划（新就业形态劳动者 2022 年版）', '2022-01-01', '2022-12-31'),
	plan('GD-NEWFORM-2023', '广东省工会会员专属意外医疗互助保障计划（新就业形态劳动者 2023 年）', '2023-01-01', '2023-12-31'),
	plan('GD-NEWFORM-2024', '广东省工会会员专属意外医疗互助保障计划（新就业形态劳动者 2024 年）', '2024-01-01', '2024-12-31'),
	plan('GD-NEWFORM-2025', '广东省工会会员专属意外医疗互助保障计划（新就业形态劳动者 2025 年）', '2025-01-01', '2025-12-31'),
];
