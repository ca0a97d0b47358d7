/**
 * A flood of signed webhooks on the 粤工惠 Trigger of a real n8n: 1 000 deliveries at about 20 at
 * once, one in ten forged (a wrong secret, a tampered body, a replayed delivery, a stale
 * timestamp). Every forged one must be refused with 401 before any execution starts; every
 * genuine one must be run exactly once (n8n's own execution records, each carrying its event id).
 */
import { signRequest } from '../../lib/platform/signing';
import { executionsOf, inParallel, startN8n, waitFor, type RunningN8n } from '../fixtures/faults/n8n';

const { CREDENTIAL_IDS, CREDENTIAL_NAMES } = require('../../scripts/lib/localCredentials');

const REQUESTS = 1000;
const CONCURRENCY = 20;
const FORGED_KINDS = ['wrong secret', 'tampered body', 'replayed', 'stale timestamp'] as const;
type ForgedKind = (typeof FORGED_KINDS)[number];
const EXPECTED_CODE: Record<ForgedKind, string> = {
	'wrong secret': 'SIGNATURE_INVALID',
	'tampered body': 'SIGNATURE_INVALID',
	replayed: 'NONCE_REPLAYED',
	'stale timestamp': 'TIMESTAMP_SKEW',
};
const APP_KEY = 'demo-app';
const SECRET = 'demo-secret-change-me';
const WORKFLOW_ID = 'gonghuiFlood0001';
const WEBHOOK_ID = 'a8d3c6e1-4f2b-4c7a-9e15-3b6d0f8a2c71';

/** The trigger alone (no platform subscription) and a Set node that keeps the event id. */
const workflow = {
	id: WORKFLOW_ID,
	name: 'Webhook flood (粤工惠 trigger)',
	active: false,
	settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
	pinData: {},
	tags: [],
	nodes: [
		{
			id: '5f0c1a2e-8b7d-4e3f-a6c9-1d2e3f4a5b6c',
			name: '粤工惠 Trigger',
			type: 'n8n-nodes-gonghui.yueGongHuiTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: [], output: 'event', subscribe: false, options: {} },
			credentials: { yueGongHuiApi: { id: CREDENTIAL_IDS.yueGongHuiApi, name: CREDENTIAL_NAMES.yueGongHuiApi } },
		},
		{
			id: '6a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
			name: 'Keep event id',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [240, 0],
			parameters: {
				assignments: { assignments: [{ id: 'a1', name: 'eventId', value: '={{ $json.id }}', type: 'string' }] },
				options: {},
			},
		},
	],
	connections: { '粤工惠 Trigger': { main: [[{ node: 'Keep event id', type: 'main', index: 0 }]] } },
};

interface Delivery {
	index: number;
	kind: 'genuine' | ForgedKind;
	eventId: string;
	/** For a replay: the genuine delivery it repeats. */
	replayOf?: number;
	body?: string;
	headers?: Record<string, string>;
	status?: number;
	code?: string;
	done?: Promise<void>;
}

function envelope(eventId: string, i: number): string {
	return JSON.stringify({
		id: eventId,
		type: 'claim.submitted',
		occurredAt: new Date().toISOString(),
		data: { claimId: `CLM-${i}`, memberId: `M-${100000 + i}`, accidentId: `ACC-${i}`, note: '送餐途中摔倒 🛵' },
	});
}

/** Headers as the platform's dispatcher sends them (sandbox/events/dispatcher.ts). */
function platformHeaders(pathWithQuery: string, body: string, eventId: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'X-Event-Type': 'claim.submitted',
		'X-Event-Id': eventId,
		...signRequest({ method: 'POST', pathWithQuery, body, secret: options.secret ?? SECRET, appKey: APP_KEY, timestamp: options.timestamp }),
	};
}

/** Every tenth delivery forged, the kinds in turn; a replay repeats a genuine delivery sent shortly before. */
function plan(): Delivery[] {
	const deliveries: Delivery[] = [];
	let forged = 0;
	for (let i = 0; i < REQUESTS; i++) {
		if (i % 10 !== 7) {
			deliveries.push({ index: i, kind: 'genuine', eventId: `FLOOD-${String(i).padStart(6, '0')}` });
			continue;
		}
		const kind = FORGED_KINDS[forged++ % FORGED_KINDS.length];
		if (kind === 'replayed') {
			const replayOf = i - 1 - (forged % 5);
			deliveries.push({ index: i, kind, eventId: deliveries[replayOf].eventId, replayOf });
		} else {
			deliveries.push({ index: i, kind, eventId: `FORGED-${String(i).padStart(6, '0')}` });
		}
	}
	return deliveries;
}

