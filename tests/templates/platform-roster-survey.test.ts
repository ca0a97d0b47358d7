/**
 * The weekly roster survey template (摸底), run as n8n runs it when its schedule fires, against the
 * local platform and its four demo companies (whose workers overlap): the merge counts each worker
 * once, the counts land on the platform, the next progress report shows them as 摸底人数, and the
 * WeCom group hears what changed since last week.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { CITIES, WORKER_GROUPS, WORKER_GROUP_LABELS, surveyWeekOf } from '../../lib';
import { createPlatformServer, type PlatformServer } from '../../sandbox';
import { scheduleFiring } from '../fixtures/reportSchedule';
import { surveyExpectedFromDatabase, type SurveyRow } from '../fixtures/surveyExpected';
import { runWorkflow, type WorkflowJson } from '../helpers/harness';
import { assertNoPersonalData } from '../helpers/piiScan';

const { COMPANY_CREDENTIALS, localCredentialData, localCompanyCredentialData } = require('../../scripts/lib/localCredentials');
const { platformClient } = require('../../scripts/lib/platformClient');

const load = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson & { id: string };
const survey = load('platform-roster-survey.json');
const report = load('bimonthly-progress-report.json');

const TRIGGER = 'Every Monday 06:00 (每周一)';
const MERGE = 'Merge rosters (摸底合并)';
const WRITE = 'Write survey to 粤工惠 (摸底人数)';
const COMPANY_NODES: Record<string, string> = {
	'meituan-demo': 'Meituan roster (美团配送)',
	'didi-demo': 'Didi roster (滴滴出行)',
	'sf-demo': 'SF roster (顺丰速运)',
	'huolala-demo': 'Huolala roster (货拉拉)',
};

let platform: PlatformServer;

beforeAll(async () => {
	platform = await createPlatformServer({ dbFile: ':memory:', port: 0, seed: true });
}, 120000);

afterAll(async () => {
	await platform?.close();
});

async function runSurvey(timestamp: string) {
	platform.sinks.clear();
	return await runWorkflow(survey, {
		credentials: localCredentialData(platform.url),
		credentialsById: localCompanyCredentialData(platform.url),
		startNode: TRIGGER,
		mode: 'trigger',
		input: [scheduleFiring(timestamp)],
	});
}

function storedSurvey(weekOf: string): SurveyRow[] {
	return platform.db
		.prepare('SELECT city_code AS cityCode, grp AS "group", surveyed FROM survey_counts WHERE week_of = ? ORDER BY city_code, grp')
		.all(weekOf) as SurveyRow[];
}

/** The rosters' rows plus, for the groups no roster lists, the previous week's rows as they were. */
function written(expected: ReturnType<typeof surveyExpectedFromDatabase>, previousWeek: SurveyRow[]): SurveyRow[] {
	return [...expected.rows, ...previousWeek.filter((r) => expected.uncoveredGroups.includes(r.group as never) && r.surveyed > 0)];
}

const byKey = (rows: SurveyRow[]) => [...rows].sort((a, b) => `${a.cityCode}/${a.group}`.localeCompare(`${b.cityCode}/${b.group}`));
const total = (rows: SurveyRow[]) => rows.reduce((s, r) => s + r.surveyed, 0);

