import { maskText } from '../core/masking';
import { formatFen as yuan } from '../core/money';
import type { Reason } from '../core/reasons';
import type { ClaimLine } from './invoices';
import type { MutualAidPlan } from './plans';
import type { ClaimOutcome } from './types';

export interface ExplanationFacts {
	outcome: ClaimOutcome;
	accidentDate: string | null;
	plan: MutualAidPlan | null;
	countedFen: number;
	tierFen: number;
	payoutFen: number;
	paidForAccidentBeforeFen: number;
	remainingCapAfterFen: number | null;
	reasons: readonly Reason[];
	lines: readonly ClaimLine[];
	expenseWindowEnd: string | null;
	filingDeadline: string | null;
	bankAccount?: string;
}

const chineseDates = new Map<string, string>();

/** `2022年3月5日`. */
export function chineseDate(date: string): string {
	let text = chineseDates.get(date);
	if (text === undefined) {
		const [y, m, d] = date.split('-').map(Number);
		text = `${y}年${m}月${d}日`;
		if (chineseDates.size > 20000) chineseDates.clear();
		chineseDates.set(date, text);
	}
	return text;
}

function listOf(reasons: readonly Reason[], max = 3): string {
	const messages = [...new Set(reasons.map((r) => r.message.replace(/[。；]$/, '')))];
	const shown = messages.slice(0, max).join('；');
	return messages.length > max ? `${shown}；等${messages.length}项` : shown;
}

function uncountedSentence(lines: readonly ClaimLine[], windowDays: number): string {
	let uncounted = 0;
	for (const line of lines) if (!line.counted) uncounted++;
	if (!uncounted) return '';
	const why = new Set<string>();
	for (const line of lines) {
		if (line.counted) continue;
		for (const r of line.reasons) {
			if (r.code === 'DUPLICATE_INVOICE') why.add('重复提交');
			else if (r.code === 'EXPENSE_OUTSIDE_WINDOW') why.add(`就诊日期超出事故后${windowDays}日`);
			else if (r.code === 'HOSPITAL_NOT_ELIGIBLE') why.add('医院不符合条件');
		}
	}
	return `有${uncounted}张发票未计入${why.size ? `（${[...why].join('、')}）` : ''}。`;
}

/** The last `count` ASCII digits of a text (fewer when it has fewer). */
function lastDigits(text: string, count: number): string {
	let end = text.length;
	let digits = '';
	while (end > 0 && digits.length < count) {
		const c = text.charCodeAt(--end);
		if (c >= 48 && c <= 57) digits = text[end] + digits;
	}
	return digits;
}

/** A few plain sentences a member reads on a phone: what was decided, how much, what to do next. */
export function explainDecision(facts: ExplanationFacts): string {
	const sentences: string[] = [];
	const about = facts.accidentDate ? `您${chineseDate(facts.accidentDate)}发生的意外` : '您的申报';
	const amounts = () => `已计入医保范围内个人自付费用${yuan(facts.countedFen)}，对应补贴档次${yuan(facts.tierFen)}。`;
	const bySeverity = (severity: Reason['severity']) => facts.reasons.filter((r) => r.severity === severity);

	switch (facts.outcome) {
		case 'approved': {
			sentences.push(`${about}申报已审核通过：${amounts()}`);
			const account = facts.bankAccount && lastDigits(facts.bankAccount, 4);
			const to = account ? `您本人尾号${account}的银行账户` : '您本人的银行账户';
			if (facts.paidForAccidentBeforeFen > 0) {
				sentences.push(`该事故此前已给付${yuan(facts.paidForAccidentBeforeFen)}，本次补足${yuan(facts.payoutFen)}，将转入${to}。`);
			} else {
				sentences.push(`本次给付${yuan(facts.payoutFen)}，将转入${to}。`);
			}
			if (facts.reasons.some((r) => r.code === 'CAP_PARTIAL')) {
				sentences.push(`因本计划累计给付最多${yuan(facts.plan!.annualCapFen)}，本次按剩余额度给付，此后本计划的保障责任终止。`);
			} else if (facts.remainingCapAfterFen !== null) {
				sentences.push(`本计划剩余可给付额度${yuan(facts.remainingCapAfterFen)}。`);
			}
			break;
		}
		case 'rejected':
			if (facts.reasons.some((r) => r.code === 'CLAIM_INVALID')) {
				const fields = [...new Set(bySeverity('reject').map((r) => r.field ?? ''))].filter(Boolean);
				sentences.push(`申报信息不完整或有误，暂时无法审核（${fields.slice(0, 5).join('、')}${fields.length > 5 ? '等' : ''}）。请核对后重新提交。`);
				break;
			}
			sentences.push(`很抱歉，${about}申报不能给付。原因：${listOf(bySeverity('reject'))}。`);
			sentences.push('如有疑问，请联系所在工会或市新业态行业工会联合会。');
			break;
		case 'pending_documents': {
			sentences.push(`${about}申报还缺少以下材料：${listOf(bySeverity('pending'), 5).replace(/缺少申报材料：/g, '')}。`);
			sentences.push(
				facts.filingDeadline
					? `请于${chineseDate(facts.filingDeadline)}（含）前通过“粤工惠”补充提交，补齐后继续审核。`
					: '请通过“粤工惠”补充提交，补齐后继续审核。',
			);
			break;
		}
		case 'manual_review':
			sentences.push(`${about}申报需要工作人员进一步核实：${listOf(bySeverity('review'))}。`);
			if (facts.plan) sentences.push(`目前${amounts().replace(/^已/, '')}核实后会通知您结果。`);
			else sentences.push('核实后会通知您结果。');
			break;
		case 'below_threshold':
			if (facts.tierFen === 0) {
				const threshold = facts.plan ? yuan(facts.plan.tiers[0].fromFen) : '';
				sentences.push(`${about}目前累计计入的费用为${yuan(facts.countedFen)}，还未达到${threshold}的起付标准，暂不能给付。`);
				if (facts.expenseWindowEnd) {
					sentences.push(`${chineseDate(facts.expenseWindowEnd)}（含）前因同一事故就诊的发票可以继续申报，累计达到后即可给付。`);
				}
			} else {
				sentences.push(
					`${about}已按${yuan(facts.paidForAccidentBeforeFen)}给付，目前累计计入费用${yuan(facts.countedFen)}，未达到更高档次，暂无新增给付。`,
				);
			}
			break;
	}
	const uncounted = facts.outcome === 'rejected' ? '' : uncountedSentence(facts.lines, facts.plan?.expenseWindowDays ?? 180);
	if (uncounted) sentences.push(uncounted);
	return maskText(sentences.join(''));
}
