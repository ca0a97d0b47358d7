import type { ClaimHospital } from './claimSchema';

/** 第五条（五）: public hospitals of level 二级 or above, not mainly these kinds of service. */
const EXCLUDED_CATEGORIES: Record<string, string> = {
	outpatient: '门诊',
	rehabilitation: '康复',
	nursing: '护理',
	sanatorium: '疗养',
	detox: '戒酒戒毒',
};

const CATEGORY_ALIASES: Record<string, string> = {
	general: 'general', 综合: 'general', 综合医院: 'general',
	specialty: 'specialty', 专科: 'specialty', 专科医院: 'specialty',
	tcm: 'tcm', 中医: 'tcm', 中医院: 'tcm', 中医医院: 'tcm', 中西医结合医院: 'tcm',
	outpatient: 'outpatient', 门诊: 'outpatient', 门诊部: 'outpatient', 诊所: 'outpatient',
	rehabilitation: 'rehabilitation', 康复: 'rehabilitation', 康复医院: 'rehabilitation',
	nursing: 'nursing', 护理: 'nursing', 护理院: 'nursing',
	sanatorium: 'sanatorium', 疗养: 'sanatorium', 疗养院: 'sanatorium',
	detox: 'detox', 戒毒: 'detox', 戒酒: 'detox', 戒毒所: 'detox',
	other: 'other', 其他: 'other',
};

const OWNERSHIP_ALIASES: Record<string, 'public' | 'private'> = {
	public: 'public', 公立: 'public', 公立医院: 'public', 公办: 'public',
	private: 'private', 民营: 'private', 私立: 'private', 民办: 'private', 社会办: 'private',
};

const LEVEL_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, '1': 1, '2': 2, '3': 3 };

/**
 * The hospital grade 1–3 from `3`, `"3"`, `二级`, `三级甲等`, `三甲`, `二乙`; null when missing or
 * unreadable (未定级 included).
 */
export function hospitalLevel(level: unknown): number | null {
	if (typeof level === 'number') return level === 1 || level === 2 || level === 3 ? level : null;
	if (typeof level !== 'string') return null;
	const textValue = level.replace(/\s/g, '');
	const match = /^([一二三123])(?:级(?:[甲乙丙特]等?)?|[甲乙丙])?$/.exec(textValue) ?? /^(?:level|grade)([123])$/i.exec(textValue);
	return match ? LEVEL_DIGITS[match[1]] : null;
}

export type HospitalStatus = 'eligible' | 'not_eligible' | 'unknown';

export interface HospitalCheck {
	status: HospitalStatus;
	/** Why not eligible, or what could not be read (Chinese / English, one per problem). */
	problems: { zh: string; en: string }[];
}

function keyOf(value: unknown): string {
	return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** Judges one hospital against 第五条（五）; `not_eligible` wins over `unknown`. */
export function checkHospital(hospital: ClaimHospital | null | undefined, minLevel: number): HospitalCheck {
	if (!hospital) {
		return { status: 'unknown', problems: [{ zh: '未提供就诊医院信息', en: 'no hospital given' }] };
	}
	const notEligible: { zh: string; en: string }[] = [];
	const unknown: { zh: string; en: string }[] = [];

	const ownership = OWNERSHIP_ALIASES[keyOf(hospital.ownership)];
	if (ownership === 'private') notEligible.push({ zh: '非公立医院', en: 'not a public hospital' });
	else if (!ownership) unknown.push({ zh: '医院性质（公立/民营）缺失或无法识别', en: 'ownership (public/private) missing or unreadable' });

	const level = hospitalLevel(hospital.level);
	if (level === null) unknown.push({ zh: '医院等级缺失或未定级', en: 'hospital level missing or ungraded' });
	else if (level < minLevel) {
		notEligible.push({ zh: `医院等级为${'一二三'[level - 1]}级，低于要求的${'一二三'[minLevel - 1]}级`, en: `level ${level} is below the required level ${minLevel}` });
	}

	const rawCategory = hospital.category;
	const category = rawCategory === undefined || rawCategory === null || rawCategory === '' ? 'general' : CATEGORY_ALIASES[keyOf(rawCategory)];
	if (category && EXCLUDED_CATEGORIES[category]) {
		notEligible.push({ zh: `属于主要提供${EXCLUDED_CATEGORIES[category]}服务的医疗机构`, en: `mainly provides ${category} services` });
	} else if (category === 'other') {
		unknown.push({ zh: '医院类别为“其他”，需确认是否属于门诊、康复、护理、疗养等机构', en: 'category "other" needs checking against outpatient, rehabilitation, nursing and similar' });
	} else if (!category) {
		unknown.push({ zh: '医院类别无法识别', en: 'category unreadable' });
	}

	if (notEligible.length) return { status: 'not_eligible', problems: notEligible };
	if (unknown.length) return { status: 'unknown', problems: unknown };
	return { status: 'eligible', problems: [] };
}

/** A display name for a hospital, for messages (never personal data). */
export function hospitalName(hospital: ClaimHospital | null | undefined): string {
	return typeof hospital?.name === 'string' && hospital.name.trim() ? hospital.name.trim() : '就诊医院';
}
