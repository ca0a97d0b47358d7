import { verifyDingTalkSign } from '../../lib/notify/dingtalk';
import { paceWait } from '../../lib/notify/pacer';
import { isRecord, nonEmptyString, parseJson, type SinkContext, type SinkReply, type SinkRequest } from './context';

/**
 * DingTalk custom robot stand-in: `POST /robot/send?access_token=T&timestamp=&sign=`, checking 加签
 * against the robot's secret, answering `{ errcode, errmsg }` (always HTTP 200).
 */
const BODY_MAX = 20000;

const error = (errcode: number, errmsg: string): SinkReply => ({ status: 200, body: { errcode, errmsg } });

export function handleDingTalk(ctx: SinkContext, req: SinkRequest, path: string): SinkReply {
	if (path !== '/robot/send') return { status: 404, body: { errcode: 404, errmsg: '请求的URI地址不存在' } };
	if (req.method !== 'POST') return { status: 405, body: { errcode: 43002, errmsg: '需要POST请求' } };
	const token = req.url.searchParams.get('access_token') ?? '';
	const secret = ctx.dingTalkRobots[token];
	if (secret === undefined) return error(300001, 'token is not exist');
	if (secret !== '') {
		const check = verifyDingTalkSign(secret, req.url.searchParams.get('timestamp') ?? undefined, req.url.searchParams.get('sign') ?? undefined, ctx.now());
		if (!check.ok) {
			return error(310000, check.problem === 'timestamp' ? 'invalid timestamp' : 'sign not match, more: [https://open.dingtalk.com/document/robots/customize-robot-security-settings]');
		}
	}
	if (req.body.length > BODY_MAX) return error(460101, `message too long, exceed ${BODY_MAX} bytes`);
	const body = parseJson(req.body);
	if (!isRecord(body)) return error(40035, '缺少参数 json');
	const msgtype = body.msgtype;
	let text: string;
	switch (msgtype) {
		case 'text': {
			const t = body.text;
			if (!isRecord(t) || !nonEmptyString(t.content)) return error(40035, '缺少参数 text.content');
			text = t.content;
			break;
		}
		case 'markdown': {
			const m = body.markdown;
			if (!isRecord(m) || !nonEmptyString(m.title) || !nonEmptyString(m.text)) return error(40035, '缺少参数 markdown.title / markdown.text');
			text = `${m.title}\n${m.text}`;
			break;
		}
		case 'actionCard': {
			const c = body.actionCard;
			if (!isRecord(c) || !nonEmptyString(c.title) || !nonEmptyString(c.text)) return error(40035, '缺少参数 actionCard.title / actionCard.text');
			const buttons: string[] = [];
			if (c.btns !== undefined) {
				if (!Array.isArray(c.btns) || c.btns.length === 0) return error(40035, '不合法的参数 actionCard.btns');
				for (const b of c.btns) {
					if (!isRecord(b) || !nonEmptyString(b.title) || !nonEmptyString(b.actionURL)) return error(40035, '不合法的参数 actionCard.btns[].title / actionURL');
					buttons.push(b.title);
				}
			} else if (nonEmptyString(c.singleTitle) && nonEmptyString(c.singleURL)) {
				buttons.push(c.singleTitle);
			} else {
				return error(40035, '缺少参数 actionCard.singleTitle/singleURL 或 btns');
			}
			text = [c.title, c.text, ...buttons].join('\n');
			break;
		}
		default:
			return error(40035, '不合法的参数 msgtype');
	}
	const now = ctx.now();
	const rateKey = `dingtalk:${token}`;
	if (paceWait(ctx.log.times(rateKey), ctx.robotRules, now) > 0) return error(130101, 'send too fast, exceed 20 times per minute');
	ctx.log.record(rateKey, now, Math.max(...ctx.robotRules.map((r) => r.windowMs)));
	ctx.store.add({ channel: 'dingtalk', receivedAt: new Date(now).toISOString(), account: token, msgtype, text, body });
	return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
}
