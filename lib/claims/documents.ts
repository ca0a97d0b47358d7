import { reason, type Reason } from '../core/reasons';
import type { DocumentValue } from './claimSchema';

/** The materials of 第八条（二）, with their item numbers. */
const DOCUMENT_LABELS: Record<string, { zh: string; en: string; item?: number }> = {
	invoiceOriginals: { zh: '医疗机构出具的医疗收费票据（发票）原件', en: 'original medical invoices', item: 1 },
	accidentProof: { zh: '意外伤害事故证明（如交通事故责任认定书、工伤认定书等）', en: 'proof of the accident (police or work-injury findings and the like)', item: 2 },
	medicalRecords: { zh: '诊治记录（病历、出院小结、影像学报告等）', en: 'medical records (case notes, discharge summary, imaging reports)', item: 3 },
};

export function documentLabel(key: string): string {
	return DOCUMENT_LABELS[key]?.zh ?? key;
}

function present(value: DocumentValue): boolean {
	if (value === true) return true;
	if (typeof value === 'string') return value.trim().length > 0;
	return Array.isArray(value) && value.some((v) => v.trim().length > 0);
}

/** One `DOCUMENTS_MISSING` per required document not given as `true` or a non-empty list. */
export function documentReasons(documents: Record<string, DocumentValue>, required: readonly string[]): Reason[] {
	const reasons: Reason[] = [];
	for (const key of required) {
		if (present(documents[key])) continue;
		const label = DOCUMENT_LABELS[key] ?? { zh: key, en: key };
		reasons.push(
			reason(
				'DOCUMENTS_MISSING',
				'pending',
				label.item ? `附件4 第八条（二）${label.item}` : '附件4 第八条（二）',
				`缺少申报材料：${label.zh}`,
				`Missing document: ${label.en}`,
				`documents.${key}`,
			),
		);
	}
	return reasons;
}
