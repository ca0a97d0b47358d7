import { reason, type Reason, type Severity } from '../core/reasons';
import { exclusionRule, type ExclusionText } from './exclusionTexts';

/** An ICD-10 code read as `S82` + `01`, or null when the text is not a code. */
export interface IcdCode {
	code: string;
	category: string;
	/** Category and subcode without the dot: `S025` for S02.5. */
	compact: string;
}

export function parseIcd10(value: string): IcdCode | null {
	const textValue = value.trim().toUpperCase().replace(/[†*+]+$/, '');
	const match = /^([A-Z])(\d{2})(?:\.?([0-9A-Z]{1,4}))?$/.exec(textValue);
	if (!match) return null;
	const category = match[1] + match[2];
	return { code: textValue, category, compact: category + (match[3] ?? '') };
}

type Matcher = (icd: IcdCode) => boolean;

function range(from: string, to: string): Matcher {
	return (icd) => icd.category >= from && icd.category <= to;
}
function exactly(...categories: string[]): Matcher {
	return (icd) => categories.includes(icd.category);
}
function sub(compact: string): Matcher {
	return (icd) => icd.compact.startsWith(compact);
}
function any(...matchers: Matcher[]): Matcher {
	return (icd) => matchers.some((m) => m(icd));
}

interface ScreeningRow {
	exclusion: string;
	severity: Severity;
	matches: Matcher;
	zh: string;
	en: string;
}

const INJURY = range('S00', 'T98');
const EXTERNAL_CAUSE = range('V01', 'Y98');

/** The SPEC §6 screening table, row for row. */
const SCREENING: readonly ScreeningRow[] = [
	{ exclusion: 'EXCL_04', severity: 'reject', matches: range('O00', 'O99'), zh: '妊娠、流产或分娩', en: 'pregnancy, miscarriage or childbirth' },
	{ exclusion: 'EXCL_05', severity: 'reject', matches: exactly('M50', 'M51'), zh: '椎间盘疾患', en: 'intervertebral disc disorder' },
	{ exclusion: 'EXCL_06', severity: 'reject', matches: any(range('F00', 'F09'), range('F20', 'F99')), zh: '精神和行为障碍', en: 'mental and behavioural disorder' },
	{ exclusion: 'EXCL_06', severity: 'review', matches: any(range('Y40', 'Y84'), sub('T887')), zh: '医疗事故、药物不良反应或过敏', en: 'medical accident, adverse drug effect or allergy' },
	{ exclusion: 'EXCL_01', severity: 'review', matches: exactly('F10', 'T51'), zh: '酒精相关', en: 'alcohol-related' },
	{ exclusion: 'EXCL_02', severity: 'review', matches: any(range('F11', 'F16'), exactly('F18', 'F19', 'T40')), zh: '毒品相关', en: 'drug-related' },
	{ exclusion: 'EXCL_01', severity: 'reject', matches: range('X60', 'X84'), zh: '故意自伤', en: 'intentional self-harm' },
	{ exclusion: 'EXCL_08', severity: 'review', matches: any(range('K00', 'K08'), sub('S025')), zh: '牙科护理或牙齿修复', en: 'dental care or repair' },
	{ exclusion: 'EXCL_12', severity: 'reject', matches: exactly('Y36'), zh: '战争行动', en: 'war operations' },
];

const INFECTION = range('A00', 'B99');
const INJURY_BIT = 1 << SCREENING.length;
const EXTERNAL_CAUSE_BIT = INJURY_BIT << 1;
const INFECTION_BIT = INJURY_BIT << 2;

/** A diagnosis with the screening rows and classes it falls in, as bits. */
interface ScreenedCode {
	code: string;
	bits: number;
}

function screenCode(icd: IcdCode): ScreenedCode {
	let bits = 0;
	SCREENING.forEach((row, i) => {
		if (row.matches(icd)) bits |= 1 << i;
	});
	if (INJURY(icd)) bits |= INJURY_BIT;
	if (EXTERNAL_CAUSE(icd)) bits |= EXTERNAL_CAUSE_BIT;
	if (INFECTION(icd)) bits |= INFECTION_BIT;
	return { code: icd.code, bits };
}

// A batch repeats the same few hundred diagnoses, so each text is read and screened once.
const screenedTexts = new Map<string, ScreenedCode | null>();

