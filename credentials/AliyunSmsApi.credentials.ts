import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { acs3Date, acs3Sign, ALIYUN_SMS_VERSION } from '../lib/notify/aliyun';
import { getClock } from '../lib/notify/clock';
import { gatewayUrl } from '../lib/notify/url';

/**
 * Aliyun SMS (阿里云短信服务, Dysmsapi 2017-05-25) with an AccessKey: every request is signed with
 * ACS3-HMAC-SHA256. A request names its action in the `x-acs-action` header and its parameters in
 * `qs`; they are sent, as signed, in the query of a POST with an empty body.
 */
export class AliyunSmsApi implements ICredentialType {
	name = 'aliyunSmsApi';

	displayName = 'Aliyun SMS (阿里云短信) API';

	documentationUrl = 'https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms';

	icon = { light: 'file:../nodes/UnionNotify/unionNotify.svg', dark: 'file:../nodes/UnionNotify/unionNotify.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: 'http://127.0.0.1:5679/sinks/aliyun-sms/',
			required: true,
			description: 'Aliyun itself is https://dysmsapi.aliyuncs.com; the default is the local sink for development and demos',
		},
		{
			displayName: 'AccessKey ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'AccessKey Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Sign Name (短信签名)',
			name: 'signName',
			type: 'string',
			default: '',
			required: true,
			description: 'The approved SMS signature, e.g. 粤工惠; a node may name another',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		const take = (name: string): string | undefined => {
			const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
			if (key === undefined) return undefined;
			const value = String(headers[key]);
			delete headers[key];
			return value;
		};
		const action = take('x-acs-action') ?? 'SendSms';
		const version = take('x-acs-version') ?? ALIYUN_SMS_VERSION;
		const params: Record<string, string> = {};
		for (const [k, v] of Object.entries(requestOptions.qs ?? {})) if (v !== undefined && v !== null) params[k] = String(v);
		if (action === 'SendSms' && !params.SignName) params.SignName = String(credentials.signName ?? '');
		const url = gatewayUrl(String(requestOptions.baseURL ?? credentials.endpoint ?? ''), requestOptions.url);
		for (const [k, v] of url.searchParams) params[k] = v;
		const signed = acs3Sign({
			method: (requestOptions.method ?? 'POST').toUpperCase(),
			host: url.host,
			path: decodeURIComponent(url.pathname),
			query: params,
			action,
			version,
			accessKeyId: String(credentials.accessKeyId ?? ''),
			accessKeySecret: String(credentials.accessKeySecret ?? ''),
			date: acs3Date(getClock().now()),
		});
		const out: IHttpRequestOptions = {
			...requestOptions,
			method: (requestOptions.method ?? 'POST').toUpperCase() as IHttpRequestOptions['method'],
			url: `${url.origin}${url.pathname}${signed.query ? '?' + signed.query : ''}`,
			headers: { ...headers, ...signed.headers },
		};
		delete out.baseURL;
		delete out.qs;
		delete out.body;
		return out;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			headers: { 'x-acs-action': 'QuerySmsSignList', 'x-acs-version': ALIYUN_SMS_VERSION },
		},
	};
}
