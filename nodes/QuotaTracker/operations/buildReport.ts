import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { buildProgressWorkbook, computeProgress, progressMarkdown, renderProgressChart } from '../../../lib/quota';
import { progressOptionsOf, type ProgressJob } from './input';
import { pairedTo } from './pairing';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One item: binary `workbook` (附件2 XLSX) and `chart` (PNG), json with the summary and the chat markdown. */
export async function buildReportOutput(this: IExecuteFunctions, job: ProgressJob): Promise<INodeExecutionData> {
	const i = job.paramIndex;
	const report = computeProgress(job.counts, progressOptionsOf.call(this, i));
	const text = (name: string) => String(this.getNodeParameter(name, i, '') ?? '').trim() || undefined;
	const workbook = await buildProgressWorkbook(report, {
		filler: { unit: text('fillerUnit'), name: text('fillerName'), phone: text('fillerPhone') },
		unmaskFiller: this.getNodeParameter('unmaskFiller', i, false) as boolean,
	});
	const chart = await renderProgressChart(report);
	const base = text('fileName') ?? `进展统计表-${report.asOf}`;
	const files = { workbook: `${base}.xlsx`, chart: `${base}.png` };
	// The province's group rows are in the workbook; the item keeps its totals.
	const province = Object.fromEntries(Object.entries(report.province).filter(([key]) => key !== 'groups'));
	const json: IDataObject = {
		asOf: report.asOf,
		year: report.year,
		elapsedFraction: report.elapsedFraction,
		premiumFen: report.premiumFen,
		province: province as IDataObject,
		ranking: report.ranking as unknown as IDataObject[],
		behindSchedule: report.ranking.filter((r) => r.behindSchedule).map((r) => r.cityName),
		realNameBelowMinimum: report.ranking.filter((r) => r.realNameBelowMinimum).map((r) => r.cityName),
		markdown: progressMarkdown(report),
		issues: report.issues as unknown as IDataObject[],
		files,
	};
	return {
		json,
		binary: {
			workbook: await this.helpers.prepareBinaryData(workbook, files.workbook, XLSX_MIME),
			chart: await this.helpers.prepareBinaryData(chart.png, files.chart, 'image/png'),
		},
		pairedItem: pairedTo(job.itemIndexes),
	};
}
