import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk custom robot "加签": sign = Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)),
 * with `timestamp` in milliseconds; both go into the webhook URL's query (the sign URL-encoded).
 */
export function dingTalkSign(secret: string, timestamp: number | string): string {
	return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The send URL: `<base>/robot/send?access_token=…&timestamp=…&sign=…` (no sign when there is no secret). */
export function dingTalkSendUrl(baseUrl: string, accessToken: string, secret: string | undefined, timestamp: number): string {
	const base = baseUrl.replace(/\/+$/, '');
	let url = `${base}/robot/send?access_token=${encodeURIComponent(accessToken)}`;
	if (secret) url += `&timestamp=${timestamp}&sign=${encodeURIComponent(dingTalkSign(secret, timestamp))}`;
	return url;
}

/** DingTalk refuses a timestamp more than an hour away from its own time. */
export const DINGTALK_MAX_SKEW_MS = 60 * 60 * 1000;

export type DingTalkSignCheck = { ok: true } | { ok: false; problem: 'missing' | 'timestamp' | 'mismatch' };

/** Checks a received timestamp and (already URL-decoded) sign against the robot's secret. */
export function verifyDingTalkSign(
	secret: string,
	timestamp: string | undefined,
	sign: string | undefined,
	now: number,
	maxSkewMs = DINGTALK_MAX_SKEW_MS,
): DingTalkSignCheck {
	if (!timestamp || !sign) return { ok: false, problem: 'missing' };
	if (!/^\d{1,16}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > maxSkewMs) return { ok: false, problem: 'timestamp' };
	const expected = Buffer.from(dingTalkSign(secret, timestamp));
	const given = Buffer.from(sign);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: 'mismatch' };
	return { ok: true };
}
