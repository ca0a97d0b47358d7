import { addDays, planForDate } from '../../../lib';

export interface HistoryFixture {
	paidInPlanFen?: number;
	paidForAccidentFen?: number;
	countedForAccidentFen?: number;
	countedInvoiceKeys?: string[];
}

/** A claim as a form sends it: well-formed here, freely damaged by the tests. */
export interface ClaimFixture {
	[key: string]: unknown;
	claimId: string;
	submittedAt: string;
	member: {
		[key: string]: unknown;
		name?: string;
		isUnionMember: boolean;
		enrolments: { planId: string; enrolledAt: string }[];
	};
	accident: { [key: string]: unknown; date: string; diagnoses: string[] };
	hospital?: Record<string, unknown> | null;
	invoices: Record<string, unknown>[];
	documents: Record<string, unknown>;
	payee: { name: string; bankAccount: string };
	history?: HistoryFixture;
}

/** A well-formed, payable claim under GD-NEWFORM-2022, and a way to vary it. */
export function baseClaim(): ClaimFixture {
	return {
		claimId: 'CLM-2022-0001',
		submittedAt: '2022-03-20T10:00:00+08:00',
		member: {
			memberId: 'M-0001',
			name: '张三',
			idNumber: '11010519491231002X',
			isUnionMember: true,
			realNameRegistered: true,
			group: 'delivery_rider',
			enrolments: [{ planId: 'GD-NEWFORM-2022', enrolledAt: '2022-01-05T09:00:00+08:00' }],
		},
		accident: { date: '2022-03-05', time: '14:30', description: '送餐途中电动车摔倒', diagnoses: ['S82.201', 'V28.4'] },
		hospital: { name: '广州市第一人民医院', level: '三级甲等', ownership: 'public', category: 'general' },
		invoices: [{ invoiceCode: '4400221130', invoiceNo: '00010001', serviceDate: '2022-03-05', selfPaidInScopeFen: 123456, outOfScopeFen: 5000 }],
		documents: { invoiceOriginals: true, accidentProof: ['oss://claims/CLM-2022-0001/police.jpg'], medicalRecords: true },
		payee: { name: '张三', bankAccount: '6222021234567890123' },
	};
}

type Patch = Record<string, unknown>;

/** `baseClaim()` with dotted-path overrides: `{ 'member.isUnionMember': false }`; `undefined` deletes. */
export function claimWith(patch: Patch, claim: ClaimFixture = baseClaim()): ClaimFixture {
	for (const [path, value] of Object.entries(patch)) {
		const parts = path.split('.');
		let target = claim as Record<string, unknown>;
		for (const part of parts.slice(0, -1)) {
			target[part] ??= {};
			target = target[part] as Record<string, unknown>;
		}
		const last = parts[parts.length - 1];
		if (value === undefined) delete target[last];
		else target[last] = value;
	}
	return claim;
}

let invoiceCounter = 0;

export function invoice(selfPaidInScopeFen: number, serviceDate = '2022-03-05', extra: Patch = {}): Record<string, unknown> {
	invoiceCounter++;
	return { invoiceCode: '4400221130', invoiceNo: String(20000000 + invoiceCounter), serviceDate, selfPaidInScopeFen, ...extra };
}

export function codes(decision: { reasons: { code: string }[] }): string[] {
	return decision.reasons.map((r) => r.code);
}

/** A payable claim for an accident on `date`, enrolled the day before its plan began, filed ten days on. */
export function accidentOn(date: string, patch: Patch = {}): ClaimFixture {
	const plan = planForDate(date);
	const claim = baseClaim();
	if (plan) claim.member.enrolments = [{ planId: plan.planId, enrolledAt: `${addDays(plan.coverageStart, -1)}T09:00:00+08:00` }];
	claim.accident.date = date;
	claim.invoices[0].serviceDate = date;
	claim.submittedAt = `${addDays(date, 10)}T10:00:00+08:00`;
	return claimWith(patch, claim);
}
