import { NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { normalizeMobile } from '../../../lib/core/identity';
import { maskPhone } from '../../../lib/core/masking';
import { ALIYUN_SMS_VERSION, sendSmsParams } from '../../../lib/notify/aliyun';
import type { MessageMaskOptions } from '../../../lib/notify/masking';
import { smsTemplateParams } from '../../../lib/notify/messages';
import { PacingWaitTooLongError, sharedPacer, type RateRule } from '../../../lib/notify/pacer';
import { gatewayError } from '../errors';
import { gatewayRequest } from '../transport';
import { parseList } from './robot';

const MINUTE = 60_000;

export interface SmsOptions {
	signName?: string;
	smsPerMinute?: number;
	smsPerHour?: number;
	smsPerDay?: number;
	smsMaxWaitSeconds?: number;
}

function rulesOf(options: SmsOptions): RateRule[] {
	return [
		{ limit: options.smsPerMinute ?? 1, windowMs: MINUTE, label: `${options.smsPerMinute ?? 1}/min` },
		{ limit: options.smsPerHour ?? 5, windowMs: 60 * MINUTE, label: `${options.smsPerHour ?? 5}/h` },
		{ limit: options.smsPerDay ?? 10, windowMs: 24 * 60 * MINUTE, label: `${options.smsPerDay ?? 10}/day` },
	];
}

function templateParamsOf(this: IExecuteFunctions, i: number): Record<string, unknown> {
	const raw = this.getNodeParameter('templateParams', i, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return {};
		try {
			value = JSON.parse(raw);
		} catch {
			value = undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), '模板参数须为 JSON 对象 / Template Parameters must be a JSON object', {
			itemIndex: i,
			description: 'e.g. {"name": "张三", "status": "已通过"}',
		});
	}
	return value as Record<string, unknown>;
}

export async function sendSms(this: IExecuteFunctions, i: number, mask: MessageMaskOptions, options: SmsOptions): Promise<IDataObject> {
	const given = parseList(this.getNodeParameter('phoneNumbers', i));
	if (given.length === 0) throw new NodeOperationError(this.getNode(), '缺少手机号码 / No phone number given', { itemIndex: i });
	if (given.length > 1000) throw new NodeOperationError(this.getNode(), '一次最多 1000 个号码 / At most 1000 numbers at a time', { itemIndex: i });
	const phones: string[] = [];
	for (const p of given) {
		const mobile = normalizeMobile(p);
		if (!mobile) {
			throw new NodeOperationError(this.getNode(), `手机号码无效 / Not a valid mobile number: ${maskPhone(p)}`, { itemIndex: i });
		}
		if (!phones.includes(mobile)) phones.push(mobile);
	}
	const templateCode = String(this.getNodeParameter('templateCode', i)).trim();
	const templateParam = smsTemplateParams(templateParamsOf.call(this, i), mask);
	const outId = String(this.getNodeParameter('outId', i, '') ?? '').trim();

	const rules = rulesOf(options);
	const maxWaitMs = (options.smsMaxWaitSeconds ?? 3600) * 1000;
	let waitedMs = 0;
	for (const phone of phones) {
		try {
			waitedMs += await sharedPacer.acquire(`sms:${phone}`, rules, { maxWaitMs: Math.max(0, maxWaitMs - waitedMs) });
		} catch (error) {
			if (error instanceof PacingWaitTooLongError) {
				throw new NodeOperationError(this.getNode(), `${maskPhone(phone)}：${error.message}`, {
					itemIndex: i,
					description: '可在 Options 中调整每个号码的发送频率或最长等待 / Per-number limits and the maximum wait are in Options',
				});
			}
			throw error;
		}
	}

	const params = sendSmsParams({ phoneNumbers: phones, signName: options.signName ?? '', templateCode, templateParam, outId: outId || undefined });
	if (!options.signName) delete params.SignName;
	const { status, body } = await gatewayRequest.call(
		this,
		'aliyunSmsApi',
		{ method: 'POST', url: '/', qs: params, headers: { 'x-acs-action': 'SendSms', 'x-acs-version': ALIYUN_SMS_VERSION } },
		i,
	);
	if (body.Code !== 'OK') {
		throw gatewayError(this.getNode(), 'sms', String(body.Code ?? `HTTP ${status}`), String(body.Message ?? body.raw ?? ''), i, body as JsonObject, status);
	}
	return {
		sent: true,
		channel: 'sms',
		messageType: 'template',
		phoneNumbers: phones.map((p) => maskPhone(p)),
		templateCode,
		templateParam,
		masked: !mask.unmasked,
		bizId: body.BizId,
		requestId: body.RequestId,
		waitedMs,
	};
}
