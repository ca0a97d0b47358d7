/**
 * Claim adjudication at scale, against baselines measured in the same run:
 * (a) the Claim Adjudication node over 100 000 claims in one in-process n8n execution, against
 *     n8n's Set node (n8n-nodes-base.set 3.4, adding two fields) over the same items — the cheapest
 *     thing a workflow does to every item; target: at most twice Set's time per item;
 * (b) `adjudicateClaim` (every §6 rule, reasons and explanation included) against only the tier,
 *     cap and expense-window rules written for json-rules-engine, a common rules engine; target: at
 *     least ten times faster;
 * (c) the same comparison like for like: those three rules as the lib/claims functions
 *     adjudicateClaim uses, against json-rules-engine; target: at least ten times faster.
 * In (b) and (c) both sides must agree on what is counted and what is due, so they do compute
 * the same thing.
 */
import { performance } from 'node:perf_hooks';
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { IDataObject } from 'n8n-workflow';
import { addDays, adjudicateClaim, BUILT_IN_PLANS, claimDeadlines, computePayout, type ClaimDecision } from '../lib';
import { PACKAGE, runNode } from '../tests/helpers/harness';
import type { BenchResult } from './benchResult';

const PLAN = BUILT_IN_PLANS.find((p) => p.planId === 'GD-NEWFORM-2022')!;
const GROUPS = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider', 'other'];
const DIAGNOSES = [['S82.201', 'V28.4'], ['S52.5', 'W01'], ['S06.0', 'V43'], ['S93.4'], ['S61.0', 'W26'], ['S82.2', 'M51.2'], ['J18.9']];

/** Deterministic, varied claims: a few invoices each, some with history, some flawed. */
export function makeClaims(count: number, seed = 20220305): IDataObject[] {
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const days = Array.from({ length: 365 }, (_, d) => addDays('2022-01-01', d));
	const claims: IDataObject[] = [];
	for (let n = 0; n < count; n++) {
		const accident = pick(days.slice(10));
		const invoices = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, k) => ({
			invoiceCode: '4400221130',
			invoiceNo: String(10000000 + n * 8 + k),
			serviceDate: addDays(accident, Math.floor(random() * 200) - 5),
			selfPaidInScopeFen: Math.floor(random() * random() * 800000),
			outOfScopeFen: Math.floor(random() * 20000),
		}));
		const paidInPlanFen = random() < 0.2 ? Math.floor(random() * 1100000) : 0;
		const paidForAccidentFen = random() < 0.5 ? Math.min(paidInPlanFen, 20000) : 0;
		claims.push({
			claimId: `CLM-${n}`,
			submittedAt: `${addDays(accident, 20 + Math.floor(random() * 300))}T10:${String(n % 60).padStart(2, '0')}:00+08:00`,
			member: {
				memberId: `M-${n}`,
				name: '测试会员',
				idNumber: '11010519491231002X',
				isUnionMember: random() < 0.98,
				realNameRegistered: random() < 0.97,
				group: pick(GROUPS),
				enrolments: [{ planId: 'GD-NEWFORM-2022', enrolledAt: '2022-01-05T09:00:00+08:00' }],
			},
			accident: { date: accident, time: '14:30', description: '配送途中摔伤', diagnoses: pick(DIAGNOSES) },
			hospital: { name: '某市人民医院', level: pick([3, 2, '三级甲等', '二级', '二级甲等']), ownership: random() < 0.95 ? 'public' : 'private', category: 'general' },
			invoices: random() < 0.01 ? [{ invoiceNo: 'broken' }] : invoices,
			documents: { invoiceOriginals: true, accidentProof: random() < 0.95, medicalRecords: true },
			payee: { name: '测试会员', bankAccount: '6222021234567890123' },
			history: { paidInPlanFen, paidForAccidentFen, countedForAccidentFen: paidForAccidentFen ? 30000 : 0, countedInvoiceKeys: [] },
		});
	}
	return claims;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

const SET_NODE = {
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		includeOtherFields: true,
		assignments: {
			assignments: [
				{ id: 'a', name: 'received', value: true, type: 'boolean' },
				{ id: 'b', name: 'batch', value: 'bench', type: 'string' },
			],
		},
	},
};
const CLAIM_NODE = { type: `${PACKAGE}.claimAdjudication`, parameters: {} };

