import type { Reason } from '../core/reasons';

/**
 * Input the quota rules cannot work with (a negative weight, a malformed target table). The
 * message carries Chinese and English; `reasons` says what exactly, each with its clause.
 */
export class QuotaInputError extends Error {
	readonly reasons: Reason[];
	readonly messageZh: string;
	readonly messageEn: string;

	constructor(reasons: Reason[]) {
		const zh = reasons.map((r) => r.message).join('；');
		const en = reasons.map((r) => r.messageEn ?? r.message).join('; ');
		super(`${zh} / ${en}`);
		this.name = 'QuotaInputError';
		this.reasons = reasons;
		this.messageZh = zh;
		this.messageEn = en;
	}
}
