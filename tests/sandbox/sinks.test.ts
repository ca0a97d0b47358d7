import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSendSmsRequest, acs3Sign } from '../../lib/notify/aliyun';
import { dingTalkSendUrl } from '../../lib/notify/dingtalk';
import { multipartFileBody } from '../../lib/notify/multipart';
import {
	createSinks,
	DEMO_ALIYUN_ACCESS_KEY_ID,
	DEMO_ALIYUN_ACCESS_KEY_SECRET,
	DEMO_DINGTALK_SECRET,
	DEMO_DINGTALK_TOKEN,
	DEMO_WECOM_KEY,
	startSinkServer,
	type SinkServer,
} from '../../sandbox/sinks';

let clock = Date.UTC(2024, 4, 1, 2, 0, 0);
let server: SinkServer;

beforeAll(async () => {
	server = await startSinkServer({ port: 0, now: () => clock });
});
afterAll(() => server.close());
beforeEach(() => server.sinks.clear());

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
	const payload = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body);
	const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const wecom = (body: unknown, key = DEMO_WECOM_KEY) => post(`/sinks/wecom/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, body);

describe('WeCom group robot sink', () => {
	it('accepts a text message and keeps it', async () => {
		const r = await wecom({ msgtype: 'text', text: { content: '工会通知', mentioned_list: ['@all'] } });
		expect(r).toEqual({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
		expect(server.sinks.messages({ channel: 'wecom' })).toMatchObject([{ account: DEMO_WECOM_KEY, msgtype: 'text', text: '工会通知' }]);
	});

	it.each([
		['an unknown key', { msgtype: 'text', text: { content: 'x' } }, 'nope', 93000],
		['an unknown message type', { msgtype: 'video', video: {} }, DEMO_WECOM_KEY, 40008],
		['empty text', { msgtype: 'text', text: { content: '' } }, DEMO_WECOM_KEY, 44004],
		['text over 2048 bytes', { msgtype: 'text', text: { content: '工'.repeat(683) } }, DEMO_WECOM_KEY, 40058],
		['markdown over 4096 bytes', { msgtype: 'markdown', markdown: { content: 'a'.repeat(4097) } }, DEMO_WECOM_KEY, 40058],
		['an image whose md5 does not match', { msgtype: 'image', image: { base64: 'aGVsbG8=', md5: '0'.repeat(32) } }, DEMO_WECOM_KEY, 40035],
		['a file never uploaded', { msgtype: 'file', file: { media_id: 'x' } }, DEMO_WECOM_KEY, 40007],
	])('refuses %s', async (_label, body, key, errcode) => {
		expect((await wecom(body, key)).json.errcode).toBe(errcode);
		expect(server.sinks.messages()).toHaveLength(0);
	});

	it('accepts an image with the right md5', async () => {
		const data = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const r = await wecom({ msgtype: 'image', image: { base64: data.toString('base64'), md5: createHash('md5').update(data).digest('hex') } });
		expect(r.json.errcode).toBe(0);
	});

	it('takes an upload, then sends the file by its media_id', async () => {
		const { body, contentType } = multipartFileBody('media', '会员名册.xlsx', 'application/octet-stream', Buffer.from('PK-some-bytes'));
		const up = await post(`/sinks/wecom/cgi-bin/webhook/upload_media?key=${DEMO_WECOM_KEY}&type=file`, body, { 'content-type': contentType });
		expect(up.json).toMatchObject({ errcode: 0, type: 'file', media_id: expect.any(String) });
		const sent = await wecom({ msgtype: 'file', file: { media_id: up.json.media_id } });
		expect(sent.json.errcode).toBe(0);
		expect(server.sinks.messages()[0]).toMatchObject({ msgtype: 'file', text: '[file 会员名册.xlsx]' });
		const other = await post(`/sinks/wecom/cgi-bin/webhook/upload_media?key=${DEMO_WECOM_KEY}&type=file`, Buffer.alloc(0), { 'content-type': contentType });
		expect(other.json.errcode).toBe(44001);
	});

	it('answers 45009 for the 21st message within a minute, and accepts again a minute later', async () => {
		for (let i = 0; i < 20; i++) expect((await wecom({ msgtype: 'text', text: { content: `#${i}` } })).json.errcode).toBe(0);
		expect((await wecom({ msgtype: 'text', text: { content: '#20' } })).json.errcode).toBe(45009);
		clock += 60_000;
		expect((await wecom({ msgtype: 'text', text: { content: '#20' } })).json.errcode).toBe(0);
		expect(server.sinks.messages()).toHaveLength(21);
	});
});

