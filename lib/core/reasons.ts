export type Severity = 'reject' | 'review' | 'pending' | 'info';

/** One finding of a decision: what, how serious, in Chinese and English, and the clause behind it. */
export interface Reason {
	code: string;
	severity: Severity;
	message: string;
	messageEn?: string;
	rule: string;
	field?: string;
}

export function reason(
	code: string,
	severity: Severity,
	rule: string,
	message: string,
	messageEn?: string,
	field?: string,
): Reason {
	const r: Reason = { code, severity, message, rule };
	if (messageEn !== undefined) r.messageEn = messageEn;
	if (field !== undefined) r.field = field;
	return r;
}

export function hasSeverity(reasons: readonly Reason[], severity: Severity): boolean {
	return reasons.some((r) => r.severity === severity);
}
