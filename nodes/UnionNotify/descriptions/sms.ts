import type { INodeProperties } from 'n8n-workflow';

const show = { show: { resource: ['sms'] } };

export const smsOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: show,
	options: [
		{ name: 'Send', value: 'send', action: 'Send an SMS from a template', description: 'Aliyun SendSms with an approved template (模板短信)' },
	],
	default: 'send',
};

export const smsFields: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '13800138000, 13900139000',
		description: 'Mainland mobile numbers, separated by commas (up to 1000)',
		displayOptions: show,
	},
	{
		displayName: 'Template Code',
		name: 'templateCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SMS_123456789',
		displayOptions: show,
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParams',
		type: 'json',
		default: '{}',
		description:
			'The template variables as a JSON object, e.g. {"name": "张三", "status": "已通过"}. Each value is masked and cut to 35 characters.',
		displayOptions: show,
	},
	{
		displayName: 'Out ID',
		name: 'outId',
		type: 'string',
		default: '',
		description: 'Your own reference, returned in delivery receipts',
		displayOptions: show,
	},
];
