import { formatFen } from '../../core/money';
import { reportingPeriod } from '../calendar';
import type { ProgressReport } from '../progress';
import { percent, thousands } from './format';

/** WeCom group robots refuse markdown messages longer than this many bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/**
 * A short summary for a chat message (WeCom markdown: headings, bold, quotes and `<font
 * color="info|warning|comment">`), bilingual headings: the province's completion against the
 * elapsed time, the real-name rate, the plan cost, the ranking, the cities behind schedule or
 * below 80% real-name rate, and the next report due.
 */
export function progressMarkdown(report: ProgressReport): string {
	const p = report.province;
	const behind = report.ranking.filter((r) => r.behindSchedule);
	const lowRealName = report.ranking.filter((r) => r.realNameBelowMinimum);
	const next = reportingPeriod(report.asOf);
	const lines = [
		`## 建会入会进展 Campaign progress（截至 ${report.asOf}）`,
		`> 全省完成率 Completion：**${percent(p.completionRate)}**（${thousands(p.joined)} / ${thousands(p.target)}）`,
		`> 时间进度 Elapsed：${percent(report.elapsedFraction)}${p.behindSchedule ? ' <font color="warning">落后 behind</font>' : ''}`,
		`> 实名率 Real-name rate：${colour(percent(p.realNameRate), p.realNameBelowMinimum)}（要求 ≥ 80%）`,
		`> 互助保障费用 Plan cost：${formatFen(p.planCostFen)}（${thousands(p.enrolled)} 人 × ${formatFen(report.premiumFen)}）`,
		'',
		'### 完成率排名 Ranking',
		...report.ranking.map(
			(r) =>
				`${r.rank}. ${r.cityName} ${colour(percent(r.completionRate), r.behindSchedule === true)}` +
				` · 实名 ${colour(percent(r.realNameRate), r.realNameBelowMinimum)}`,
		),
		'',
		`### 落后于时间进度 Behind schedule（${behind.length}）`,
		behind.length ? behind.map((r) => r.cityName).join('、') : '<font color="info">无 None</font>',
		'',
		`### 实名率低于80% Real-name rate below 80%（${lowRealName.length}）`,
		lowRealName.length ? lowRealName.map((r) => `${r.cityName} ${percent(r.realNameRate)}`).join('、') : '<font color="info">无 None</font>',
		'',
		'### 下次报送 Next report',
		`${next.dueDate}（剩 ${next.daysLeft} 天 days left），统计 ${next.periodStart} 至 ${next.periodEnd}`,
	];
	return lines.join('\n');
}

function colour(text: string, warn: boolean): string {
	return warn ? `<font color="warning">${text}</font>` : text;
}
