/**
 * Progress over the campaign's 1.2 million members, paged from the local 粤工惠 platform over
 * signed HTTP (GET /api/v1/members?limit=500) and counted as they arrive (the quota aggregator,
 * constant memory), against n8n's own way of counting records: the Summarize node
 * (n8n-nodes-base.summarize) over the first records of the same platform as items, run through the
 * n8n engine in the same process. Summarize has to hold every record as an item, so it gets at most
 * 200 000 of them and the comparison is per record. The aggregator's totals are checked against a
 * SQL count on the platform's database, and Summarize's counts against the aggregator's over the
 * records Summarize saw, so both really count the same thing.
 *
 * The platform is seeded once into .data/bench/ and the file is reused while its recorded seed
 * size matches. The platform server runs in this process, so the peak RSS includes it.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProgressAggregator, type StatisticsDocument } from '../lib';
import { signRequest } from '../lib/platform/signing';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer } from '../sandbox';
import { getMeta, openDatabase } from '../sandbox/db/open';
import type { BenchResult } from './benchResult';
const PAGE_SIZE = 500; // the platform's largest page (GET /members?limit=500)
const PEAK_RSS_LIMIT_MB = 1024;
const PLAN_ID = 'GD-NEWFORM-2022';
const WINDOW = { from: '2021-09-07', asOf: '2022-12-31' };

interface MemberRecord {
	memberId: string;
	cityCode: string;
	group: string;
	joinedAt: string;
	realNameRegistered: boolean;
	enrolments: Array<{ planId: string; enrolledAt: string }>;
	[field: string]: unknown;
}

function mb(bytes: number): number {
	return Math.round((bytes / 1048576) * 10) / 10;
}

function seededSize(file: string): number | undefined {
	if (!existsSync(file)) return undefined;
	const db = openDatabase(file);
	try {
		const meta = getMeta(db, 'seed');
		return meta ? (JSON.parse(meta) as { size?: number }).size : undefined;
	} finally {
		db.close();
	}
}

/** The platform on a seeded SQLite file under .data/bench/, seeding it only when not yet seeded with `size`. */
async function startPlatform(size: number): Promise<{ platform: PlatformServer; seedMs: number | null; file: string }> {
	const dir = path.join(__dirname, '..', '.data', 'bench');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `progress-members-${size}.sqlite`);
	const reuse = seededSize(file) === size;
	if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true }); // a half-seeded or other-size file
	const started = performance.now();
	const platform = await createPlatformServer({ dbFile: file, seed: { size } });
	const seedMs = reuse ? null : performance.now() - started;
	if (seededSize(file) !== size) throw new Error(`${file} is not seeded with ${size} members`);
	return { platform, seedMs, file };
}

