import { yuan } from './yuan';
import { reason, type Reason } from '../core/reasons';
import type { Claim, ClaimInvoice } from './claimSchema';
import { checkHospital, hospitalName } from './hospital';
import type { MutualAidPlan } from './plans';

/** One invoice of the claim: counted or not, and why. */
export interface ClaimLine {
	invoiceKey: string;
	serviceDate: string;
	selfPaidInScopeFen: number;
	outOfScopeFen: number;
	counted: boolean;
	countedFen: number;
	/** Counted only on the assumption that the hospital is eligible (its facts need review). */
	provisional: boolean;
	reasons: Reason[];
	note: string;
}

export function invoiceKey(invoice: Pick<ClaimInvoice, 'invoiceCode' | 'invoiceNo'>): string {
	return `${invoice.invoiceCode.trim()}:${invoice.invoiceNo.trim()}`;
}

export interface LinesResult {
	lines: ClaimLine[];
	/** Claim-level reasons the lines raise (window, duplicates, hospital). */
	reasons: Reason[];
	/** What the new lines add to the accident's counted total. */
	addedFen: number;
}

/**
 * 第二条 and 第五条（一）（五）: the in-scope self-paid amount of each new invoice dated within the
 * expense window, at an eligible hospital, counted once across the accident's claims.
 */
export function assessInvoices(claim: Claim, plan: MutualAidPlan, expenseWindowEnd: string): LinesResult {
	const seen = new Set(claim.history.countedInvoiceKeys.map((k) => k.trim()));
	const reasons: Reason[] = [];
	const hospitalProblems = new Map<string, { hospital: string; problems: string; problemsEn: string; keys: string[] }>();
	const ineligible: { index: number; line: ClaimLine; hospital: string; why: string; whyEn: string }[] = [];

	const lines = claim.invoices.map((invoice, index): ClaimLine => {
		const key = invoiceKey(invoice);
		const field = `invoices[${index}]`;
		const line: ClaimLine = {
			invoiceKey: key,
			serviceDate: invoice.serviceDate,
			selfPaidInScopeFen: invoice.selfPaidInScopeFen,
			outOfScopeFen: invoice.outOfScopeFen ?? 0,
			counted: false,
			countedFen: 0,
			provisional: false,
			reasons: [],
			note: '',
		};
		const notes: string[] = [];
		const add = (r: Reason) => {
			line.reasons.push(r);
			reasons.push(r);
		};

		if (seen.has(key)) {
			add(reason('DUPLICATE_INVOICE', 'review', '附件4 第八条（二）1', `发票 ${key} 已计入过，不重复计算`, `Invoice ${key} was already counted; it does not count twice`, field));
			notes.push('重复发票，不计入');
		}
		seen.add(key);

		const outside = invoice.serviceDate < claim.accident.date || invoice.serviceDate > expenseWindowEnd;
		if (outside) {
			add(
				reason(
					'EXPENSE_OUTSIDE_WINDOW',
					'info',
					'附件4 第五条（一）',
					`发票 ${key} 的就诊日期 ${invoice.serviceDate} 不在事故发生之日起 ${plan.expenseWindowDays} 日内（${claim.accident.date} 至 ${expenseWindowEnd}），不计入`,
					`Invoice ${key} dated ${invoice.serviceDate} is outside the ${plan.expenseWindowDays}-day window (${claim.accident.date} to ${expenseWindowEnd})`,
					`${field}.serviceDate`,
				),
			);
			notes.push(`不在${plan.expenseWindowDays}日内`);
		}

		const hospital = invoice.hospital ?? claim.hospital;
		const name = hospitalName(hospital);
		const check = checkHospital(hospital, plan.minHospitalLevel);
		const problems = check.problems.map((p) => p.zh).join('，');
		if (check.status === 'not_eligible') {
			ineligible.push({ index, line, hospital: name, why: problems, whyEn: check.problems.map((p) => p.en).join(', ') });
			notes.push(`${name}不符合条件（${problems}）`);
		} else if (check.status === 'unknown') {
			const groupKey = `${name}|${problems}`;
			const group = hospitalProblems.get(groupKey) ?? { hospital: name, problems, problemsEn: check.problems.map((p) => p.en).join(', '), keys: [] };
			group.keys.push(key);
			hospitalProblems.set(groupKey, group);
			line.provisional = true;
		}

		const countable = !line.reasons.some((r) => r.code === 'DUPLICATE_INVOICE') && !outside && check.status !== 'not_eligible';
		if (countable) {
			line.counted = true;
			line.countedFen = invoice.selfPaidInScopeFen;
			notes.unshift(`计入 ${yuan(line.countedFen)}${line.provisional ? '（医院信息待核实）' : ''}`);
		} else {
			line.provisional = false;
			notes.unshift('不计入');
		}
		if (line.outOfScopeFen > 0) notes.push(`医保范围外自费 ${yuan(line.outOfScopeFen)} 不计入`);
		line.note = notes.join('；');
		return line;
	});

	for (const group of hospitalProblems.values()) {
		reasons.push(
			reason(
				'HOSPITAL_INFO_MISSING',
				'review',
				'附件4 第五条（五）',
				`${group.hospital}：${group.problems}，需人工核实是否为二级及以上公立医院（发票 ${group.keys.join('、')}）`,
				`${group.hospital}: ${group.problemsEn}; check that it is a public hospital of level 2 or above (invoices ${group.keys.join(', ')})`,
				'hospital',
			),
		);
	}

	const anyCounted = lines.some((l) => l.counted);
	for (const item of ineligible) {
		const r = reason(
			'HOSPITAL_NOT_ELIGIBLE',
			anyCounted ? 'info' : 'reject',
			'附件4 第五条（五）',
			`发票 ${item.line.invoiceKey}：${item.hospital}（${item.why}）不属于本计划认可的二级及以上公立医院，费用不计入`,
			`Invoice ${item.line.invoiceKey}: ${item.hospital}: ${item.whyEn}; not an eligible hospital, not counted`,
			claim.invoices[item.index].hospital ? `invoices[${item.index}].hospital` : 'hospital',
		);
		item.line.reasons.push(r);
		reasons.push(r);
	}

	const addedFen = lines.reduce((sum, l) => sum + l.countedFen, 0);
	return { lines, reasons, addedFen };
}
