import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['weCom'], operation } });

export const weComOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['weCom'] } },
	options: [
		{ name: 'Send File', value: 'sendFile', action: 'Send a file to the group', description: 'Upload a file from a binary property, then send it (发送文件)' },
		{ name: 'Send Image', value: 'sendImage', action: 'Send an image to the group', description: 'A JPG or PNG of at most 2 MB from a binary property (发送图片)' },
		{ name: 'Send Markdown', value: 'sendMarkdown', action: 'Send markdown to the group', description: 'Cut to 4096 bytes when longer (发送 Markdown)' },
		{ name: 'Send Text', value: 'sendText', action: 'Send text to the group', description: 'Split into several messages of at most 2048 bytes when longer (发送文本)' },
	],
	default: 'sendText',
};

export const weComFields: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		description: 'The message. ID numbers, mobile numbers, bank accounts and the names to mask are masked unless Send Unmasked is on.',
		displayOptions: show(['sendText', 'sendMarkdown']),
	},
	{
		displayName: 'Mention User IDs',
		name: 'mentionedList',
		type: 'string',
		default: '',
		placeholder: 'zhangsan, @all',
		description: 'WeCom user IDs to @, separated by commas; @all mentions everyone',
		displayOptions: show(['sendText']),
	},
	{
		displayName: 'Mention Mobile Numbers',
		name: 'mentionedMobileList',
		type: 'string',
		default: '',
		description: 'Mobile numbers of group members to @, separated by commas (they are not shown in the text)',
		displayOptions: show(['sendText']),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be sent',
		displayOptions: show(['sendImage', 'sendFile']),
	},
];