/** Pages GET /members through the signed API, handing each page on and keeping none; stops after `limit` records. */
async function pageMembers(apiUrl: string, onPage: (items: MemberRecord[]) => void, limit = Infinity): Promise<number> {
	let cursor: string | null = null;
	let read = 0;
	do {
		const take = Math.min(PAGE_SIZE, limit - read);
		const url = new URL(`${apiUrl}/members?limit=${take}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		const headers = signRequest({ method: 'GET', pathWithQuery: url.pathname + url.search, body: '', appKey: DEMO_APP_KEY, secret: DEMO_SECRET });
		const response = await fetch(url, { headers: headers as unknown as Record<string, string> });
		const text = await response.text();
		if (response.status !== 200) throw new Error(`GET ${url.pathname}${url.search}: ${response.status} ${text.slice(0, 300)}`);
		const page = JSON.parse(text) as { items: MemberRecord[]; nextCursor: string | null };
		onPage(page.items);
		read += page.items.length;
		cursor = page.nextCursor;
	} while (cursor && read < limit);
	return read;
}

/** Pages every member from the platform into the aggregator, one page held at a time. */
async function aggregateFromPlatform(apiUrl: string) {
	(globalThis as { gc?: () => void }).gc?.();
	const aggregator = createProgressAggregator({ ...WINDOW, planId: PLAN_ID });
	let peakRss = process.memoryUsage.rss();
	const started = performance.now();
	const read = await pageMembers(apiUrl, (items) => {
		for (const member of items) aggregator.add(member);
		const rss = process.memoryUsage.rss();
		if (rss > peakRss) peakRss = rss;
	});
	const counts = aggregator.counts();
	const report = aggregator.result();
	const ms = performance.now() - started;
	return { ms, peakRss, counts, report, read, counted: aggregator.counted, skipped: aggregator.skipped };
}

/** The same totals counted by SQLite on the platform's own database. */
function sqlCounts(platform: PlatformServer): Map<Key, [number, number, number]> {
	const rows = platform.db
		.prepare(
			`SELECT m.city_code AS cityCode, m.grp AS grp, COUNT(*) AS joined, SUM(m.real_name_registered) AS registered,
				SUM(m.member_id IN (SELECT member_id FROM enrolments WHERE plan_id = ?)) AS enrolled
			FROM members m WHERE substr(m.joined_at, 1, 10) BETWEEN ? AND ?
			GROUP BY m.city_code, m.grp`,
		)
		.all(PLAN_ID, WINDOW.from, WINDOW.asOf) as Array<{ cityCode: string; grp: string; joined: number; registered: number; enrolled: number }>;
	return new Map(rows.map((r) => [`${r.cityCode}|${r.grp}`, [r.joined, r.registered, r.enrolled]]));
}

function sameCounts(a: Map<Key, [number, number, number]>, b: Map<Key, [number, number, number]>): boolean {
	return a.size === b.size && [...a].every(([k, v]) => String(b.get(k)) === String(v));
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
async function summarize(records: MemberRecord[]) {
	(globalThis as { afterAll?: unknown }).afterAll ??= () => undefined; // the harness registers a jest hook
	const harness = await import('../tests/helpers/harness');
	await harness.loadRegistry(); // loading n8n's nodes is not a per-record cost
	// 0/1 copies of the booleans, so Summarize can add them up.
	const members = records.map((m) => ({
		...m,
		registeredFlag: m.realNameRegistered ? 1 : 0,
		enrolledFlag: m.enrolments.some((e) => e.planId === PLAN_ID) ? 1 : 0,
	}));
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

	const { platform, seedMs, file } = await startPlatform(members);
	console.log(`progress: platform on ${path.relative(process.cwd(), file)}, ${seedMs === null ? 'already seeded' : `seeded in ${(seedMs / 1000).toFixed(1)} s`}`);
	try {
		const big = await aggregateFromPlatform(platform.apiUrl);
		if (big.read !== members) throw new Error(`paged ${big.read} of ${members} members`);
		const expectedBig = sqlCounts(platform);
		if (!sameCounts(countsByKey(big.counts), expectedBig)) throw new Error('the aggregator disagrees with the SQL count on the platform database');
		const sqlCounted = [...expectedBig.values()].reduce((a, v) => a + v[0], 0);
		if (big.counted !== sqlCounted || big.counted + big.skipped !== members) {
			throw new Error(`aggregator counted ${big.counted} and skipped ${big.skipped}; SQL counts ${sqlCounted} of ${members}`);
		}
		console.log(
			`progress: paged ${big.read} members in ${(big.ms / 1000).toFixed(1)} s, counted ${big.counted} (${big.skipped} joined before the campaign), peak RSS ${mb(big.peakRss)} MB; matches SQL`,
		);
		const aggregatorNs = (big.ms * 1e6) / members;

		// The first records of the same platform, held as Summarize needs them.
		const firstRecords: MemberRecord[] = [];
		await pageMembers(platform.apiUrl, (items) => firstRecords.push(...items), summarized);
		if (firstRecords.length !== summarized) throw new Error(`read ${firstRecords.length} of ${summarized} records for Summarize`);
		const sum = await summarize(firstRecords);
		// Both must count the same: the aggregator over exactly the records Summarize saw (all of them, no date window, as Summarize has none).
		const small = createProgressAggregator({ planId: PLAN_ID });
		for (const m of firstRecords) small.add(m);
		if (!sameCounts(countsByKey(small.counts()), sum.map)) {
			throw new Error('Summarize and the aggregator disagree on the counts: the comparison is void');
		}
		const summarizeNs = (sum.ms * 1e6) / summarized;
		const ratio = aggregatorNs / summarizeNs;
		const peakMb = mb(big.peakRss);

		return [
			{
				name: `progress: aggregate ${members.toLocaleString('en-US')} members paged from the platform (time per record, HTTP included, vs Summarize)`,
				value: Math.round(aggregatorNs),
				unit: 'ns/record',
				baseline: Math.round(summarizeNs),
				ratio: Math.round(ratio * 1000) / 1000,
				target: '< 1 (faster per record than n8n Summarize)',
				pass: ratio < 1,
			},
			{
				name: `progress: aggregate ${members.toLocaleString('en-US')} members paged from the platform (total time)`,
				value: Math.round(big.ms),
				unit: 'ms',
				baseline: Math.round((summarizeNs * members) / 1e6),
				ratio: Math.round((big.ms / ((summarizeNs * members) / 1e6)) * 1000) / 1000,
				target: `< 1 (Summarize extrapolated from ${summarized.toLocaleString('en-US')} items)`,
				pass: big.ms < (summarizeNs * members) / 1e6,
			},
			{
				name: `progress: peak RSS while paging ${members.toLocaleString('en-US')} members (platform server in the same process)`,
				value: peakMb,
				unit: 'MB',
				baseline: PEAK_RSS_LIMIT_MB,
				ratio: Math.round((peakMb / PEAK_RSS_LIMIT_MB) * 1000) / 1000,
				target: `< ${PEAK_RSS_LIMIT_MB} MB`,
				pass: peakMb < PEAK_RSS_LIMIT_MB,
			},
			{
				name: `progress: n8n Summarize over the first ${summarized.toLocaleString('en-US')} platform members as items (process peak RSS after)`,
				value: mb(sum.maxRssAfter),
				unit: 'MB',
				baseline: null,
				ratio: null,
				target: 'for information: what holding records as items costs',
				pass: true,
			},
		];
	} finally {
		await platform.close();
	}
}
