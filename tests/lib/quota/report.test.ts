import { Workbook, type Worksheet } from 'exceljs';
import { rmSync } from 'node:fs';
import {
	CITIES,
	FORM_HEADERS,
	SUMMARY_HEADERS,
	SUMMARY_SHEET,
	WECOM_MARKDOWN_MAX_BYTES,
	buildProgressWorkbook,
	computeProgress,
	progressChartSvg,
	progressMarkdown,
	renderProgressChart,
	type ProgressReport,
} from '../../../lib';
import { buildTestChartFont, sampleCounts } from './fixtures';
import { PNG_SIGNATURE, decodePng } from './pngPixels';

const AS_OF = '2022-06-30';
let report: ProgressReport;
let fontFile: string;

beforeAll(async () => {
	report = computeProgress(sampleCounts(), { asOf: AS_OF });
	fontFile = await buildTestChartFont();
});
afterAll(() => rmSync(fontFile, { force: true }));

async function readBack(buffer: Buffer): Promise<Workbook> {
	const workbook = new Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook;
}

function rowValues(sheet: Worksheet, r: number, columns: number): unknown[] {
	return Array.from({ length: columns }, (_, c) => sheet.getCell(r, c + 1).value);
}

function allText(workbook: Workbook): string {
	const parts: string[] = [];
	workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value)))));
	return parts.join('\n');
}

function fillOf(sheet: Worksheet, r: number, c: number): string | undefined {
	const fill = sheet.getCell(r, c).fill as { fgColor?: { argb?: string } } | undefined;
	return fill?.fgColor?.argb;
}

