import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROBOT_RATE_RULES, SMS_RATE_RULES } from '../../lib/notify/pacer';
import { handleAliyunSms } from './aliyunSms';
import type { SinkContext, SinkOptions, SinkReply, SinkRequest } from './context';
import {
	DEMO_ALIYUN_ACCESS_KEY_ID,
	DEMO_ALIYUN_ACCESS_KEY_SECRET,
	DEMO_DINGTALK_SECRET,
	DEMO_DINGTALK_TOKEN,
	DEMO_WECOM_KEY,
} from './demo';
import { handleDingTalk } from './dingtalk';
import { MessageStore, SendLog, type SinkFilter, type SinkMessage } from './store';
import { handleWeCom } from './wecom';

export * from './demo';
export type { SinkOptions } from './context';
export type { SinkChannel, SinkFilter, SinkMessage } from './store';

/**
 * Local stand-ins for the three notification gateways, under `/sinks/`:
 *   POST /sinks/wecom/cgi-bin/webhook/send?key=K            WeCom group robot
 *   POST /sinks/wecom/cgi-bin/webhook/upload_media?key=K&type=file
 *   POST /sinks/dingtalk/robot/send?access_token=T&timestamp=&sign=   DingTalk custom robot
 *   POST /sinks/aliyun-sms/                                   Aliyun SMS (ACS3-signed RPC)
 *   GET  /sinks/messages[?channel=wecom|dingtalk|sms]         every message kept, as JSON
 *   DELETE /sinks/messages                                    forget them
 * They validate like the real gateways (shape, limits, signatures, rate limits) and keep what
 * they accept, so tests and demos can see exactly what would have reached people.
 */
export interface Sinks {
	/** Answers a request under `/sinks/` and returns true; returns false (writing nothing) for any other path. */
	handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): boolean;
	messages(filter?: SinkFilter): SinkMessage[];
	/** Forgets the kept messages, the rate-limit history, uploaded media and seen nonces. */
	clear(): void;
}

export const SINKS_PREFIX = '/sinks';

export function createSinks(options: SinkOptions = {}): Sinks {
	const ctx: SinkContext = {
		now: options.now ?? (() => Date.now()),
		store: new MessageStore(options.capacity),
		log: new SendLog(),
		weComKeys: new Set(options.weComKeys ?? [DEMO_WECOM_KEY]),
		dingTalkRobots: options.dingTalkRobots ?? { [DEMO_DINGTALK_TOKEN]: DEMO_DINGTALK_SECRET },
		aliyunAccessKeys: options.aliyunAccessKeys ?? { [DEMO_ALIYUN_ACCESS_KEY_ID]: DEMO_ALIYUN_ACCESS_KEY_SECRET },
		robotRules: options.robotRules ?? ROBOT_RATE_RULES,
		smsRules: options.smsRules ?? SMS_RATE_RULES,
		weComMedia: new Map(),
		aliyunNonces: new Map(),
	};

	function route(req: SinkRequest): SinkReply {
		const path = req.url.pathname.slice(SINKS_PREFIX.length);
		if (path === '/messages') {
			if (req.method === 'DELETE') {
				ctx.store.clear();
				return { status: 200, body: { cleared: true } };
			}
			const channel = req.url.searchParams.get('channel') ?? undefined;
			const messages = ctx.store.list(channel ? { channel: channel as SinkMessage['channel'] } : undefined);
			return { status: 200, body: { count: messages.length, messages } };
		}
		for (const [prefix, handler] of [
			['/wecom', handleWeCom],
			['/dingtalk', handleDingTalk],
			['/aliyun-sms', handleAliyunSms],
		] as const) {
			if (path === prefix || path.startsWith(prefix + '/')) return handler(ctx, req, path.slice(prefix.length) || '/');
		}
		return { status: 404, body: { error: 'unknown sink', path: req.url.pathname } };
	}

	return {
		handle(req, res, rawBody) {
			const target = req.url ?? '/';
			const url = new URL(target, 'http://sinks.invalid');
			if (url.pathname !== SINKS_PREFIX && !url.pathname.startsWith(SINKS_PREFIX + '/')) return false;
			let reply: SinkReply;
			try {
				reply = route({ method: (req.method ?? 'GET').toUpperCase(), target, url, headers: req.headers, body: rawBody });
			} catch (err) {
				reply = { status: 500, body: { error: (err as Error).message } };
			}
			const payload = JSON.stringify(reply.body);
			res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
			res.end(payload);
			return true;
		},
		messages: (filter) => ctx.store.list(filter),
		clear() {
			ctx.store.clear();
			ctx.log.clear();
			ctx.weComMedia.clear();
			ctx.aliyunNonces.clear();
		},
	};
}

export interface SinkServer {
	url: string;
	port: number;
	sinks: Sinks;
	server: Server;
	close(): Promise<void>;
}

/** The sinks alone on their own HTTP server (127.0.0.1), for tests: `await startSinkServer({ port: 0 })`. */
export function startSinkServer(options: SinkOptions & { port?: number; host?: string } = {}): Promise<SinkServer> {
	const sinks = createSinks(options);
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (!sinks.handle(req, res, Buffer.concat(chunks))) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: 'not found' }));
			}
		});
	});
	const host = options.host ?? '127.0.0.1';
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			const port = (server.address() as AddressInfo).port;
			resolve({
				url: `http://${host}:${port}`,
				port,
				sinks,
				server,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections?.();
						server.close(() => done());
					}),
			});
		});
	});
}
