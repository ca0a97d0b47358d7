import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['dingTalk'], operation } });

export const dingTalkOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dingTalk'] } },
	options: [
		{ name: 'Send Action Card', value: 'sendActionCard', action: 'Send an action card to the group', description: 'A card with one or more buttons (发送卡片)' },
		{ name: 'Send Markdown', value: 'sendMarkdown', action: 'Send markdown to the group', description: 'Cut when longer than DingTalk takes (发送 Markdown)' },
		{ name: 'Send Text', value: 'sendText', action: 'Send text to the group', description: 'Split into several messages when longer than DingTalk takes (发送文本)' },
	],
	default: 'sendText',
};

export const dingTalkFields: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		description: 'Shown in the chat list and notifications',
		displayOptions: show(['sendMarkdown', 'sendActionCard']),
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		description: 'The message. ID numbers, mobile numbers, bank accounts and the names to mask are masked unless Send Unmasked is on.',
		displayOptions: show(['sendText', 'sendMarkdown', 'sendActionCard']),
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Button',
		displayOptions: show(['sendActionCard']),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
					{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true, placeholder: 'https://…' },
				],
			},
		],
	},
	{
		displayName: 'Button Layout',
		name: 'btnOrientation',
		type: 'options',
		default: '0',
		options: [
			{ name: 'Vertical', value: '0' },
			{ name: 'Horizontal', value: '1' },
		],
		displayOptions: show(['sendActionCard']),
	},
	{
		displayName: 'Mention Mobile Numbers',
		name: 'atMobiles',
		type: 'string',
		default: '',
		description: 'Mobile numbers of group members to @, separated by commas',
		displayOptions: show(['sendText', 'sendMarkdown']),
	},
	{
		displayName: 'Mention User IDs',
		name: 'atUserIds',
		type: 'string',
		default: '',
		description: 'DingTalk user IDs to @, separated by commas',
		displayOptions: show(['sendText', 'sendMarkdown']),
	},
	{
		displayName: 'Mention Everyone',
		name: 'isAtAll',
		type: 'boolean',
		default: false,
		description: 'Whether to @ everyone in the group',
		displayOptions: show(['sendText', 'sendMarkdown']),
	},
];
