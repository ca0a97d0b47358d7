import { adjudicateClaim } from '../../../lib';
import { claimWith, codes, invoice } from './fixtures';

describe('duplicate invoices (SPEC §6: key invoiceCode:invoiceNo)', () => {
	it('an invoice already counted for the accident does not count again', () => {
		const decision = adjudicateClaim(
			claimWith({
				invoices: [{ invoiceCode: '4400221130', invoiceNo: '00010001', serviceDate: '2022-03-05', selfPaidInScopeFen: 123456 }],
				history: { paidInPlanFen: 50000, paidForAccidentFen: 50000, countedForAccidentFen: 123456, countedInvoiceKeys: ['4400221130:00010001'] },
			}),
		);
		expect(decision.outcome).toBe('manual_review');
		expect(decision.countedFen).toBe(123456);
		expect(decision.lines[0]).toMatchObject({ invoiceKey: '4400221130:00010001', counted: false, countedFen: 0 });
		expect(codes(decision)).toEqual(['DUPLICATE_INVOICE', 'BELOW_THRESHOLD']);
		expect(decision.reasons[0]).toMatchObject({ severity: 'review', field: 'invoices[0]' });
	});

	it('the same invoice twice in one claim counts once', () => {
		const twice = invoice(30000);
		const decision = adjudicateClaim(claimWith({ invoices: [twice, { ...twice }] }));
		expect(decision.countedFen).toBe(30000);
		expect(decision.lines.map((l) => l.counted)).toEqual([true, false]);
		expect(decision.reasons.map((r) => r.field)).toEqual(['invoices[1]']);
		expect(decision.outcome).toBe('manual_review');
		expect(decision.explanation).toContain('有1张发票未计入（重复提交）');
	});

	it('keys differ by code or number', () => {
		const decision = adjudicateClaim(claimWith({ invoices: [invoice(30000, '2022-03-05', { invoiceNo: '1' }), invoice(30000, '2022-03-05', { invoiceNo: '2' })] }));
		expect(decision.countedFen).toBe(60000);
		expect(decision.outcome).toBe('approved');
	});
});

describe('documents (附件4 第八条（二）)', () => {
	it.each([
		[{ documents: undefined }, ['invoiceOriginals', 'accidentProof', 'medicalRecords']],
		[{ documents: null }, ['invoiceOriginals', 'accidentProof', 'medicalRecords']],
		[{ 'documents.accidentProof': [] }, ['accidentProof']],
		[{ 'documents.accidentProof': false }, ['accidentProof']],
		[{ 'documents.medicalRecords': '' }, ['medicalRecords']],
		[{ 'documents.medicalRecords': 'oss://x.pdf' }, []],
		[{ 'documents.invoiceOriginals': undefined, 'documents.medicalRecords': null }, ['invoiceOriginals', 'medicalRecords']],
	])('%o → missing %o', (patch, missing) => {
		const decision = adjudicateClaim(claimWith(patch));
		expect(decision.reasons.filter((r) => r.code === 'DOCUMENTS_MISSING').map((r) => r.field)).toEqual(missing.map((m) => `documents.${m}`));
		for (const r of decision.reasons) expect(r.severity).toBe('pending');
		expect(decision.outcome).toBe(missing.length ? 'pending_documents' : 'approved');
		if (missing.length) {
			expect(decision.payoutFen).toBe(0);
			expect(decision.tierFen).toBe(50000);
			expect(decision.explanation).toContain('还缺少以下材料');
			expect(decision.explanation).toContain('请于2023年3月6日（含）前通过“粤工惠”补充提交');
		}
	});

	it('cites the numbered item of 第八条（二）', () => {
		const decision = adjudicateClaim(claimWith({ documents: {} }));
		expect(decision.reasons.map((r) => r.rule)).toEqual(['附件4 第八条（二）1', '附件4 第八条（二）2', '附件4 第八条（二）3']);
	});

	it('a document given as a number is a malformed claim', () => {
		const decision = adjudicateClaim(claimWith({ 'documents.accidentProof': 3 }));
		expect(decision.reasons).toEqual([expect.objectContaining({ code: 'CLAIM_INVALID', field: 'documents.accidentProof' })]);
	});
});

describe('the payee (附件4 第七条)', () => {
	it.each([
		[{ 'payee.name': '张 三' }, []],
		[{ 'payee.name': ' 张三\u3000' }, []],
		[{ 'payee.name': '李四' }, ['PAYEE_NOT_MEMBER']],
		[{ payee: undefined }, ['PAYEE_NOT_MEMBER']],
		[{ payee: null }, ['PAYEE_NOT_MEMBER']],
		[{ 'payee.bankAccount': '' }, ['PAYEE_NOT_MEMBER']],
		[{ 'member.name': undefined }, ['PAYEE_NOT_MEMBER']],
	])('%o → %o', (patch, expected) => {
		const decision = adjudicateClaim(claimWith(patch));
		expect(codes(decision)).toEqual(expected);
		expect(decision.outcome).toBe(expected.length ? 'manual_review' : 'approved');
		for (const r of decision.reasons) expect(r).toMatchObject({ severity: 'review', rule: '附件4 第七条' });
	});

	it('masks both names in the reason', () => {
		const decision = adjudicateClaim(claimWith({ 'payee.name': '欧阳娜娜', 'member.name': '张三丰' }));
		expect(decision.reasons[0].message).toContain('欧阳**');
		expect(decision.reasons[0].message).toContain('张**');
		expect(JSON.stringify(decision)).not.toContain('欧阳娜娜');
		expect(JSON.stringify(decision)).not.toContain('张三丰');
	});
});