describe('webhook flood on the 粤工惠 Trigger of a real n8n', () => {
	let n8n: RunningN8n;

	beforeAll(async () => {
		// No platform is needed: the trigger does not subscribe; the credential only lends its secret.
		n8n = await startN8n({ name: 'faults-flood', platformUrl: 'http://127.0.0.1:9', workflows: [workflow] });
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 60_000);

	it(`${REQUESTS} deliveries, ${CONCURRENCY} at once, 10% forged: every forged one refused with 401, every genuine one run exactly once`, async () => {
		const url = new URL(`${n8n.url}/webhook/${WEBHOOK_ID}/yuegonghui`);
		const pathWithQuery = url.pathname + url.search;
		const deliveries = plan();
		let settle: Array<() => void> = [];

		async function send(delivery: Delivery): Promise<void> {
			const i = delivery.index;
			if (delivery.kind === 'replayed') {
				const original = deliveries[delivery.replayOf!];
				await original.done;
				delivery.body = original.body;
				delivery.headers = original.headers;
			} else {
				const body = envelope(delivery.eventId, i);
				if (delivery.kind === 'genuine') delivery.headers = platformHeaders(pathWithQuery, body, delivery.eventId);
				if (delivery.kind === 'wrong secret') delivery.headers = platformHeaders(pathWithQuery, body, delivery.eventId, { secret: 'not-the-secret' });
				if (delivery.kind === 'stale timestamp') delivery.headers = platformHeaders(pathWithQuery, body, delivery.eventId, { timestamp: Date.now() - 6 * 60_000 });
				if (delivery.kind === 'tampered body') {
					// Signed for a genuine event, then the body altered on the way: a forged event id.
					delivery.headers = platformHeaders(pathWithQuery, envelope(`FLOOD-${String(i).padStart(6, '0')}`, i), delivery.eventId);
				}
				delivery.body = body;
			}
			const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
			const text = await response.text();
			delivery.status = response.status;
			if (response.status === 401) delivery.code = (JSON.parse(text) as { code?: string }).code;
		}

		for (const delivery of deliveries) {
			let resolve!: () => void;
			delivery.done = new Promise<void>((r) => (resolve = r));
			settle.push(resolve);
		}
		const started = Date.now();
		await inParallel(deliveries.length, CONCURRENCY, async (i) => {
			try {
				await send(deliveries[i]);
			} finally {
				settle[i]();
			}
		});
		settle = [];
		const sentMs = Date.now() - started;

		const genuine = deliveries.filter((d) => d.kind === 'genuine');
		const forged = deliveries.filter((d) => d.kind !== 'genuine');
		const records = await waitFor(
			`${genuine.length} finished executions`,
			() => {
				const all = executionsOf(n8n.databaseFile, WORKFLOW_ID);
				return all.length >= genuine.length && all.every((e) => e.finished || e.status !== 'running') ? all : undefined;
			},
			180_000,
			1000,
		);
		const recordedMs = Date.now() - started;
		// A moment more: anything accepted late would show up now.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const executions = executionsOf(n8n.databaseFile, WORKFLOW_ID);

		const runsPerEvent = new Map<string, number>();
		for (const execution of executions) {
			for (const id of new Set(execution.data.match(/(FLOOD|FORGED)-\d{6}/g) ?? [])) runsPerEvent.set(id, (runsPerEvent.get(id) ?? 0) + 1);
		}
		const refused = deliveries.filter((d) => d.status === 401).length;
		const duplicates = [...runsPerEvent.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
		const lost = genuine.filter((d) => !runsPerEvent.has(d.eventId)).length;
		console.log(`webhook flood: requests=${deliveries.length}, refused=${refused}, processed=${executions.length}, duplicates=${duplicates}, lost=${lost} (sent in ${(sentMs / 1000).toFixed(1)} s, all recorded after ${(recordedMs / 1000).toFixed(1)} s)`);

		expect(records.length).toBeGreaterThanOrEqual(genuine.length);
		expect(forged.filter((d) => d.status !== 401 || d.code !== EXPECTED_CODE[d.kind as ForgedKind]).map((d) => `${d.index} ${d.kind}: ${d.status} ${d.code}`)).toEqual([]);
		expect(genuine.filter((d) => d.status !== 200).map((d) => `${d.index}: ${d.status}`)).toEqual([]);
		expect(executions.filter((e) => e.status !== 'success').map((e) => `${e.id}: ${e.status}`)).toEqual([]);
		expect([...runsPerEvent.keys()].filter((id) => id.startsWith('FORGED'))).toEqual([]);
		expect(executions).toHaveLength(genuine.length);
		expect(duplicates).toBe(0);
		expect(lost).toBe(0);
	}, 420_000);
});
