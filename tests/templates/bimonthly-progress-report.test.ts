/**
 * The bimonthly progress report template, run the way n8n runs it when its schedule fires, against
 * the local platform: the 附件2 workbook, the chart and the summary reach the WeCom group, the
 * workbook's numbers are the platform's statistics, and on the 3rd the cities that recorded
 * nothing in the period are reminded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { CITIES, FORM_HEADERS, SUMMARY_HEADERS, SUMMARY_SHEET, WORKER_GROUPS, WORKER_GROUP_LABELS, todayInChina } from '../../lib';
import { createPlatformServer, type PlatformServer } from '../../sandbox';
import { scheduleFiring } from '../fixtures/reportSchedule';
import { runWorkflow, type WorkflowJson } from '../helpers/harness';
import { assertNoPersonalData } from '../helpers/piiScan';

const { localCredentialData } = require('../../scripts/lib/localCredentials');
const { platformClient } = require('../../scripts/lib/platformClient');

const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'workflows', 'bimonthly-progress-report.json'), 'utf8')) as WorkflowJson & {
	id: string;
	settings: { timezone: string };
};
const nodeNamed = (name: string) => template.nodes.find((n) => n.name === name)!;

const REPORT_TRIGGER = '1st of odd months 09:00 (单月1日)';
const REMINDER_TRIGGER = '3rd of odd months 09:00 (单月3日)';
const RUN_NOW = 'Run the report now (立即生成)';
const BUILD = 'Build report (附件2 进展统计表)';
const FILE = 'Workbook to WeCom (file)';
const REMIND = 'Reminder to WeCom (催报提醒)';

interface GroupStats {
	group: string;
	surveyed: number;
	joined: number;
	platformRegistered: number;
	enrolled: number;
}
interface CityStats {
	cityCode: string;
	groups: GroupStats[];
	newEnterpriseUnions: number;
	newMembers: number;
}

let platform: PlatformServer;

beforeAll(async () => {
	platform = await createPlatformServer({ dbFile: ':memory:', port: 0, seed: true });
}, 120000);

afterAll(async () => {
	await platform?.close();
});

/** Fires one of the schedules at a given moment; the sinks then hold what that run sent. */
async function fire(trigger: string, timestamp: string) {
	platform.sinks.clear();
	return await runWorkflow(template, {
		credentials: localCredentialData(platform.url),
		startNode: trigger,
		mode: 'trigger',
		input: [scheduleFiring(timestamp)],
	});
}

