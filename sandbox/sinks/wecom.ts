import { createHash, randomBytes } from 'node:crypto';
import { paceWait } from '../../lib/notify/pacer';
import { isRecord, nonEmptyString, parseJson, type SinkContext, type SinkReply, type SinkRequest } from './context';
import { parseMultipartFile } from './multipart';

/**
 * WeCom group robot stand-in: `POST /cgi-bin/webhook/send?key=K` and
 * `POST /cgi-bin/webhook/upload_media?key=K&type=file`, answering `{ errcode, errmsg }` as WeCom does
 * (always HTTP 200).
 */
const TEXT_MAX = 2048;
const MARKDOWN_MAX = 4096;
const IMAGE_MAX = 2 * 1024 * 1024;
const FILE_MAX = 20 * 1024 * 1024;
const MEDIA_TTL_MS = 3 * 24 * 60 * 60 * 1000;

const error = (errcode: number, errmsg: string): SinkReply => ({ status: 200, body: { errcode, errmsg } });

export function handleWeCom(ctx: SinkContext, req: SinkRequest, path: string): SinkReply {
	if (req.method !== 'POST') return { status: 405, body: { errcode: 43002, errmsg: 'require POST method' } };
	const key = req.url.searchParams.get('key') ?? '';
	if (!ctx.weComKeys.has(key)) return error(93000, 'invalid webhook url, hint: the key is not a robot of this sink');
	if (path === '/cgi-bin/webhook/upload_media') return upload(ctx, req, key);
	if (path !== '/cgi-bin/webhook/send') return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
	return send(ctx, req, key);
}

function upload(ctx: SinkContext, req: SinkRequest, key: string): SinkReply {
	const type = req.url.searchParams.get('type');
	if (type !== 'file' && type !== 'voice') return error(40004, 'invalid media type');
	const part = parseMultipartFile(req.headers['content-type'], req.body, 'media');
	if (!part) return error(44001, 'empty media data, the multipart part "media" is missing');
	if (part.data.length <= 5) return error(40006, 'invalid file size: a file must be larger than 5 bytes');
	if (part.data.length > FILE_MAX) return error(40006, 'invalid file size: a file must be at most 20MB');
	const mediaId = randomBytes(24).toString('base64url');
	ctx.weComMedia.set(mediaId, { key, filename: part.filename, size: part.data.length, expiresAt: ctx.now() + MEDIA_TTL_MS });
	return { status: 200, body: { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: String(Math.floor(ctx.now() / 1000)) } };
}

function send(ctx: SinkContext, req: SinkRequest, key: string): SinkReply {
	const body = parseJson(req.body);
	if (!isRecord(body)) return error(40035, 'invalid Request Parameter, Warning: wrong json format.');
	const msgtype = body.msgtype;
	let text: string;
	switch (msgtype) {
		case 'text': {
			const t = body.text;
			if (!isRecord(t) || !nonEmptyString(t.content)) return error(44004, 'empty content');
			if (Buffer.byteLength(t.content) > TEXT_MAX) return error(40058, `content exceed max length ${TEXT_MAX}`);
			for (const list of ['mentioned_list', 'mentioned_mobile_list']) {
				if (t[list] !== undefined && !(Array.isArray(t[list]) && (t[list] as unknown[]).every((x) => typeof x === 'string'))) {
					return error(40035, `invalid Request Parameter: ${list} must be a list of strings`);
				}
			}
			text = t.content;
			break;
		}
		case 'markdown': {
			const m = body.markdown;
			if (!isRecord(m) || !nonEmptyString(m.content)) return error(44004, 'empty content');
			if (Buffer.byteLength(m.content) > MARKDOWN_MAX) return error(40058, `content exceed max length ${MARKDOWN_MAX}`);
			text = m.content;
			break;
		}
		case 'image': {
			const img = body.image;
			if (!isRecord(img) || !nonEmptyString(img.base64) || !nonEmptyString(img.md5)) return error(40035, 'invalid Request Parameter: image.base64 and image.md5 are required');
			const data = Buffer.from(img.base64, 'base64');
			if (data.length === 0 || data.length > IMAGE_MAX) return error(40009, 'invalid image size');
			if (createHash('md5').update(data).digest('hex') !== img.md5.toLowerCase()) return error(40035, 'invalid Request Parameter: image md5 does not match its data');
			text = `[image ${data.length} bytes]`;
			break;
		}
		case 'file': {
			const f = body.file;
			const media = isRecord(f) && typeof f.media_id === 'string' ? ctx.weComMedia.get(f.media_id) : undefined;
			if (!media || media.key !== key || media.expiresAt < ctx.now()) return error(40007, 'invalid media_id');
			text = `[file ${media.filename}]`;
			break;
		}
		default:
			return error(40008, 'invalid message type');
	}
	const now = ctx.now();
	const rateKey = `wecom:${key}`;
	if (paceWait(ctx.log.times(rateKey), ctx.robotRules, now) > 0) return error(45009, 'api freq out of limit');
	ctx.log.record(rateKey, now, Math.max(...ctx.robotRules.map((r) => r.windowMs)));
	ctx.store.add({ channel: 'wecom', receivedAt: new Date(now).toISOString(), account: key, msgtype, text, body });
	return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
}
