import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { getClock } from '../../../lib/notify/clock';
import { ROBOT_RATE_RULES, sharedPacer } from '../../../lib/notify/pacer';
import { gatewayError, type Channel } from '../errors';
import { gatewayRequest, type NotifyCredential } from '../transport';

/** Network delay between this process and the gateway, added to the pacing window. */
const ROBOT_MARGIN_MS = 1000;

/** What to do when a robot still answers "too fast" (another sender shares the robot). */
const RATE_LIMITED: Record<'weCom' | 'dingTalk', { errcode: number; waitMs: number; retries: number }> = {
	weCom: { errcode: 45009, waitMs: 60_000, retries: 3 },
	// DingTalk blocks a robot for ten minutes once it has gone over 20 a minute.
	dingTalk: { errcode: 130101, waitMs: 10 * 60_000, retries: 1 },
};

/** The pacing key of a robot: its channel and a digest of its key (the key itself is not kept). */
export function robotPaceKey(channel: Channel, secretKey: string): string {
	return `${channel}:${createHash('sha256').update(secretKey).digest('hex').slice(0, 24)}`;
}

export interface RobotSendResult {
	waitedMs: number;
	response: IDataObject;
}

/**
 * Sends one robot message: waits its turn under the robot's 20-a-minute limit, posts it, and when
 * the robot still says "too fast", waits and tries again. Any other refusal is an error.
 */
export async function sendRobotMessage(
	this: IExecuteFunctions,
	channel: 'weCom' | 'dingTalk',
	credential: NotifyCredential,
	paceKey: string,
	url: string,
	message: IDataObject,
	itemIndex: number,
): Promise<RobotSendResult> {
	const limited = RATE_LIMITED[channel];
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		waitedMs += await sharedPacer.acquire(paceKey, ROBOT_RATE_RULES, { marginMs: ROBOT_MARGIN_MS });
		const { status, body } = await gatewayRequest.call(this, credential, { method: 'POST', url, body: message }, itemIndex);
		const errcode = Number(body.errcode);
		if (status < 300 && errcode === 0) return { waitedMs, response: { errcode: 0, errmsg: body.errmsg ?? 'ok' } };
		if (errcode === limited.errcode && attempt < limited.retries) {
			await getClock().sleep(limited.waitMs);
			waitedMs += limited.waitMs;
			continue;
		}
		const code = Number.isFinite(errcode) ? errcode : `HTTP ${status}`;
		throw gatewayError(this.getNode(), channel, code, String(body.errmsg ?? body.raw ?? ''), itemIndex, body as JsonObject, status);
	}
}

/** Splits a typed list (commas, 、, semicolons, spaces or line breaks). */
export function parseList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,，、;；\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}
