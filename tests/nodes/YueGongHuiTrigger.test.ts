/**
 * The 粤工惠 Trigger answering real HTTP requests: an express app with n8n's own raw-body reader
 * and body parser hands each request to the node's webhook() through n8n-core's WebhookContext,
 * as n8n's webhook server does. Its subscription methods run through HookContext against the
 * real local platform, which then delivers genuinely signed events.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { signRequest } from '../../lib/platform/signing';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer } from '../../sandbox';
import { loadRegistry } from '../helpers/harness';

// n8n's own middlewares: the raw body is read exactly as n8n reads it for webhooks.
const { rawBodyReader, parseBody } = require('n8n/dist/middlewares/body-parser') as {
	rawBodyReader: express.RequestHandler;
	parseBody(req: express.Request): Promise<void>;
};

const TRIGGER = 'n8n-nodes-gonghui.yueGongHuiTrigger';
const WEBHOOK_ID = 'c0ffee00-0000-4000-8000-000000000001';

type Registry = Awaited<ReturnType<typeof loadRegistry>>;

interface Host {
	url: string;
	/** The node's webhook URL as n8n would publish it. */
	hookUrl: string;
	hookPath: string;
	emitted: IDataObject[][];
	setParameters(parameters: IDataObject): void;
	hookContext(activation: 'activate' | 'update'): HookContext;
	staticData(): IDataObject;
	close(): Promise<void>;
}

function credentialsHelper(registry: Registry, credentials: ICredentialDataDecryptedObject) {
	return {
		getDecrypted: async () => ({ ...credentials }),
		getParentTypes: () => [],
		preAuthentication: async () => undefined,
		authenticate: async (data: ICredentialDataDecryptedObject, type: string, options: IHttpRequestOptions) => {
			const auth = registry.credential(type).authenticate;
			if (typeof auth !== 'function') throw new Error(`${type} has no authenticate function`);
			return await auth(data, options);
		},
	};
}

