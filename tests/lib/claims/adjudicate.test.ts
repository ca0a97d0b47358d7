import { adjudicateClaim, findUnmaskedPersonalData, formatFen, type MutualAidPlan } from '../../../lib';
import { baseClaim, claimWith, codes, invoice } from './fixtures';

const OUTPUT_FIELDS = ['outcome', 'planId', 'countedFen', 'tierFen', 'payoutFen', 'paidInPlanAfterFen', 'remainingCapAfterFen', 'reasons', 'lines', 'deadlines', 'explanation'];

describe('adjudicateClaim output (SPEC §6 Claim output)', () => {
	it('returns exactly the contract fields for a payable claim', () => {
		const decision = adjudicateClaim(baseClaim());
		expect(Object.keys(decision).sort()).toEqual([...OUTPUT_FIELDS].sort());
		expect(decision).toMatchObject({
			outcome: 'approved',
			planId: 'GD-NEWFORM-2022',
			countedFen: 123456,
			tierFen: 50000,
			payoutFen: 50000,
			paidInPlanAfterFen: 50000,
			remainingCapAfterFen: 950000,
			reasons: [],
			deadlines: { expenseWindowEnd: '2022-09-01', filingDeadline: '2023-03-06' },
		});
		expect(decision.lines).toEqual([
			{
				invoiceKey: '4400221130:00010001',
				serviceDate: '2022-03-05',
				selfPaidInScopeFen: 123456,
				outOfScopeFen: 5000,
				counted: true,
				countedFen: 123456,
				provisional: false,
				reasons: [],
				note: '计入 ¥1,234.56；医保范围外自费 ¥50.00 不计入',
			},
		]);
	});

	it('explains itself in plain Chinese with amounts in yuan and only the last four digits of the account', () => {
		const { explanation } = adjudicateClaim(baseClaim());
		expect(explanation).toBe(
			'您2022年3月5日发生的意外申报已审核通过：已计入医保范围内个人自付费用¥1,234.56，对应补贴档次¥500.00。本次给付¥500.00，将转入您本人尾号0123的银行账户。本计划剩余可给付额度¥9,500.00。',
		);
	});

	it('explains a top-up', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(300000)], history: { paidInPlanFen: 70000, paidForAccidentFen: 50000, countedForAccidentFen: 60000 } }));
		expect(decision.payoutFen).toBe(150000);
		expect(decision.explanation).toContain('该事故此前已给付¥500.00，本次补足¥1,500.00');
		expect(decision.explanation).toContain(`剩余可给付额度${formatFen(1000000 - 70000 - 150000)}`);
	});

	it('the claim is not changed', () => {
		const claim = baseClaim();
		const before = JSON.stringify(claim);
		adjudicateClaim(claim);
		expect(JSON.stringify(claim)).toBe(before);
	});
});

describe('outcome precedence: rejected > pending_documents > manual_review > below_threshold > approved', () => {
	const reject = { 'member.isUnionMember': false };
	const pending = { 'documents.medicalRecords': false };
	const review = { 'payee.name': '李四' };
	const below = { invoices: [invoice(100)] };
	const info = { 'member.enrolments': [{ planId: 'GD-NEWFORM-2022', enrolledAt: '2022-01-05T09:00:00+08:00' }, { planId: 'GD-NEWFORM-2022', enrolledAt: '2022-02-05T09:00:00+08:00' }] };
	it.each([
		[[reject, pending, review, below], 'rejected'],
		[[reject], 'rejected'],
		[[pending, review, below], 'pending_documents'],
		[[pending], 'pending_documents'],
		[[review, below], 'manual_review'],
		[[review], 'manual_review'],
		[[below], 'below_threshold'],
		[[below, info], 'below_threshold'],
		[[info], 'approved'],
		[[], 'approved'],
	])('%o → %s', (patches, outcome) => {
		const decision = adjudicateClaim(claimWith(Object.assign({}, ...patches)));
		expect(decision.outcome).toBe(outcome);
		expect(decision.payoutFen).toBe(outcome === 'approved' ? 50000 : 0);
		const order = { reject: 0, pending: 1, review: 2, info: 3 };
		const severities = decision.reasons.map((r) => order[r.severity]);
		expect(severities).toEqual([...severities].sort());
	});

	it('every reason carries its clause and both languages', () => {
		const decision = adjudicateClaim(
			claimWith({ 'member.isUnionMember': false, documents: {}, payee: null, 'accident.diagnoses': ['F10', 'K02'], 'hospital.level': '未定级' }),
		);
		expect(decision.reasons.length).toBeGreaterThanOrEqual(8);
		for (const r of decision.reasons) {
			expect(r.rule).toMatch(/^附件4 第/);
			expect(r.message).toMatch(/[\u4e00-\u9fff]/);
			expect(r.messageEn).toMatch(/[A-Za-z]{3,}/);
		}
	});
});

