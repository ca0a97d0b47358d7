/**
 * Progress over the campaign's 1.2 million members, counted as they are paged (the quota
 * aggregator, constant memory), against n8n's own way of counting records: the Summarize node
 * (n8n-nodes-base.summarize) over the same records as items, run through the n8n engine in the
 * same process. Summarize has to hold every record as an item, so it gets at most 200 000 of them
 * and the comparison is per record. Its counts are checked against the aggregator's, so both
 * really count the same thing.
 */
import { performance } from 'node:perf_hooks';
import { CITIES, WORKER_GROUPS, createProgressAggregator, type StatisticsDocument } from '../lib';

export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	baseline: number | null;
	ratio: number | null;
	target: string;
	pass: boolean;
}

const PAGE_SIZE = 500; // the platform's largest page (GET /members?limit=500)
const PEAK_RSS_LIMIT_MB = 1024;
const PLAN_ID = 'GD-NEWFORM-2022';
const CAMPAIGN_DAYS = 480;

interface SyntheticMember {
	memberId: string;
	name: string;
	idNumber: string;
	phone: string;
	group: string;
	employmentRelation: string;
	cityCode: string;
	orgId: string;
	joinedAt: string;
	realNameRegistered: boolean;
	enrolments: Array<{ planId: string; enrolledAt: string }>;
	version: number;
	/** 0/1 copies of the booleans, so Summarize can add them up. */
	registeredFlag: number;
	enrolledFlag: number;
}

/** Deterministic members spread over the cities as 附件1's new-form targets are. */
function* memberPages(total: number, seed = 20220630): Generator<SyntheticMember[]> {
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const weights = CITIES.map((c) => c.targets2022.newFormMembers);
	const sum = weights.reduce((a, b) => a + b, 0);
	const cumulative: number[] = [];
	weights.reduce((a, w, i) => (cumulative[i] = a + w / sum), 0);
	const dates = Array.from({ length: CAMPAIGN_DAYS }, (_, d) => new Date(Date.UTC(2021, 8, 8 + d)).toISOString().slice(0, 10) + 'T10:30:00+08:00');
	const relations = ['labor_contract', 'platform_managed', 'civil', 'dispatch'];
	let made = 0;
	while (made < total) {
		const page: SyntheticMember[] = [];
		for (let k = 0; k < PAGE_SIZE && made < total; k++, made++) {
			const r = random();
			let c = 0;
			while (c < cumulative.length - 1 && r > cumulative[c]) c++;
			const cityCode = CITIES[c].cityCode;
			const registered = random() < 0.86;
			const enrolled = registered && random() < 0.8;
			const joinedAt = dates[Math.floor(random() * CAMPAIGN_DAYS)];
			page.push({
				memberId: `M${made}`,
				name: '测试会员',
				idNumber: `4401061990${String(made % 100000000).padStart(8, '0')}`,
				phone: `138${String(made % 100000000).padStart(8, '0')}`,
				group: WORKER_GROUPS[Math.floor(random() * WORKER_GROUPS.length)],
				employmentRelation: relations[made % relations.length],
				cityCode,
				orgId: `FED-${cityCode}`,
				joinedAt,
				realNameRegistered: registered,
				enrolments: enrolled ? [{ planId: PLAN_ID, enrolledAt: joinedAt }] : [],
				version: 1,
				registeredFlag: registered ? 1 : 0,
				enrolledFlag: enrolled ? 1 : 0,
			});
		}
		yield page;
	}
}

function mb(bytes: number): number {
	return Math.round((bytes / 1048576) * 10) / 10;
}

/** Aggregates `total` members page by page, holding one page at a time. */
function aggregate(total: number) {
	const aggregator = createProgressAggregator({ asOf: '2022-12-31', from: '2021-09-07', planId: PLAN_ID });
	let peakRss = process.memoryUsage.rss();
	const started = performance.now();
	for (const page of memberPages(total)) {
		for (const member of page) aggregator.add(member);
		const rss = process.memoryUsage.rss();
		if (rss > peakRss) peakRss = rss;
	}
	const counts = aggregator.counts();
	const report = aggregator.result();
	const ms = performance.now() - started;
	return { ms, peakRss, counts, report, counted: aggregator.counted };
}

type Key = string;
function countsByKey(doc: StatisticsDocument): Map<Key, [number, number, number]> {
	const map = new Map<Key, [number, number, number]>();
	for (const city of doc.cities) {
		for (const g of city.groups ?? []) {
			if (g.joined) map.set(`${city.cityCode}|${g.group}`, [g.joined ?? 0, g.platformRegistered ?? 0, g.enrolled ?? 0]);
		}
	}
	return map;
}