describe('the 附件2 workbook', () => {
	test('a province summary, then one sheet per city in 附件1 order', async () => {
		const workbook = await readBack(await buildProgressWorkbook(report));
		expect(workbook.worksheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, ...CITIES.map((c) => c.cityName)]);
	});

	test('a city sheet: header fields, the 附件2 columns, five group rows and the total, with the numbers', async () => {
		const workbook = await readBack(await buildProgressWorkbook(report, { filler: { name: '欧阳小明', phone: '13812345678' } }));
		const sheet = workbook.getWorksheet('广州')!;
		expect(sheet.getCell('A1').value).toBe('新就业形态劳动者建会入会集中行动进展统计表');
		expect(sheet.getCell('A2').value).toBe('填报单位（盖章）：广州市总工会');
		expect(sheet.getCell('E2').value).toBe('填报时间：2022年6月30日');
		expect(rowValues(sheet, 3, 7)).toEqual([...FORM_HEADERS]);
		expect(FORM_HEADERS).toEqual(['群体', '摸底人数', '入会目标数', '已入会数量', '完成率', '录入粤工惠平台数', '实名率']);
		const gz = report.cities[0];
		[...gz.groups, gz].forEach((row, i) => {
			expect(rowValues(sheet, 4 + i, 7)).toEqual([row.groupName, row.surveyed, row.target, row.joined, row.completionRate, row.platformRegistered, row.realNameRate]);
		});
		expect(rowValues(sheet, 4, 1)).toEqual(['货车司机']);
		expect(rowValues(sheet, 9, 4)).toEqual(['总计', 135648, 94200, 67824]);
		expect(sheet.getCell('E9').value).toBeCloseTo(0.72, 12);
		expect(sheet.getCell('E9').numFmt).toBe('0.0%');
		expect(sheet.getCell('B9').numFmt).toBe('#,##0');
		expect(sheet.getCell('A10').value).toBe('填报人：欧阳**');
		expect(sheet.getCell('E10').value).toBe('联系电话：138****5678');
		// 广州's real-name rate is 75%: highlighted in red
		expect(fillOf(sheet, 9, 7)).toBe('FFFFC7CE');
		expect(String(sheet.getCell('A12').value)).toContain('¥949,560.00');
	});

	test('personal data stays masked everywhere unless asked for', async () => {
		const filler = { name: '张三丰', phone: '138-1234-5678' };
		const masked = allText(await readBack(await buildProgressWorkbook(report, { filler })));
		expect(masked).not.toMatch(/1234.?5678|三丰/);
		expect(masked).toContain('138****5678');
		const shown = allText(await readBack(await buildProgressWorkbook(report, { filler, unmaskFiller: true })));
		expect(shown).toContain('联系电话：138-1234-5678');
		expect(shown).toContain('填报人：张三丰');
	});

	test('fillers per city name the unit; the others default to the city federation', async () => {
		const workbook = await readBack(
			await buildProgressWorkbook(report, { filledAt: '2022-07-04', fillers: { '440300': { unit: '深圳市总工会基层工作部', phone: '13900001111' } } }),
		);
		expect(workbook.getWorksheet('深圳')!.getCell('A2').value).toBe('填报单位（盖章）：深圳市总工会基层工作部');
		expect(workbook.getWorksheet('深圳')!.getCell('E10').value).toBe('联系电话：139****1111');
		expect(workbook.getWorksheet('珠海')!.getCell('A2').value).toBe('填报单位（盖章）：珠海市总工会');
		expect(workbook.getWorksheet('珠海')!.getCell('E2').value).toBe('填报时间：2022年7月4日');
	});

	test('the summary: ranked by completion, behind schedule and low real-name highlighted, plan cost in yuan', async () => {
		const workbook = await readBack(await buildProgressWorkbook(report));
		const sheet = workbook.getWorksheet(SUMMARY_SHEET)!;
		expect(rowValues(sheet, 3, SUMMARY_HEADERS.length)).toEqual([...SUMMARY_HEADERS]);
		const col = (header: (typeof SUMMARY_HEADERS)[number]) => SUMMARY_HEADERS.indexOf(header) + 1;
		report.ranking.forEach((entry, i) => {
			const r = 4 + i;
			const city = report.cities.find((c) => c.cityCode === entry.cityCode)!;
			expect(sheet.getCell(r, col('排名')).value).toBe(entry.rank);
			expect(sheet.getCell(r, col('城市')).value).toBe(city.cityName);
			expect(sheet.getCell(r, col('已入会数量')).value).toBe(city.joined);
			expect(sheet.getCell(r, col('完成率')).value).toBeCloseTo(city.completionRate!, 12);
			expect(sheet.getCell(r, col('互助保障费用（元）')).value).toBe(city.enrolled * 20);
			expect(sheet.getCell(r, col('落后于时间进度')).value).toBe(city.behindSchedule ? '是' : '否');
			expect(sheet.getCell(r, col('实名率低于80%')).value).toBe(city.realNameBelowMinimum ? '是' : '否');
			expect(fillOf(sheet, r, col('完成率'))).toBe(city.behindSchedule ? 'FFFCE4D6' : undefined);
			expect(fillOf(sheet, r, col('实名率'))).toBe(city.realNameBelowMinimum ? 'FFFFC7CE' : undefined);
		});
		const completions = report.ranking.map((_, i) => sheet.getCell(4 + i, col('完成率')).value as number);
		expect([...completions].sort((a, b) => b - a)).toEqual(completions);
		expect(sheet.getCell(4, col('城市')).value).toBe('广州');
		expect(sheet.getCell(24, col('城市')).value).toBe('汕尾');
		const total = 4 + report.ranking.length;
		expect(rowValues(sheet, total, 6)).toEqual(['', '全省合计', '440000', report.province.surveyed, 500000, report.province.joined]);
		expect(sheet.getCell(total, col('互助保障费用（元）')).value).toBe(report.province.planCostFen / 100);
		expect(sheet.getCell(total, col('新建企业工会目标数')).value).toBe(20000);
		expect(sheet.getCell(total, col('新发展会员目标数')).value).toBe(1200000);
		expect(sheet.getCell(total, col('互助保障费用（元）')).numFmt).toBe('"¥"#,##0.00');
	});

	test('a zero target shows a dash, never NaN', async () => {
		const zero = computeProgress([{ cityCode: '440100', group: 'courier', joined: 3 }], {
			asOf: AS_OF,
			targets: { year: 2022, cities: [{ cityCode: '440100', enterpriseUnions: 0, members: 0, newFormMembers: 0 }] },
		});
		const workbook = await readBack(await buildProgressWorkbook(zero));
		const text = allText(workbook);
		expect(text).not.toMatch(/NaN|Infinity/);
		expect(workbook.getWorksheet('广州')!.getCell('E9').value).toBe('—');
	});
});

