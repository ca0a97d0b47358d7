import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TARGETS_2022, WORKER_GROUPS, chartGlyphs, type CountsRow } from '../../../lib';

/** Completion rates per city in 附件1 order; every fourth city with a 75% real-name rate. */
export const SAMPLE_RATES = [0.72, 0.66, 0.58, 0.61, 0.55, 0.43, 0.4, 0.7, 0.64, 0.3, 0.69, 0.62, 0.5, 0.33, 0.6, 0.47, 0.52, 0.38, 0.65, 0.45, 0.59];
const SHARES = [0.2, 0.2, 0.25, 0.3, 0.05];

/** Counts on the 附件1 targets: each city at its SAMPLE_RATES completion, split across the groups. */
export function sampleCounts(): CountsRow[] {
	const rows: CountsRow[] = [];
	TARGETS_2022.cities.forEach((city, i) => {
		const joined = Math.round(city.newFormMembers * SAMPLE_RATES[i]);
		WORKER_GROUPS.forEach((group, j) => {
			const part = Math.round(joined * SHARES[j]);
			rows.push({
				cityCode: city.cityCode,
				group,
				surveyed: part * 2,
				joined: part,
				platformRegistered: Math.round(part * (i % 4 === 0 ? 0.75 : 0.86)),
				enrolled: Math.round(part * 0.7),
			});
		});
		rows.push({ cityCode: city.cityCode, newEnterpriseUnions: Math.round(city.enterpriseUnions * 0.5), newMembers: Math.round(city.members * 0.6) });
	});
	return rows;
}

/** The chart font subset the way scripts/build-chart-font.js does it, for tests of the lib from source. */
export async function buildTestChartFont(): Promise<string> {
	const subsetFont = require('subset-font') as (font: Buffer, text: string, options: { targetFormat: string }) => Promise<Buffer>;
	const source = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
	const file = join(tmpdir(), `quota-chart-font-${process.pid}.ttf`);
	writeFileSync(file, await subsetFont(readFileSync(source), chartGlyphs(), { targetFormat: 'truetype' }));
	return file;
}