function screenedDiagnosis(diagnosis: string): ScreenedCode | null {
	let entry = screenedTexts.get(diagnosis);
	if (entry === undefined) {
		const icd = parseIcd10(diagnosis);
		entry = icd && screenCode(icd);
		if (screenedTexts.size > 20000) screenedTexts.clear();
		screenedTexts.set(diagnosis, entry);
	}
	return entry;
}

/** The plan's text for an exclusion; the last one listed wins, as in a Map built from the list. */
function planExclusion(planExclusions: readonly ExclusionText[], code: string): ExclusionText | undefined {
	for (let i = planExclusions.length - 1; i >= 0; i--) if (planExclusions[i].code === code) return planExclusions[i];
	return undefined;
}

function hits(codes: readonly ScreenedCode[], bit: number): string[] {
	const found: string[] = [];
	for (const c of codes) if (c.bits & bit) found.push(c.code);
	return found;
}

/**
 * Screens the diagnoses (ICD-10, with or without the dot, any case; other text is ignored) and the
 * exclusions a reviewer or the form set directly. `planExclusions` are the exclusions the plan lists.
 */
export function screenExclusions(diagnoses: readonly string[], setDirectly: readonly string[], planExclusions: readonly ExclusionText[]): Reason[] {
	const reasons: Reason[] = [];

	const direct = setDirectly.length > 1 ? [...new Set(setDirectly)] : setDirectly;
	for (const code of direct) {
		const exclusion = planExclusion(planExclusions, code);
		if (exclusion) {
			reasons.push(
				reason(code, 'reject', exclusionRule(code), `经认定属于除外责任：${exclusion.text}`, `Excluded (set by the reviewer or the form): ${exclusion.textEn}`, 'accident.exclusions'),
			);
		} else {
			reasons.push(
				reason(code, 'review', exclusionRule(code), `标记了除外责任 ${code}，但本计划未列此项，需人工确认`, `Exclusion ${code} was set but this plan does not list it; check by hand`, 'accident.exclusions'),
			);
		}
	}

	const codes: ScreenedCode[] = [];
	let found = 0;
	for (const diagnosis of diagnoses) {
		const code = screenedDiagnosis(diagnosis);
		if (code) {
			codes.push(code);
			found |= code.bits;
		}
	}

	SCREENING.forEach((row, i) => {
		if (!(found & (1 << i))) return;
		const exclusion = planExclusion(planExclusions, row.exclusion);
		if (exclusion) reasons.push(screened(row.exclusion, row.severity, hits(codes, 1 << i), row.zh, row.en, exclusion));
	});
	if (found & INFECTION_BIT && !(found & INJURY_BIT)) {
		const exclusion10 = planExclusion(planExclusions, 'EXCL_10');
		if (exclusion10) reasons.push(screened('EXCL_10', 'reject', hits(codes, INFECTION_BIT), '感染且无意外伤害诊断', 'infection with no injury diagnosis', exclusion10));
	}
	if (!(found & (INJURY_BIT | EXTERNAL_CAUSE_BIT))) {
		reasons.push(
			reason(
				'NOT_ACCIDENT',
				'review',
				'附件4 第九条1',
				'诊断中没有意外伤害（ICD-10 S00–T98）或外因（V01–Y98）编码，需人工确认是否属于外来的、突发的、非本意的和非疾病的意外伤害',
				'No injury (ICD-10 S00–T98) or external-cause (V01–Y98) code among the diagnoses; check that this is an accidental injury (external, sudden, unintended, not disease)',
				'accident.diagnoses',
			),
		);
	}
	return reasons;
}

function screened(code: string, severity: Severity, found: string[], zh: string, en: string, exclusion: ExclusionText): Reason {
	const list = found.join(', ');
	const verdict = severity === 'reject' ? '属于除外责任' : '可能属于除外责任，需人工审核';
	const verdictEn = severity === 'reject' ? 'excluded' : 'possibly excluded; needs review';
	return reason(
		code,
		severity,
		exclusionRule(code),
		`诊断 ${list}（${zh}）${verdict}：${exclusion.text}`,
		`Diagnosis ${list} (${en}): ${verdictEn}: ${exclusion.textEn}`,
		'accident.diagnoses',
	);
}
