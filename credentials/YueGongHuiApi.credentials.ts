import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { resolveTarget, serializeBody, type QueryValue } from '../lib/platform/request';
import { signRequest } from '../lib/platform/signing';

/**
 * The 粤工惠 platform signs every request with HMAC-SHA256 over the method, the exact target,
 * a timestamp, a nonce and the body hash. The target and body are fixed here, before signing, so
 * that what is signed is byte for byte what is sent.
 */
export class YueGongHuiApi implements ICredentialType {
	name = 'yueGongHuiApi';

	displayName = '粤工惠 (YueGongHui) API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-gonghui';

	icon = 'file:../nodes/YueGongHui/yueGongHui.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5679/api/v1',
			required: true,
			description: 'The platform API root, ending in /api/v1',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Signs requests to the platform and verifies the webhooks it sends',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const target = resolveTarget(
			requestOptions.baseURL ?? (credentials.baseUrl as string),
			requestOptions.url,
			requestOptions.qs as Record<string, QueryValue> | undefined,
		);
		const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method) && requestOptions.body !== undefined;
		const body = hasBody ? serializeBody(requestOptions.body) : '';
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		if (body && !Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
		Object.assign(
			headers,
			signRequest({
				method,
				pathWithQuery: target.pathWithQuery,
				body,
				secret: String(credentials.secret ?? ''),
				appKey: String(credentials.appKey ?? ''),
			}),
		);
		const signed: IHttpRequestOptions = { ...requestOptions, method: method as IHttpRequestOptions['method'], url: target.url, headers };
		delete signed.baseURL;
		delete signed.qs;
		if (body) signed.body = body;
		else delete signed.body;
		return signed;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/organizations',
			qs: { limit: 1 },
		},
	};
}
