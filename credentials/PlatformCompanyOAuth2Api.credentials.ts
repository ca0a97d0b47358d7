import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A platform company's API (delivery, ride-hailing, courier, freight), behind OAuth2 client
 * credentials. The token URL follows from the company's base URL.
 */
export class PlatformCompanyOAuth2Api implements ICredentialType {
	name = 'platformCompanyOAuth2Api';

	displayName = 'Platform Company (平台企业) OAuth2 API';

	documentationUrl = 'https://datatracker.ietf.org/doc/html/rfc6749#section-4.4';

	extends = ['oAuth2Api'];

	icon = 'file:../nodes/PlatformCompany/platformCompany.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:5679/companies/meituan-demo',
			required: true,
			description: 'The company’s API root, for example http://127.0.0.1:5679/companies/meituan-demo',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/token',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Send Client ID and Secret as Basic Auth Header',
					value: 'header',
				},
				{
					name: 'Send Client ID and Secret in Body',
					value: 'body',
				},
			],
			default: 'header',
		},
	];
}
