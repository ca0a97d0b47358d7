import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createApp } from './app';
import { isoInChina, systemClock, type Clock } from './clock';
import { loadContract } from './contract/openapi';
import { getMeta } from './db/open';
import { openDatabase, type Db } from './db/open';
import { createDispatcher, type RetryPolicy } from './events/dispatcher';
import { createOutbox, EVENT_TYPES, type EventType } from './events/outbox';
import { DEFAULT_BODY_LIMIT } from './http/body';
import { createFaults, type FaultConfig } from './http/faults';
import { createIdempotencyStore } from './http/idempotency';
import { applicationOperations } from './resources/applications';
import { claimOperations } from './resources/claims';
import { companyOperations } from './resources/companies';
import type { Deps } from './resources/deps';
import { enrolmentOperations } from './resources/enrolments';
import { memberOperations } from './resources/members';
import { organizationOperations } from './resources/organizations';
import { statisticsOperations } from './resources/statistics';
import { transferOperations } from './resources/transfers';
import { upsertSubscription, webhookOperations } from './resources/webhooks';
import { createCompanyOAuth } from './security/oauth';
import { createSignatureCheck } from './security/signature';
import { seedDatabase, type SeedOptions, type SeedSummary } from './seed';
import { createSinks, type Sinks } from './sinks';
import type { RateRule } from '../lib/notify/pacer';

export const DEMO_APP_KEY = 'demo-app';
export const DEMO_SECRET = 'demo-secret-change-me';
export const DEFAULT_PORT = 5679;

export interface WebhookConfig {
	url: string;
	events?: EventType[];
	/** Signs deliveries; the app's secret when absent. */
	secret?: string;
	/** The app the subscription belongs to (and whose key the deliveries carry); demo-app by default. */
	appKey?: string;
}

export interface PlatformServerOptions {
	/** SQLite file, or ':memory:' (the default). */
	dbFile?: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Seeds an empty database: true for the demo size, or the options. */
	seed?: boolean | SeedOptions;
	/** Subscriptions configured at start (URLs get every event). */
	webhooks?: Array<string | WebhookConfig>;
	webhookRetry?: Partial<RetryPolicy>;
	/** App keys and their secrets; `{ 'demo-app': secret }` by default. */
	appKeys?: Record<string, string>;
	/** The demo app's secret, when appKeys is not given. */
	secret?: string;
	clock?: Clock;
	faults?: Partial<FaultConfig>;
	/** The SMS gateway's per-number limits (Aliyun's defaults: 1/min, 5/h, 10/day), as an account may raise them. */
	smsRules?: readonly RateRule[];
	bodyLimit?: number;
	onError?(error: unknown): void;
}

export interface PlatformServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** `<url>/api/v1` */
	apiUrl: string;
	port: number;
	db: Db;
	server: Server;
	sinks: Sinks;
	appKeys: Record<string, string>;
	seeded: SeedSummary | null;
	setFaults(config: Partial<FaultConfig>): FaultConfig;
	/** Resolves when every webhook delivery so far was delivered or given up. */
	webhooksIdle(): Promise<void>;
	close(): Promise<void>;
}

/** The local 粤工惠 platform and platform companies: docs/api/*.openapi.yaml on SQLite. */
export async function createPlatformServer(options: PlatformServerOptions = {}): Promise<PlatformServer> {
	const clock = options.clock ?? systemClock;
	const appKeys = options.appKeys ?? { [DEMO_APP_KEY]: options.secret ?? DEMO_SECRET };
	const db = openDatabase(options.dbFile ?? ':memory:');
	const now = () => isoInChina(clock());

	let seeded: SeedSummary | null = null;
	if (options.seed) {
		const seedOptions = options.seed === true ? {} : options.seed;
		seeded = getMeta(db, 'seed') ? null : seedDatabase(db, seedOptions);
	}

	const dispatcher = createDispatcher({ db, clock, appKeys, retry: options.webhookRetry });
	const outbox = createOutbox(db, clock, dispatcher.kick);
	const defaultAppKey = Object.keys(appKeys)[0];
	for (const hook of options.webhooks ?? []) {
		const config = typeof hook === 'string' ? { url: hook } : hook;
		upsertSubscription(db, { appKey: config.appKey ?? defaultAppKey, url: config.url, events: config.events ?? EVENT_TYPES, secret: config.secret }, now());
	}

	const deps: Deps = { db, clock, now, outbox, appKeys };
	const oauth = createCompanyOAuth(db, clock);
	const sinks = createSinks({ now: clock, smsRules: options.smsRules });
	const faults = createFaults(options.faults);
	const app = createApp({
		db,
		contract: loadContract(),
		handlers: {
			...applicationOperations(deps),
			...memberOperations(deps),
			...organizationOperations(deps),
			...transferOperations(deps),
			...enrolmentOperations(deps),
			...claimOperations(deps),
			...statisticsOperations(deps),
			...webhookOperations(deps),
			...companyOperations(deps, oauth),
		},
		checkSignature: createSignatureCheck(appKeys, clock),
		oauth,
		idempotency: createIdempotencyStore(db, now),
		faults,
		sinks,
		bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
		onError: options.onError ?? ((error) => console.error('platform: unexpected error', error)),
	});

	const server = createServer((req, res) => void app.listener(req, res));
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host}:${port}`;
	dispatcher.kick();

	let closing: Promise<void> | undefined;
	return {
		url,
		apiUrl: `${url}/api/v1`,
		port,
		db,
		server,
		sinks,
		appKeys,
		seeded,
		setFaults: (config) => faults.set(config),
		webhooksIdle: () => dispatcher.whenIdle(),
		close() {
			closing ??= (async () => {
				app.close();
				await dispatcher.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					for (const socket of sockets) socket.destroy();
				});
				db.close();
			})();
			return closing;
		},
	};
}