function rows(sheet: Worksheet): unknown[][] {
	const out: unknown[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
	return out;
}

describe('the template as a user imports it', () => {
	test('two schedules in Asia/Shanghai: the report on the 1st and the reminder on the 3rd of each odd month', () => {
		expect(template.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		expect(template.id).toMatch(/^[A-Za-z0-9]{16,20}$/);
		const cron = (name: string) => (nodeNamed(name).parameters.rule as { interval: Array<{ expression: string }> }).interval[0].expression;
		expect(cron(REPORT_TRIGGER)).toBe('0 9 1 1,3,5,7,9,11 *');
		expect(cron(REMINDER_TRIGGER)).toBe('0 9 3 1,3,5,7,9,11 *');
	});

	test('email is there but off until SMTP is configured, with a note saying how', () => {
		const email = template.nodes.find((n) => n.type === 'n8n-nodes-base.emailSend')!;
		expect(email.disabled).toBe(true);
		expect(email.parameters.options).toEqual({ attachments: 'workbook,chart' });
		const notes = template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
		expect(notes.some((note) => note.includes('SMTP') && note.includes('Activate'))).toBe(true);
		expect(notes.some((note) => note.includes('What “filed” means'))).toBe(true);
	});

	test('our nodes by their package name, never CUSTOM; nothing sends unmasked', () => {
		for (const node of template.nodes) expect(node.type).toMatch(/^n8n-nodes-(gonghui|base)\./);
		for (const node of template.nodes.filter((n) => n.type === 'n8n-nodes-gonghui.unionNotify')) expect(node.parameters.sendUnmasked).not.toBe(true);
		expect(nodeNamed(BUILD).parameters.unmaskFiller).not.toBe(true);
	});
});

describe('on the 1st of an odd month: the 附件2 report to the WeCom group', () => {
	const FIRED = '2022-11-01T09:00:00.000+08:00';
	let result: Awaited<ReturnType<typeof fire>>;
	let statistics: { asOf: string; cities: CityStats[] };
	let workbook: Workbook;
	let workbookBytes: Buffer;

	beforeAll(async () => {
		result = await fire(REPORT_TRIGGER, FIRED);
		statistics = (await platformClient(platform.url).get('/statistics/progress?asOf=2022-11-01')).body;
		const [built] = result.items(BUILD);
		workbookBytes = Buffer.from(built.binary!.workbook.data, 'base64');
		workbook = new Workbook();
		await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
	}, 120000);

	test('the run succeeds and only the report branch runs', () => {
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.ran(REMIND)).toBe(false);
		expect(result.output(BUILD)[0]).toMatchObject({ asOf: '2022-11-01', premiumFen: 2000 });
	});

	test('three WeCom messages, in order: the summary as markdown, the chart as an image, the workbook as a file', () => {
		const messages = platform.sinks.messages({ channel: 'wecom' });
		expect(messages.map((m) => m.msgtype)).toEqual(['markdown', 'image', 'file']);
		const [built] = result.items(BUILD);
		expect(messages[0].text).toBe(built.json.markdown);
		expect(messages[0].text).toContain('建会入会进展');
		expect(messages[0].text).toContain('互助保障费用 Plan cost');
		const chart = Buffer.from(built.binary!.chart.data, 'base64');
		expect(chart.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect((messages[1].body as { image: { md5: string } }).image.md5).toBe(createHash('md5').update(chart).digest('hex'));
		expect(messages[2].text).toBe('[file 附件2-建会入会进展统计表-2022-11-01.xlsx]');
		expect(result.output(FILE)[0].file).toMatchObject({ fileName: '附件2-建会入会进展统计表-2022-11-01.xlsx', bytes: workbookBytes.length });
	});

	test('the workbook has the 附件2 headers: a province summary and one sheet per city', () => {
		expect(workbook.worksheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, ...CITIES.map((c) => c.cityName)]);
		expect(rows(workbook.getWorksheet(SUMMARY_SHEET)!)[2]).toEqual([...SUMMARY_HEADERS]);
		for (const city of CITIES) {
			const sheet = rows(workbook.getWorksheet(city.cityName)!);
			expect(sheet[2]).toEqual([...FORM_HEADERS]);
			expect(String(sheet[1][0])).toContain('填报单位');
			expect(String(sheet[1][4])).toContain('填报时间：2022年11月1日');
		}
	});

	test('every city sheet’s counts are the platform’s statistics, group by group', () => {
		expect(statistics.asOf).toBe('2022-11-01');
		for (const stats of statistics.cities) {
			const city = CITIES.find((c) => c.cityCode === stats.cityCode)!;
			const sheet = rows(workbook.getWorksheet(city.cityName)!);
			for (const group of WORKER_GROUPS) {
				const expected = stats.groups.find((g) => g.group === group)!;
				const row = sheet.find((r) => r[0] === WORKER_GROUP_LABELS[group].zh)!;
				// 群体 摸底人数 入会目标数 已入会数量 完成率 录入粤工惠平台数 实名率
				expect([row[1], row[3], row[5]]).toEqual([expected.surveyed, expected.joined, expected.platformRegistered]);
			}
			const total = sheet.find((r) => r[0] === '总计')!;
			const sum = (field: keyof GroupStats) => stats.groups.reduce((s, g) => s + Number(g[field]), 0);
			expect([total[1], total[3], total[5]]).toEqual([sum('surveyed'), sum('joined'), sum('platformRegistered')]);
			expect(total[2]).toBe(city.targets2022.newFormMembers);
		}
	});

	test('the province summary: ranked cities, the plan cost (enrolled × ¥20) beside the real-name rate, and the province total', () => {
		const sheet = rows(workbook.getWorksheet(SUMMARY_SHEET)!);
		const column = (header: string) => SUMMARY_HEADERS.indexOf(header as (typeof SUMMARY_HEADERS)[number]);
		const cityRows = sheet.slice(3, 3 + CITIES.length);
		expect(cityRows.map((r) => r[column('排名')])).toEqual(CITIES.map((_, i) => i + 1));
		let enrolledTotal = 0;
		for (const stats of statistics.cities) {
			const row = cityRows.find((r) => r[column('城市代码')] === stats.cityCode)!;
			const enrolled = stats.groups.reduce((s, g) => s + g.enrolled, 0);
			const joined = stats.groups.reduce((s, g) => s + g.joined, 0);
			enrolledTotal += enrolled;
			expect(row[column('已入会数量')]).toBe(joined);
			expect(row[column('参加互助保障人数')]).toBe(enrolled);
			expect(row[column('互助保障费用（元）')]).toBe(enrolled * 20);
			expect(row[column('新建企业工会数')]).toBe(stats.newEnterpriseUnions);
			expect(row[column('新发展会员数')]).toBe(stats.newMembers);
			const registered = stats.groups.reduce((s, g) => s + g.platformRegistered, 0);
			expect(row[column('实名率')]).toBeCloseTo(registered / joined, 10);
		}
		expect(column('互助保障费用（元）')).toBeGreaterThan(column('实名率'));
		const total = sheet[3 + CITIES.length];
		expect(total[column('城市')]).toBe('全省合计');
		expect(total[column('参加互助保障人数')]).toBe(enrolledTotal);
		expect(total[column('互助保障费用（元）')]).toBe(enrolledTotal * 20);
	});

	test('no personal data in anything sent or in the workbook', () => {
		const sent = platform.sinks.messages().map((m) => m.text);
		const cells = workbook.worksheets.flatMap((sheet) => rows(sheet).flat().filter((v) => typeof v === 'string') as string[]);
		assertNoPersonalData([...sent, ...cells]);
	});
});

describe('run by hand (and by `n8n execute`, which starts from the Manual Trigger)', () => {
	test('the report as of today in China, to the same three WeCom messages', async () => {
		platform.sinks.clear();
		const result = await runWorkflow(template, { credentials: localCredentialData(platform.url), startNode: RUN_NOW });
		expect(result.error).toBeUndefined();
		expect(result.output(BUILD)[0].asOf).toBe(todayInChina());
		expect(result.ran(REMIND)).toBe(false);
		expect(platform.sinks.messages({ channel: 'wecom' }).map((m) => m.msgtype)).toEqual(['markdown', 'image', 'file']);
	}, 120000);
});

describe('on the 3rd of an odd month: a reminder to the cities that have not filed', () => {
	const PERIOD = { start: '2022-11-01', end: '2022-12-31', due: '2023-01-05' };

	/** Cities with no member joined and no enterprise union established in the period, straight from the database. */
	function citiesThatRecordedNothing(): string[] {
		const recorded = new Set(
			(
				platform.db
					.prepare(
						`SELECT city_code FROM members WHERE substr(joined_at, 1, 10) BETWEEN ? AND ?
						 UNION SELECT city_code FROM organizations
						 WHERE type IN ('enterprise', 'platform_enterprise', 'dispatch_agency') AND substr(established_at, 1, 10) BETWEEN ? AND ?`,
					)
					.all(PERIOD.start, PERIOD.end, PERIOD.start, PERIOD.end) as Array<{ city_code: string }>
			).map((r) => r.city_code),
		);
		return CITIES.filter((c) => !recorded.has(c.cityCode)).map((c) => c.cityCode);
	}

	test('one message names exactly the cities that recorded nothing in the period due, @-mentioning their federations’ admins', async () => {
		const silent = citiesThatRecordedNothing();
		// The demo data ends on 2022-11-30: some small cities recorded nothing in November and December.
		expect(silent.length).toBeGreaterThan(0);
		expect(silent.length).toBeLessThan(CITIES.length);

		const result = await fire(REMINDER_TRIGGER, '2023-01-03T09:00:00.000+08:00');
		expect(result.error).toBeUndefined();
		expect(result.ran(BUILD)).toBe(false);
		const messages = platform.sinks.messages({ channel: 'wecom' });
		expect(messages).toHaveLength(1);
		const [message] = messages;
		expect(message.msgtype).toBe('text');
		expect(message.text).toContain(`本期（${PERIOD.start} 至 ${PERIOD.end}）以下 ${silent.length} 个市`);
		expect(message.text).toContain(`请于 ${PERIOD.due} 前`);
		const named = message.text.split('\n')[2].split('、');
		expect(named).toEqual(CITIES.filter((c) => silent.includes(c.cityCode)).map((c) => c.cityName));

		const admins = platform.db
			.prepare(`SELECT phone FROM admins WHERE org_id IN (${silent.map(() => '?').join(',')}) ORDER BY org_id, admin_id`)
			.all(...silent.map((code) => `FED-${code}`)) as Array<{ phone: string }>;
		expect(admins.length).toBeGreaterThanOrEqual(silent.length);
		const body = message.body as { text: { mentioned_mobile_list: string[] } };
		expect([...body.text.mentioned_mobile_list].sort()).toEqual(admins.map((a) => a.phone).sort());
		assertNoPersonalData([message.text]);
	}, 120000);

	test('a city that records a member within the period is no longer reminded', async () => {
		const silent = citiesThatRecordedNothing();
		const city = silent[0];
		const client = platformClient(platform.url);
		// The demo data stops on 30 November: move one of the city's members' joining into December.
		const member = platform.db.prepare('SELECT member_id FROM members WHERE city_code = ? LIMIT 1').get(city) as { member_id: string } | undefined;
		expect(member).toBeDefined();
		platform.db.prepare("UPDATE members SET joined_at = '2022-12-15T10:00:00.000+08:00' WHERE member_id = ?").run(member!.member_id);
		expect(citiesThatRecordedNothing()).not.toContain(city);

		const result = await fire(REMINDER_TRIGGER, '2023-01-03T09:00:00.000+08:00');
		expect(result.error).toBeUndefined();
		const recorded = (await client.get('/statistics/progress?since=2022-11-01&asOf=2022-12-31')).body.cities.find((c: CityStats) => c.cityCode === city);
		expect(recorded.newMembers).toBe(1);
		const [message] = platform.sinks.messages({ channel: 'wecom' });
		const cityName = CITIES.find((c) => c.cityCode === city)!.cityName;
		expect(message.text.split('\n')[2].split('、')).not.toContain(cityName);
		expect(message.text).toContain(`以下 ${silent.length - 1} 个市`);
	}, 120000);
});
