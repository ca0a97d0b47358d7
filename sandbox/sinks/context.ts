import type { IncomingHttpHeaders } from 'node:http';
import type { RateRule } from '../../lib/notify/pacer';
import type { MessageStore, SendLog } from './store';

export interface SinkOptions {
	/** The sinks' clock (ms); tests pass the same fake clock the node paces on. */
	now?: () => number;
	/** WeCom robot keys accepted. */
	weComKeys?: readonly string[];
	/** DingTalk access tokens accepted, each with its robot's secret ('' = a robot without 加签). */
	dingTalkRobots?: Readonly<Record<string, string>>;
	/** Aliyun AccessKey IDs accepted, with their secrets. */
	aliyunAccessKeys?: Readonly<Record<string, string>>;
	/** Robot limit per key (default 20 a minute). */
	robotRules?: readonly RateRule[];
	/** SMS limit per number (default 1/min, 5/h, 10/day). */
	smsRules?: readonly RateRule[];
	/** How many messages to keep (oldest dropped first). */
	capacity?: number;
}

export interface SinkContext {
	now: () => number;
	store: MessageStore;
	log: SendLog;
	weComKeys: ReadonlySet<string>;
	dingTalkRobots: Readonly<Record<string, string>>;
	aliyunAccessKeys: Readonly<Record<string, string>>;
	robotRules: readonly RateRule[];
	smsRules: readonly RateRule[];
	/** media_id → robot key, for WeCom files uploaded before being sent. */
	weComMedia: Map<string, { key: string; filename: string; size: number; expiresAt: number }>;
	/** Aliyun signature nonces seen recently. */
	aliyunNonces: Map<string, number>;
}

export interface SinkRequest {
	method: string;
	/** Path and query as received. */
	target: string;
	url: URL;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface SinkReply {
	status: number;
	body: unknown;
}

export function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

export function isRecord(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function nonEmptyString(v: unknown): v is string {
	return typeof v === 'string' && v.trim().length > 0;
}
