import { DateTime } from 'luxon';
import { CHINA_ZONE } from '../core/dates';
import { claimClock, claimDay } from './chinaClock';
import { reason, type Reason } from '../core/reasons';
import { WORKER_GROUPS, WORKER_GROUP_LABELS } from '../core/vocabulary';
import type { Claim } from './claimSchema';
import { BUILT_IN_PLANS, planById, type MutualAidPlan } from './plans';

export interface MemberFacts {
	memberId?: string;
	isUnionMember?: unknown;
	realNameRegistered?: unknown;
	group?: unknown;
}

/** 第一条: union members, real-name registered on 粤工惠, of the new-form groups. */
export function memberReasons(member: MemberFacts): Reason[] {
	const reasons: Reason[] = [];
	if (member.isUnionMember !== true) {
		reasons.push(reason('NOT_MEMBER', 'reject', '附件4 第一条', '申报人不是工会会员，本计划只保障加入工会的新就业形态劳动者', 'Not a union member: the plan covers union members only', 'member.isUnionMember'));
	}
	if (member.realNameRegistered !== true) {
		reasons.push(
			reason('NOT_REAL_NAME_REGISTERED', 'reject', '附件4 第一条', '尚未在“粤工惠”完成实名登记注册，完成后才能享受保障', 'Not real-name registered on 粤工惠 (Yuegonghui)', 'member.realNameRegistered'),
		);
	}
	if (!(WORKER_GROUPS as readonly unknown[]).includes(member.group)) {
		const groups = WORKER_GROUPS.map((g) => WORKER_GROUP_LABELS[g].zh).join('、');
		reasons.push(
			reason('NOT_NEW_FORM_WORKER', 'reject', '附件4 第一条', `不属于本计划保障的新就业形态劳动者群体（${groups}）`, `Not one of the covered new-form worker groups (${WORKER_GROUPS.join(', ')})`, 'member.group'),
		);
	}
	return reasons;
}

export interface CoverageResult {
	reasons: Reason[];
	/** The day cover began for this member under the plan, when enrolled. */
	coverageStart: string | null;
}

/**
 * 第四条: enrolled once in the plan; cover from the later of the plan start and the enrolment, no
 * waiting period. An accident on the enrolment day is judged by `accident.time` (Decision, SPEC §6).
 */
export function coverageReasons(claim: Claim, plan: MutualAidPlan): CoverageResult {
	const enrolments: { enrolledAt: string; day: string }[] = [];
	for (const e of claim.member.enrolments) {
		if (e.planId === plan.planId) enrolments.push({ enrolledAt: e.enrolledAt, day: claimDay(e.enrolledAt)! });
	}
	if (enrolments.length > 1) enrolments.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
	if (!enrolments.length) {
		return {
			coverageStart: null,
			reasons: [reason('NOT_ENROLLED', 'reject', '附件4 第四条', `未参加本期互助保障计划（${plan.planId}）`, `Not enrolled in plan ${plan.planId}`, 'member.enrolments')],
		};
	}
	const reasons: Reason[] = [];
	if (enrolments.length > 1) {
		reasons.push(
			reason('ENROLMENT_DUPLICATE', 'info', '附件4 第四条（二）', '同一计划有多次参加记录，只以第一次为准，其余视为无效', 'Enrolled more than once in the plan: only the first enrolment counts', 'member.enrolments'),
		);
	}
	const enrolment = enrolments[0];
	const start = enrolment.day > plan.coverageStart ? enrolment.day : plan.coverageStart;
	const accident = claim.accident;
	if (accident.date < start) {
		reasons.push(beforeCoverage(start));
	} else if (accident.date === enrolment.day && enrolment.day >= plan.coverageStart) {
		const enrolledTime = claimClock(enrolment.enrolledAt);
		if (accident.time && enrolledTime && accident.time < enrolledTime) reasons.push(beforeCoverage(`${start} ${enrolledTime}`));
		else if (!accident.time || !enrolledTime || accident.time === enrolledTime) {
			reasons.push(
				reason(
					'ACCIDENT_SAME_DAY_AS_ENROLMENT',
					'review',
					'附件4 第四条（一）',
					accident.time
						? '事故发生在参加计划的当天，且无法确定事故是否在参加之后发生，需人工核实'
						: '事故发生在参加计划的当天，但未填写事故发生时间，需人工核实事故是否在参加之后发生',
					'The accident happened on the enrolment day and its time cannot be placed after the enrolment; check by hand',
					'accident.time',
				),
			);
		}
	}
	return { reasons, coverageStart: start };
}

function beforeCoverage(start: string): Reason {
	return reason('ACCIDENT_BEFORE_COVERAGE', 'reject', '附件4 第四条（一）', `事故发生在保障开始（${start}）之前`, `The accident happened before cover began (${start})`, 'accident.date');
}

export interface Enrolment {
	planId: string;
	memberId?: string;
	enrolledAt: string;
	premiumFen: number;
}

export interface EnrolResult {
	ok: boolean;
	enrolment?: Enrolment;
	reasons: Reason[];
}

export interface EnrolOptions {
	plans?: readonly MutualAidPlan[];
	now?: Date;
}

/** Enrols a member in a plan: members only, real-name registered, once per plan (第一条, 第四条（二）). */
export function enrolInPlan(
	member: MemberFacts,
	planId: string,
	existingEnrolments: readonly { planId: string; memberId?: string }[] = [],
	options: EnrolOptions = {},
): EnrolResult {
	const reasons = memberReasons(member ?? {});
	const plan = planById(planId, options.plans ?? BUILT_IN_PLANS);
	const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: CHINA_ZONE });
	const today = now.toFormat('yyyy-MM-dd');
	if (!plan) {
		reasons.push(reason('PLAN_UNKNOWN', 'reject', '附件4 第四条', `没有编号为 ${planId} 的互助保障计划`, `No mutual-aid plan ${planId}`, 'planId'));
	} else if (today > plan.coverageEnd) {
		reasons.push(reason('PLAN_CLOSED', 'reject', '附件4 第四条（一）', `计划 ${planId} 的保障期已于 ${plan.coverageEnd} 结束`, `Plan ${planId} ended on ${plan.coverageEnd}`, 'planId'));
	}
	const mine = (existingEnrolments ?? []).filter((e) => e && e.planId === planId && (!e.memberId || !member?.memberId || e.memberId === member.memberId));
	if (mine.length) {
		reasons.push(
			reason('ENROLMENT_DUPLICATE', 'reject', '附件4 第四条（二）', `已参加过计划 ${planId}，同一计划期内只允许参加一次，再次参加无效`, `Already enrolled in ${planId}: one enrolment per person per plan`, 'planId'),
		);
	}
	if (reasons.some((r) => r.severity === 'reject') || !plan) return { ok: false, reasons };
	const enrolment: Enrolment = { planId, enrolledAt: now.toISO({ suppressMilliseconds: true })!, premiumFen: plan.premiumFen };
	if (member.memberId) enrolment.memberId = member.memberId;
	return { ok: true, enrolment, reasons };
}