describe('the completion chart', () => {
	test('21 bars in ranking order, heights in proportion, against the elapsed-time line', () => {
		const chart = progressChartSvg(report);
		expect(chart.svg.match(/<rect class="bar"/g)).toHaveLength(21);
		expect(chart.bars.map((b) => b.cityCode)).toEqual(report.ranking.map((r) => r.cityCode));
		const codesInSvg = [...chart.svg.matchAll(/class="bar" data-city-code="(\d+)"/g)].map((m) => m[1]);
		expect(codesInSvg).toEqual(report.ranking.map((r) => r.cityCode));
		// y axis 0–100%: a bar of rate r is r × the plot height tall
		const plotHeight = chart.bars[0].height / chart.bars[0].completionRate!;
		for (const bar of chart.bars) expect(bar.height).toBeCloseTo(bar.completionRate! * plotHeight, 6);
		expect(chart.bars[0].y + chart.bars[0].height - chart.elapsedLineY).toBeCloseTo(report.elapsedFraction * plotHeight, 6);
		expect(chart.svg).toContain('新就业形态劳动者入会完成率（截至2022年6月30日）');
		expect(chart.svg).toContain('时间进度 61.7%');
		for (const city of CITIES) expect(chart.svg).toContain(`>${city.cityName}</text>`);
	});

	test('the PNG: its signature and size, each bar drawn in its colour, the Chinese labels drawn', async () => {
		const chart = await renderProgressChart(report, { fontFile });
		expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		const image = decodePng(chart.png);
		expect([image.width, image.height]).toEqual([chart.width, chart.height]);
		expect([image.width, image.height]).toEqual([1200, 630]);
		for (const bar of chart.bars) {
			const [r, g, b] = image.pixel(bar.x + bar.width / 2, bar.y + bar.height / 2);
			expect([r, g, b]).toEqual(bar.behindSchedule ? [0xe0, 0x7b, 0x39] : [0x2f, 0x6f, 0xbf]);
		}
		// every city name (Chinese only) leaves dark pixels in the box under its bar
		const bottom = chart.bars[0].y + chart.bars[0].height;
		for (const bar of chart.bars) {
			let dark = 0;
			for (let x = Math.floor(bar.x) - 4; x < bar.x + bar.width + 4; x++) {
				for (let y = bottom + 8; y < bottom + 30; y++) {
					const [r, g, b] = image.pixel(x, y);
					if (r + g + b < 300) dark++;
				}
			}
			expect([bar.cityName, dark > 20]).toEqual([bar.cityName, true]);
		}
	});

	test('without its font file the chart refuses, in Chinese and English', async () => {
		await expect(renderProgressChart(report, { fontFile: '/nonexistent/chart-font.ttf' })).rejects.toThrow(/图表字体文件缺失.*chart font is missing/);
	});

	test('a city without a target is a grey bar of no height labelled 无目标', () => {
		const zero = computeProgress([], { asOf: AS_OF, targets: { year: 2022, cities: [{ cityCode: '440100', enterpriseUnions: 0, members: 0, newFormMembers: 0 }, { cityCode: '440300', enterpriseUnions: 1, members: 1, newFormMembers: 1 }] } });
		const chart = progressChartSvg(zero);
		expect(chart.bars).toHaveLength(2);
		expect(chart.bars[1]).toMatchObject({ cityCode: '440100', height: 0 });
		expect(chart.svg).toContain('无目标');
		expect(chart.svg).not.toMatch(/NaN/);
	});
});

describe('the chat summary', () => {
	test('bilingual headings, the province line, the lists and the next report', () => {
		const md = progressMarkdown(report);
		expect(md).toContain('## 建会入会进展 Campaign progress（截至 2022-06-30）');
		expect(md).toContain('全省完成率 Completion：**62.7%**（313,380 / 500,000）');
		expect(md).toContain('### 完成率排名 Ranking');
		expect(md).toContain('1. 广州 72.0% · 实名 <font color="warning">75.0%</font>');
		expect(md).toContain('### 落后于时间进度 Behind schedule（14）');
		expect(md).toContain('### 实名率低于80% Real-name rate below 80%（6）');
		expect(md).toContain('互助保障费用 Plan cost：¥4,387,420.00');
		expect(md).toContain('2022-07-05（剩 5 天 days left），统计 2022-05-01 至 2022-06-30');
	});

	test('stays within WeCom’s limit even when every city is flagged', () => {
		const worst = computeProgress(
			CITIES.map((c) => ({ cityCode: c.cityCode, group: 'courier', joined: 1, platformRegistered: 0 })),
			{ asOf: '2022-12-31' },
		);
		const md = progressMarkdown(worst);
		expect(worst.ranking.every((r) => r.behindSchedule && r.realNameBelowMinimum)).toBe(true);
		expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
	});
});
