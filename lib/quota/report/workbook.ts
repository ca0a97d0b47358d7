import type { Cell, Worksheet } from 'exceljs';
import { formatFen } from '../../core/money';
import { maskName, maskPhone } from '../../core/masking';
import type { CityProgress, ProgressReport, ProgressRow } from '../progress';
import { chineseDate, percent } from './format';

/** Who fills in the form (附件2: 填报单位 / 填报人 / 联系电话). */
export interface Filler {
	unit?: string;
	name?: string;
	phone?: string;
}

export interface WorkbookOptions {
	/** The filler for the province summary, and for every city sheet without its own. */
	filler?: Filler;
	/** Fillers per city code. */
	fillers?: Record<string, Filler>;
	/** 填报时间 `YYYY-MM-DD`; the report's asOf when absent. */
	filledAt?: string;
	/** Show the filler's name and phone unmasked (SPEC §1: off unless asked). */
	unmaskFiller?: boolean;
}

/** The 附件2 column headers, then the real-name rate the circular asks for in 正文 一. */
export const FORM_HEADERS = ['群体', '摸底人数', '入会目标数', '已入会数量', '完成率', '录入粤工惠平台数', '实名率'] as const;
export const SUMMARY_SHEET = '全省汇总';
export const SUMMARY_HEADERS = [
	'排名',
	'城市',
	'城市代码',
	'摸底人数',
	'入会目标数',
	'已入会数量',
	'完成率',
	'时间进度',
	'落后于时间进度',
	'录入粤工惠平台数',
	'实名率',
	'实名率低于80%',
	'参加互助保障人数',
	'互助保障费用（元）',
	'新建企业工会数',
	'新建企业工会目标数',
	'新建企业工会完成率',
	'新发展会员数',
	'新发展会员目标数',
	'新发展会员完成率',
] as const;

const TITLE = '新就业形态劳动者建会入会集中行动进展统计表';
const FILL = {
	header: 'FFD9E1F2',
	behind: 'FFFCE4D6',
	realNameLow: 'FFFFC7CE',
	total: 'FFF2F2F2',
};
const FONT_RED = 'FF9C0006';
const FONT_ORANGE = 'FFC65911';
const COUNT_FORMAT = '#,##0';
const RATE_FORMAT = '0.0%';
const YUAN_FORMAT = '"¥"#,##0.00';
const NOTES = [
	'1.摸底人数为各市调研摸底后掌握的新就业形态劳动者数量。',
	'2.入会目标数见附件1“新发展新就业形态会员任务目标数量”一栏。',
	'3.完成率为新发展新就业形态劳动者（货车司机、网约车司机、快递员、网约配送员等）已入会数量除以入会目标数。',
	'4.其他群体主要指网络直播、电商等新就业形态劳动者。',
	'5.本进展统计表每两月报送一次，于单月5号前填报。',
	'6.实名率为录入粤工惠平台数除以已入会数量，应达到80%以上（正文 一）。',
];
const BASIS_NOTE = {
	city: '各群体完成率以全市新就业形态会员目标数为分母（附件2 说明3），各群体之和为总计完成率。',
	surveyed: '各群体入会目标数按摸底人数以最大余数法分配，合计等于全市目标数。',
	table: '各群体入会目标数取自目标表中的分解数，合计等于全市目标数。',
};

/**
 * The progress report as an XLSX workbook in the 附件2 layout: a province summary ranked by
 * completion (cities behind schedule and below 80% real-name rate highlighted, plan cost beside
 * the real-name rate), then one sheet per city with its five group rows and total, the header
 * fields 填报单位 / 填报时间 and the footer 填报人 / 联系电话 (masked unless asked otherwise).
 */
