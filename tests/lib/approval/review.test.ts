import { findUnmaskedPersonalData } from '../../../lib/core/masking';
import { reviewApplication, reviewApplications } from '../../../lib/approval';
import { AGENCY_USCI, application, badUsci, EMPLOYER_USCI, ID_SHENZHEN, residentId, without } from './fixtures';

const NOW = new Date('2024-05-10T03:00:00Z');
const review = (app: unknown, options: { autoApprove?: boolean } = {}) => reviewApplication(app, { now: NOW, ...options });
const codes = (app: unknown) => review(app).reasons.map((r) => r.code);

describe('a clean application', () => {
	const result = review(application());

	it('is approved and assigned to the work city federation', () => {
		expect(result.outcome).toBe('approve');
		expect(result.reasons).toEqual([]);
		expect(result.assignedOrg).toEqual({ type: 'city_newform_federation', cityCode: '440300', orgId: 'FED-440300' });
		expect(result.recommendedTransfer).toBeUndefined();
		expect(result.cityCode).toBe('440300');
		expect(result.cityName).toBe('深圳');
	});

	it('keeps the application and adds the applicant summary, masked', () => {
		expect(result.applicationId).toBe('A-001');
		expect(result.idNumber).toBe(ID_SHENZHEN);
		expect(result.applicant).toEqual({
			birthDate: '1990-01-01',
			gender: 'male',
			age: 34,
			idNumberMasked: '440***********' + ID_SHENZHEN.slice(-4),
			phoneMasked: '138****5678',
		});
		expect(result.reviewedAt).toBe(NOW.toISOString());
	});

	it('goes to review when auto-approval is off', () => {
		expect(review(application(), { autoApprove: false }).outcome).toBe('review');
	});

	it('defaults the channel to the mini program', () => {
		expect(review(without(['channel'])).channel).toBe('mini_program');
	});

	it('reads the female gender from the 17th digit', () => {
		expect(review(application({ idNumber: residentId('440305', '19900101', '124') })).applicant.gender).toBe('female');
	});
});

describe('FIELD_MISSING names each missing required field', () => {
	it.each(['applicationId', 'submittedAt', 'name', 'idNumber', 'phone', 'group', 'employmentRelation', 'workCity'])(
		'%s',
		(field) => {
			for (const app of [without([field]), application({ [field]: '' }), application({ [field]: '  ' }), application({ [field]: null })]) {
				const result = review(app);
				expect(result.outcome).toBe('reject');
				const missing = result.reasons.filter((r) => r.code === 'FIELD_MISSING');
				expect(missing).toHaveLength(1);
				expect(missing[0]).toMatchObject({ severity: 'reject', field, rule: '正文 二（六）2' });
				expect(missing[0].message).toContain(field);
				expect(missing[0].messageEn).toContain(field);
			}
		},
	);

	it('lists every missing field, not just the first', () => {
		const result = review({});
		expect(result.reasons.filter((r) => r.code === 'FIELD_MISSING').map((r) => r.field)).toEqual([
			'applicationId',
			'submittedAt',
			'name',
			'idNumber',
			'phone',
			'group',
			'workCity',
			'employmentRelation',
		]);
	});
});

