/** The 13 exclusions of 附件4 第六条, in the circular's order. */
export interface ExclusionText {
	code: string;
	text: string;
	textEn: string;
}

export const CLAIM_EXCLUSIONS: readonly ExclusionText[] = Object.freeze([
	{
		code: 'EXCL_01',
		text: '斗殴、酗酒、故意自伤或自杀、故意犯罪或者抗拒依法采取的刑事强制措施',
		textEn: 'fighting, alcohol abuse, intentional self-harm or suicide, intentional crime, or resisting lawful criminal coercive measures',
	},
	{ code: 'EXCL_02', text: '主动吸食或注射毒品', textEn: 'taking or injecting drugs' },
	{
		code: 'EXCL_03',
		text: '酒后驾驶、无合法有效驾驶证驾驶或驾驶无有效行驶证的机动车',
		textEn: 'driving after drinking, without a valid driving licence, or a motor vehicle without a valid registration',
	},
	{
		code: 'EXCL_04',
		text: '妊娠（含宫外孕）、流产、分娩（含剖腹产）导致的伤害',
		textEn: 'injury from pregnancy (ectopic included), miscarriage or childbirth (caesarean included)',
	},
	{
		code: 'EXCL_05',
		text: '椎间盘突出症（包括椎间盘膨出、突出、脱出、游离型等类型）',
		textEn: 'intervertebral disc disorders (bulging, protrusion, extrusion, sequestration)',
	},
	{
		code: 'EXCL_06',
		text: '医疗事故、药物过敏或精神和行为障碍（依照ICD-10确定）导致的伤害',
		textEn: 'injury from a medical accident, drug allergy, or mental and behavioural disorders (per ICD-10)',
	},
	{
		code: 'EXCL_07',
		text: '未遵医嘱，私自使用药物（按使用说明使用非处方药的除外）',
		textEn: 'using medicines against medical advice (over-the-counter medicines used as directed excepted)',
	},
	{
		code: 'EXCL_08',
		text: '牙科护理，或任何原因导致的牙齿修复或牙齿整形，以及类似非医疗性的服务',
		textEn: 'dental care, dental repair or orthodontics for any reason, and similar non-medical services',
	},
	{
		code: 'EXCL_09',
		text: '助听器、义眼、义肢或其他辅助器械的装配',
		textEn: 'fitting of hearing aids, artificial eyes, prostheses or other assistive devices',
	},
	{
		code: 'EXCL_10',
		text: '细菌、病毒等病原微生物或寄生虫感染（意外伤害所致伤口感染除外）',
		textEn: 'infection by bacteria, viruses or parasites (infection of an accidental wound excepted)',
	},
	{
		code: 'EXCL_11',
		text: '潜水、跳伞、攀岩、驾驶滑翔机或滑翔伞、探险、摔跤比赛、武术比赛、特技表演、赛马、赛车等高风险运动',
		textEn: 'high-risk sports such as diving, parachuting, climbing, gliding, expeditions, wrestling or martial-arts contests, stunts, horse or car racing',
	},
	{ code: 'EXCL_12', text: '战争、军事冲突、暴乱或武装叛乱', textEn: 'war, military conflict, riot or armed rebellion' },
	{ code: 'EXCL_13', text: '核爆炸、核辐射或核污染', textEn: 'nuclear explosion, radiation or contamination' },
]);

export const EXCLUSION_CODES: readonly string[] = CLAIM_EXCLUSIONS.map((e) => e.code);

/** `附件4 第六条（3）` for EXCL_03. */
export function exclusionRule(code: string): string {
	return `附件4 第六条（${Number(code.slice(5))}）`;
}
