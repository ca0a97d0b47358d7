import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CityProgress, ProgressReport } from '../progress';
import { CHART_TEXT } from './chartText';
import { percent } from './format';

/** The font the chart is drawn with: Noto Sans SC subset at build time, beside this file in the build. */
export const CHART_FONT_FILE = join(__dirname, 'chart-font.ttf');
const FONT_FAMILY = 'Noto Sans SC';

const WIDTH = 1200;
const HEIGHT = 630;
const PLOT = { left: 80, right: 1170, top: 120, bottom: 560 };
const COLOURS = { onSchedule: '#2f6fbf', behind: '#e07b39', noTarget: '#b8b8b8', elapsed: '#c62828', grid: '#e3e3e3', text: '#222222', muted: '#666666' };

export interface ChartBar {
	cityCode: string;
	cityName: string;
	completionRate: number | null;
	behindSchedule: boolean | null;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface ProgressChartSvg {
	svg: string;
	width: number;
	height: number;
	/** One per city, highest completion first, as drawn. */
	bars: ChartBar[];
	/** The y of the elapsed-time line. */
	elapsedLineY: number;
}

export interface ProgressChartPng extends ProgressChartSvg {
	png: Buffer;
}

/**
 * Completion by city as an SVG: one bar per city in ranking order against the dashed line of the
 * elapsed share of the campaign; bars behind that line in orange, a red dot under cities whose
 * real-name rate is below 80%.
 */
export function progressChartSvg(report: ProgressReport): ProgressChartSvg {
	const byCode = new Map(report.cities.map((c) => [c.cityCode, c]));
	const cities = report.ranking.map((r) => byCode.get(r.cityCode)!) as CityProgress[];
	const highest = Math.max(1, report.elapsedFraction, ...cities.map((c) => c.completionRate ?? 0));
	const yMax = Math.ceil(highest / 0.2 - 1e-9) * 0.2;
	const plotHeight = PLOT.bottom - PLOT.top;
	const y = (rate: number) => PLOT.bottom - (rate / yMax) * plotHeight;
	const slot = (PLOT.right - PLOT.left) / Math.max(1, cities.length);
	const barWidth = Math.round(slot * 0.62);

	const parts: string[] = [];
	const text = (x: number, yy: number, content: string, attrs: Record<string, string | number> = {}) =>
		parts.push(`<text x="${fixed(x)}" y="${fixed(yy)}"${attributes({ 'font-size': 14, fill: COLOURS.text, ...attrs })}>${escapeXml(content)}</text>`);

	parts.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
	text(WIDTH / 2, 44, `${CHART_TEXT.title}（${CHART_TEXT.asOf(report.asOf)}）`, { 'font-size': 26, 'text-anchor': 'middle' });
	text(WIDTH / 2, 76, `${CHART_TEXT.province} ${percent(report.province.completionRate)} · ${CHART_TEXT.elapsed} ${percent(report.elapsedFraction)}`, {
		'font-size': 17,
		'text-anchor': 'middle',
		fill: COLOURS.muted,
	});
	legend(parts, text);

	for (let tick = 0; tick <= yMax + 1e-9; tick += 0.2) {
		const ty = y(tick);
		parts.push(`<line x1="${PLOT.left}" y1="${fixed(ty)}" x2="${PLOT.right}" y2="${fixed(ty)}" stroke="${COLOURS.grid}" stroke-width="1"/>`);
		text(PLOT.left - 8, ty + 5, percent(tick, 0), { 'font-size': 13, 'text-anchor': 'end', fill: COLOURS.muted });
	}
	text(24, (PLOT.top + PLOT.bottom) / 2, CHART_TEXT.axis, { 'font-size': 14, 'text-anchor': 'middle', fill: COLOURS.muted, transform: `rotate(-90 24 ${(PLOT.top + PLOT.bottom) / 2})` });

	const valueLabels: Array<[number, number, string]> = [];
	const bars: ChartBar[] = cities.map((city, i) => {
		const rate = city.completionRate;
		const top = y(Math.min(rate ?? 0, yMax));
		const x = PLOT.left + slot * i + (slot - barWidth) / 2;
		const colour = rate === null ? COLOURS.noTarget : city.behindSchedule ? COLOURS.behind : COLOURS.onSchedule;
		parts.push(
			`<rect class="bar" data-city-code="${city.cityCode}" x="${fixed(x)}" y="${fixed(top)}" width="${barWidth}" height="${fixed(PLOT.bottom - top)}" fill="${colour}"/>`,
		);
		const centre = x + barWidth / 2;
		valueLabels.push([centre, top - 6, rate === null ? CHART_TEXT.noTarget : percent(rate)]);
		text(centre, PLOT.bottom + 24, city.cityName, { 'font-size': 15, 'text-anchor': 'middle' });
		if (city.realNameBelowMinimum) parts.push(`<circle cx="${fixed(centre)}" cy="${PLOT.bottom + 40}" r="5" fill="${COLOURS.elapsed}"/>`);
		return { cityCode: city.cityCode, cityName: city.cityName, completionRate: rate, behindSchedule: city.behindSchedule, x, y: top, width: barWidth, height: PLOT.bottom - top };
	});

	parts.push(`<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="${COLOURS.text}" stroke-width="1"/>`);
	const elapsedY = y(report.elapsedFraction);
	parts.push(
		`<line class="elapsed" x1="${PLOT.left}" y1="${fixed(elapsedY)}" x2="${PLOT.right}" y2="${fixed(elapsedY)}" stroke="${COLOURS.elapsed}" stroke-width="2" stroke-dasharray="8 5"/>`,
	);
	text(PLOT.right, elapsedY - 6, `${CHART_TEXT.elapsed} ${percent(report.elapsedFraction)}`, { 'font-size': 13, 'text-anchor': 'end', fill: COLOURS.elapsed });
	// Drawn over the line, with a white halo, so a value near the line stays readable.
	for (const [x, yy, label] of valueLabels) {
		text(x, yy, label, { 'font-size': 12, 'text-anchor': 'middle', stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' });
	}

	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT_FAMILY}">` +
		parts.join('') +
		'</svg>';
	return { svg, width: WIDTH, height: HEIGHT, bars, elapsedLineY: elapsedY };
}

/**
 * The chart as a PNG, drawn by resvg with the bundled subset font (no system fonts: a server
 * without CJK fonts would otherwise draw the Chinese labels as nothing).
 */
export async function renderProgressChart(report: ProgressReport, options: { fontFile?: string } = {}): Promise<ProgressChartPng> {
	const fontFile = options.fontFile ?? CHART_FONT_FILE;
	if (!existsSync(fontFile)) {
		throw new Error(`图表字体文件缺失（${fontFile}），请先构建软件包 / The chart font is missing (${fontFile}); build the package first`);
	}
	const chart = progressChartSvg(report);
	const { Resvg } = await import('@resvg/resvg-js');
	const resvg = new Resvg(chart.svg, {
		font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
		fitTo: { mode: 'original' },
		background: '#ffffff',
	});
	const png = resvg.render().asPng();
	return { ...chart, png };
}

function legend(parts: string[], text: (x: number, y: number, content: string, attrs?: Record<string, string | number>) => void): void {
	const y = 98;
	let x = 330;
	const swatch = (colour: string, label: string) => {
		parts.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${colour}"/>`);
		text(x + 20, y + 1, label, { 'font-size': 14 });
		x += 34 + label.length * 15;
	};
	swatch(COLOURS.onSchedule, CHART_TEXT.onSchedule);
	swatch(COLOURS.behind, CHART_TEXT.behind);
	parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 26}" y2="${y - 4}" stroke="${COLOURS.elapsed}" stroke-width="2" stroke-dasharray="8 5"/>`);
	text(x + 32, y + 1, CHART_TEXT.elapsed, { 'font-size': 14 });
	x += 42 + CHART_TEXT.elapsed.length * 15;
	parts.push(`<circle cx="${x + 6}" cy="${y - 4}" r="5" fill="${COLOURS.elapsed}"/>`);
	text(x + 18, y + 1, CHART_TEXT.realNameLow, { 'font-size': 14 });
}

function attributes(attrs: Record<string, string | number>): string {
	return Object.entries(attrs)
		.map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
		.join('');
}

function fixed(n: number): string {
	return String(Math.round(n * 10) / 10);
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