describe('FIELD_INVALID: values outside their set or of the wrong type', () => {
	it.each([
		['channel', 'wechat'],
		['group', 'pilot'],
		['employmentRelation', 'freelance'],
		['applicationId', 42],
		['submittedAt', 'yesterday'],
		['submittedAt', 20240510],
		['idNumber', 440305199001011],
		['workCity', { name: '深圳' }],
		['employer', '某公司'],
		['platform', ['美团']],
		['existingMembership', 'yes'],
	])('%s = %j', (field, value) => {
		const result = review(application({ [field]: value }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons).toContainEqual(expect.objectContaining({ code: 'FIELD_INVALID', severity: 'reject', field }));
	});

	it('checks the fields of a unit', () => {
		expect(review(application({ employer: { name: 'X', usci: 123 } })).reasons).toContainEqual(
			expect.objectContaining({ code: 'FIELD_INVALID', field: 'employer.usci' }),
		);
	});

	it.each(['offline', 'platform_company', 'batch', 'mini_program'])('accepts channel %s', (channel) => {
		expect(review(application({ channel })).outcome).toBe('approve');
	});

	it('accepts a timestamp without an offset as China time, and a bare date', () => {
		expect(review(application({ submittedAt: '2024-05-10T09:30:00' })).outcome).toBe('approve');
		expect(review(application({ submittedAt: '2024-05-10' })).outcome).toBe('approve');
	});
});

describe('NAME_INVALID', () => {
	it.each(['张三', '欧阳娜娜', '买买提·艾力', '阿卜杜拉·买买提·吐尔逊', 'John Smith', 'Zoë Li', '  李四  ', 'Ma·Li', '张'.repeat(30)])(
		'accepts %j',
		(name) => expect(codes(application({ name }))).not.toContain('NAME_INVALID'),
	);
	it.each(['张', '张3', '张'.repeat(31), 'John  Smith', '张三!', '·张三', '张三·', '张··三', 'O\'Brien', 123])('refuses %j', (name) => {
		const result = review(application({ name }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons).toContainEqual(expect.objectContaining({ code: 'NAME_INVALID', severity: 'reject', field: 'name' }));
	});
});

describe('ID_INVALID', () => {
	const good = residentId('440305', '19900101', '123');
	const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
	it.each([
		['too short', '44030519900101'],
		['letters', '44030519900101123A'],
		['wrong check character', wrongCheck],
		['no such date', residentId('440305', '19900230')],
		['before 1900', residentId('440305', '18991231')],
		['born after the submission', residentId('440305', '20240511')],
		['unknown province 99', residentId('990305', '19900101')],
		['unknown province 10', residentId('100305', '19900101')],
	])('%s', (_label, idNumber) => {
		const result = review(application({ idNumber }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons).toContainEqual(
			expect.objectContaining({ code: 'ID_INVALID', severity: 'reject', field: 'idNumber', rule: '正文 二（六）2；GB 11643-1999' }),
		);
		expect(result.applicant.birthDate).toBeNull();
		expect(result.applicant.age).toBeNull();
	});

	it.each([
		['Beijing', '110101'],
		['Sichuan', '510104'],
		['Xinjiang', '650102'],
		['Hunan', '430102'],
		['Taiwan', '710000'],
		['Hong Kong', '810000'],
		['Macao', '820000'],
	])('accepts workers from %s (never requires 44)', (_label, area) => {
		expect(review(application({ idNumber: residentId(area, '19850615', '357') })).outcome).toBe('approve');
	});

	it('reads a lower-case x as X', () => {
		let sequence = 0;
		let id = '';
		while (!id.endsWith('X')) id = residentId('440305', '19900101', String(sequence++).padStart(3, '0'));
		expect(review(application({ idNumber: id.toLowerCase() })).outcome).toBe('approve');
	});
});

describe('UNDERAGE on the China date of submittedAt (Labour Law art. 15)', () => {
	const id = residentId('440305', '20080510', '123');

	it('is underage on the 16th birthday itself', () => {
		const result = review(application({ idNumber: id, submittedAt: '2024-05-10T23:59:00+08:00' }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons).toContainEqual(
			expect.objectContaining({ code: 'UNDERAGE', severity: 'reject', rule: '《劳动法》第十五条' }),
		);
		expect(result.applicant.age).toBe(15);
	});

	it('is 16 from the day after', () => {
		const result = review(application({ idNumber: id, submittedAt: '2024-05-11T00:00:00+08:00' }));
		expect(result.outcome).toBe('approve');
		expect(result.applicant.age).toBe(16);
	});

	it('uses the China date, not the UTC one', () => {
		// 2024-05-10 17:00 UTC is 2024-05-11 01:00 in China.
		expect(review(application({ idNumber: id, submittedAt: '2024-05-10T17:00:00Z' })).outcome).toBe('approve');
		// 2024-05-11 07:00 in New York is 2024-05-11 19:00 in China; 2024-05-10 10:00 in New York is 22:00 the same day in China.
		expect(review(application({ idNumber: id, submittedAt: '2024-05-10T10:00:00-04:00' })).outcome).toBe('reject');
	});

	it('counts a 29 February birthday from 1 March in common years', () => {
		const leap = residentId('440305', '20080229', '123');
		expect(codes(application({ idNumber: leap, submittedAt: '2024-02-29T10:00:00+08:00' }))).toContain('UNDERAGE');
		expect(codes(application({ idNumber: leap, submittedAt: '2024-03-01T10:00:00+08:00' }))).not.toContain('UNDERAGE');
	});
});

describe('PHONE_INVALID', () => {
	it.each(['+86 138-1234-5678', '008613812345678', '19912345678'])('accepts %s', (phone) => {
		const result = review(application({ phone }));
		expect(result.outcome).toBe('approve');
		expect(result.applicant.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
	});
	it.each(['12345678901', '1381234567', '0755-12345678', 'phone', true])('refuses %j', (phone) => {
		expect(review(application({ phone })).reasons).toContainEqual(
			expect.objectContaining({ code: 'PHONE_INVALID', severity: 'reject', field: 'phone' }),
		);
	});
});

describe('CITY_NOT_IN_PROVINCE', () => {
	it.each([
		['shenzhen', '440300'],
		['深圳市', '440300'],
		['440305', '440300'],
		['Guangzhou', '440100'],
		['云浮', '445300'],
	])('resolves %s', (workCity, cityCode) => {
		const result = review(application({ workCity }));
		expect(result.outcome).toBe('approve');
		expect(result.assignedOrg?.cityCode).toBe(cityCode);
	});
	it.each(['长沙', '430100', 'Hong Kong', '440000'])('refuses %s', (workCity) => {
		const result = review(application({ workCity }));
		expect(result.outcome).toBe('reject');
		expect(result.assignedOrg).toBeNull();
		expect(result.reasons).toContainEqual(
			expect.objectContaining({ code: 'CITY_NOT_IN_PROVINCE', severity: 'reject', rule: '附件3 一' }),
		);
	});
});

describe('ALREADY_MEMBER', () => {
	it('rejects and says to transfer instead', () => {
		const result = review(
			application({ existingMembership: { orgId: 'ORG-9', orgName: '某快递公司工会', since: '2019-03-01' } }),
		);
		expect(result.outcome).toBe('reject');
		const found = result.reasons.find((r) => r.code === 'ALREADY_MEMBER');
		expect(found).toMatchObject({ severity: 'reject', rule: '正文 二（六）1' });
		expect(found?.message).toContain('会籍接转');
		expect(found?.messageEn).toMatch(/transfer/);
	});
	it.each([null, undefined, {}])('ignores %j', (existingMembership) => {
		expect(review(application({ existingMembership })).outcome).toBe('approve');
	});
});

describe('USCI_INVALID is a review, one per bad code', () => {
	it.each([
		['employer', 'employer.usci'],
		['platform', 'platform.usci'],
		['dispatchAgency', 'dispatchAgency.usci'],
	])('%s', (unit, field) => {
		const result = review(application({ [unit]: { name: '某公司', usci: badUsci('91440300MA5DC6QX7') } }));
		expect(result.outcome).toBe('review');
		expect(result.reasons).toEqual([
			expect.objectContaining({ code: 'USCI_INVALID', severity: 'review', field, rule: 'GB 32100-2015' }),
		]);
	});

	it('finds them all', () => {
		const result = review(
			application({
				employer: { name: 'A', usci: badUsci('91440300MA5DC6QX7') },
				platform: { name: 'B', usci: 'NOT-A-CODE' },
				dispatchAgency: { name: 'C', usci: AGENCY_USCI },
			}),
		);
		expect(result.reasons.map((r) => r.field).sort()).toEqual(['employer.usci', 'platform.usci']);
	});

	it('reads a code upper-cased', () => {
		expect(review(application({ employer: { name: 'A', usci: EMPLOYER_USCI.toLowerCase() } })).outcome).toBe('approve');
	});
});

describe('GROUP_OTHER and REAL_NAME_PENDING', () => {
	it('sends the other group to review', () => {
		const result = review(application({ group: 'other' }));
		expect(result.outcome).toBe('review');
		expect(result.reasons).toEqual([expect.objectContaining({ code: 'GROUP_OTHER', severity: 'review', rule: '附件2 说明4' })]);
	});

	it.each([false, undefined, 'true', null])('approves with REAL_NAME_PENDING when realNameVerified is %j', (realNameVerified) => {
		const result = review(application({ realNameVerified }));
		expect(result.outcome).toBe('approve');
		expect(result.reasons).toEqual([expect.objectContaining({ code: 'REAL_NAME_PENDING', severity: 'info' })]);
		expect(result.reasons[0].message).toContain('互助保障');
	});
});

describe('every reason found at once', () => {
	it('reports all problems of a bad application', () => {
		const result = review(
			application({
				name: '张3',
				idNumber: '123',
				phone: '123',
				group: 'other',
				workCity: '长沙',
				existingMembership: { orgId: 'X' },
				realNameVerified: false,
				employer: { name: 'E', usci: 'BAD' },
			}),
		);
		expect(result.outcome).toBe('reject');
		expect(result.reasons.map((r) => r.code).sort()).toEqual(
			[
				'NAME_INVALID',
				'ID_INVALID',
				'PHONE_INVALID',
				'GROUP_OTHER',
				'CITY_NOT_IN_PROVINCE',
				'USCI_INVALID',
				'ALREADY_MEMBER',
				'REAL_NAME_PENDING',
			].sort(),
		);
	});

	it('gives every reason a clause, a Chinese and an English message, and no unmasked personal data', () => {
		const result = review(
			application({ phone: '123', group: 'other', realNameVerified: false, existingMembership: { orgId: 'X' } }),
		);
		for (const r of result.reasons) {
			expect(r.rule).toBeTruthy();
			expect(r.message).toMatch(/[\u4e00-\u9fff]/);
			expect(r.messageEn).toBeTruthy();
		}
		expect(findUnmaskedPersonalData(JSON.stringify(result.reasons))).toEqual([]);
	});

	it('throws only when the application is not an object', () => {
		for (const bad of [null, 'x', 3, [application()]]) expect(() => review(bad)).toThrow(TypeError);
	});
});

describe('DUPLICATE_APPLICATION within a batch', () => {
	it('rejects a later application with the same valid ID, whatever the earlier outcome', () => {
		let sequence = 0;
		let withX = '';
		while (!withX.endsWith('X')) withX = residentId('510104', '19870303', String(sequence++).padStart(3, '0'));
		const results = reviewApplications(
			[
				application({ applicationId: 'A-1', phone: 'bad' }),
				application({ applicationId: 'A-2' }),
				application({ applicationId: 'A-3', idNumber: withX }),
				application({ applicationId: 'A-4', idNumber: withX.toLowerCase() }),
				application({ applicationId: 'A-5', idNumber: '123' }),
				application({ applicationId: 'A-6', idNumber: '123' }),
			],
			{ now: NOW },
		);
		expect(results.map((r) => r.outcome)).toEqual(['reject', 'reject', 'approve', 'reject', 'reject', 'reject']);
		const dup = (i: number) => results[i].reasons.filter((r) => r.code === 'DUPLICATE_APPLICATION');
		expect(dup(0)).toEqual([]);
		expect(dup(1)).toEqual([expect.objectContaining({ severity: 'reject', field: 'idNumber' })]);
		expect(dup(1)[0].message).toContain('A-1');
		expect(dup(1)[0].message).not.toContain(ID_SHENZHEN);
		expect(dup(3)[0].message).toContain('A-3');
		// Invalid ID numbers are ID_INVALID, not duplicates of each other.
		expect(dup(5)).toEqual([]);
	});

	it('does not carry over from one batch to the next', () => {
		reviewApplications([application()], { now: NOW });
		expect(reviewApplications([application()], { now: NOW })[0].outcome).toBe('approve');
	});

	it('reviewApplication alone never finds duplicates', () => {
		review(application());
		expect(review(application()).outcome).toBe('approve');
	});
});

describe('values whose toString or valueOf is not a function (JSON objects)', () => {
	it.each([
		['phone', { toString: 'x' }, 'PHONE_INVALID'],
		['phone', { valueOf: 1 }, 'PHONE_INVALID'],
		['idNumber', { toString: 'x' }, 'FIELD_INVALID'],
		['name', { valueOf: 1 }, 'NAME_INVALID'],
		['workCity', { toString: 'x' }, 'FIELD_INVALID'],
	])('%s = %j is refused with %s, not thrown', (field, value, code) => {
		const result = review(application({ [field]: value }));
		expect(result.outcome).toBe('reject');
		expect(result.reasons).toContainEqual(expect.objectContaining({ code, severity: 'reject', field }));
	});
});
