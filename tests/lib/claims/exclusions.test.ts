import { adjudicateClaim, CLAIM_EXCLUSIONS, loadPlans, BUILT_IN_PLAN_DATA, parseIcd10, screenExclusions } from '../../../lib';
import { claimWith, codes } from './fixtures';

const ALL = loadPlans(BUILT_IN_PLAN_DATA[1])[0].exclusions;
const screen = (diagnoses: string[], direct: string[] = []) =>
	screenExclusions(diagnoses, direct, ALL).map((r) => `${r.code}:${r.severity}`);

describe('the 13 exclusions of 第六条, in the circular’s order', () => {
	it.each([
		['EXCL_01', '斗殴'], ['EXCL_02', '毒品'], ['EXCL_03', '酒后驾驶'], ['EXCL_04', '妊娠'], ['EXCL_05', '椎间盘'],
		['EXCL_06', '医疗事故'], ['EXCL_07', '未遵医嘱'], ['EXCL_08', '牙'], ['EXCL_09', '义肢'], ['EXCL_10', '感染'],
		['EXCL_11', '高风险运动'], ['EXCL_12', '战争'], ['EXCL_13', '核'],
	])('%s (%s) set by a reviewer rejects, citing 第六条 by number', (code, text) => {
		const n = Number(code.slice(5));
		expect(CLAIM_EXCLUSIONS[n - 1].code).toBe(code);
		expect(CLAIM_EXCLUSIONS[n - 1].text).toContain(text);
		const decision = adjudicateClaim(claimWith({ 'accident.exclusions': [code] }));
		expect(decision.outcome).toBe('rejected');
		expect(codes(decision)).toEqual([code]);
		expect(decision.reasons[0]).toMatchObject({ severity: 'reject', rule: `附件4 第六条（${n}）`, field: 'accident.exclusions' });
		expect(decision.reasons[0].message).toContain(text);
		expect(decision.countedFen).toBe(123456);
	});

	it('an exclusion code outside EXCL_01…13 is a malformed claim', () => {
		const decision = adjudicateClaim(claimWith({ 'accident.exclusions': ['EXCL_14'] }));
		expect(decision.outcome).toBe('rejected');
		expect(decision.reasons[0]).toMatchObject({ code: 'CLAIM_INVALID', field: 'accident.exclusions[0]' });
	});

	it('an exclusion the plan does not list goes to review instead', () => {
		const plans = loadPlans({ ...BUILT_IN_PLAN_DATA[1], exclusions: ['EXCL_01'] });
		const decision = adjudicateClaim(claimWith({ 'accident.exclusions': ['EXCL_11'], 'accident.diagnoses': ['S82.2', 'O03'] }), { plans });
		expect(decision.outcome).toBe('manual_review');
		expect(decision.reasons.map((r) => `${r.code}:${r.severity}`)).toEqual(['EXCL_11:review']);
	});
});

