import { formatFen as yuan } from '../core/money';
import { reason, type Reason } from '../core/reasons';
import type { Claim, ClaimHospital, ClaimInvoice } from './claimSchema';
import { checkHospital, hospitalName, type HospitalStatus } from './hospital';
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

interface HospitalView {
	name: string;
	status: HospitalStatus;
	why: string;
	whyEn: string;
}

function viewHospital(hospital: ClaimHospital | null | undefined, minLevel: number): HospitalView {
	const check = checkHospital(hospital, minLevel);
	const name = hospitalName(hospital);
	if (!check.problems.length) return { name, status: check.status, why: '', whyEn: '' };
	return { name, status: check.status, why: check.problems.map((p) => p.zh).join('，'), whyEn: check.problems.map((p) => p.en).join(', ') };
}

interface HospitalProblem {
	hospital: HospitalView;
	keys: string[];
}

interface IneligibleLine {
	index: number;
	line: ClaimLine;
	hospital: HospitalView;
}

/**
 * 第二条 and 第五条（一）（五）: the in-scope self-paid amount of each new invoice dated within the
 * expense window, at an eligible hospital, counted once across the accident's claims.
 */
export function assessInvoices(claim: Claim, plan: MutualAidPlan, expenseWindowEnd: string): LinesResult {
	const seen = new Set<string>();
	for (const k of claim.history.countedInvoiceKeys) seen.add(k.trim());
	const reasons: Reason[] = [];
	const lines: ClaimLine[] = [];
	let hospitalProblems: Map<string, HospitalProblem> | undefined;
	let ineligible: IneligibleLine[] | undefined;
	const accidentDate = claim.accident.date;
	const windowDays = plan.expenseWindowDays;
	let claimHospital: HospitalView | undefined;
	let addedFen = 0;
	let anyCounted = false;

	for (let index = 0; index < claim.invoices.length; index++) {
		const invoice = claim.invoices[index];
		const key = invoiceKey(invoice);
		const serviceDate = invoice.serviceDate;
		const outOfScopeFen = invoice.outOfScopeFen ?? 0;
		const line: ClaimLine = {
			invoiceKey: key,
			serviceDate,
			selfPaidInScopeFen: invoice.selfPaidInScopeFen,
			outOfScopeFen,
			counted: false,
			countedFen: 0,
			provisional: false,
			reasons: [],
			note: '',
		};
		lines.push(line);
		let notes = '';

		const duplicate = seen.has(key);
		if (duplicate) {
			const r = reason('DUPLICATE_INVOICE', 'review', '附件4 第八条（二）1', `发票 ${key} 已计入过，不重复计算`, `Invoice ${key} was already counted; it does not count twice`, `invoices[${index}]`);
			line.reasons.push(r);
			reasons.push(r);
			notes += '；重复发票，不计入';
		} else {
			seen.add(key);
		}

		const outside = serviceDate < accidentDate || serviceDate > expenseWindowEnd;
		if (outside) {
			const r = reason(
				'EXPENSE_OUTSIDE_WINDOW',
				'info',
				'附件4 第五条（一）',
				`发票 ${key} 的就诊日期 ${serviceDate} 不在事故发生之日起 ${windowDays} 日内（${accidentDate} 至 ${expenseWindowEnd}），不计入`,
				`Invoice ${key} dated ${serviceDate} is outside the ${windowDays}-day window (${accidentDate} to ${expenseWindowEnd})`,
				`invoices[${index}].serviceDate`,
			);
			line.reasons.push(r);
			reasons.push(r);
			notes += `；不在${windowDays}日内`;
		}

		const hospital = invoice.hospital
			? viewHospital(invoice.hospital, plan.minHospitalLevel)
			: (claimHospital ??= viewHospital(claim.hospital, plan.minHospitalLevel));
		if (hospital.status === 'not_eligible') {
			(ineligible ??= []).push({ index, line, hospital });
			notes += `；${hospital.name}不符合条件（${hospital.why}）`;
		} else if (hospital.status === 'unknown') {
			hospitalProblems ??= new Map();
			const groupKey = `${hospital.name}|${hospital.why}`;
			const group = hospitalProblems.get(groupKey);
			if (group) group.keys.push(key);
			else hospitalProblems.set(groupKey, { hospital, keys: [key] });
			line.provisional = true;
		}

		if (!duplicate && !outside && hospital.status !== 'not_eligible') {
			line.counted = true;
			line.countedFen = invoice.selfPaidInScopeFen;
			addedFen += line.countedFen;
			anyCounted = true;
			notes = `计入 ${yuan(line.countedFen)}${line.provisional ? '（医院信息待核实）' : ''}${notes}`;
		} else {
			line.provisional = false;
			notes = `不计入${notes}`;
		}
		if (outOfScopeFen > 0) notes += `；医保范围外自费 ${yuan(outOfScopeFen)} 不计入`;
		line.note = notes;
	}

	for (const { hospital, keys } of hospitalProblems?.values() ?? []) {
		reasons.push(
			reason(
				'HOSPITAL_INFO_MISSING',
				'review',
				'附件4 第五条（五）',
				`${hospital.name}：${hospital.why}，需人工核实是否为二级及以上公立医院（发票 ${keys.join('、')}）`,
				`${hospital.name}: ${hospital.whyEn}; check that it is a public hospital of level 2 or above (invoices ${keys.join(', ')})`,
				'hospital',
			),
		);
	}

	for (const item of ineligible ?? []) {
		const r = reason(
			'HOSPITAL_NOT_ELIGIBLE',
			anyCounted ? 'info' : 'reject',
			'附件4 第五条（五）',
			`发票 ${item.line.invoiceKey}：${item.hospital.name}（${item.hospital.why}）不属于本计划认可的二级及以上公立医院，费用不计入`,
			`Invoice ${item.line.invoiceKey}: ${item.hospital.name}: ${item.hospital.whyEn}; not an eligible hospital, not counted`,
			claim.invoices[item.index].hospital ? `invoices[${item.index}].hospital` : 'hospital',
		);
		item.line.reasons.push(r);
		reasons.push(r);
	}

	return { lines, reasons, addedFen };
}
