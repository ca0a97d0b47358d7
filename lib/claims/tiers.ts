import { formatFen as yuan } from '../core/money';
import { reason, type Reason } from '../core/reasons';
import type { MutualAidPlan, PlanTier } from './plans';

/** The one-off payout for an accident's counted total (第五条（二）); 0 below the first tier. */
export function tierFor(countedFen: number, tiers: readonly PlanTier[]): number {
	for (let i = tiers.length - 1; i >= 0; i--) {
		if (countedFen >= tiers[i].fromFen) return tiers[i].payoutFen;
	}
	return 0;
}

export interface PayoutInput {
	countedFen: number;
	paidForAccidentFen: number;
	paidInPlanFen: number;
}

export interface PayoutResult {
	tierFen: number;
	/** What the rules make payable now, before the outcome decides whether it is paid. */
	dueFen: number;
	remainingCapBeforeFen: number;
	reasons: Reason[];
}

/**
 * 第五条（二）（三） and the accumulation Decision of SPEC §6: the accident's tier on everything
 * counted so far, less what the accident was already paid, never negative, within the plan's
 * remaining cap.
 */
export function computePayout(input: PayoutInput, plan: MutualAidPlan): PayoutResult {
	const tierFen = tierFor(input.countedFen, plan.tiers);
	const remainingCapBeforeFen = Math.max(0, plan.annualCapFen - input.paidInPlanFen);
	const topUp = Math.max(0, tierFen - input.paidForAccidentFen);
	const dueFen = Math.min(topUp, remainingCapBeforeFen);
	const reasons: Reason[] = [];
	if (remainingCapBeforeFen === 0) {
		reasons.push(
			reason(
				'CAP_REACHED',
				'reject',
				'附件4 第五条（三）',
				`本计划累计给付已达上限 ${yuan(plan.annualCapFen)}，保障责任已终止`,
				`The plan's payouts have reached the cap of ${yuan(plan.annualCapFen)}; cover has ended`,
				'history.paidInPlanFen',
			),
		);
	} else if (topUp === 0) {
		const firstTier = plan.tiers[0];
		reasons.push(
			tierFen === 0
				? reason(
						'BELOW_THRESHOLD',
						'info',
						'附件4 第五条（二）',
						`该事故累计计入费用 ${yuan(input.countedFen)}，未达到起付金额 ${yuan(firstTier.fromFen)}，暂无可给付金额；后续同一事故的发票可继续累计申报`,
						`The accident's counted total ${yuan(input.countedFen)} is below ${yuan(firstTier.fromFen)}; nothing is due yet, later invoices of the same accident still add up`,
						'invoices',
					)
				: reason(
						'BELOW_THRESHOLD',
						'info',
						'附件4 第五条（二）',
						`该事故已按 ${yuan(input.paidForAccidentFen)} 给付，累计计入费用 ${yuan(input.countedFen)} 尚未达到更高档次，暂无新增给付`,
						`The accident was already paid ${yuan(input.paidForAccidentFen)}; its counted total ${yuan(input.countedFen)} has not reached a higher tier`,
						'invoices',
					),
		);
	} else if (topUp > remainingCapBeforeFen) {
		reasons.push(
			reason(
				'CAP_PARTIAL',
				'info',
				'附件4 第五条（三）',
				`按档次应给付 ${yuan(topUp)}，但本计划剩余给付额度只有 ${yuan(remainingCapBeforeFen)}，按剩余额度给付，之后保障责任终止`,
				`The tier gives ${yuan(topUp)} but only ${yuan(remainingCapBeforeFen)} of the plan's cap remains; paid up to the cap, after which cover ends`,
				'history.paidInPlanFen',
			),
		);
	}
	return { tierFen, dueFen, remainingCapBeforeFen, reasons };
}
