/** The webhook benchmark's building blocks: a bare webhook workflow and a load driver. */

/** Webhook → (middle nodes) → Respond to Webhook, executions of successful runs not saved. */
export function bareWebhookWorkflow(id: string, webhookPath: string, middle: object[]) {
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
	const connections = Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
	return { id, name: id, active: false, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' }, nodes, connections };
}

/** Runs `requests` calls of `send` over `concurrency` connections; resolves to calls per second. */
export async function load(requests: number, concurrency: number, send: (i: number) => Promise<void>): Promise<number> {
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < requests) await send(next++);
		}),
	);
	return requests / (Number(process.hrtime.bigint() - started) / 1e9);
}

export async function postJson(url: string, body: unknown) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	await response.arrayBuffer();
}
