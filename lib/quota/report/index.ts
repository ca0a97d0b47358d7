/** Rendering of the progress report: the 附件2 workbook, the completion chart and a chat summary. */
export { buildProgressWorkbook, FORM_HEADERS, SUMMARY_HEADERS, SUMMARY_SHEET, type Filler, type WorkbookOptions } from './workbook';
export { progressChartSvg, renderProgressChart, CHART_FONT_FILE, type ChartBar, type ProgressChartSvg, type ProgressChartPng } from './chart';
export { CHART_TEXT, chartGlyphs } from './chartText';
export { progressMarkdown, WECOM_MARKDOWN_MAX_BYTES } from './markdown';
