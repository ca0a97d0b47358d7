/**
 * Webhook throughput on one real n8n 1.x process, measured against a bare Webhook → Respond to
 * Webhook workflow on the same n8n in the same run:
 * - Member Approval behind a webhook (the node's cost inside n8n's request path);
 * - the membership-application template end to end: applications created on the local platform,
 *   delivered by its signed webhooks, decided and recorded — completed applications per second.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlatformServer } from '../sandbox';
import { cleanApplication, residentId } from '../tests/fixtures/applications';

const { N8nInstance, freePort } = require('../scripts/lib/n8n');
const { localCredentialsForImport } = require('../scripts/lib/localCredentials');
const { platformClient } = require('../scripts/lib/platformClient');

interface BenchResult {
	name: string;
	value: number;
	unit: string;
	baseline: number | null;
	ratio: number | null;
	target: string;
	pass: boolean;
}

const ROOT = path.resolve(__dirname, '..');

function webhookWorkflow(id: string, webhookPath: string, middle: object[]) {
	const nodes = [
		{
			id: `${id}-in`,
			name: 'In',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `${id}-hook`,
			parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'responseNode', options: {} },
		},
		...middle,
		{
			id: `${id}-out`,
			name: 'Out',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [600, 0],
			parameters: { respondWith: 'firstIncomingItem', options: {} },
		},
	];
	const names = nodes.map((n) => (n as { name: string }).name);
	const connections = Object.fromEntries(
		names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
	return { id, name: id, active: false, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' }, nodes, connections };
}

async function load(requests: number, concurrency: number, send: (i: number) => Promise<void>): Promise<number> {
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < requests) await send(next++);
		}),
	);
	return requests / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function postJson(url: string, body: unknown) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	await response.arrayBuffer();
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
	const requests = quick ? 150 : 600;
	const applications = quick ? 30 : 120;
	const concurrency = 10;
	const userFolder = mkdtempSync(path.join(ROOT, '.data', 'bench-webhooks-'));
	const platform = await createPlatformServer({ dbFile: ':memory:', port: await freePort(), seed: true });
	const template = JSON.parse(readFileSync(path.join(ROOT, 'workflows', 'membership-application.json'), 'utf8'));
	const n8n = new N8nInstance({ userFolder, port: await freePort() });
	try {
		n8n.installPackage();
		n8n.importCredentials(localCredentialsForImport(platform.url));
		n8n.importWorkflows([
			webhookWorkflow('benchBareWebhook01', 'bench-bare', []),
			webhookWorkflow('benchApprovalNode1', 'bench-approval', [
				{
					id: 'benchApprovalNode1-node',
					name: 'Member Approval',
					type: 'n8n-nodes-gonghui.memberApproval',
					typeVersion: 1,
					position: [300, 0],
					parameters: { operation: 'reviewApplications', applicationField: 'body' },
				},
			]),
			template,
		]);
		await n8n.start();
		const application = cleanApplication();
		const warm = Math.ceil(requests / 10);
		await load(warm, concurrency, () => postJson(`${n8n.url}/webhook/bench-bare`, application));
		await load(warm, concurrency, () => postJson(`${n8n.url}/webhook/bench-approval`, application));
		const bare = await load(requests, concurrency, () => postJson(`${n8n.url}/webhook/bench-bare`, application));
		const approval = await load(requests, concurrency, () => postJson(`${n8n.url}/webhook/bench-approval`, application));

		// The template end to end: the platform delivers each application to n8n, which decides it.
		const client = platformClient(platform.url);
		const ids: string[] = [];
		const started = process.hrtime.bigint();
		await load(applications, concurrency, async (i) => {
			const body = cleanApplication({
				applicationId: `BENCH-${i}`,
				idNumber: residentId('1990-01-01', { sequence: String(100 + (i % 800)), area: String(440100 + (i % 90)) }),
				phone: `1380013${String(i).padStart(4, '0')}`,
			});
			ids.push(body.applicationId);
			const reply = await client.post('/applications', body, { idempotencyKey: body.applicationId });
			if (reply.status !== 201) throw new Error(`create application: ${reply.status}`);
		});
		const deadline = Date.now() + 600000;
		for (;;) {
			const pending = platform.db
				.prepare(`SELECT COUNT(*) AS n FROM applications WHERE application_id LIKE 'BENCH-%' AND status = 'pending'`)
				.get() as { n: number };
			if (pending.n === 0) break;
			if (Date.now() > deadline) throw new Error(`${pending.n} applications still pending after 10 minutes`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const templateRate = applications / (Number(process.hrtime.bigint() - started) / 1e9);
		const ratio = (value: number) => value / bare;
		return [
			{
				name: `webhook: bare Webhook → Respond (${requests} requests, ${concurrency} connections)`,
				value: bare,
				unit: 'req/s',
				baseline: null,
				ratio: null,
				target: 'baseline',
				pass: true,
			},
			{
				name: 'webhook: Member Approval behind a webhook vs bare',
				value: approval,
				unit: 'req/s',
				baseline: bare,
				ratio: ratio(approval),
				target: '≥ 0.8',
				pass: ratio(approval) >= 0.8,
			},
			{
				name: `template membership-application end to end (${applications} applications: signed delivery, employment lookup, decision recorded, SMS) vs bare`,
				value: templateRate,
				unit: 'apps/s',
				baseline: bare,
				ratio: ratio(templateRate),
				target: '≥ 0.8',
				pass: ratio(templateRate) >= 0.8,
			},
		];
	} finally {
		await n8n.stop();
		await platform.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}
