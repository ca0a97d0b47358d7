import { maskName } from '../core/masking';
import { reason, type Reason } from '../core/reasons';
import type { Claim } from './claimSchema';

function sameName(a: string, b: string): boolean {
	if (a === b) return true;
	const squeeze = (s: string) => s.replace(/[\s\u3000]/g, '');
	return squeeze(a) === squeeze(b);
}

/** 第七条: paid only into the member's own bank account. */
export function payeeReasons(claim: Claim): Reason[] {
	const payee = claim.payee;
	const rule = '附件4 第七条';
	if (!payee || !payee.name?.trim() || !payee.bankAccount?.trim()) {
		return [
			reason('PAYEE_NOT_MEMBER', 'review', rule, '未提供完整的受领人姓名和银行账户，补贴只能转入会员本人的银行账户', 'Payee name or bank account missing: the subsidy is paid only into the member’s own account', 'payee'),
		];
	}
	const memberName = claim.member.name?.trim();
	if (!memberName) {
		return [reason('PAYEE_NOT_MEMBER', 'review', rule, '会员姓名缺失，无法核对受领人是否为本人', 'Member name missing: cannot check the payee is the member', 'member.name')];
	}
	if (!sameName(payee.name, memberName)) {
		return [
			reason(
				'PAYEE_NOT_MEMBER',
				'review',
				rule,
				`受领人（${maskName(payee.name)}）与会员本人（${maskName(memberName)}）姓名不一致，补贴只能转入本人银行账户`,
				'The payee’s name differs from the member’s: the subsidy is paid only into the member’s own account',
				'payee.name',
			),
		];
	}
	return [];
}