describe('ICD-10 screening (SPEC §6 table)', () => {
	it.each([
		// the table, row by row, with its edges; every list also has an injury code unless the row is about that
		[['S82.2', 'O00'], ['EXCL_04:reject']],
		[['S82.2', 'O99.8'], ['EXCL_04:reject']],
		[['S82.2', 'M50.1'], ['EXCL_05:reject']],
		[['S82.2', 'M51'], ['EXCL_05:reject']],
		[['S82.2', 'M52'], []],
		[['S82.2', 'M49'], []],
		[['S82.2', 'F00'], ['EXCL_06:reject']],
		[['S82.2', 'F09'], ['EXCL_06:reject']],
		[['S82.2', 'F20'], ['EXCL_06:reject']],
		[['S82.2', 'F99'], ['EXCL_06:reject']],
		[['S82.2', 'F17.2'], []],
		[['S82.2', 'Y40'], ['EXCL_06:review']],
		[['S82.2', 'Y84.9'], ['EXCL_06:review']],
		[['S82.2', 'Y85'], []],
		[['S82.2', 'T88.7'], ['EXCL_06:review']],
		[['S82.2', 't887'], ['EXCL_06:review']],
		[['S82.2', 'T88.6'], []],
		[['S82.2', 'F10.2'], ['EXCL_01:review']],
		[['S82.2', 'T51.0'], ['EXCL_01:review']],
		[['S82.2', 'F11'], ['EXCL_02:review']],
		[['S82.2', 'F16'], ['EXCL_02:review']],
		[['S82.2', 'F18'], ['EXCL_02:review']],
		[['S82.2', 'F19.9'], ['EXCL_02:review']],
		[['S82.2', 'T40.1'], ['EXCL_02:review']],
		[['S82.2', 'X60'], ['EXCL_01:reject']],
		[['S82.2', 'X84'], ['EXCL_01:reject']],
		[['S82.2', 'X59'], []],
		[['S82.2', 'X85'], []],
		[['S82.2', 'K00'], ['EXCL_08:review']],
		[['S82.2', 'K08.1'], ['EXCL_08:review']],
		[['S82.2', 'K09'], []],
		[['S02.5', 'W01'], ['EXCL_08:review']],
		[['s025', 'W01'], ['EXCL_08:review']],
		[['S02.4', 'W01'], []],
		[['A46', 'B99'], ['EXCL_10:reject', 'NOT_ACCIDENT:review']],
		[['A00', 'W25'], ['EXCL_10:reject']],
		[['A46', 'S61.0'], []],
		[['B95.6', 'T79.3'], []],
		[['S82.2', 'Y36'], ['EXCL_12:reject']],
		[['S82.2', 'Y36.9'], ['EXCL_12:reject']],
		[['W01'], []],
		[['V28.4'], []],
		[['Y98'], []],
		[['S00'], []],
		[['T98.3'], []],
		[[], ['NOT_ACCIDENT:review']],
		[['右胫骨骨折'], ['NOT_ACCIDENT:review']],
		[['I21.9'], ['NOT_ACCIDENT:review']],
		[['Z04.1'], ['NOT_ACCIDENT:review']],
		[['O80', 'F32'], ['EXCL_04:reject', 'EXCL_06:reject', 'NOT_ACCIDENT:review']],
	])('%o → %o', (diagnoses, expected) => {
		expect(screen(diagnoses)).toEqual(expected);
	});

	it('reads codes with or without the dot, in any case, with dagger or asterisk marks', () => {
		expect(parseIcd10('s82.201')).toMatchObject({ category: 'S82', compact: 'S82201' });
		expect(parseIcd10(' T887 ')).toMatchObject({ category: 'T88', compact: 'T887' });
		expect(parseIcd10('A18.0†')).toMatchObject({ category: 'A18' });
		expect(parseIcd10('M49.0*')).toMatchObject({ category: 'M49' });
		expect(parseIcd10('骨折')).toBeNull();
		expect(parseIcd10('S8')).toBeNull();
	});

	it('a screened exclusion decides the claim through its severity', () => {
		expect(adjudicateClaim(claimWith({ 'accident.diagnoses': ['S32.0', 'M51.2'] })).outcome).toBe('rejected');
		const review = adjudicateClaim(claimWith({ 'accident.diagnoses': ['S06.0', 'F10.0', 'V23'] }));
		expect(review.outcome).toBe('manual_review');
		expect(review.reasons[0]).toMatchObject({ code: 'EXCL_01', severity: 'review', rule: '附件4 第六条（1）', field: 'accident.diagnoses' });
		expect(review.reasons[0].message).toContain('F10.0');
		const notAccident = adjudicateClaim(claimWith({ 'accident.diagnoses': ['J18.9'] }));
		expect(notAccident.outcome).toBe('manual_review');
		expect(notAccident.reasons[0]).toMatchObject({ code: 'NOT_ACCIDENT', rule: '附件4 第九条1' });
	});
});
