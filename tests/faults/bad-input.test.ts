/**
 * Bad input through every decision node, in the real n8n engine: generated malformed items
 * (wrong types, missing fields, 100 kB strings, unicode oddities, arrays where objects belong,
 * numbers as strings, deep nesting), in batches as a workflow hands them over. No run may crash;
 * every input item gets exactly one output item, paired to it, in order, that says why: reasons,
 * or (for an item that cannot be read at all, under continueOnFail) an error with a message.
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { runNode } from '../helpers/harness';
import { DECISION_TARGETS, type DecisionTarget } from '../fixtures/faults/decisionNodes';

const ITEMS_PER_NODE = Number(process.env.FAULTS_ITEMS_PER_NODE ?? 10_000);
const BATCH = 1_000;
const SEED = Number(process.env.FAULTS_SEED ?? 20220301);

interface Figures {
	requests: number;
	refused: number;
	processed: number;
	duplicates: number;
	lost: number;
}

function hasReasons(value: unknown): boolean {
	return (
		Array.isArray(value) &&
		value.length > 0 &&
		value.every((r) => typeof r === 'object' && r !== null && typeof r.code === 'string' && r.code !== '' && typeof r.message === 'string' && r.message !== '')
	);
}

/** An error item: `{ error: message }`, or `{ error: { message, … } }` as on n8n's error output. */
function isErrorItem(json: IDataObject): boolean {
	const error = json.error as unknown;
	if (typeof error === 'string') return error.trim() !== '';
	const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
	return typeof message === 'string' && message.trim() !== '';
}

/** An error item, or a decision with at least one reason that rejects. */
function isRefused(target: DecisionTarget, json: IDataObject): boolean {
	const reasons = target.reasonsOf(json);
	return isErrorItem(json) || (Array.isArray(reasons) && reasons.some((r) => r?.severity === 'reject'));
}

/** What is wrong with one output item, or null. */
function problemWith(target: DecisionTarget, item: INodeExecutionData | undefined, index: number): string | null {
	if (!item) return 'no output item';
	const paired = item.pairedItem;
	if (typeof paired !== 'object' || paired === null || Array.isArray(paired) || paired.item !== index) {
		return `pairedItem ${JSON.stringify(paired)}`;
	}
	if (isErrorItem(item.json) || hasReasons(target.reasonsOf(item.json))) return null;
	return `no reasons: ${JSON.stringify(item.json).slice(0, 400)}`;
}

function preview(value: unknown): string {
	const text = JSON.stringify(value, (_key, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
	return (text ?? String(value)).slice(0, Number(process.env.FAULTS_PREVIEW ?? 600));
}

/** Where an exception was thrown: its message and the first frames in this package. */
function whereThrown(error: Error): string {
	const frames = (error.stack ?? '')
		.split('\n')
		.filter((line) => /^\s+at /.test(line) && !line.includes('node_modules'))
		.slice(0, 3)
		.map((line) => line.trim().replace(/^at /, '').replace(/\(.*?\/(lib|nodes)\//, '($1/'));
	return `${error.message} (${frames.join(' ← ')})`;
}

/**
 * Runs a batch. When the run fails, finds the items that fail it on their own (each a crash to
 * report) and runs the batch again without them, so the other items are still checked.
 */
async function runBatch(target: DecisionTarget, items: IDataObject[]) {
	const first = await runNode(target.node, items);
	if (!first.error) return { result: first, kept: items.map((_, i) => i), crashes: [] as Array<{ index: number; error: string }> };
	const crashes: Array<{ index: number; error: string }> = [];
	for (let i = 0; i < items.length; i++) {
		const alone = await runNode(target.node, [items[i]]);
		if (alone.error) crashes.push({ index: i, error: whereThrown(alone.error) });
	}
	const kept = items.map((_, i) => i).filter((i) => !crashes.some((c) => c.index === i));
	const result = await runNode(target.node, kept.map((i) => items[i]));
	if (result.error) throw new Error(`${target.name}: the batch fails without any item failing alone: ${whereThrown(result.error)}`);
	return { result, kept, crashes };
}

describe(`bad input through every decision node (${ITEMS_PER_NODE} generated items per node, batches of ${BATCH})`, () => {
	for (const [t, target] of DECISION_TARGETS.entries()) {
		it(`${target.name}: no crash, one paired output per item, each with its reasons`, async () => {
			const figures: Figures = { requests: 0, refused: 0, processed: 0, duplicates: 0, lost: 0 };
			const problems: string[] = [];
			const crashSites = new Map<string, number>();
			for (let batch = 0; batch * BATCH < ITEMS_PER_NODE; batch++) {
				const seed = SEED + t * 1000 + batch;
				const items = fc.sample(target.items, { numRuns: Math.min(BATCH, ITEMS_PER_NODE - batch * BATCH), seed });
				figures.requests += items.length;
				const { result, kept, crashes } = await runBatch(target, items);
				for (const crash of crashes) {
					figures.lost++;
					if (!crashSites.has(crash.error)) problems.push(`seed ${seed} item ${crash.index}: the run crashed: ${crash.error}\n  input: ${preview(items[crash.index])}`);
					crashSites.set(crash.error, (crashSites.get(crash.error) ?? 0) + 1);
				}
				expect(result.status).toBe('success');
				const out = result.items('Node');
				figures.processed += out.length;
				const seen = new Set<number>();
				for (const item of out) {
					const index = (item.pairedItem as { item?: number } | undefined)?.item;
					if (typeof index !== 'number' || seen.has(index)) figures.duplicates++;
					else seen.add(index);
					if (isRefused(target, item.json)) figures.refused++;
				}
				figures.lost += kept.filter((_, j) => !seen.has(j)).length;
				for (let j = 0; j < kept.length && problems.length < 10; j++) {
					const problem = problemWith(target, out[j], j);
					if (problem) problems.push(`seed ${seed} item ${kept[j]}: ${problem}\n  input: ${preview(items[kept[j]])}`);
				}
			}
			console.log(`${target.name}: requests=${figures.requests}, refused=${figures.refused}, processed=${figures.processed}, duplicates=${figures.duplicates}, lost=${figures.lost}`);
			expect(problems).toEqual([]);
			expect(figures.processed).toBe(figures.requests);
			expect(figures.duplicates).toBe(0);
			expect(figures.lost).toBe(0);
		}, 240_000);
	}
});