describe('DingTalk custom robot sink', () => {
	const send = (body: unknown, opts: { token?: string; secret?: string; timestamp?: number } = {}) => {
		const url = dingTalkSendUrl('/sinks/dingtalk', opts.token ?? DEMO_DINGTALK_TOKEN, opts.secret ?? DEMO_DINGTALK_SECRET, opts.timestamp ?? clock);
		return post(url, body);
	};

	it('accepts a signed text and an action card with buttons', async () => {
		expect((await send({ msgtype: 'text', text: { content: '入会审批通知' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
		const card = {
			msgtype: 'actionCard',
			actionCard: { title: '审批', text: '请审批', btnOrientation: '1', btns: [{ title: '同意', actionURL: 'https://a' }, { title: '拒绝', actionURL: 'https://r' }] },
		};
		expect((await send(card)).json.errcode).toBe(0);
		expect(server.sinks.messages({ channel: 'dingtalk' }).map((m) => m.text)).toEqual(['入会审批通知', '审批\n请审批\n同意\n拒绝']);
	});

	it('refuses a bad sign, a stale timestamp and an unknown token', async () => {
		const text = { msgtype: 'text', text: { content: 'x' } };
		expect((await send(text, { secret: 'wrong' })).json).toMatchObject({ errcode: 310000, errmsg: expect.stringContaining('sign not match') });
		expect((await send(text, { timestamp: clock - 2 * 60 * 60 * 1000 })).json).toMatchObject({ errcode: 310000, errmsg: 'invalid timestamp' });
		expect((await post(`/sinks/dingtalk/robot/send?access_token=${DEMO_DINGTALK_TOKEN}`, text)).json.errcode).toBe(310000);
		expect((await send(text, { token: 'unknown' })).json.errcode).toBe(300001);
	});

	it('refuses malformed messages and bodies over 20000 bytes', async () => {
		expect((await send({ msgtype: 'markdown', markdown: { text: 'no title' } })).json.errcode).toBe(40035);
		expect((await send({ msgtype: 'actionCard', actionCard: { title: 't', text: 'x' } })).json.errcode).toBe(40035);
		expect((await send({ msgtype: 'text', text: { content: 'a'.repeat(20001) } })).json.errcode).toBe(460101);
	});

	it('answers 130101 past 20 messages a minute', async () => {
		for (let i = 0; i < 20; i++) await send({ msgtype: 'text', text: { content: `${i}` } });
		expect((await send({ msgtype: 'text', text: { content: 'over' } })).json).toMatchObject({ errcode: 130101 });
	});
});

describe('Aliyun SMS sink', () => {
	const endpoint = () => `${server.url}/sinks/aliyun-sms/`;
	const sms = (phones: string[], over: Partial<Parameters<typeof buildSendSmsRequest>[0]> = {}) =>
		buildSendSmsRequest({
			endpoint: endpoint(),
			accessKeyId: DEMO_ALIYUN_ACCESS_KEY_ID,
			accessKeySecret: DEMO_ALIYUN_ACCESS_KEY_SECRET,
			phoneNumbers: phones,
			signName: '粤工惠',
			templateCode: 'SMS_465000001',
			templateParam: { name: '张*', status: '已通过' },
			date: new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			...over,
		});
	const send = async (request: ReturnType<typeof sms>) => {
		const res = await fetch(request.url, { method: 'POST', headers: request.headers });
		return { status: res.status, json: (await res.json()) as Record<string, unknown> };
	};

	it('accepts a correctly signed SendSms and keeps the template values', async () => {
		const r = await send(sms(['13800138000', '+86 139-0013-9000']));
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ Code: 'OK', Message: 'OK', BizId: expect.stringMatching(/\^0$/), RequestId: expect.any(String) });
		expect(server.sinks.messages({ channel: 'sms' })).toMatchObject([
			{ msgtype: 'SMS_465000001', phoneNumbers: ['13800138000', '13900139000'], text: '张*\n已通过', body: { SignName: '粤工惠' } },
		]);
	});

	it('refuses a wrong secret (SignatureDoesNotMatch) and a replayed nonce', async () => {
		const bad = await send(sms(['13800138000'], { accessKeySecret: 'wrong' }));
		expect(bad).toMatchObject({ status: 400, json: { Code: 'SignatureDoesNotMatch' } });
		const once = sms(['13800138001'], { nonce: 'fixed-nonce-1' });
		expect((await send(once)).json.Code).toBe('OK');
		expect((await send(once)).json.Code).toBe('SignatureNonceUsed');
	});

	it('refuses an illegal mobile number and a too-long variable', async () => {
		expect((await send(sms(['12345']))).json.Code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
		expect((await send(sms(['13800138002'], { templateParam: { x: '长'.repeat(36) } }))).json.Code).toBe('isv.PARAM_LENGTH_LIMIT');
	});

	it('applies the per-number flow control (1 a minute)', async () => {
		expect((await send(sms(['13800138003']))).json.Code).toBe('OK');
		const again = await send(sms(['13800138003']));
		expect(again.json).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码分钟级流控Permits:1' });
		clock += 60_000;
		expect((await send(sms(['13800138003']))).json.Code).toBe('OK');
	});

	it('answers QuerySmsSignList (the credential test)', async () => {
		const url = new URL(endpoint());
		const signed = acs3Sign({
			method: 'POST',
			host: url.host,
			path: url.pathname,
			action: 'QuerySmsSignList',
			version: '2017-05-25',
			accessKeyId: DEMO_ALIYUN_ACCESS_KEY_ID,
			accessKeySecret: DEMO_ALIYUN_ACCESS_KEY_SECRET,
			date: new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		});
		const res = await fetch(endpoint(), { method: 'POST', headers: signed.headers });
		expect(await res.json()).toMatchObject({ Code: 'OK', SmsSignList: [{ SignName: '粤工惠' }] });
	});
});

describe('the messages listing', () => {
	it('lists, filters and clears over HTTP', async () => {
		await wecom({ msgtype: 'markdown', markdown: { content: '# 月报' } });
		const all = await (await fetch(`${server.url}/sinks/messages`)).json();
		expect(all).toMatchObject({ count: 1, messages: [{ channel: 'wecom', msgtype: 'markdown', text: '# 月报' }] });
		expect(await (await fetch(`${server.url}/sinks/messages?channel=sms`)).json()).toEqual({ count: 0, messages: [] });
		await fetch(`${server.url}/sinks/messages`, { method: 'DELETE' });
		expect(server.sinks.messages()).toEqual([]);
	});

	it('leaves paths outside /sinks/ to the host server', async () => {
		const sinks = createSinks();
		const host = createServer((req, res) => {
			if (!sinks.handle(req, res, Buffer.alloc(0))) {
				res.writeHead(200);
				res.end('platform');
			}
		});
		await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
		const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
		expect(await (await fetch(`${base}/api/v1/healthz`)).text()).toBe('platform');
		expect(await (await fetch(`${base}/sinks-not/x`)).text()).toBe('platform');
		expect((await fetch(`${base}/sinks/messages`)).status).toBe(200);
		await new Promise((r) => host.close(r));
	});
});