describe('the template as a user imports it', () => {
	test('every Monday at 06:00 in Asia/Shanghai; one Platform Company node and credential per demo company, all into one merge', () => {
		expect(survey.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		expect(survey.id).toMatch(/^[A-Za-z0-9]{16,20}$/);
		const trigger = survey.nodes.find((n) => n.name === TRIGGER)!;
		expect((trigger.parameters.rule as { interval: Array<{ expression: string }> }).interval[0].expression).toBe('0 6 * * 1');
		const companies = survey.nodes.filter((n) => n.type === 'n8n-nodes-gonghui.platformCompany');
		expect(companies.map((n) => n.credentials!.platformCompanyOAuth2Api.id).sort()).toEqual(COMPANY_CREDENTIALS.map((c: { id: string }) => c.id).sort());
		const merge = survey.nodes.find((n) => n.name === 'All rosters')!;
		expect(merge.parameters.numberInputs).toBe(companies.length);
		const notes = survey.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
		expect(notes.some((note) => note.includes('To add a company'))).toBe(true);
	});
});

describe('a week’s survey, merged across the four companies', () => {
	const WEEK = '2022-11-07';
	let result: Awaited<ReturnType<typeof runSurvey>>;
	let expected: ReturnType<typeof surveyExpectedFromDatabase>;
	let seededBefore: SurveyRow[];

	beforeAll(async () => {
		seededBefore = storedSurvey('2022-10-31');
		expected = surveyExpectedFromDatabase(platform.db);
		result = await runSurvey('2022-11-07T06:00:00.000+08:00');
	}, 180000);

	test('the run succeeds; each company node read its own roster with its own credential', () => {
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		for (const [companyId, node] of Object.entries(COMPANY_NODES)) {
			const { n } = platform.db.prepare('SELECT COUNT(*) AS n FROM company_workers WHERE company_id = ?').get(companyId) as { n: number };
			expect(result.output(node)).toHaveLength(n);
		}
	});

	test('the demo companies overlap: more active roster entries than workers; no company lists 其他群体', () => {
		expect(expected.activeEntries).toBeGreaterThan(expected.distinctActive);
		expect(expected.onSeveralRosters).toBeGreaterThan(0);
		expect(expected.inSeveralGroups).toBeGreaterThan(0);
		expect(expected.uncoveredGroups).toEqual(['other']);
		expect(seededBefore.some((r) => r.group === 'other' && r.surveyed > 0)).toBe(true);
	});

	test('the merge is exact: each active worker counted once, in the group the rule gives, city by city; 其他群体 kept from the week before', () => {
		const [merged] = result.output(MERGE);
		expect(merged).toMatchObject({
			outcome: 'merged',
			weekOf: WEEK,
			workers: expected.distinctActive,
			entries: expected.entries,
			activeEntries: expected.activeEntries,
			onSeveralRosters: expected.onSeveralRosters,
			inactiveOnly: expected.inactiveOnly,
			issues: [],
		});
		expect(byKey((merged.counts as SurveyRow[]).filter((r) => r.group !== 'other'))).toEqual(byKey(expected.rows));
		expect(total(expected.rows)).toBe(expected.distinctActive);
		expect(byKey(merged.counts as SurveyRow[])).toEqual(byKey(written(expected, seededBefore)));
		const kept = seededBefore.filter((r) => r.group === 'other');
		expect(merged.carriedForward).toEqual({ fromWeekOf: '2022-10-31', groups: ['other'], surveyed: total(kept) });
	});

	test('the counts land on the platform under the week’s Monday; the seeded week before is untouched', () => {
		expect(result.output(WRITE)[0]).toMatchObject({ weekOf: WEEK });
		expect(byKey(storedSurvey(WEEK))).toEqual(byKey(written(expected, seededBefore)));
		expect(storedSurvey('2022-10-31')).toEqual(seededBefore);
	});

	test('the WeCom group hears the survey and what changed since the week before', () => {
		const messages = platform.sinks.messages({ channel: 'wecom' });
		expect(messages).toHaveLength(1);
		const [message] = messages;
		expect(message.msgtype).toBe('markdown');
		expect(message.text).toBe(result.output(MERGE)[0].markdown);
		const change = total(written(expected, seededBefore)) - total(seededBefore);
		const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en-US')}` : n < 0 ? `-${(-n).toLocaleString('en-US')}` : '±0');
		expect(message.text).toContain(`（${WEEK} 周 week）`);
		expect(message.text).toContain(`**${expected.distinctActive.toLocaleString('en-US')}**（${expected.onSeveralRosters.toLocaleString('en-US')} 人在多家平台`);
		expect(message.text).toContain(`较上次（2022-10-31）Since last survey：**${signed(change)}**`);
		const comparison = result.output(MERGE)[0].comparison as { previousWeekOf: string; totalBefore: number; cities: Array<{ cityName: string }> };
		expect(comparison).toMatchObject({ previousWeekOf: '2022-10-31', totalBefore: total(seededBefore) });
		for (const city of comparison.cities) expect(message.text).toContain(`\n${city.cityName} `);
		assertNoPersonalData([message.text]);
	});

	test('the next progress report reads them as 摸底人数', async () => {
		platform.sinks.clear();
		const run = await runWorkflow(report, {
			credentials: localCredentialData(platform.url),
			startNode: '1st of odd months 09:00 (单月1日)',
			mode: 'trigger',
			input: [scheduleFiring('2023-01-01T09:00:00.000+08:00')],
		});
		expect(run.error).toBeUndefined();
		const statistics = (await platformClient(platform.url).get('/statistics/progress?asOf=2023-01-01')).body;
		expect(statistics.surveyWeekOf).toBe(WEEK);

		const [built] = run.items('Build report (附件2 进展统计表)');
		const workbook = new Workbook();
		await workbook.xlsx.load(Buffer.from(built.binary!.workbook.data, 'base64') as unknown as ArrayBuffer);
		const surveyed = new Map(written(expected, seededBefore).map((r) => [`${r.cityCode}/${r.group}`, r.surveyed]));
		for (const city of CITIES) {
			const sheet = workbook.getWorksheet(city.cityName)!;
			for (const group of WORKER_GROUPS) {
				let found = false;
				sheet.eachRow((row) => {
					if (row.getCell(1).value !== WORKER_GROUP_LABELS[group].zh) return;
					found = true;
					expect({ city: city.cityCode, group, surveyed: row.getCell(2).value }).toEqual({ city: city.cityCode, group, surveyed: surveyed.get(`${city.cityCode}/${group}`) ?? 0 });
				});
				expect(found).toBe(true);
			}
		}
		const summary = workbook.getWorksheet('全省汇总')!;
		let provinceSurveyed: unknown;
		summary.eachRow((row) => {
			if (row.getCell(2).value === '全省合计') provinceSurveyed = row.getCell(4).value;
		});
		expect(provinceSurveyed).toBe(total(written(expected, seededBefore)));
	}, 120000);
});

describe('the week after: what changed', () => {
	test('a worker who left every platform is one fewer in their city and group; nothing else moves', async () => {
		const before = surveyExpectedFromDatabase(platform.db);
		const lastWeek = storedSurvey('2022-11-07');
		await runSurvey('2022-11-14T06:00:00.000+08:00');
		expect(byKey(storedSurvey('2022-11-14'))).toEqual(byKey(lastWeek));
		const unchanged = platform.sinks.messages({ channel: 'wecom' });
		expect(unchanged).toHaveLength(1);
		expect(unchanged[0].text).toContain('较上次（2022-11-07）Since last survey：**±0**');
		expect(unchanged[0].text).toContain('与上次相同 No change');

		// A worker on two rosters (counted in the first 附件2 group) leaves both platforms.
		const leaver = platform.db
			.prepare(
				`SELECT id_number_hash AS hash FROM company_workers WHERE active = 1
				 GROUP BY id_number_hash HAVING COUNT(*) = 2 AND COUNT(DISTINCT grp) = 2 ORDER BY id_number_hash LIMIT 1`,
			)
			.get() as { hash: string };
		const counted = before.assignment.get(leaver.hash)!;
		platform.db.prepare('UPDATE company_workers SET active = 0 WHERE id_number_hash = ?').run(leaver.hash);

		const result = await runSurvey('2022-11-21T06:00:00.000+08:00');
		expect(result.error).toBeUndefined();
		const after = byKey(storedSurvey('2022-11-21'));
		const expectedAfter = byKey(
			written(before, lastWeek)
				.map((r) => (r.cityCode === counted.cityCode && r.group === counted.group ? { ...r, surveyed: r.surveyed - 1 } : r))
				.filter((r) => r.surveyed > 0),
		);
		expect(after).toEqual(expectedAfter);

		const [message] = platform.sinks.messages({ channel: 'wecom' });
		const cityName = CITIES.find((c) => c.cityCode === counted.cityCode)!.cityName;
		const groupName = WORKER_GROUP_LABELS[counted.group as keyof typeof WORKER_GROUP_LABELS].zh;
		expect(message.text).toContain('较上次（2022-11-14）Since last survey：**-1**');
		expect(message.text).toMatch(new RegExp(`\\n${cityName} [\\d,]+（<font color="warning">-1</font>）：${groupName} -1(\\n|$)`));
		expect(result.output(MERGE)[0]).toMatchObject({ inactiveOnly: before.inactiveOnly + 1, workers: before.distinctActive - 1 });
		assertNoPersonalData(platform.sinks.messages().map((m) => m.text));
	}, 180000);
});

describe('run by hand (and by `n8n execute`, which starts from the Manual Trigger)', () => {
	test('this week’s survey is filed under this week’s Monday in China', async () => {
		platform.sinks.clear();
		const result = await runWorkflow(survey, {
			credentials: localCredentialData(platform.url),
			credentialsById: localCompanyCredentialData(platform.url),
			startNode: 'Run the survey now (立即摸底)',
		});
		expect(result.error).toBeUndefined();
		const week = surveyWeekOf();
		expect(result.output(MERGE)[0].weekOf).toBe(week);
		expect(total(storedSurvey(week))).toBe(total(result.output(MERGE)[0].counts as SurveyRow[]));
		expect(platform.sinks.messages({ channel: 'wecom' })).toHaveLength(1);
	}, 180000);
});
