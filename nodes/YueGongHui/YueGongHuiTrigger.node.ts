import {
	NodeApiError,
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { EVENT_OPTIONS } from './helpers/vocabulary';
import { rawBodyOf, verifyDelivery } from './helpers/webhookVerification';
import { platformRequest } from './transport';

const PROBLEM_TITLES: Record<string, string> = {
	SIGNATURE_MISSING: 'Unsigned webhook (未签名)',
	SIGNATURE_INVALID: 'Invalid webhook signature (签名无效)',
	TIMESTAMP_SKEW: 'Webhook timestamp out of range (时间戳偏差过大)',
	NONCE_REPLAYED: 'Replayed webhook (重放请求)',
};

export class YueGongHuiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '粤工惠 (YueGongHui) Trigger',
		name: 'yueGongHuiTrigger',
		icon: { light: 'file:yueGongHui.svg', dark: 'file:yueGongHui.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ") || "all events"}}',
		description: 'Starts the workflow when the 粤工惠 platform sends a signed event',
		defaults: { name: '粤工惠 Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yueGongHuiApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'yuegonghui',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
				description: 'The events that start the workflow; none selected means all. Others are acknowledged and ignored.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'Event', value: 'event', description: 'The envelope: ID, type, occurredAt and data' },
					{ name: 'Data Only', value: 'data', description: 'Only the event’s data (the application, claim, transfer…)' },
				],
				default: 'event',
			},
			{
				displayName: 'Subscribe at the Platform',
				name: 'subscribe',
				type: 'boolean',
				default: true,
				description:
					'Whether to register this webhook with the platform (POST /webhooks) when the workflow is activated, and remove it when deactivated. Turn off when the platform is configured with this URL by other means.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Clock Skew (Seconds)',
						name: 'maxSkewSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'Deliveries whose timestamp is further than this from this server’s clock are refused',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('subscribe', true)) return true;
				const staticData = this.getWorkflowStaticData('node');
				const url = this.getNodeWebhookUrl('default');
				const events = eventsOf(this.getNodeParameter('events', []) as string[]);
				const items = await listSubscriptions.call(this);
				const mine = items.find((w) => w.url === url);
				if (mine && sameEvents(mine.events as string[], events)) {
					staticData.webhookId = mine.id;
					return true;
				}
				if (mine) {
					// Subscribed with other events: replace it.
					await platformRequest.call(this, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(String(mine.id))}` });
				}
				delete staticData.webhookId;
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('subscribe', true)) return true;
				const url = this.getNodeWebhookUrl('default');
				const events = eventsOf(this.getNodeParameter('events', []) as string[]);
				const created = await platformRequest.call(this, {
					method: 'POST',
					path: '/webhooks',
					body: { url, events },
				});
				if (!created.id) {
					throw new NodeApiError(this.getNode(), created as JsonObject, {
						message: '粤工惠: 订阅未返回编号 — the platform did not return a subscription ID',
					});
				}
				this.getWorkflowStaticData('node').webhookId = created.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.webhookId === undefined) return true;
				try {
					await platformRequest.call(this, {
						method: 'DELETE',
						path: `/webhooks/${encodeURIComponent(String(staticData.webhookId))}`,
						acceptStatuses: [404],
					});
				} catch {
					return false;
				}
				delete staticData.webhookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = await rawBodyOf.call(this);
		const credentials = await this.getCredentials('yueGongHuiApi');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const maxSkewMs = Number(options.maxSkewSeconds ?? 300) * 1000;
		const verified = verifyDelivery.call(this, body, String(credentials.secret ?? ''), maxSkewMs);
		if (!verified.ok) {
			this.getResponseObject()
				.status(401)
				.set('Content-Type', 'application/problem+json')
				.send(
					JSON.stringify({
						type: 'about:blank',
						title: PROBLEM_TITLES[verified.code],
						status: 401,
						code: verified.code,
						detail: verified.detail,
					}),
				);
			return { noWebhookResponse: true };
		}

		let event: IDataObject;
		try {
			event = JSON.parse(body.toString('utf8')) as IDataObject;
		} catch {
			this.getResponseObject()
				.status(400)
				.set('Content-Type', 'application/problem+json')
				.send(JSON.stringify({ type: 'about:blank', title: 'Body is not JSON', status: 400, code: 'VALIDATION_FAILED' }));
			return { noWebhookResponse: true };
		}

		const wanted = this.getNodeParameter('events', []) as string[];
		if (wanted.length > 0 && !wanted.includes(String(event.type))) {
			return { webhookResponse: { received: true, ignored: true } };
		}
		const output = this.getNodeParameter('output', 'event') as string;
		const json: IDataObject =
			output === 'data'
				? ((event.data as IDataObject) ?? {})
				: { id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data };
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}

function eventsOf(selected: string[]): string[] {
	return selected.length ? [...selected] : EVENT_OPTIONS.map((o) => String(o.value));
}

function sameEvents(a: string[] | undefined, b: string[]): boolean {
	return !!a && a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

async function listSubscriptions(this: IHookFunctions): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const page: IDataObject = await platformRequest.call(this, {
			method: 'GET',
			path: '/webhooks',
			qs: cursor ? { limit: 500, cursor } : { limit: 500 },
		});
		all.push(...((page.items as IDataObject[]) ?? []));
		cursor = (page.nextCursor as string | null) ?? null;
	} while (cursor);
	return all;
}
