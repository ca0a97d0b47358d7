import { CITIES } from '../../core/cities';
import { chineseDate } from './format';

/**
 * Every fixed piece of text the chart draws. The chart font is subset at build time to exactly
 * these characters (plus city names and printable ASCII), so text added to the chart must be
 * added here too, or it renders as nothing.
 */
export const CHART_TEXT = Object.freeze({
	title: '新就业形态劳动者入会完成率',
	asOf: (date: string) => `截至${chineseDate(date)}`,
	province: '全省完成率',
	elapsed: '时间进度',
	onSchedule: '达到时间进度',
	behind: '落后于时间进度',
	noTarget: '无目标',
	realNameLow: '实名率低于80%',
	axis: '完成率',
});

/** The characters the chart can ever need: the labels above, the dates' 年月日, city names and printable ASCII. */
export function chartGlyphs(): string {
	const fixed = [
		CHART_TEXT.title,
		CHART_TEXT.asOf('2022-12-31'),
		CHART_TEXT.province,
		CHART_TEXT.elapsed,
		CHART_TEXT.onSchedule,
		CHART_TEXT.behind,
		CHART_TEXT.noTarget,
		CHART_TEXT.realNameLow,
		CHART_TEXT.axis,
		'：·（）—',
		...CITIES.map((c) => c.cityName),
	].join('');
	let ascii = '';
	for (let code = 0x20; code < 0x7f; code++) ascii += String.fromCharCode(code);
	return [...new Set([...fixed, ...ascii])].join('');
}
