import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BUILT_IN_PLAN_DATA, BUILT_IN_PLANS, loadPlans } from '../../lib';
import { properties } from '../../nodes/ClaimAdjudication/description';
import { baseClaim, claimWith, invoice } from '../lib/claims/fixtures';
import type { IDataObject } from 'n8n-workflow';
import { PACKAGE, runNode } from '../helpers/harness';

const TYPE = `${PACKAGE}.claimAdjudication`;

/** Runs the node over claims (test fixtures are typed more precisely than n8n's item json). */
function run(parameters: IDataObject, input: object[], continueOnFail = false) {
	return runNode({ type: TYPE, parameters, continueOnFail }, input as IDataObject[]);
}
const DECISION_FIELDS = ['outcome', 'planId', 'countedFen', 'tierFen', 'payoutFen', 'paidInPlanAfterFen', 'remainingCapAfterFen', 'reasons', 'lines', 'deadlines', 'explanation'];

const plan2026 = { ...BUILT_IN_PLAN_DATA[1], planId: 'GD-NEWFORM-2026', name: undefined, coverageStart: '2026-01-01', coverageEnd: '2026-12-31', premiumFen: 3000 };
function claim2026() {
	return claimWith({
		claimId: 'CLM-2026-1',
		submittedAt: '2026-03-20T10:00:00+08:00',
		'member.enrolments': [{ planId: 'GD-NEWFORM-2026', enrolledAt: '2026-01-03T09:00:00+08:00' }],
		'accident.date': '2026-03-05',
		invoices: [invoice(60000, '2026-03-05')],
	});
}