describe('malformed claims are rejected with CLAIM_INVALID, never thrown', () => {
	it('names each bad field in Chinese and English', () => {
		const decision = adjudicateClaim(
			claimWith({
				claimId: '',
				'member.isUnionMember': 'yes',
				'accident.date': '2022-02-30',
				'accident.time': '25:00',
				invoices: [{ invoiceCode: 'A', serviceDate: '2022-03-05', selfPaidInScopeFen: 123.45 }],
				'history.paidInPlanFen': -1,
			}),
		);
		expect(decision.outcome).toBe('rejected');
		expect(decision.reasons.every((r) => r.code === 'CLAIM_INVALID' && r.severity === 'reject')).toBe(true);
		expect(decision.reasons.map((r) => r.field).sort()).toEqual(
			['accident.date', 'accident.time', 'claimId', 'history.paidInPlanFen', 'invoices[0].invoiceNo', 'invoices[0].selfPaidInScopeFen', 'member.isUnionMember'].sort(),
		);
		const byField = Object.fromEntries(decision.reasons.map((r) => [r.field, r]));
		expect(byField['claimId'].message).toContain('不能为空');
		expect(byField['member.isUnionMember'].message).toContain('应为布尔值');
		expect(byField['member.isUnionMember'].messageEn).toContain('expected boolean, received string');
		expect(byField['invoices[0].invoiceNo'].message).toContain('缺少必填字段');
		expect(byField['invoices[0].selfPaidInScopeFen'].message).toContain('整数');
		expect(byField['accident.date'].message).toContain('YYYY-MM-DD');
		expect(byField['accident.time'].message).toContain('HH:mm');
		expect(decision).toMatchObject({ payoutFen: 0, lines: [], planId: null });
		expect(decision.explanation).toContain('申报信息不完整或有误');
	});

	it('keeps what can be read: the plan and deadlines of a valid accident date', () => {
		const decision = adjudicateClaim(claimWith({ 'member.memberId': undefined, history: { paidInPlanFen: 20000, countedForAccidentFen: 30000 } }));
		expect(decision).toMatchObject({
			outcome: 'rejected',
			planId: 'GD-NEWFORM-2022',
			countedFen: 30000,
			tierFen: 20000,
			payoutFen: 0,
			paidInPlanAfterFen: 20000,
			remainingCapAfterFen: 980000,
			deadlines: { expenseWindowEnd: '2022-09-01', filingDeadline: '2023-03-06' },
		});
	});

	it('refuses a claim filed before its accident and history paying an accident more than the plan', () => {
		const decision = adjudicateClaim(claimWith({ submittedAt: '2022-03-04T10:00:00+08:00', history: { paidInPlanFen: 0, paidForAccidentFen: 20000 } }));
		expect(decision.reasons.map((r) => r.field)).toEqual(['submittedAt', 'history.paidForAccidentFen']);
	});

	it.each([null, undefined, 42, 'claim', [], [baseClaim()], {}])('%p is rejected', (input) => {
		const decision = adjudicateClaim(input);
		expect(decision.outcome).toBe('rejected');
		expect(decision.reasons.length).toBeGreaterThan(0);
		expect(codes(decision).every((c) => c === 'CLAIM_INVALID')).toBe(true);
		expect(Object.keys(decision).sort()).toEqual([...OUTPUT_FIELDS].sort());
	});

	it('an unusable plan set sends the claim to review rather than judging by it', () => {
		const decision = adjudicateClaim(baseClaim(), { plans: [{ planId: 'X' } as unknown as MutualAidPlan] });
		expect(decision.outcome).toBe('manual_review');
		expect(codes(decision)).toEqual(['PLANS_INVALID']);
		expect(decision.reasons[0].message).toContain('plans[0].coverageStart');
	});
});

describe('explanations keep personal data out', () => {
	it.each([
		['approved', {}],
		['rejected', { 'member.isUnionMember': false }],
		['pending_documents', { documents: {} }],
		['manual_review', { 'payee.name': '李四', 'payee.bankAccount': '6222 0212 3456 7890 999' }],
		['below_threshold', { invoices: [invoice(100)] }],
	])('%s', (outcome, patch) => {
		const claim = claimWith({ ...patch, 'accident.description': '13800138000 张三 11010519491231002X' });
		const decision = adjudicateClaim(claim);
		expect(decision.outcome).toBe(outcome);
		expect(findUnmaskedPersonalData(decision.explanation)).toEqual([]);
		for (const text of [decision.explanation, ...decision.reasons.map((r) => r.message)]) {
			expect(text).not.toContain('张三');
			expect(text).not.toContain('李四');
			expect(text).not.toContain('11010519491231002X');
			expect(text).not.toContain('6222021234567890123');
		}
		expect(decision.explanation.split('。').filter(Boolean).length).toBeLessThanOrEqual(5);
	});
});

describe('decisions are independent values', () => {
	it('editing one decision’s deadlines does not change the next decision of the same day', () => {
		const first = adjudicateClaim(baseClaim());
		first.deadlines.filingDeadline = 'edited';
		expect(adjudicateClaim(baseClaim()).deadlines.filingDeadline).toBe('2023-03-06');
		const malformed = adjudicateClaim(claimWith({ claimId: '' }));
		malformed.deadlines.expenseWindowEnd = 'edited';
		expect(adjudicateClaim(claimWith({ claimId: '' })).deadlines.expenseWindowEnd).toBe('2022-09-01');
	});
});
