import { fullYearsOn, todayInChina } from '../core/dates';
import { maskIdNumber, maskPhone } from '../core/masking';
import { hasSeverity, reason, type Reason } from '../core/reasons';
import type { ResidentId } from '../core/identity';
import { applyEmploymentCheck, readEmploymentCheck } from './employment';
import {
	checkUscis,
	fieldInvalid,
	fieldMissing,
	isPresent,
	nowDate,
	readChannel,
	readExistingMembership,
	readGroup,
	readIdNumber,
	readName,
	readPhone,
	readRealName,
	readRelation,
	readUnits,
	readWorkCity,
	submissionDate,
} from './fields';
import { routeApplication } from './routing';
import { RULES } from './rules';
import type { ApplicantSummary, ApprovalOutcome, ReviewedApplication, ReviewOptions } from './types';

export const MINIMUM_AGE = 16;

/**
 * The ID numbers already seen in one batch of applications (one run of the node, one call of
 * `reviewApplications`), so that a second application for the same person is caught.
 */
export class ApplicationBatch {
	private readonly seen = new Map<string, { applicationId: unknown; position: number }>();
	private count = 0;

	/** Records the application's ID number; returns the earlier one with the same number, if any. */
	register(idNumber: string | null, applicationId: unknown): { applicationId: unknown; position: number } | null {
		this.count += 1;
		if (!idNumber) return null;
		const earlier = this.seen.get(idNumber);
		if (earlier) return earlier;
		this.seen.set(idNumber, { applicationId, position: this.count });
		return null;
	}
}

export interface BatchReviewOptions extends ReviewOptions {
	/** The batch this application belongs to (for DUPLICATE_APPLICATION). */
	batch?: ApplicationBatch;
}

export function decideOutcome(reasons: readonly Reason[], autoApprove: boolean): ApprovalOutcome {
	if (hasSeverity(reasons, 'reject')) return 'reject';
	if (hasSeverity(reasons, 'review') || !autoApprove) return 'review';
	return 'approve';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function duplicateReason(earlier: { applicationId: unknown; position: number }): Reason {
	const id = typeof earlier.applicationId === 'string' && earlier.applicationId ? earlier.applicationId : '—';
	return reason(
		'DUPLICATE_APPLICATION',
		'reject',
		RULES.oneMembership,
		`同一批次第${earlier.position}条申请（申请编号 ${id}）已使用同一身份证号码：一人只入会一次。`,
		`Application no. ${earlier.position} of this batch (${id}) has the same resident ID number: a person joins once.`,
		'idNumber',
	);
}

function underageReason(age: number): Reason {
	return reason(
		'UNDERAGE',
		'reject',
		RULES.minimumAge,
		`申请人在提交申请之日未满16周岁（已满${age}周岁），不能入会。`,
		`The applicant was under 16 on the day of the application (${age} full years).`,
		'idNumber',
	);
}

function applicantSummary(id: ResidentId | null, idNumber: unknown, phone: string | null, rawPhone: unknown, on: string): ApplicantSummary {
	const valid = id?.valid === true && id.birthDate !== null;
	return {
		birthDate: valid ? id.birthDate : null,
		gender: valid ? id.gender : null,
		age: valid ? fullYearsOn(id.birthDate as string, on) : null,
		idNumberMasked: isPresent(idNumber) && typeof idNumber === 'string' ? maskIdNumber(idNumber) : '',
		phoneMasked: phone ? maskPhone(phone) : isPresent(rawPhone) ? maskPhone(rawPhone) : '',
	};
}

/**
 * Reviews one application (SPEC §3): every check, all reasons found, the organisation it goes to
 * and the outcome. Throws a TypeError only when the application is not an object at all.
 */
export function reviewApplication(application: unknown, options: BatchReviewOptions = {}): ReviewedApplication {
	if (!isRecord(application)) throw new TypeError('An application must be an object.');
	const now = nowDate(options.now);
	const autoApprove = options.autoApprove ?? true;
	const reasons: Reason[] = [];

	if (!isPresent(application.applicationId)) reasons.push(fieldMissing('applicationId'));
	else if (typeof application.applicationId !== 'string') {
		reasons.push(fieldInvalid('applicationId', '应为文本。', 'must be a string.'));
	}

	const submitted = submissionDate(application.submittedAt);
	if (!isPresent(application.submittedAt)) reasons.push(fieldMissing('submittedAt'));
	else if (!submitted) {
		reasons.push(
			fieldInvalid('submittedAt', '应为带时区的 ISO 8601 时间。', 'must be an ISO 8601 timestamp with an offset.'),
		);
	}
	const on = submitted ?? todayInChina(now);

	const channel = readChannel(application.channel, reasons);
	readName(application.name, reasons);
	const id = readIdNumber(application.idNumber, on, reasons);
	if (id?.valid && id.birthDate) {
		const age = fullYearsOn(id.birthDate, on);
		if (age < MINIMUM_AGE) reasons.push(underageReason(age));
	}
	const phone = readPhone(application.phone, reasons);
	const group = readGroup(application.group, reasons);
	if (group === 'other') {
		reasons.push(
			reason(
				'GROUP_OTHER',
				'review',
				RULES.otherGroup,
				'职业群体为“其他群体”（网络直播、电商等），请人工确认属于新就业形态劳动者。',
				'The group is "other" (live streaming, e-commerce and other new forms): confirm by hand that the applicant is a new-form worker.',
				'group',
			),
		);
	}
	const city = readWorkCity(application.workCity, reasons);
	const givenUnits = readUnits(application, reasons);
	const employment = applyEmploymentCheck(
		readEmploymentCheck(application.employmentCheck),
		{ relation: application.employmentRelation, units: givenUnits, city },
		reasons,
	);
	const relation = readRelation(employment.relation, reasons);
	const units = employment.units;
	checkUscis(units, reasons);
	readExistingMembership(application.existingMembership, reasons);
	readRealName(application.realNameVerified, reasons);

	const earlier = options.batch?.register(id?.valid ? (id.normalized as string) : null, application.applicationId);
	if (earlier) reasons.push(duplicateReason(earlier));

	const routing = city ? routeApplication(channel, relation, units, city.cityCode, reasons) : null;

	const reviewed: ReviewedApplication = {
		...application,
		channel,
		outcome: decideOutcome(reasons, autoApprove),
		reasons,
		assignedOrg: routing ? routing.assignedOrg : null,
		applicant: applicantSummary(id, application.idNumber, phone, application.phone, on),
		cityCode: city ? city.cityCode : null,
		cityName: city ? city.cityName : null,
		reviewedAt: now.toISOString(),
	};
	if (routing?.recommendedTransfer) reviewed.recommendedTransfer = routing.recommendedTransfer;
	if (employment.filled.length) {
		if (employment.filled.includes('employmentRelation')) reviewed.employmentRelation = employment.relation;
		if (employment.filled.includes('employer')) reviewed.employer = units.employer;
		if (employment.filled.includes('platform')) reviewed.platform = units.platform;
		reviewed.filledFromEmploymentCheck = employment.filled;
	}
	return reviewed;
}

/** Reviews a batch: one output per application, in order, with duplicates within the batch found. */
export function reviewApplications(applications: readonly unknown[], options: ReviewOptions = {}): ReviewedApplication[] {
	if (!Array.isArray(applications)) throw new TypeError('Applications must be an array.');
	const batch = new ApplicationBatch();
	const now = options.now ?? new Date();
	return applications.map((application) => reviewApplication(application, { ...options, now, batch }));
}