describe('Claim Adjudication node (互助保障理赔)', () => {
	it('adds the decision to each claim item, one out per one in, paired and in order', async () => {
		const claims = [baseClaim(), claimWith({ claimId: 'C2', invoices: [invoice(100)] }), claimWith({ claimId: 'C3', 'member.isUnionMember': false })];
		const result = await run({}, claims);
		expect(result.error).toBeUndefined();
		const items = result.items('Node');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const out = result.output('Node');
		expect(out.map((o) => [o.claimId, o.outcome, o.payoutFen])).toEqual([
			['CLM-2022-0001', 'approved', 50000],
			['C2', 'below_threshold', 0],
			['C3', 'rejected', 0],
		]);
		expect(out[0]).toMatchObject({ member: claims[0].member, invoices: claims[0].invoices, planId: 'GD-NEWFORM-2022', deadlines: { filingDeadline: '2023-03-06' } });
		for (const field of DECISION_FIELDS) expect(out[0]).toHaveProperty(field);
		expect(out[2].reasons).toEqual([expect.objectContaining({ code: 'NOT_MEMBER', severity: 'reject', rule: '附件4 第一条' })]);
		expect(String(out[0].explanation)).toContain('本次给付¥500.00');
	});

	it('turns a malformed claim among good ones into a rejected item naming the bad fields', async () => {
		const malformed = claimWith({ claimId: 'BAD', 'accident.date': '2022/03/05', invoices: [{ invoiceNo: '1', serviceDate: '2022-03-05', selfPaidInScopeFen: '100' }] });
		const result = await run({}, [baseClaim(), malformed, claimWith({ claimId: 'C3' })]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out.map((o) => o.outcome)).toEqual(['approved', 'rejected', 'approved']);
		const reasons = out[1].reasons as { code: string; field: string; message: string; messageEn: string }[];
		expect(reasons.every((r) => r.code === 'CLAIM_INVALID')).toBe(true);
		expect(reasons.map((r) => r.field).sort()).toEqual(['accident.date', 'invoices[0].invoiceCode', 'invoices[0].selfPaidInScopeFen']);
		expect(reasons.find((r) => r.field === 'invoices[0].selfPaidInScopeFen')!.messageEn).toContain('expected number, received string');
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('reads the claim from a field and keeps the rest of the item', async () => {
		const event = { event: 'claim.submitted', data: { claim: baseClaim() } };
		const result = await run({ claimField: 'data.claim' }, [event]);
		const [out] = result.output('Node');
		expect(out.event).toBe('claim.submitted');
		expect(out.data).toEqual(event.data);
		expect(out).toMatchObject({ outcome: 'approved', payoutFen: 50000 });
	});

	it('reads the field per item when it is an expression', async () => {
		const result = await run({ claimField: '={{ $json.where }}' }, [
			{ where: 'a', a: baseClaim() },
			{ where: 'b', b: claimWith({ invoices: [invoice(100)] }) },
		]);
		expect(result.output('Node').map((o) => o.outcome)).toEqual(['approved', 'below_threshold']);
	});

	describe('an item that holds no claim', () => {
		const items = [baseClaim(), { data: 'not a claim' }, claimWith({ claimId: 'C3' })];

		it('stops the run with a bilingual error naming the item', async () => {
			const result = await run({ claimField: 'data' }, [{ data: items[0] }, items[1], { data: items[2] }]);
			expect(result.error).toBeDefined();
			expect(result.error!.message).toBe('第2项没有可读的理赔申报 / Item 2 holds no claim');
			expect((result.error as { description?: string }).description).toContain('The field "data" must be an object');
		});

		it('becomes an error item in its place with continueOnFail', async () => {
			const input = [{ data: items[0] }, items[1], { data: items[2] }];
			const result = await run({ claimField: 'data' }, input, true);
			expect(result.error).toBeUndefined();
			const out = result.items('Node');
			expect(out).toHaveLength(3);
			expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(out[1].json).toEqual({ error: '第2项没有可读的理赔申报 / Item 2 holds no claim', description: '字段 "data" 应为对象 / The field "data" must be an object' });
			expect([out[0].json.outcome, out[2].json.outcome]).toEqual(['approved', 'approved']);
		});
	});

	describe('plan source', () => {
		it('judges by a pasted custom plan beside the built-in ones', async () => {
			const result = await run({ planSource: 'json', planJson: JSON.stringify(plan2026) }, [claim2026(), baseClaim()]);
			expect(result.error).toBeUndefined();
			expect(result.output('Node').map((o) => [o.planId, o.outcome, o.payoutFen])).toEqual([
				['GD-NEWFORM-2026', 'approved', 50000],
				['GD-NEWFORM-2022', 'approved', 50000],
			]);
		});

		it('without the built-in plans, a 2022 accident is outside every plan', async () => {
			const result = await run({ planSource: 'json', planJson: JSON.stringify({ plans: [plan2026] }), keepBuiltIn: false }, [baseClaim()]);
			const [out] = result.output('Node');
			expect(out).toMatchObject({ outcome: 'rejected', planId: null });
			expect((out.reasons as { code: string }[]).map((r) => r.code)).toContain('ACCIDENT_OUTSIDE_PLAN');
		});

		it('refuses an invalid plan with every problem named, in both languages', async () => {
			const broken = { ...plan2026, tiers: [{ fromFen: 20000, toFen: 50000, payoutFen: 20000 }, { fromFen: 60000, toFen: null, payoutFen: 50000 }], annualCapFen: 100 };
			const result = await run({ planSource: 'json', planJson: JSON.stringify(broken) }, [baseClaim()]);
			expect(result.error?.message).toBe('互助保障计划无法加载（Plan JSON） / The plans could not be loaded (Plan JSON)');
			const description = (result.error as { description?: string }).description!;
			expect(description).toContain('plans[0].tiers[1].fromFen');
			expect(description).toContain('tiers must be contiguous');
			expect(description).toContain('plans[0].annualCapFen');
		});

		it('refuses a custom plan overlapping a built-in one', async () => {
			const result = await run({ planSource: 'json', planJson: JSON.stringify({ ...plan2026, planId: 'X', coverageStart: '2025-07-01' }) }, [baseClaim()]);
			expect((result.error as { description?: string }).description).toContain('overlaps GD-NEWFORM-2025');
		});

		it('the example plan shown in the editor loads beside the built-in plans', () => {
			const example = properties.find((p) => p.name === 'planJson')!.default as string;
			expect(loadPlans(example, { base: BUILT_IN_PLANS }).map((p) => p.planId)).toContain('GD-NEWFORM-2026');
		});

		it('reads plans from a JSON file on the server', async () => {
			const dir = mkdtempSync(path.join(tmpdir(), 'claim-plans-'));
			const file = path.join(dir, 'plans.json');
			writeFileSync(file, JSON.stringify([plan2026]));
			const result = await run({ planSource: 'file', planFile: file }, [claim2026()]);
			expect(result.error).toBeUndefined();
			expect(result.output('Node')[0]).toMatchObject({ planId: 'GD-NEWFORM-2026', outcome: 'approved' });
			const missing = await run({ planSource: 'file', planFile: path.join(dir, 'none.json') }, [claim2026()]);
			expect(missing.error?.message).toContain('无法读取计划文件 / Cannot read the plan file');
		});
	});

	it('outputs only the decision (with the claim ID) when asked', async () => {
		const result = await run({ output: 'decisionOnly' }, [baseClaim()]);
		const [out] = result.output('Node');
		expect(Object.keys(out).sort()).toEqual(['claimId', ...DECISION_FIELDS].sort());
		expect(out).toMatchObject({ claimId: 'CLM-2022-0001', outcome: 'approved' });
	});

	it('moves the filing deadline by the extra holidays of the calendar option', async () => {
		const claim = claimWith({ 'accident.date': '2022-03-07', invoices: [invoice(60000, '2022-03-07')], submittedAt: '2023-03-08T09:00:00+08:00' });
		const plain = await run({}, [claim]);
		expect(plain.output('Node')[0]).toMatchObject({ outcome: 'rejected', deadlines: { filingDeadline: '2023-03-07' } });
		const withHoliday = await run({ options: { calendar: JSON.stringify({ holidays: ['2023-03-07'] }) } }, [claim]);
		expect(withHoliday.output('Node')[0]).toMatchObject({ outcome: 'approved', deadlines: { filingDeadline: '2023-03-08' } });
		const bad = await run({ options: { calendar: '{"holidays": ["7 March"]}' } }, [claim]);
		expect(bad.error?.message).toContain('Rest-Day Calendar: holidays must be a list of dates');
	});
});