async function startHost(registry: Registry, credentials: ICredentialDataDecryptedObject): Promise<Host> {
	const nodeTypes = {
		getByName: (type: string) => registry.node(type),
		getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(registry.node(type), version),
		getKnownTypes: () => registry.knownNodeTypes(),
	};
	const nodeType = registry.node(TRIGGER) as INodeType;
	const node: INode = {
		id: 'trigger',
		name: '粤工惠 Trigger',
		type: TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId: WEBHOOK_ID,
		credentials: { yueGongHuiApi: { id: '1', name: '粤工惠 demo' } },
	};
	// the workflow's static data survives parameter changes, as it does across activations in n8n
	const staticRoot: IDataObject = {};
	let workflow: Workflow;
	const build = () => {
		workflow = new Workflow({ id: 'wf-trigger', nodes: [node], connections: {}, nodeTypes, active: true, staticData: staticRoot });
	};
	build();
	const emitted: IDataObject[][] = [];
	let baseUrl = '';

	const additionalData = (extra: IDataObject = {}) =>
		({
			credentialsHelper: credentialsHelper(registry, credentials),
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
			instanceBaseUrl: `${baseUrl}/`,
			restApiUrl: `${baseUrl}/rest`,
			formWaitingBaseUrl: `${baseUrl}/form-waiting`,
			executionId: 'trigger-test',
			variables: {},
			...extra,
		}) as unknown as IWorkflowExecuteAdditionalData;

	const webhookData = (): IWebhookData => ({
		httpMethod: 'POST',
		node: node.name,
		path: 'yuegonghui',
		webhookDescription: nodeType.description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData(),
		webhookId: WEBHOOK_ID,
	});

	const app = express();
	app.use(rawBodyReader);
	app.use(async (req, res) => {
		try {
			await parseBody(req);
			const context = new WebhookContext(workflow, node, additionalData({ httpRequest: req, httpResponse: res }), 'webhook', webhookData(), [], null);
			const answer = await nodeType.webhook!.call(context);
			if (answer.noWebhookResponse) return;
			if (answer.workflowData) {
				emitted.push((answer.workflowData[0] as INodeExecutionData[]).map((item) => item.json));
				res.status(200).json({ message: 'Workflow was started' });
				return;
			}
			res.status(200).json(answer.webhookResponse ?? {});
		} catch (error) {
			res.status(500).json({ message: (error as Error).message });
		}
	});
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const hookPath = `/webhook/${WEBHOOK_ID}/yuegonghui`;
	return {
		url: baseUrl,
		hookUrl: baseUrl + hookPath,
		hookPath,
		emitted,
		staticData: () => workflow.getStaticData('node', node),
		setParameters(parameters) {
			node.parameters = parameters as INode['parameters'];
			build();
		},
		hookContext: (activation) => new HookContext(workflow, node, additionalData(), 'trigger', activation, webhookData()),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

let registry: Registry;
let host: Host;
let platform: PlatformServer;

beforeAll(async () => {
	registry = await loadRegistry();
	platform = await createPlatformServer({ seed: { size: 60 }, webhookRetry: { maxAttempts: 2, baseMs: 50 } });
	host = await startHost(registry, { baseUrl: platform.apiUrl, appKey: DEMO_APP_KEY, secret: DEMO_SECRET });
});
afterAll(async () => {
	await host?.close();
	await platform?.close();
});
beforeEach(() => {
	host.emitted.length = 0;
	host.setParameters({ subscribe: false });
});

const EVENT = {
	id: 'EVT-1',
	type: 'application.submitted',
	occurredAt: '2022-11-20T10:00:00.000+08:00',
	data: { applicationId: 'APP-1', name: '陈晓明', status: 'pending' },
};

let counter = 0;

interface Delivery {
	body?: string;
	secret?: string;
	timestamp?: number;
	nonce?: string;
	headers?: Record<string, string>;
	unsigned?: boolean;
	signedBody?: string;
	path?: string;
}

/** Posts an event to the trigger as the platform would, or as an attacker might. */
async function deliver(delivery: Delivery = {}): Promise<{ status: number; json: IDataObject; headers: Headers; sent: Record<string, string> }> {
	const body = delivery.body ?? JSON.stringify({ ...EVENT, id: `EVT-${++counter}` });
	const path = delivery.path ?? host.hookPath;
	const signature = delivery.unsigned
		? {}
		: signRequest({
				method: 'POST',
				pathWithQuery: path,
				body: delivery.signedBody ?? body,
				secret: delivery.secret ?? DEMO_SECRET,
				appKey: DEMO_APP_KEY,
				timestamp: delivery.timestamp,
				nonce: delivery.nonce,
			});
	const sent = { 'Content-Type': 'application/json', 'X-Event-Type': EVENT.type, ...signature, ...delivery.headers };
	const response = await fetch(host.url + path, { method: 'POST', headers: sent, body });
	const text = await response.text();
	return { status: response.status, json: text ? (JSON.parse(text) as IDataObject) : {}, headers: response.headers, sent };
}

describe('refused before anything is read', () => {
	test('unsigned → 401 problem, nothing emitted', async () => {
		const answer = await deliver({ unsigned: true });
		expect(answer.status).toBe(401);
		expect(answer.headers.get('content-type')).toContain('application/problem+json');
		expect(answer.json).toMatchObject({ status: 401, code: 'SIGNATURE_MISSING' });
		expect(host.emitted).toEqual([]);
	});

	test('forged with another secret → 401 SIGNATURE_INVALID', async () => {
		const answer = await deliver({ secret: 'guessed-secret' });
		expect(answer.status).toBe(401);
		expect(answer.json.code).toBe('SIGNATURE_INVALID');
		expect(host.emitted).toEqual([]);
	});

	test('a genuine signature over a different body → 401 SIGNATURE_INVALID', async () => {
		const genuine = JSON.stringify(EVENT);
		const tampered = JSON.stringify({ ...EVENT, data: { ...EVENT.data, status: 'approved' } });
		const answer = await deliver({ body: tampered, signedBody: genuine });
		expect(answer.status).toBe(401);
		expect(answer.json.code).toBe('SIGNATURE_INVALID');
		expect(host.emitted).toEqual([]);
	});

	test('signed for another path → 401', async () => {
		const body = JSON.stringify(EVENT);
		const headers = signRequest({ method: 'POST', pathWithQuery: '/webhook/other/yuegonghui', body, secret: DEMO_SECRET, appKey: DEMO_APP_KEY });
		const answer = await deliver({ body, unsigned: true, headers });
		expect(answer.status).toBe(401);
		expect(answer.json.code).toBe('SIGNATURE_INVALID');
	});

	test('replayed → the first is emitted, the replay gets 401 NONCE_REPLAYED', async () => {
		const first = await deliver({ nonce: 'replay-me-1' });
		expect(first.status).toBe(200);
		const body = JSON.stringify({ ...EVENT, id: `EVT-${counter}` });
		const replay = await fetch(host.hookUrl, { method: 'POST', headers: first.sent, body });
		expect(replay.status).toBe(401);
		expect(((await replay.json()) as IDataObject).code).toBe('NONCE_REPLAYED');
		expect(host.emitted).toHaveLength(1);
	});

	test.each([
		['six minutes old', -6 * 60_000],
		['six minutes ahead', 6 * 60_000],
	])('skewed (%s) → 401 TIMESTAMP_SKEW', async (_label, offset) => {
		const answer = await deliver({ timestamp: Date.now() + offset });
		expect(answer.status).toBe(401);
		expect(answer.json.code).toBe('TIMESTAMP_SKEW');
		expect(host.emitted).toEqual([]);
	});

	test('the skew allowed is an option', async () => {
		host.setParameters({ subscribe: false, options: { maxSkewSeconds: 600 } });
		const answer = await deliver({ timestamp: Date.now() - 6 * 60_000 });
		expect(answer.status).toBe(200);
		expect(host.emitted).toHaveLength(1);
	});
});

describe('genuine deliveries', () => {
	test('emitted as { id, type, occurredAt, data }', async () => {
		const answer = await deliver({ body: JSON.stringify({ ...EVENT, extra: 'ignored' }) });
		expect(answer.status).toBe(200);
		expect(host.emitted).toEqual([[EVENT]]);
	});

	test('Output: Data Only emits the data', async () => {
		host.setParameters({ subscribe: false, output: 'data' });
		await deliver();
		expect(host.emitted).toEqual([[EVENT.data]]);
	});

	test('events not selected are acknowledged and ignored', async () => {
		host.setParameters({ subscribe: false, events: ['claim.submitted'] });
		const ignored = await deliver();
		expect(ignored.status).toBe(200);
		expect(host.emitted).toEqual([]);
		const claim = await deliver({ body: JSON.stringify({ ...EVENT, id: 'EVT-claim', type: 'claim.submitted', data: { claimId: 'C-1' } }) });
		expect(claim.status).toBe(200);
		expect(host.emitted).toEqual([[{ id: 'EVT-claim', type: 'claim.submitted', occurredAt: EVENT.occurredAt, data: { claimId: 'C-1' } }]]);
	});

	test('a query string on the URL is part of what is signed', async () => {
		const answer = await deliver({ path: `${host.hookPath}?source=platform` });
		expect(answer.status).toBe(200);
		expect(host.emitted).toHaveLength(1);
	});
});

describe('subscription at the platform', () => {
	test('activation subscribes, the platform delivers signed events, deactivation unsubscribes', async () => {
		host.setParameters({ subscribe: true, events: ['application.submitted'] });
		const methods = (registry.node(TRIGGER) as INodeType).webhookMethods!.default!;

		const activate = host.hookContext('activate');
		expect(await methods.checkExists.call(activate)).toBe(false);
		expect(await methods.create.call(activate)).toBe(true);
		expect(host.staticData().webhookId).toEqual(expect.any(String));
		expect(await methods.checkExists.call(host.hookContext('activate'))).toBe(true);

		// a mini-program application arrives at the platform
		const application = {
			applicationId: 'APP-HOOK-1',
			submittedAt: '2022-11-20T10:00:00+08:00',
			name: '李四',
			idNumber: '44010619900101123X',
			phone: '13800138000',
			group: 'courier',
			employmentRelation: 'labor_contract',
			workCity: '广州',
		};
		const text = JSON.stringify(application);
		const target = '/api/v1/applications';
		const created = await fetch(platform.url + target, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...signRequest({ method: 'POST', pathWithQuery: target, body: text, secret: DEMO_SECRET, appKey: DEMO_APP_KEY }) },
			body: text,
		});
		expect(created.status).toBe(201);
		await platform.webhooksIdle();

		expect(host.emitted).toHaveLength(1);
		const [event] = host.emitted[0];
		expect(event).toMatchObject({ type: 'application.submitted', data: { applicationId: 'APP-HOOK-1' } });
		expect(event.id).toEqual(expect.any(String));

		expect(await methods.delete.call(host.hookContext('activate'))).toBe(true);
		expect(host.staticData().webhookId).toBeUndefined();
		const list = await fetch(`${platform.url}/api/v1/webhooks`, {
			headers: signRequest({ method: 'GET', pathWithQuery: '/api/v1/webhooks', secret: DEMO_SECRET, appKey: DEMO_APP_KEY }),
		});
		const subscriptions = ((await list.json()) as { items: IDataObject[] }).items;
		expect(subscriptions.map((s) => s.url)).not.toContain(host.hookUrl);
	});

	test('with subscription off, activation touches nothing at the platform', async () => {
		const methods = (registry.node(TRIGGER) as INodeType).webhookMethods!.default!;
		expect(await methods.checkExists.call(host.hookContext('activate'))).toBe(true);
	});
});