/** The Summarize node counting the same members as items, through the n8n engine. */
async function summarize(total: number) {
	(globalThis as { afterAll?: unknown }).afterAll ??= () => undefined; // the harness registers a jest hook
	const harness = await import('../tests/helpers/harness');
	await harness.loadRegistry(); // loading n8n's nodes is not a per-record cost
	const members: SyntheticMember[] = [];
	for (const page of memberPages(total)) members.push(...page);
	const workflow = {
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{
				id: 's',
				name: 'Summarize',
				type: 'n8n-nodes-base.summarize',
				typeVersion: 1.1,
				position: [200, 0] as [number, number],
				parameters: {
					fieldsToSummarize: {
						values: [
							{ aggregation: 'count', field: 'memberId' },
							{ aggregation: 'sum', field: 'registeredFlag' },
							{ aggregation: 'sum', field: 'enrolledFlag' },
						],
					},
					fieldsToSplitBy: 'cityCode, group',
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Summarize', type: 'main' as const, index: 0 }]] } },
		pinData: { Start: members.map((json) => ({ json: json as unknown as Record<string, unknown> })) },
	};
	const runSummarize = (w: unknown) => harness.runWorkflow(w as Parameters<typeof harness.runWorkflow>[0]);
	await runSummarize({ ...workflow, pinData: { Start: workflow.pinData.Start.slice(0, 100) } }); // warm-up
	const started = performance.now();
	const result = await runSummarize(workflow);
	const ms = performance.now() - started;
	if (result.error) throw result.error;
	const rows = result.output('Summarize');
	harness.shutdownEngine();
	const map = new Map<Key, [number, number, number]>();
	for (const row of rows) {
		map.set(`${row.cityCode}|${row.group}`, [Number(row.count_memberId), Number(row.sum_registeredFlag), Number(row.sum_enrolledFlag)]);
	}
	return { ms, map, maxRssAfter: process.resourceUsage().maxRSS * 1024 };
}

export async function run({ quick = false }: { quick?: boolean } = {}): Promise<BenchResult[]> {
	const members = quick ? 120_000 : 1_200_000;
	const summarized = quick ? 20_000 : 200_000;

	const big = aggregate(members);
	if (big.counted !== members) throw new Error(`aggregator counted ${big.counted} of ${members} members`);
	const aggregatorNs = (big.ms * 1e6) / members;

	const sum = await summarize(summarized);
	// Both must count the same: the aggregator over exactly the records Summarize saw.
	const small = aggregate(summarized);
	const expected = countsByKey(small.counts);
	if (expected.size !== sum.map.size || [...expected].some(([k, v]) => String(sum.map.get(k)) !== String(v))) {
		throw new Error('Summarize and the aggregator disagree on the counts: the comparison is void');
	}
	const summarizeNs = (sum.ms * 1e6) / summarized;
	const ratio = aggregatorNs / summarizeNs;
	const peakMb = mb(big.peakRss);

	return [
		{
			name: `progress: aggregate ${members.toLocaleString('en-US')} paged members (time per record vs Summarize)`,
			value: Math.round(aggregatorNs),
			unit: 'ns/record',
			baseline: Math.round(summarizeNs),
			ratio: Math.round(ratio * 1000) / 1000,
			target: '< 1 (faster per record than n8n Summarize)',
			pass: ratio < 1,
		},
		{
			name: `progress: aggregate ${members.toLocaleString('en-US')} paged members (total time)`,
			value: Math.round(big.ms),
			unit: 'ms',
			baseline: Math.round((summarizeNs * members) / 1e6),
			ratio: Math.round((big.ms / ((summarizeNs * members) / 1e6)) * 1000) / 1000,
			target: `< 1 (Summarize extrapolated from ${summarized.toLocaleString('en-US')} items)`,
			pass: big.ms < (summarizeNs * members) / 1e6,
		},
		{
			name: `progress: peak RSS while aggregating ${members.toLocaleString('en-US')} members`,
			value: peakMb,
			unit: 'MB',
			baseline: PEAK_RSS_LIMIT_MB,
			ratio: Math.round((peakMb / PEAK_RSS_LIMIT_MB) * 1000) / 1000,
			target: `< ${PEAK_RSS_LIMIT_MB} MB`,
			pass: peakMb < PEAK_RSS_LIMIT_MB,
		},
		{
			name: `progress: n8n Summarize over ${summarized.toLocaleString('en-US')} member items (process peak RSS after)`,
			value: mb(sum.maxRssAfter),
			unit: 'MB',
			baseline: null,
			ratio: null,
			target: 'for information: what holding records as items costs',
			pass: true,
		},
	];
}
