import { z } from 'zod/v4';
import { isValidDate, todayInChina } from '../core/dates';
import { BUILT_IN_PLAN_DATA } from './builtInPlans';
import { CLAIM_EXCLUSIONS, EXCLUSION_CODES, type ExclusionText } from './exclusionTexts';
import { bilingual, describeIssues, type FieldIssue } from './issues';

/** One payout tier: a counted amount from `fromFen` to `toFen` (both inclusive; null = no upper bound). */
export interface PlanTier {
	fromFen: number;
	toFen: number | null;
	payoutFen: number;
}

/** A mutual-aid plan (SPEC §6 Plans), validated. */
export interface MutualAidPlan {
	planId: string;
	name?: string;
	coverageStart: string;
	coverageEnd: string;
	tiers: PlanTier[];
	annualCapFen: number;
	expenseWindowDays: number;
	filingWindowYears: number;
	premiumFen: number;
	minHospitalLevel: number;
	exclusions: ExclusionText[];
	requiredDocuments: string[];
}

const fen = z.number().int().nonnegative();
const date = z.string().refine(isValidDate, bilingual('must be a calendar date YYYY-MM-DD', '须为日期 YYYY-MM-DD'));
const exclusionCode = z.enum(EXCLUSION_CODES as [string, ...string[]]);

const exclusion = z
	.preprocess(
		(value) => (typeof value === 'string' ? { code: value } : value),
		z.object({ code: exclusionCode, text: z.string().min(1).optional(), textEn: z.string().min(1).optional() }),
	)
	.transform((value): ExclusionText => {
		const standard = CLAIM_EXCLUSIONS.find((e) => e.code === value.code)!;
		return { code: value.code, text: value.text ?? standard.text, textEn: value.textEn ?? standard.textEn };
	});

const tier = z.object({ fromFen: fen, toFen: fen.nullable(), payoutFen: fen });

const planSchema = z
	.object({
		planId: z.string().trim().min(1),
		name: z.string().optional(),
		coverageStart: date,
		coverageEnd: date,
		tiers: z.array(tier).min(1),
		annualCapFen: fen,
		expenseWindowDays: z.number().int().positive(),
		filingWindowYears: z.number().int().positive(),
		premiumFen: fen,
		minHospitalLevel: z.number().int().min(1).max(3),
		exclusions: z.array(exclusion),
		requiredDocuments: z.array(z.string().trim().min(1)),
	})
	.superRefine((plan, ctx) => {
		if (plan.coverageEnd < plan.coverageStart) {
			ctx.addIssue({
				code: 'custom',
				path: ['coverageEnd'],
				...bilingual('must not be before coverageStart', '不能早于保障开始日期 coverageStart'),
			});
		}
		plan.tiers.forEach((t, i) => {
			if (t.toFen !== null && t.toFen < t.fromFen) {
				ctx.addIssue({ code: 'custom', path: ['tiers', i, 'toFen'], ...bilingual('must not be below fromFen', '不能小于本档起点 fromFen') });
			}
			if (t.toFen === null && i < plan.tiers.length - 1) {
				ctx.addIssue({
					code: 'custom',
					path: ['tiers', i, 'toFen'],
					...bilingual('only the last tier may be open-ended (null)', '只有最后一档可以不设上限（null）'),
				});
			}
			if (i === 0) return;
			const prev = plan.tiers[i - 1];
			if (prev.toFen !== null && t.fromFen !== prev.toFen + 1) {
				const expected = prev.toFen + 1;
				ctx.addIssue({
					code: 'custom',
					path: ['tiers', i, 'fromFen'],
					...(t.fromFen <= prev.toFen
						? bilingual(`overlaps the tier before; tiers must ascend without overlap (expected ${expected})`, `与上一档重叠，档次须递增且不重叠（应为 ${expected}）`)
						: bilingual(`leaves a gap after the tier before; tiers must be contiguous (expected ${expected})`, `与上一档之间有空档，档次须连续（应为 ${expected}）`)),
				});
			}
			if (t.payoutFen < prev.payoutFen) {
				ctx.addIssue({
					code: 'custom',
					path: ['tiers', i, 'payoutFen'],
					...bilingual('must not be lower than the tier before', '不能低于上一档的补贴金额'),
				});
			}
		});
		const largest = Math.max(...plan.tiers.map((t) => t.payoutFen));
		if (plan.annualCapFen < largest) {
			ctx.addIssue({
				code: 'custom',
				path: ['annualCapFen'],
				...bilingual(`must be at least the largest tier payout (${largest})`, `累计给付上限不能小于最高一档补贴（${largest}）`),
			});
		}
		const seen = new Set<string>();
		plan.exclusions.forEach((e, i) => {
			if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: ['exclusions', i], ...bilingual(`${e.code} listed twice`, `${e.code} 重复列出`) });
			seen.add(e.code);
		});
		if (new Set(plan.requiredDocuments).size !== plan.requiredDocuments.length) {
			ctx.addIssue({ code: 'custom', path: ['requiredDocuments'], ...bilingual('lists a document twice', '有重复的材料') });
		}
	});

