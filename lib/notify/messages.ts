import { createHash } from 'node:crypto';
import { maskMessageText, type MessageMaskOptions } from './masking';
import { jsonCharBytes, NOTIFY_LIMITS, splitUtf8, truncateChars, truncateUtf8 } from './utf8';

/**
 * Message bodies of the WeCom group robot, the DingTalk custom robot and Aliyun SMS, built from
 * texts that are masked first and cut to the gateway's limits after (so masking sees whole numbers).
 */

export type WeComMessage =
	| { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
	| { msgtype: 'markdown'; markdown: { content: string } }
	| { msgtype: 'image'; image: { base64: string; md5: string } }
	| { msgtype: 'file'; file: { media_id: string } };

export interface WeComMentions {
	/** WeCom user IDs to @, or `@all`. */
	mentionedList?: string[];
	/** Mobile numbers of members to @ (not shown in the text). */
	mentionedMobileList?: string[];
}

/** Text over 2048 bytes becomes several messages, in order; mentions go with the first. */
export function weComTextMessages(text: string, mentions: WeComMentions = {}, mask: MessageMaskOptions = {}): WeComMessage[] {
	const pieces = splitUtf8(maskMessageText(text, mask), NOTIFY_LIMITS.weComTextBytes);
	return pieces.map((content, i) => {
		const body: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } = { content };
		if (i === 0 && mentions.mentionedList?.length) body.mentioned_list = mentions.mentionedList;
		if (i === 0 && mentions.mentionedMobileList?.length) body.mentioned_mobile_list = mentions.mentionedMobileList;
		return { msgtype: 'text', text: body };
	});
}

/** Markdown is cut at 4096 bytes (a split would break its formatting). */
export function weComMarkdownMessage(text: string, mask: MessageMaskOptions = {}): WeComMessage {
	return { msgtype: 'markdown', markdown: { content: truncateUtf8(maskMessageText(text, mask), NOTIFY_LIMITS.weComMarkdownBytes) } };
}

/** WeCom takes a JPG or PNG of at most 2 MB before base64. */
export const WECOM_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

export function weComImageMessage(image: Buffer): WeComMessage {
	if (image.length > WECOM_IMAGE_MAX_BYTES) {
		throw new RangeError(`图片超过 2MB（${image.length} 字节）/ the image is larger than 2 MB (${image.length} bytes)`);
	}
	return { msgtype: 'image', image: { base64: image.toString('base64'), md5: createHash('md5').update(image).digest('hex') } };
}

export function weComFileMessage(mediaId: string): WeComMessage {
	return { msgtype: 'file', file: { media_id: mediaId } };
}

export interface DingTalkAt {
	atMobiles?: string[];
	atUserIds?: string[];
	isAtAll?: boolean;
}

export interface DingTalkButton {
	title: string;
	actionURL: string;
}

export type DingTalkMessage =
	| { msgtype: 'text'; text: { content: string }; at?: DingTalkAt }
	| { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: DingTalkAt }
	| {
			msgtype: 'actionCard';
			actionCard: { title: string; text: string; btnOrientation?: '0' | '1'; singleTitle?: string; singleURL?: string; btns?: DingTalkButton[] };
	  };

/**
 * DingTalk refuses a message over about 20000 bytes; a piece of text is kept to 19000 bytes as it
 * stands in the JSON body, leaving room for the rest of the message.
 */
export const DINGTALK_TEXT_PIECE_BYTES = NOTIFY_LIMITS.dingTalkBytes - 1000;

function atOf(at: DingTalkAt): DingTalkAt | undefined {
	const out: DingTalkAt = {};
	if (at.atMobiles?.length) out.atMobiles = at.atMobiles;
	if (at.atUserIds?.length) out.atUserIds = at.atUserIds;
	if (at.isAtAll) out.isAtAll = true;
	return Object.keys(out).length ? out : undefined;
}

export function dingTalkTextMessages(text: string, at: DingTalkAt = {}, mask: MessageMaskOptions = {}): DingTalkMessage[] {
	const pieces = splitUtf8(maskMessageText(text, mask), DINGTALK_TEXT_PIECE_BYTES, jsonCharBytes);
	return pieces.map((content, i) => {
		const message: DingTalkMessage = { msgtype: 'text', text: { content } };
		const mentions = i === 0 ? atOf(at) : undefined;
		if (mentions) message.at = mentions;
		return message;
	});
}

function cutForJson(text: string, maxBytes: number): string {
	const pieces = splitUtf8(text, maxBytes, jsonCharBytes);
	return pieces.length === 1 ? pieces[0] : truncateUtf8(pieces[0], Buffer.byteLength(pieces[0]) - 3);
}

export function dingTalkMarkdownMessage(title: string, text: string, at: DingTalkAt = {}, mask: MessageMaskOptions = {}): DingTalkMessage {
	const message: DingTalkMessage = {
		msgtype: 'markdown',
		markdown: { title: truncateChars(maskMessageText(title, mask), 64), text: cutForJson(maskMessageText(text, mask), DINGTALK_TEXT_PIECE_BYTES) },
	};
	const mentions = atOf(at);
	if (mentions) message.at = mentions;
	return message;
}

/** One button becomes `singleTitle`/`singleURL`; several become `btns`, vertical (`0`) or side by side (`1`). */
export function dingTalkActionCardMessage(
	title: string,
	text: string,
	buttons: readonly DingTalkButton[],
	orientation: '0' | '1' = '0',
	mask: MessageMaskOptions = {},
): DingTalkMessage {
	const card: Extract<DingTalkMessage, { msgtype: 'actionCard' }>['actionCard'] = {
		title: truncateChars(maskMessageText(title, mask), 64),
		text: cutForJson(maskMessageText(text, mask), DINGTALK_TEXT_PIECE_BYTES),
	};
	const masked = buttons.map((b) => ({ title: maskMessageText(b.title, mask), actionURL: b.actionURL }));
	if (masked.length === 1) {
		card.singleTitle = masked[0].title;
		card.singleURL = masked[0].actionURL;
	} else if (masked.length > 1) {
		card.btnOrientation = orientation;
		card.btns = masked;
	}
	return { msgtype: 'actionCard', actionCard: card };
}

/** SMS template variables: every value a string, masked, at most 35 characters. */
export function smsTemplateParams(params: Record<string, unknown>, mask: MessageMaskOptions = {}): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(params)) {
		const text = typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
		out[k] = truncateChars(maskMessageText(text, mask), NOTIFY_LIMITS.smsParamChars);
	}
	return out;
}
