import { adjudicateClaim, BUILT_IN_PLAN_DATA, checkHospital, hospitalLevel, loadPlans } from '../../../lib';
import { claimWith, codes, invoice } from './fixtures';

describe('hospital level as written', () => {
	it.each([
		[3, 3], [2, 2], [1, 1], [0, null], [4, null], [2.5, null],
		['3', 3], ['三级', 3], ['三级甲等', 3], ['三级特等', 3], ['三甲', 3], ['二级', 2], ['二级乙等', 2], ['二甲', 2],
		['二 级', 2], ['一级', 1], ['一级甲等', 1], ['Level 3', 3], ['grade 2', 2],
		['未定级', null], ['', null], ['四级', null], ['三级医院是的', null], [null, null], [undefined, null], [{}, null],
	])('%p → %p', (level, expected) => {
		expect(hospitalLevel(level)).toBe(expected);
	});
});

describe('eligible hospitals (附件4 第五条（五）)', () => {
	const good = { name: '某人民医院', level: 3, ownership: 'public', category: 'general' };
	it.each([
		[good, 'eligible'],
		[{ ...good, level: '二级甲等' }, 'eligible'],
		[{ ...good, category: undefined }, 'eligible'],
		[{ ...good, category: 'specialty' }, 'eligible'],
		[{ ...good, category: 'tcm' }, 'eligible'],
		[{ ...good, category: '中医院' }, 'eligible'],
		[{ ...good, ownership: '公立' }, 'eligible'],
		[{ ...good, level: '一级' }, 'not_eligible'],
		[{ ...good, ownership: 'private' }, 'not_eligible'],
		[{ ...good, ownership: '民营' }, 'not_eligible'],
		[{ ...good, category: 'outpatient' }, 'not_eligible'],
		[{ ...good, category: 'rehabilitation' }, 'not_eligible'],
		[{ ...good, category: 'nursing' }, 'not_eligible'],
		[{ ...good, category: 'sanatorium' }, 'not_eligible'],
		[{ ...good, category: 'detox' }, 'not_eligible'],
		[{ ...good, level: '未定级' }, 'unknown'],
		[{ ...good, level: undefined }, 'unknown'],
		[{ ...good, ownership: undefined }, 'unknown'],
		[{ ...good, ownership: 'mixed' }, 'unknown'],
		[{ ...good, category: 'other' }, 'unknown'],
		[{ ...good, category: 'spa' }, 'unknown'],
		[{ ...good, level: '未定级', ownership: 'private' }, 'not_eligible'],
		[null, 'unknown'],
	])('%o → %s', (hospital, status) => {
		expect(checkHospital(hospital as Parameters<typeof checkHospital>[0], 2).status).toBe(status);
	});
});

describe('hospitals in claims', () => {
	it('an ineligible hospital with no line counted rejects the claim', () => {
		const decision = adjudicateClaim(claimWith({ 'hospital.ownership': 'private' }));
		expect(decision.outcome).toBe('rejected');
		expect(codes(decision)).toEqual(['HOSPITAL_NOT_ELIGIBLE', 'BELOW_THRESHOLD']);
		expect(decision.reasons[0]).toMatchObject({ severity: 'reject', rule: '附件4 第五条（五）', field: 'hospital' });
		expect(decision.reasons[0].message).toContain('非公立医院');
		expect(decision.lines[0]).toMatchObject({ counted: false, countedFen: 0 });
		expect(decision.countedFen).toBe(0);
	});

	it('a per-invoice hospital overrides the claim’s for that line only; the reason is then info', () => {
		const decision = adjudicateClaim(
			claimWith({
				invoices: [invoice(60000), invoice(300000, '2022-03-10', { hospital: { name: '某康复医院', level: 2, ownership: 'public', category: 'rehabilitation' } })],
			}),
		);
		expect(decision.outcome).toBe('approved');
		expect(decision.countedFen).toBe(60000);
		expect(decision.payoutFen).toBe(50000);
		expect(decision.lines.map((l) => l.counted)).toEqual([true, false]);
		expect(decision.lines[1].reasons).toEqual([expect.objectContaining({ code: 'HOSPITAL_NOT_ELIGIBLE', severity: 'info', field: 'invoices[1].hospital' })]);
		expect(decision.lines[1].note).toContain('某康复医院');
		expect(codes(decision)).toEqual(['HOSPITAL_NOT_ELIGIBLE']);
		expect(decision.explanation).toContain('医院不符合条件');
	});

	it('an eligible per-invoice hospital saves a line when the claim’s hospital is not eligible', () => {
		const decision = adjudicateClaim(claimWith({ 'hospital.level': 1, invoices: [invoice(60000, '2022-03-05', { hospital: { level: '三级', ownership: 'public' } })] }));
		expect(decision.outcome).toBe('approved');
		expect(codes(decision)).toEqual([]);
	});

	it.each([
		[{ 'hospital.level': '未定级' }, '未定级'],
		[{ 'hospital.ownership': undefined }, '公立/民营'],
		[{ hospital: undefined }, '未提供就诊医院信息'],
		[{ hospital: null }, '未提供就诊医院信息'],
	])('unreadable hospital facts %o go to review, the line counted provisionally', (patch, text) => {
		const decision = adjudicateClaim(claimWith(patch));
		expect(decision.outcome).toBe('manual_review');
		expect(codes(decision)).toEqual(['HOSPITAL_INFO_MISSING']);
		expect(decision.reasons[0].message).toContain(text);
		expect(decision.lines[0]).toMatchObject({ counted: true, provisional: true });
		expect(decision.countedFen).toBe(123456);
		expect(decision.tierFen).toBe(50000);
		expect(decision.payoutFen).toBe(0);
	});

	it('a plan may ask for level 3', () => {
		const plans = loadPlans({ ...BUILT_IN_PLAN_DATA[1], minHospitalLevel: 3 });
		expect(adjudicateClaim(claimWith({ 'hospital.level': '二级' }), { plans }).outcome).toBe('rejected');
		expect(adjudicateClaim(claimWith({ 'hospital.level': '三级' }), { plans }).outcome).toBe('approved');
	});
});
