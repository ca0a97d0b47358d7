import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { MessageMaskOptions } from '../../../lib/notify/masking';
import {
	dingTalkActionCardMessage,
	dingTalkMarkdownMessage,
	dingTalkTextMessages,
	type DingTalkButton,
	type DingTalkMessage,
} from '../../../lib/notify/messages';
import { parseList, robotPaceKey, sendRobotMessage } from './robot';

const SEND = '/robot/send';

function textOf(message: DingTalkMessage): string {
	if (message.msgtype === 'text') return message.text.content;
	if (message.msgtype === 'markdown') return message.markdown.text;
	return message.actionCard.text;
}

export async function sendDingTalk(this: IExecuteFunctions, i: number, operation: string, mask: MessageMaskOptions): Promise<IDataObject> {
	const credentials = await this.getCredentials('dingTalkRobotApi', i);
	const paceKey = robotPaceKey('dingTalk', String(credentials.accessToken ?? ''));
	const text = this.getNodeParameter('text', i) as string;
	const at =
		operation === 'sendActionCard'
			? {}
			: {
					atMobiles: parseList(this.getNodeParameter('atMobiles', i, '')),
					atUserIds: parseList(this.getNodeParameter('atUserIds', i, '')),
					isAtAll: this.getNodeParameter('isAtAll', i, false) as boolean,
				};
	let messages: DingTalkMessage[];
	let title: string | undefined;
	switch (operation) {
		case 'sendText':
			messages = dingTalkTextMessages(text, at, mask);
			break;
		case 'sendMarkdown':
			messages = [dingTalkMarkdownMessage(this.getNodeParameter('title', i) as string, text, at, mask)];
			break;
		case 'sendActionCard': {
			const collection = this.getNodeParameter('buttons', i, {}) as { button?: Array<{ title: string; url: string }> };
			const buttons: DingTalkButton[] = (collection.button ?? []).map((b) => ({ title: b.title, actionURL: b.url }));
			if (buttons.length === 0) {
				throw new NodeOperationError(this.getNode(), '卡片至少需要一个按钮 / An action card needs at least one button', { itemIndex: i });
			}
			messages = [
				dingTalkActionCardMessage(this.getNodeParameter('title', i) as string, text, buttons, this.getNodeParameter('btnOrientation', i, '0') as '0' | '1', mask),
			];
			break;
		}
		default:
			throw new NodeOperationError(this.getNode(), `未知操作 / Unknown operation: ${operation}`, { itemIndex: i });
	}
	const first = messages[0];
	if (first.msgtype === 'markdown') title = first.markdown.title;
	if (first.msgtype === 'actionCard') title = first.actionCard.title;

	let waitedMs = 0;
	let response: IDataObject = {};
	for (const [sentCount, message] of messages.entries()) {
		try {
			const sent = await sendRobotMessage.call(this, 'dingTalk', 'dingTalkRobotApi', paceKey, SEND, message as unknown as IDataObject, i);
			waitedMs += sent.waitedMs;
			response = sent.response;
		} catch (error) {
			if (sentCount > 0) (error as { description?: string }).description = `${(error as { description?: string }).description ?? ''} (已发送 ${sentCount}/${messages.length} 段 / ${sentCount} of ${messages.length} parts sent)`.trim();
			throw error;
		}
	}
	return {
		sent: true,
		channel: 'dingTalk',
		messageType: operation === 'sendActionCard' ? 'actionCard' : operation.replace(/^send/, '').toLowerCase(),
		parts: messages.length,
		...(title !== undefined ? { title } : {}),
		text: messages.map(textOf).join(''),
		masked: !mask.unmasked,
		waitedMs,
		response,
	};
}
