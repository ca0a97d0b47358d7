import { NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { MessageMaskOptions } from '../../../lib/notify/masking';
import { weComFileMessage, weComImageMessage, weComMarkdownMessage, weComTextMessages, type WeComMessage } from '../../../lib/notify/messages';
import { multipartFileBody } from '../../../lib/notify/multipart';
import { gatewayError } from '../errors';
import { gatewayRequest } from '../transport';
import { parseList, robotPaceKey, sendRobotMessage } from './robot';

const SEND = '/cgi-bin/webhook/send';
const UPLOAD = '/cgi-bin/webhook/upload_media';

function textOf(message: WeComMessage): string {
	if (message.msgtype === 'text') return message.text.content;
	if (message.msgtype === 'markdown') return message.markdown.content;
	return '';
}

export async function sendWeCom(this: IExecuteFunctions, i: number, operation: string, mask: MessageMaskOptions): Promise<IDataObject> {
	const credentials = await this.getCredentials('weComRobotApi', i);
	const paceKey = robotPaceKey('weCom', String(credentials.webhookKey ?? ''));
	const result: IDataObject = { channel: 'weCom', messageType: operation.replace(/^send/, '').toLowerCase() };
	let messages: WeComMessage[];

	switch (operation) {
		case 'sendText':
			messages = weComTextMessages(
				this.getNodeParameter('text', i) as string,
				{
					mentionedList: parseList(this.getNodeParameter('mentionedList', i, '')),
					mentionedMobileList: parseList(this.getNodeParameter('mentionedMobileList', i, '')),
				},
				mask,
			);
			break;
		case 'sendMarkdown':
			messages = [weComMarkdownMessage(this.getNodeParameter('text', i) as string, mask)];
			break;
		case 'sendImage': {
			const property = this.getNodeParameter('binaryPropertyName', i) as string;
			const image = await this.helpers.getBinaryDataBuffer(i, property);
			try {
				messages = [weComImageMessage(image)];
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i });
			}
			const sent = messages[0];
			if (sent.msgtype === 'image') result.image = { bytes: image.length, md5: sent.image.md5 };
			break;
		}
		case 'sendFile': {
			const property = this.getNodeParameter('binaryPropertyName', i) as string;
			const binary = this.helpers.assertBinaryData(i, property);
			const data = await this.helpers.getBinaryDataBuffer(i, property);
			const fileName = binary.fileName ?? `file${binary.fileExtension ? '.' + binary.fileExtension : ''}`;
			const { body, contentType } = multipartFileBody('media', fileName, binary.mimeType, data);
			const upload = await gatewayRequest.call(
				this,
				'weComRobotApi',
				{ method: 'POST', url: UPLOAD, qs: { type: 'file' }, body, headers: { 'Content-Type': contentType } },
				i,
			);
			if (Number(upload.body.errcode) !== 0 || typeof upload.body.media_id !== 'string') {
				throw gatewayError(this.getNode(), 'weCom', Number(upload.body.errcode ?? NaN) || `HTTP ${upload.status}`, String(upload.body.errmsg ?? ''), i, upload.body as JsonObject, upload.status);
			}
			messages = [weComFileMessage(upload.body.media_id)];
			result.file = { fileName, bytes: data.length, mediaId: upload.body.media_id };
			break;
		}
		default:
			throw new NodeOperationError(this.getNode(), `未知操作 / Unknown operation: ${operation}`, { itemIndex: i });
	}

	let waitedMs = 0;
	let response: IDataObject = {};
	for (const [sentCount, message] of messages.entries()) {
		try {
			const sent = await sendRobotMessage.call(this, 'weCom', 'weComRobotApi', paceKey, SEND, message as unknown as IDataObject, i);
			waitedMs += sent.waitedMs;
			response = sent.response;
		} catch (error) {
			if (sentCount > 0) (error as { description?: string }).description = `${(error as { description?: string }).description ?? ''} (已发送 ${sentCount}/${messages.length} 段 / ${sentCount} of ${messages.length} parts sent)`.trim();
			throw error;
		}
	}
	const text = messages.map(textOf).join('');
	return { sent: true, ...result, parts: messages.length, ...(text ? { text, masked: !mask.unmasked } : {}), waitedMs, response };
}