/** A plan set that cannot be used: every problem named, in Chinese and English. */
export class PlanLoadError extends Error {
	readonly issues: FieldIssue[];
	readonly messageZh: string;
	constructor(issues: FieldIssue[]) {
		const zh = `互助保障计划配置无效：${issues.map((i) => i.message).join('；')}`;
		const en = `Invalid mutual-aid plan configuration: ${issues.map((i) => i.messageEn).join('; ')}`;
		super(`${zh} / ${en}`);
		this.name = 'PlanLoadError';
		this.issues = issues;
		this.messageZh = zh;
	}
}

function overlapIssues(plans: readonly MutualAidPlan[]): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const ids = new Set<string>();
	plans.forEach((p, i) => {
		if (ids.has(p.planId)) {
			issues.push({ field: `plans.${p.planId}`, message: `计划编号 ${p.planId} 重复`, messageEn: `plan ${p.planId} is defined twice` });
		}
		ids.add(p.planId);
		for (let j = 0; j < i; j++) {
			const q = plans[j];
			if (p.coverageStart <= q.coverageEnd && q.coverageStart <= p.coverageEnd) {
				issues.push({
					field: `plans.${p.planId}.coverageStart`,
					message: `计划 ${p.planId}（${p.coverageStart}至${p.coverageEnd}）与 ${q.planId}（${q.coverageStart}至${q.coverageEnd}）保障期间重叠`,
					messageEn: `plan ${p.planId} (${p.coverageStart} to ${p.coverageEnd}) overlaps ${q.planId} (${q.coverageStart} to ${q.coverageEnd})`,
				});
			}
		}
	});
	return issues;
}

const validated = new WeakSet<readonly MutualAidPlan[]>();

function parseJson(json: unknown): unknown {
	if (typeof json !== 'string') return json;
	try {
		return JSON.parse(json);
	} catch (error) {
		throw new PlanLoadError([
			{ field: '(root)', message: `不是有效的 JSON（${(error as Error).message}）`, messageEn: `not valid JSON (${(error as Error).message})` },
		]);
	}
}

export interface LoadPlansOptions {
	/** Plans the loaded ones are added to; a loaded plan with the same planId replaces the base one. */
	base?: readonly MutualAidPlan[];
}

/**
 * Reads plans from JSON (text or parsed): one plan object, an array of plans, or `{ plans: [...] }`.
 * Throws a `PlanLoadError` naming every problem, in Chinese and English.
 */
export function loadPlans(json: unknown, options: LoadPlansOptions = {}): MutualAidPlan[] {
	const data = parseJson(json);
	const list: unknown =
		Array.isArray(data) ? data : data && typeof data === 'object' && 'plans' in data ? (data as { plans: unknown }).plans : [data];
	const parsed = z.array(planSchema).safeParse(list, { reportInput: true });
	if (!parsed.success) throw new PlanLoadError(describeIssues(parsed.error, list, 'plans'));
	const loaded = parsed.data as MutualAidPlan[];
	const replaced = new Set(loaded.map((p) => p.planId));
	const plans = [...(options.base ?? []).filter((p) => !replaced.has(p.planId)), ...loaded].sort((a, b) =>
		a.coverageStart < b.coverageStart ? -1 : a.coverageStart > b.coverageStart ? 1 : 0,
	);
	const issues = overlapIssues(plans);
	if (issues.length) throw new PlanLoadError(issues);
	Object.freeze(plans);
	validated.add(plans);
	return plans;
}

/** Whether a plan list came out of `loadPlans` (so it needs no second check). */
export function isLoadedPlanSet(plans: readonly MutualAidPlan[]): boolean {
	return validated.has(plans);
}

/** GD-NEWFORM-2021H2 … GD-NEWFORM-2025. */
export const BUILT_IN_PLANS: readonly MutualAidPlan[] = loadPlans(BUILT_IN_PLAN_DATA);

/** The plan whose coverage contains `date` (YYYY-MM-DD), or null. */
export function planForDate(date: string, plans: readonly MutualAidPlan[] = BUILT_IN_PLANS): MutualAidPlan | null {
	for (const p of plans) if (p.coverageStart <= date && date <= p.coverageEnd) return p;
	return null;
}

/** The plan in force on `date` (default: today in China), or null. */
export function currentPlan(date: string = todayInChina(), plans: readonly MutualAidPlan[] = BUILT_IN_PLANS): MutualAidPlan | null {
	return planForDate(date, plans);
}

export function planById(planId: string, plans: readonly MutualAidPlan[] = BUILT_IN_PLANS): MutualAidPlan | null {
	return plans.find((p) => p.planId === planId) ?? null;
}
