import { randomBytes, randomUUID } from 'node:crypto';
import { normalizeMobile } from '../../lib/core/identity';
import { ALIYUN_SMS_VERSION, verifyAcs3Request } from '../../lib/notify/aliyun';
import { bindingRule, paceWait } from '../../lib/notify/pacer';
import { isRecord, type SinkContext, type SinkReply, type SinkRequest } from './context';

/**
 * Aliyun SMS (Dysmsapi 2017-05-25) stand-in: RPC-style `POST /` with the ACS3-HMAC-SHA256 signature
 * checked against the configured AccessKeys; actions SendSms and QuerySmsSignList.
 */
const NONCE_TTL_MS = 15 * 60 * 1000;
const PARAM_MAX_CHARS = 35;

const SIGN_NAMES = [{ SignName: '粤工惠', AuditStatus: 'AUDIT_STATE_PASS', BusinessType: '通知类', CreateDate: '2021-09-07 10:00:00', OrderId: '20210907000001' }];

function reply(status: number, body: Record<string, unknown>): SinkReply {
	return { status, body: { RequestId: randomUUID().toUpperCase(), ...body } };
}

function flowControlMessage(label: string | undefined): string {
	if (label?.endsWith('/min')) return `触发号码分钟级流控Permits:${label.split('/')[0]}`;
	if (label?.endsWith('/h')) return `触发号码小时级流控Permits:${label.split('/')[0]}`;
	return `触发号码天级流控Permits:${label?.split('/')[0] ?? ''}`;
}

export function handleAliyunSms(ctx: SinkContext, req: SinkRequest, path: string): SinkReply {
	if (path !== '/' && path !== '') return reply(404, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found, please check your url and method.' });
	if (req.method !== 'POST' && req.method !== 'GET') return reply(405, { Code: 'UnsupportedHTTPMethod', Message: 'This http method is not supported.' });
	const now = ctx.now();
	const check = verifyAcs3Request({
		method: req.method,
		target: req.target,
		headers: req.headers,
		body: req.body,
		secretOf: (id) => ctx.aliyunAccessKeys[id],
		now,
	});
	if (!check.ok) return reply(check.status, { Code: check.code, Message: check.message });
	const nonceKey = `${check.accessKeyId}:${req.headers['x-acs-signature-nonce']}`;
	for (const [k, at] of ctx.aliyunNonces) if (now - at > NONCE_TTL_MS) ctx.aliyunNonces.delete(k);
	if (ctx.aliyunNonces.has(nonceKey)) return reply(400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
	ctx.aliyunNonces.set(nonceKey, now);
	if (check.version !== ALIYUN_SMS_VERSION) return reply(400, { Code: 'InvalidVersion', Message: `Specified parameter Version is not valid: ${check.version}` });
	if (check.action === 'QuerySmsSignList') {
		return reply(200, { Code: 'OK', Message: 'OK', SmsSignList: SIGN_NAMES, TotalCount: SIGN_NAMES.length, PageSize: 10, CurrentPage: 1 });
	}
	if (check.action !== 'SendSms') return reply(404, { Code: 'InvalidAction.NotFound', Message: `Specified api is not found: ${check.action}` });
	return sendSms(ctx, check.accessKeyId, check.params, now);
}

function sendSms(ctx: SinkContext, accessKeyId: string, params: Record<string, string>, now: number): SinkReply {
	for (const required of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
		if (!params[required]?.trim()) return reply(400, { Code: `Missing${required}`, Message: `${required} is mandatory for this action.` });
	}
	const raw = params.PhoneNumbers.split(',').map((p) => p.trim());
	if (raw.length > 1000) return reply(200, { Code: 'isv.MOBILE_COUNT_OVER_LIMIT', Message: '手机号码数量超过限制' });
	const phones = raw.map((p) => normalizeMobile(p));
	if (phones.some((p) => p === null)) return reply(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
	if (!SIGN_NAMES.some((s) => s.SignName === params.SignName)) return reply(200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' });
	if (!/^SMS_\d+$/.test(params.TemplateCode)) return reply(200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' });
	let templateParam: Record<string, string> = {};
	if (params.TemplateParam !== undefined) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(params.TemplateParam);
		} catch {
			parsed = undefined;
		}
		if (!isRecord(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
			return reply(200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' });
		}
		templateParam = parsed as Record<string, string>;
		if (Object.values(templateParam).some((v) => Array.from(v).length > PARAM_MAX_CHARS)) {
			return reply(200, { Code: 'isv.PARAM_LENGTH_LIMIT', Message: '参数超出长度限制' });
		}
	}
	const keep = Math.max(...ctx.smsRules.map((r) => r.windowMs));
	for (const phone of phones as string[]) {
		const key = `sms:${params.SignName}:${phone}`;
		const times = ctx.log.times(key);
		if (paceWait(times, ctx.smsRules, now) > 0) {
			return reply(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: flowControlMessage(bindingRule(times, ctx.smsRules, now)?.label) });
		}
	}
	for (const phone of phones as string[]) ctx.log.record(`sms:${params.SignName}:${phone}`, now, keep);
	ctx.store.add({
		channel: 'sms',
		receivedAt: new Date(now).toISOString(),
		account: accessKeyId,
		msgtype: params.TemplateCode,
		text: Object.values(templateParam).join('\n'),
		phoneNumbers: phones as string[],
		body: { ...params, TemplateParam: templateParam },
	});
	const bizId = `${Math.floor(now / 1000)}${randomBytes(4).readUInt32BE(0)}^0`;
	return reply(200, { Code: 'OK', Message: 'OK', BizId: bizId });
}
