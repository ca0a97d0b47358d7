import { Workbook } from 'exceljs';
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { CITIES, FORM_HEADERS, SUMMARY_HEADERS, computeProgress, progressChartSvg } from '../../lib';
import { runNode } from '../helpers/harness';
import { sampleCounts } from '../lib/quota/fixtures';
import { PNG_SIGNATURE, decodePng } from '../lib/quota/pngPixels';

const TYPE = 'n8n-nodes-gonghui.quotaTracker';
const AS_OF = '2022-06-30';

/** The sample counts as the platform's GET /statistics/progress document. */
function statisticsDocument(asOf = AS_OF): IDataObject {
	const rows = sampleCounts();
	return {
		asOf,
		cities: CITIES.map((city) => {
			const own = rows.filter((r) => r.cityCode === city.cityCode);
			const cityRow = own.find((r) => r.group === undefined)!;
			return {
				cityCode: city.cityCode,
				groups: own
					.filter((r) => r.group !== undefined)
					.map((r) => ({ group: r.group, surveyed: r.surveyed, joined: r.joined, platformRegistered: r.platformRegistered, enrolled: r.enrolled })),
				newEnterpriseUnions: cityRow.newEnterpriseUnions,
				newMembers: cityRow.newMembers,
			};
		}),
	};
}

async function binaryBuffer(binary: IBinaryData): Promise<Buffer> {
	return Buffer.from(binary.data, 'base64');
}