/** (a) the node against Set, per item, in one execution each, alternating so both see the same machine state. */
async function nodeVersusSet(count: number, repeats: number): Promise<BenchResult> {
	const claims = makeClaims(count);
	const warm = claims.slice(0, 1000);
	await runNode(CLAIM_NODE, warm);
	await runNode(SET_NODE, warm);
	const nodeMs: number[] = [];
	const setMs: number[] = [];
	for (let r = 0; r < repeats; r++) {
		let out: IDataObject[] = [];
		nodeMs.push(
			await timed(async () => {
				const result = await runNode(CLAIM_NODE, claims);
				out = result.output('Node');
			}),
		);
		if (out.length !== count || !out.every((o, i) => o.claimId === claims[i].claimId && typeof o.outcome === 'string')) {
			throw new Error('Claim Adjudication did not return one decision per claim, in order');
		}
		out = [];
		setMs.push(
			await timed(async () => {
				const result = await runNode(SET_NODE, claims);
				if (result.output('Node').length !== count) throw new Error('Set did not return every item');
			}),
		);
	}
	const perItem = (median(nodeMs) * 1000) / count;
	const baseline = (median(setMs) * 1000) / count;
	const ratio = perItem / baseline;
	return {
		name: `Claim Adjudication node, ${count.toLocaleString('en-US')} claims in one execution, vs Set node (per item)`,
		value: perItem,
		unit: 'µs/item',
		baseline,
		ratio,
		target: 'ratio ≤ 2',
		pass: ratio <= 2,
	};
}

/** The tier, cap and window rules of 附件4 第五条 as json-rules-engine rules. */
function rulesEngines() {
	const windowEngine = new Engine([], { allowUndefinedFacts: false });
	windowEngine.addRule({
		name: 'expense-window',
		conditions: {
			all: [
				{ fact: 'daysAfterAccident', operator: 'greaterThanInclusive', value: 0 },
				{ fact: 'daysAfterAccident', operator: 'lessThanInclusive', value: PLAN.expenseWindowDays },
			],
		},
		event: { type: 'counted' },
	});
	const tierEngine = new Engine([], { allowUndefinedFacts: false });
	PLAN.tiers.forEach((tier, i) => {
		const rule: RuleProperties = {
			name: `tier-${i}`,
			conditions: {
				all: [
					{ fact: 'countedFen', operator: 'greaterThanInclusive', value: tier.fromFen },
					...(tier.toFen === null ? [] : [{ fact: 'countedFen', operator: 'lessThanInclusive', value: tier.toFen }]),
				],
			},
			event: { type: 'tier', params: { payoutFen: tier.payoutFen } },
		};
		tierEngine.addRule(rule);
	});
	tierEngine.addRule({
		name: 'cap-reached',
		conditions: { all: [{ fact: 'paidInPlanFen', operator: 'greaterThanInclusive', value: PLAN.annualCapFen }] },
		event: { type: 'capReached' },
	});
	return { windowEngine, tierEngine };
}

const DAY_MS = 86400000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

interface Subset {
	countedFen: number;
	tierFen: number;
	dueFen: number;
}

async function withRulesEngine(engines: ReturnType<typeof rulesEngines>, claim: IDataObject): Promise<Subset> {
	const accident = dayNumber((claim.accident as IDataObject).date as string);
	const history = claim.history as { paidInPlanFen: number; paidForAccidentFen: number; countedForAccidentFen: number };
	let countedFen = history.countedForAccidentFen;
	for (const invoice of claim.invoices as { serviceDate: string; selfPaidInScopeFen: number }[]) {
		const { events } = await engines.windowEngine.run({ daysAfterAccident: dayNumber(invoice.serviceDate) - accident });
		if (events.length) countedFen += invoice.selfPaidInScopeFen;
	}
	const { events } = await engines.tierEngine.run({ countedFen, paidInPlanFen: history.paidInPlanFen });
	const tierFen = (events.find((e) => e.type === 'tier')?.params?.payoutFen as number | undefined) ?? 0;
	const remaining = events.some((e) => e.type === 'capReached') ? 0 : PLAN.annualCapFen - history.paidInPlanFen;
	return { countedFen, tierFen, dueFen: Math.min(Math.max(0, tierFen - history.paidForAccidentFen), remaining) };
}

/** Claims where only tier, cap and window decide: eligible members, hospitals and papers, no flaws. */
export function plainClaims(count: number): IDataObject[] {
	return makeClaims(count, 7).map((claim) => ({
		...claim,
		member: { ...(claim.member as IDataObject), isUnionMember: true, realNameRegistered: true },
		accident: { ...(claim.accident as IDataObject), diagnoses: ['S82.201', 'V28.4'] },
		hospital: { name: '某市人民医院', level: 3, ownership: 'public', category: 'general' },
		invoices: Array.isArray(claim.invoices) && (claim.invoices as IDataObject[])[0].serviceDate ? claim.invoices : [],
		documents: { invoiceOriginals: true, accidentProof: true, medicalRecords: true },
		submittedAt: `${(claim.accident as IDataObject).date}T18:00:00+08:00`,
	}));
}

