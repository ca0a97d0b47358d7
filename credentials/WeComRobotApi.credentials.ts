import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { gatewayUrl } from '../lib/notify/url';

/**
 * A WeCom (企业微信) group robot: its webhook key goes into every request's query. Requests name a
 * path under the base URL (`/cgi-bin/webhook/send`, `/cgi-bin/webhook/upload_media`).
 */
export class WeComRobotApi implements ICredentialType {
	name = 'weComRobotApi';

	displayName = 'WeCom Group Robot (企业微信群机器人) API';

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/91770';

	icon = { light: 'file:../nodes/UnionNotify/unionNotify.svg', dark: 'file:../nodes/UnionNotify/unionNotify.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName:
				'Testing checks the key with an empty upload: nothing is posted to the group and nothing is stored. WeCom has no other call that sends nothing.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5679/sinks/wecom',
			required: true,
			description: 'WeCom itself is https://qyapi.weixin.qq.com; the default is the local sink for development and demos',
		},
		{
			displayName: 'Webhook Key',
			name: 'webhookKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key= part of the robot\'s webhook address (群机器人 Webhook 地址中的 key)',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = gatewayUrl(String(requestOptions.baseURL ?? credentials.baseUrl ?? ''), requestOptions.url, {
			...(requestOptions.qs ?? {}),
			key: String(credentials.webhookKey ?? ''),
		});
		const out: IHttpRequestOptions = { ...requestOptions, url: url.toString() };
		delete out.baseURL;
		delete out.qs;
		return out;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/cgi-bin/webhook/upload_media',
			qs: { type: 'file' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 93000, message: 'The webhook key is not valid (93000) / 机器人 Webhook Key 无效' },
			},
		],
	};
}