describe('Quota Tracker: Compute Progress', () => {
	test('one statistics document in, one report out, paired; the numbers are the library’s', async () => {
		const doc = statisticsDocument();
		const result = await runNode({ type: TYPE, parameters: { operation: 'computeProgress', countsSource: 'statistics' } }, [doc]);
		expect(result.error).toBeUndefined();
		const [report] = result.output('Node');
		const expected = computeProgress(doc);
		expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(report.asOf).toBe(AS_OF);
		expect((report.province as IDataObject).target).toBe(500000);
		expect((report.province as IDataObject).joined).toBe(313380);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
	});

	test('several documents: one report each, in order; an item that is not a document is rejected, not a crash', async () => {
		const result = await runNode({ type: TYPE, parameters: { operation: 'computeProgress', countsSource: 'statistics', options: { premiumFen: 1000 } } }, [
			statisticsDocument('2022-04-30'),
			{ cityCode: '440100', group: 'courier', joined: 5 },
			statisticsDocument('2022-06-30'),
		]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out.map((o) => o.asOf ?? o.outcome)).toEqual(['2022-04-30', 'rejected', '2022-06-30']);
		expect(out[1].reasons).toEqual([expect.objectContaining({ code: 'STATISTICS_INVALID', severity: 'reject' })]);
		expect(out[2].premiumFen).toBe(1000);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('counts rows: all items make one report; one item per city, paired to that city’s rows', async () => {
		const rows = [
			{ cityCode: '440100', group: 'courier', joined: 47100, platformRegistered: 40000, surveyed: 90000 },
			{ city: '深圳', group: '网约配送员', joined: 13110 },
			{ cityCode: '440100', group: 'truck_driver', joined: 0 },
		];
		const result = await runNode({ type: TYPE, parameters: { operation: 'computeProgress', countsSource: 'rows', asOf: AS_OF, output: 'cities' } }, rows);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out).toHaveLength(21);
		expect(out.map((c) => c.cityCode)).toEqual(CITIES.map((c) => c.cityCode));
		expect(out[0]).toMatchObject({ asOf: AS_OF, cityName: '广州', joined: 47100, completionRate: 0.5, target: 94200 });
		expect(out[1]).toMatchObject({ cityName: '深圳', joined: 13110, completionRate: 0.1, behindSchedule: true });
		const paired = result.items('Node').map((i) => i.pairedItem);
		expect(paired[0]).toEqual([{ item: 0 }, { item: 2 }]);
		expect(paired[1]).toEqual({ item: 1 });
		expect(paired[2]).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('one item per 附件2 row: five groups and the total for each city', async () => {
		const result = await runNode(
			{ type: TYPE, parameters: { operation: 'computeProgress', countsSource: 'statistics', output: 'rows', options: { groupTargets: 'surveyed' } } },
			[statisticsDocument()],
		);
		const out = result.output('Node');
		expect(out).toHaveLength(21 * 6);
		expect(out.slice(0, 6).map((r) => r.groupName)).toEqual(['货车司机', '网约车司机', '快递员', '网约配送员', '其他群体', '总计']);
		expect(out.slice(0, 5).reduce((a, r) => a + (r.target as number), 0)).toBe(94200);
		expect(out[5]).toMatchObject({ group: 'total', target: 94200, behindSchedule: false });
	});

	test('a target table that cannot be used fails the node in Chinese and English, or becomes an error item', async () => {
		const parameters = { operation: 'computeProgress', countsSource: 'statistics', options: { targets: '{"year": 2023, "cities": [{"cityCode": "110000"}]}' } };
		const failed = await runNode({ type: TYPE, parameters }, [statisticsDocument()]);
		expect(failed.error?.message).toMatch(/不是广东省的地级以上市.*Not one of Guangdong's 21 cities/);
		const kept = await runNode({ type: TYPE, parameters, continueOnFail: true }, [statisticsDocument()]);
		expect(kept.error).toBeUndefined();
		const [item] = kept.output('Node');
		expect(item.error).toMatch(/不是广东省/);
		expect(item.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TARGETS_INVALID', rule: '附件1' })]));
		const badJson = await runNode({ type: TYPE, parameters: { ...parameters, options: { targets: '{year' } } }, [statisticsDocument()]);
		expect(badJson.error?.message).toMatch(/不是有效的 JSON.*not valid JSON/);
	});

	test('a user target table from JSON', async () => {
		const targets = JSON.stringify({ year: 2023, cities: [{ cityCode: '440100', enterpriseUnions: 100, members: 1000, newFormMembers: 400 }] });
		const result = await runNode(
			{ type: TYPE, parameters: { operation: 'computeProgress', countsSource: 'rows', asOf: '2023-07-02', options: { targets } } },
			[{ cityCode: '440100', group: 'courier', joined: 100 }],
		);
		const [report] = result.output('Node');
		expect(report.year).toBe(2023);
		expect((report.cities as IDataObject[]).map((c) => [c.cityCode, c.completionRate])).toEqual([['440100', 0.25]]);
	});
});

describe('Quota Tracker: Allocate Targets and Reporting Period', () => {
	test('allocation per item from expressions; a negative weight rejects that item only', async () => {
		const result = await runNode(
			{ type: TYPE, parameters: { operation: 'allocateTargets', total: '={{ $json.total }}', weights: '={{ $json.weights }}' } },
			[
				{ total: 10, weights: { a: 1, b: 1, c: 1 } },
				{ total: 5, weights: { a: 1, b: -2 } },
				{ total: 2, weights: { x: 1, y: 3 } },
			],
		);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out[0]).toMatchObject({ outcome: 'allocated', allocation: { a: 4, b: 3, c: 3 } });
		expect(out[1]).toMatchObject({ outcome: 'rejected', allocation: null });
		expect(out[1].reasons).toEqual([expect.objectContaining({ code: 'WEIGHT_NEGATIVE', field: 'weights.b', messageEn: expect.stringContaining('negative') })]);
		expect(out[2]).toMatchObject({ outcome: 'allocated', allocation: { x: 0, y: 2 } });
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('reporting period per item; an unreadable date is rejected with its reason', async () => {
		const result = await runNode({ type: TYPE, parameters: { operation: 'reportingPeriod', date: '={{ $json.date }}' } }, [
			{ date: '2022-03-05' },
			{ date: '2022-12-20' },
			{ date: '2022-02-30' },
		]);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out[0]).toEqual({ outcome: 'ok', date: '2022-03-05', periodStart: '2022-01-01', periodEnd: '2022-02-28', dueDate: '2022-03-05', daysLeft: 0, reasons: [] });
		expect(out[1]).toMatchObject({ dueDate: '2023-01-05', periodStart: '2022-11-01', periodEnd: '2022-12-31', daysLeft: 16 });
		expect(out[2]).toMatchObject({ outcome: 'rejected', reasons: [expect.objectContaining({ code: 'DATE_INVALID', rule: '附件2 说明5' })] });
	});

	test('no date means today in China', async () => {
		const result = await runNode({ type: TYPE, parameters: { operation: 'reportingPeriod' } }, [{}]);
		const [out] = result.output('Node');
		expect(out.outcome).toBe('ok');
		expect(out.daysLeft as number).toBeGreaterThanOrEqual(0);
		expect(out.daysLeft as number).toBeLessThanOrEqual(62);
	});
});

describe('Quota Tracker: Build Report', () => {
	test('one item with the 附件2 workbook and the chart as binaries, and the chat summary', async () => {
		const doc = statisticsDocument();
		const result = await runNode(
			{
				type: TYPE,
				parameters: { operation: 'buildReport', countsSource: 'statistics', fillerName: '李小红', fillerPhone: '+86 139 0000 1234', fillerUnit: '广东省总工会基层部' },
			},
			[doc],
		);
		expect(result.error).toBeUndefined();
		const [item] = result.items('Node');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			asOf: AS_OF,
			files: { workbook: '进展统计表-2022-06-30.xlsx', chart: '进展统计表-2022-06-30.png' },
			province: { target: 500000, joined: 313380, planCostFen: 219371 * 2000 },
		});
		expect(item.json.behindSchedule).toHaveLength(14);
		expect(item.json.realNameBelowMinimum).toEqual(['广州', '惠州', '云浮', '佛山', '肇庆', '江门']);
		expect(item.json.markdown).toContain('## 建会入会进展 Campaign progress');
		expect(item.binary?.workbook).toMatchObject({
			fileName: '进展统计表-2022-06-30.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		});
		expect(item.binary?.chart).toMatchObject({ fileName: '进展统计表-2022-06-30.png', mimeType: 'image/png' });

		// the workbook, read back
		const workbook = new Workbook();
		await workbook.xlsx.load((await binaryBuffer(item.binary!.workbook)) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['全省汇总', ...CITIES.map((c) => c.cityName)]);
		const summary = workbook.getWorksheet('全省汇总')!;
		expect(summary.getRow(3).values).toEqual([undefined, ...SUMMARY_HEADERS]);
		expect(summary.getCell('A2').value).toBe('填报单位（盖章）：广东省总工会基层部');
		expect(summary.getCell('M2').value).toBe('填报人：李**　联系电话：139****1234');
		expect([summary.getCell('B4').value, summary.getCell('F4').value]).toEqual(['广州', 67824]);
		expect(summary.getCell('B25').value).toBe('全省合计');
		expect(summary.getCell('F25').value).toBe(313380);
		expect(summary.getCell('N25').value).toBe(219371 * 20);
		const shenzhen = workbook.getWorksheet('深圳')!;
		expect(shenzhen.getRow(3).values).toEqual([undefined, ...FORM_HEADERS]);
		expect(shenzhen.getCell('A2').value).toBe('填报单位（盖章）：深圳市总工会');
		expect([shenzhen.getCell('A9').value, shenzhen.getCell('C9').value, shenzhen.getCell('D9').value]).toEqual(['总计', 131100, 86526]);
		expect(shenzhen.getCell('E9').value).toBeCloseTo(0.66, 12);
		expect(shenzhen.getCell('E10').value).toBe('联系电话：139****1234');

		// the chart: a PNG of the drawn size, with the 21 bars where the SVG put them
		const png = await binaryBuffer(item.binary!.chart);
		expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		const image = decodePng(png);
		expect([image.width, image.height]).toEqual([1200, 630]);
		const chart = progressChartSvg(computeProgress(doc));
		expect(chart.svg.match(/<rect class="bar"/g)).toHaveLength(21);
		for (const bar of chart.bars) {
			const [r, g, b] = image.pixel(bar.x + bar.width / 2, bar.y + bar.height / 2);
			expect([bar.cityName, r, g, b]).toEqual([bar.cityName, ...(bar.behindSchedule ? [0xe0, 0x7b, 0x39] : [0x2f, 0x6f, 0xbf])]);
		}
	});

	test('counts rows make one report item paired to all of them; a file name can be given', async () => {
		const result = await runNode(
			{ type: TYPE, parameters: { operation: 'buildReport', countsSource: 'rows', asOf: AS_OF, fileName: 'report-june' } },
			[
				{ cityCode: '440100', group: 'courier', joined: 100, platformRegistered: 50 },
				{ cityCode: '440300', group: 'courier', joined: 100, platformRegistered: 90 },
			],
		);
		const items = result.items('Node');
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].binary?.workbook.fileName).toBe('report-june.xlsx');
		expect(items[0].json.realNameBelowMinimum).toEqual(['广州']);
	});
});