export async function buildProgressWorkbook(report: ProgressReport, options: WorkbookOptions = {}): Promise<Buffer> {
	const { Workbook } = await import('exceljs');
	const workbook = new Workbook();
	workbook.creator = 'n8n-nodes-gonghui';
	const filledAt = options.filledAt ?? report.asOf;
	summarySheet(workbook.addWorksheet(SUMMARY_SHEET), report, options.filler ?? {}, filledAt, options.unmaskFiller === true);
	for (const city of report.cities) {
		const filler = { ...(options.filler ?? {}), unit: undefined, ...(options.fillers?.[city.cityCode] ?? {}) };
		citySheet(workbook.addWorksheet(city.cityName), report, city, filler, filledAt, options.unmaskFiller === true);
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function citySheet(sheet: Worksheet, report: ProgressReport, city: CityProgress, filler: Filler, filledAt: string, unmask: boolean): void {
	sheet.columns = [{ width: 14 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 18 }, { width: 10 }];
	title(sheet, 'A1:G1', TITLE);
	sheet.mergeCells('A2:D2');
	sheet.getCell('A2').value = `填报单位（盖章）：${filler.unit ?? `${city.cityName}市总工会`}`;
	sheet.mergeCells('E2:G2');
	sheet.getCell('E2').value = `填报时间：${chineseDate(filledAt)}`;
	header(sheet, 3, FORM_HEADERS);

	[...city.groups, city].forEach((row, i) => {
		const r = 4 + i;
		const cells = formRow(sheet, r, row);
		if (row.group === 'total') for (const cell of cells) cell.fill = solid(FILL.total);
		if (row.group === 'total' && city.behindSchedule) highlight(cells[4], FILL.behind, FONT_ORANGE);
		if (row.realNameBelowMinimum) highlight(cells[6], FILL.realNameLow, FONT_RED);
	});

	sheet.mergeCells('A10:D10');
	sheet.getCell('A10').value = `填报人：${shown(filler.name, unmask ? String : maskName)}`;
	sheet.mergeCells('E10:G10');
	sheet.getCell('E10').value = `联系电话：${shown(filler.phone, unmask ? String : maskPhone)}`;

	const schedule =
		city.behindSchedule === null
			? '无入会目标，不计进度'
			: `${city.behindSchedule ? '落后于' : '达到'}时间进度（完成率 ${percent(city.completionRate)}，时间进度 ${percent(report.elapsedFraction)}）`;
	note(sheet, 11, `进度：${schedule}；实名率 ${percent(city.realNameRate)}${city.realNameBelowMinimum ? '，低于80%' : ''}`);
	note(sheet, 12, `互助保障：参加 ${city.enrolled.toLocaleString('en-US')} 人，费用 ${formatFen(city.planCostFen)}（每人 ${formatFen(report.premiumFen)}）`);
	note(sheet, 13, '说明：');
	[...NOTES, BASIS_NOTE[city.groups[0]?.targetBasis ?? 'city']].forEach((text, i) => note(sheet, 14 + i, text));
}

function formRow(sheet: Worksheet, r: number, row: ProgressRow): Cell[] {
	const values: Array<string | number> = [row.groupName, row.surveyed, row.target, row.joined, rate(row.completionRate), row.platformRegistered, rate(row.realNameRate)];
	const formats = [undefined, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT, COUNT_FORMAT, RATE_FORMAT];
	return values.map((value, c) => {
		const cell = sheet.getCell(r, c + 1);
		cell.value = value;
		if (formats[c] && typeof value === 'number') cell.numFmt = formats[c]!;
		cell.border = thin();
		cell.alignment = { horizontal: c === 0 ? 'left' : 'right' };
		return cell;
	});
}

function summarySheet(sheet: Worksheet, report: ProgressReport, filler: Filler, filledAt: string, unmask: boolean): void {
	sheet.columns = SUMMARY_HEADERS.map((h) => ({ width: Math.max(9, h.length * 2 + 2) }));
	const lastColumn = columnLetter(SUMMARY_HEADERS.length);
	title(sheet, `A1:${lastColumn}1`, `${TITLE}（全省汇总，截至${chineseDate(report.asOf)}）`);
	sheet.mergeCells('A2:F2');
	sheet.getCell('A2').value = `填报单位（盖章）：${filler.unit ?? '广东省总工会'}`;
	sheet.mergeCells('G2:L2');
	sheet.getCell('G2').value = `填报时间：${chineseDate(filledAt)}`;
	sheet.mergeCells(`M2:${lastColumn}2`);
	sheet.getCell('M2').value = `填报人：${shown(filler.name, unmask ? String : maskName)}\u3000联系电话：${shown(filler.phone, unmask ? String : maskPhone)}`;
	header(sheet, 3, SUMMARY_HEADERS);

	const byCode = new Map(report.cities.map((c) => [c.cityCode, c]));
	const rows: Array<{ rank: number | string; city: Omit<CityProgress, 'rank'> }> = report.ranking.map((r) => ({ rank: r.rank, city: byCode.get(r.cityCode)! }));
	rows.push({ rank: '', city: report.province as Omit<CityProgress, 'rank'> });
	rows.forEach(({ rank, city }, i) => {
		const r = 4 + i;
		const isTotal = i === rows.length - 1;
		const values: Array<string | number> = [
			rank,
			isTotal ? '全省合计' : city.cityName,
			city.cityCode,
			city.surveyed,
			city.target,
			city.joined,
			rate(city.completionRate),
			report.elapsedFraction,
			city.behindSchedule === null ? '—' : city.behindSchedule ? '是' : '否',
			city.platformRegistered,
			rate(city.realNameRate),
			city.realNameBelowMinimum ? '是' : '否',
			city.enrolled,
			city.planCostFen / 100,
			city.enterpriseUnions.count,
			city.enterpriseUnions.target,
			rate(city.enterpriseUnions.rate),
			city.members.count,
			city.members.target,
			rate(city.members.rate),
		];
		const formats: Array<string | undefined> = [
			undefined, undefined, undefined, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT, RATE_FORMAT, undefined,
			COUNT_FORMAT, RATE_FORMAT, undefined, COUNT_FORMAT, YUAN_FORMAT, COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT, COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT,
		];
		const cells = values.map((value, c) => {
			const cell = sheet.getCell(r, c + 1);
			cell.value = value;
			if (formats[c] && typeof value === 'number') cell.numFmt = formats[c]!;
			cell.border = thin();
			if (isTotal) {
				cell.fill = solid(FILL.total);
				cell.font = { bold: true };
			}
			return cell;
		});
		if (city.behindSchedule) {
			highlight(cells[6], FILL.behind, FONT_ORANGE);
			highlight(cells[8], FILL.behind, FONT_ORANGE);
		}
		if (city.realNameBelowMinimum) {
			highlight(cells[10], FILL.realNameLow, FONT_RED);
			highlight(cells[11], FILL.realNameLow, FONT_RED);
		}
	});
	const after = 4 + rows.length + 1;
	note(sheet, after, '橙色：完成率落后于时间进度（活动期 2021年9月7日至2022年12月31日，按已过天数计算）；红色：实名率低于80%（正文 一）。', lastColumn);
	note(sheet, after + 1, `互助保障费用 = 参加人数 × 每人 ${formatFen(report.premiumFen)}（附件4 第三条）。完成率、实名率为比值，显示时保留一位小数。`, lastColumn);
	sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
}

function title(sheet: Worksheet, range: string, text: string): void {
	sheet.mergeCells(range);
	const cell = sheet.getCell(range.split(':')[0]);
	cell.value = text;
	cell.font = { bold: true, size: 14 };
	cell.alignment = { horizontal: 'center', vertical: 'middle' };
	sheet.getRow(1).height = 28;
}

function header(sheet: Worksheet, r: number, headers: readonly string[]): void {
	headers.forEach((text, c) => {
		const cell = sheet.getCell(r, c + 1);
		cell.value = text;
		cell.font = { bold: true };
		cell.fill = solid(FILL.header);
		cell.border = thin();
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	});
	sheet.getRow(r).height = 32;
}

function note(sheet: Worksheet, r: number, text: string, lastColumn = 'G'): void {
	sheet.mergeCells(`A${r}:${lastColumn}${r}`);
	const cell = sheet.getCell(`A${r}`);
	cell.value = text;
	cell.alignment = { wrapText: true, vertical: 'top' };
}

function highlight(cell: Cell, fill: string, font: string): void {
	cell.fill = solid(fill);
	cell.font = { ...(cell.font ?? {}), color: { argb: font }, bold: true };
}

function solid(argb: string) {
	return { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } };
}

function thin() {
	const side = { style: 'thin' as const, color: { argb: 'FF999999' } };
	return { top: side, left: side, bottom: side, right: side };
}

function rate(value: number | null): number | string {
	return value === null ? '—' : value;
}

function shown(value: string | undefined, mask: (v: string) => string): string {
	return value ? mask(value) : '';
}

function columnLetter(n: number): string {
	let s = '';
	for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
	return s;
}
