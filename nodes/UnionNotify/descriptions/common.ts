import type { INodeProperties } from 'n8n-workflow';

export const resourceField: INodeProperties = {
	displayName: 'Channel',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'DingTalk Robot (钉钉机器人)', value: 'dingTalk' },
		{ name: 'SMS (阿里云短信)', value: 'sms' },
		{ name: 'WeCom Group Robot (企业微信群机器人)', value: 'weCom' },
	],
	default: 'weCom',
};

export const maskingFields: INodeProperties[] = [
	{
		displayName: 'Names to Mask',
		name: 'namesToMask',
		type: 'string',
		default: '',
		placeholder: '张三, 李四',
		description: 'Names to mask wherever they appear in the message (张三 → 张*), separated by commas',
		displayOptions: { hide: { operation: ['sendImage', 'sendFile'] } },
	},
	{
		displayName: 'Mask Names Found in the Item',
		name: 'namesFromItem',
		type: 'boolean',
		default: true,
		description: 'Whether to also mask the names found in the input item (fields such as name, realName, memberName, applicantName)',
		displayOptions: { hide: { operation: ['sendImage', 'sendFile'] } },
	},
	{
		displayName: 'Send Unmasked (不打码发送)',
		name: 'sendUnmasked',
		type: 'boolean',
		default: false,
		description:
			'Whether to send this message without masking ID numbers, mobile numbers, bank accounts and names. Personal information (PIPL): only when every recipient may see it.',
		displayOptions: { hide: { operation: ['sendImage', 'sendFile'] } },
	},
];

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Wait for SMS Limits (Seconds)',
			name: 'smsMaxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3600,
			description: 'A message that would have to wait longer than this for a number\'s limits fails instead of waiting (robots always wait: at most a minute)',
			displayOptions: { show: { '/resource': ['sms'] } },
		},
		{
			displayName: 'Sign Name (短信签名)',
			name: 'signName',
			type: 'string',
			default: '',
			description: 'An approved SMS signature other than the credential\'s',
			displayOptions: { show: { '/resource': ['sms'] } },
		},
		{
			displayName: 'SMS per Number per Day',
			name: 'smsPerDay',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'At most this many in 24 hours (Aliyun default: 10)',
			displayOptions: { show: { '/resource': ['sms'] } },
		},
		{
			displayName: 'SMS per Number per Hour',
			name: 'smsPerHour',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'At most this many an hour (Aliyun default: 5)',
			displayOptions: { show: { '/resource': ['sms'] } },
		},
		{
			displayName: 'SMS per Number per Minute',
			name: 'smsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Messages held back so that one number gets at most this many a minute (Aliyun default: 1)',
			displayOptions: { show: { '/resource': ['sms'] } },
		},
	],
};
