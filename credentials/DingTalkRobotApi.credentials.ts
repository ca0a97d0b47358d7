import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { getClock } from '../lib/notify/clock';
import { dingTalkSign } from '../lib/notify/dingtalk';
import { gatewayUrl } from '../lib/notify/url';

/**
 * A DingTalk (钉钉) custom robot: `access_token` in every request's query and, when the robot uses
 * 加签, a fresh `timestamp` and `sign` (HMAC-SHA256 of "timestamp\nsecret") on each request.
 */
export class DingTalkRobotApi implements ICredentialType {
	name = 'dingTalkRobotApi';

	displayName = 'DingTalk Robot (钉钉自定义机器人) API';

	documentationUrl = 'https://open.dingtalk.com/document/robots/custom-robot-access';

	icon = { light: 'file:../nodes/UnionNotify/unionNotify.svg', dark: 'file:../nodes/UnionNotify/unionNotify.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName:
				'Testing sends an empty body: DingTalk checks the token and the signature and posts nothing to the group. DingTalk has no other call that sends nothing.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5679/sinks/dingtalk',
			required: true,
			description: 'DingTalk itself is https://oapi.dingtalk.com; the default is the local sink for development and demos',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The access_token= part of the robot\'s webhook address',
		},
		{
			displayName: 'Secret (加签)',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The robot\'s signing secret (starts with SEC); leave empty only for a robot secured by keywords or IP addresses',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const qs: Record<string, unknown> = { ...(requestOptions.qs ?? {}), access_token: String(credentials.accessToken ?? '') };
		const secret = String(credentials.secret ?? '');
		if (secret) {
			const timestamp = getClock().now();
			qs.timestamp = timestamp;
			qs.sign = dingTalkSign(secret, timestamp);
		}
		const url = gatewayUrl(String(requestOptions.baseURL ?? credentials.baseUrl ?? ''), requestOptions.url, qs);
		const out: IHttpRequestOptions = { ...requestOptions, url: url.toString() };
		delete out.baseURL;
		delete out.qs;
		return out;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/robot/send',
			body: {},
			json: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 300001, message: 'The access token is not valid (300001) / access_token 无效' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 300005, message: 'The access token is not valid (300005) / access_token 无效' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 310000, message: 'The signature or timestamp was refused (310000): check the secret / 加签校验失败，请检查 Secret' } },
		],
	};
}