/** (b) adjudicateClaim against json-rules-engine, per claim; both must agree on counted, tier and due. */
async function libraryVersusRulesEngine(count: number, repeats: number): Promise<BenchResult> {
	const claims = plainClaims(count);
	const engines = rulesEngines();
	for (const claim of claims.slice(0, 500)) {
		const ours = adjudicateClaim(claim);
		const theirs = await withRulesEngine(engines, claim);
		if (!['approved', 'below_threshold', 'rejected'].includes(ours.outcome)) {
			throw new Error(`${String(claim.claimId)} is decided by more than tier, cap and window (${ours.outcome})`);
		}
		const ourDue = ours.outcome === 'approved' ? ours.payoutFen : 0;
		if (ours.countedFen !== theirs.countedFen || ours.tierFen !== theirs.tierFen || ourDue !== theirs.dueFen) {
			throw new Error(`adjudicateClaim and the rules engine disagree on ${String(claim.claimId)}`);
		}
	}
	const oursMs: number[] = [];
	const theirsMs: number[] = [];
	let sink = 0;
	for (let r = 0; r < repeats; r++) {
		oursMs.push(
			await timed(() => {
				for (const claim of claims) sink += (adjudicateClaim(claim) as ClaimDecision).payoutFen;
			}),
		);
		theirsMs.push(
			await timed(async () => {
				for (const claim of claims) sink += (await withRulesEngine(engines, claim)).dueFen;
			}),
		);
	}
	if (Number.isNaN(sink)) throw new Error('unreachable');
	const perClaim = (median(oursMs) * 1000) / count;
	const baseline = (median(theirsMs) * 1000) / count;
	const speedup = baseline / perClaim;
	return {
		name: `adjudicateClaim (all §6 rules) vs json-rules-engine (tier, cap, window only), ${count.toLocaleString('en-US')} claims`,
		value: perClaim,
		unit: 'µs/claim',
		baseline,
		ratio: speedup,
		target: 'speedup ≥ 10',
		pass: speedup >= 10,
	};
}

/** The same three rules as lib/claims computes them inside adjudicateClaim, without the rest. */
function withPlainFunctions(claim: IDataObject): Subset {
	const date = (claim.accident as IDataObject).date as string;
	const history = claim.history as { paidInPlanFen: number; paidForAccidentFen: number; countedForAccidentFen: number };
	const { expenseWindowEnd } = claimDeadlines(date, PLAN);
	let countedFen = history.countedForAccidentFen;
	for (const invoice of claim.invoices as { serviceDate: string; selfPaidInScopeFen: number }[]) {
		if (invoice.serviceDate >= date && invoice.serviceDate <= expenseWindowEnd) countedFen += invoice.selfPaidInScopeFen;
	}
	const payout = computePayout({ countedFen, paidForAccidentFen: history.paidForAccidentFen, paidInPlanFen: history.paidInPlanFen }, PLAN);
	return { countedFen, tierFen: payout.tierFen, dueFen: payout.dueFen };
}

/** (c) like for like: the tier, cap and window rules as plain functions against the same rules in json-rules-engine. */
async function rulesVersusRulesEngine(count: number, repeats: number): Promise<BenchResult> {
	const claims = plainClaims(count);
	const engines = rulesEngines();
	for (const claim of claims.slice(0, 500)) {
		const ours = withPlainFunctions(claim);
		const theirs = await withRulesEngine(engines, claim);
		if (ours.countedFen !== theirs.countedFen || ours.tierFen !== theirs.tierFen || ours.dueFen !== theirs.dueFen) {
			throw new Error(`the plain rules and the rules engine disagree on ${String(claim.claimId)}`);
		}
	}
	const oursMs: number[] = [];
	const theirsMs: number[] = [];
	let sink = 0;
	for (let r = 0; r < repeats; r++) {
		oursMs.push(
			await timed(() => {
				for (const claim of claims) sink += withPlainFunctions(claim).dueFen;
			}),
		);
		theirsMs.push(
			await timed(async () => {
				for (const claim of claims) sink += (await withRulesEngine(engines, claim)).dueFen;
			}),
		);
	}
	if (Number.isNaN(sink)) throw new Error('unreachable');
	const perClaim = (median(oursMs) * 1000) / count;
	const baseline = (median(theirsMs) * 1000) / count;
	const speedup = baseline / perClaim;
	return {
		name: `tier, cap and window rules as lib/claims functions vs json-rules-engine, ${count.toLocaleString('en-US')} claims`,
		value: perClaim,
		unit: 'µs/claim',
		baseline,
		ratio: speedup,
		target: 'speedup ≥ 10',
		pass: speedup >= 10,
	};
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
	const results = [
		await nodeVersusSet(quick ? 10000 : 100000, quick ? 3 : 3),
		await libraryVersusRulesEngine(quick ? 2000 : 20000, quick ? 3 : 5),
		await rulesVersusRulesEngine(quick ? 2000 : 20000, quick ? 3 : 5),
	];
	console.log(
		[
			'| claims benchmark | value | baseline | ratio | target | pass |',
			'|---|---|---|---|---|---|',
			...results.map((r) => `| ${r.name} | ${r.value.toFixed(2)} ${r.unit} | ${r.baseline?.toFixed(2)} ${r.unit} | ${r.ratio?.toFixed(2)} | ${r.target} | ${r.pass ? 'yes' : 'no'} |`),
		].join('\n'),
	);
	return results;
}
