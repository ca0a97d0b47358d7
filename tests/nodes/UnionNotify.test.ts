import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { ROOT, runNode, runWorkflow } from '../helpers/harness';
import { assertNoPersonalData } from '../helpers/piiScan';
import {
	DEMO_ALIYUN_ACCESS_KEY_ID,
	DEMO_ALIYUN_ACCESS_KEY_SECRET,
	DEMO_DINGTALK_SECRET,
	DEMO_DINGTALK_TOKEN,
	DEMO_WECOM_KEY,
	startSinkServer,
	type SinkServer,
} from '../../sandbox/sinks';

/* The node runs from dist/: swap the clock and reset the pacing on the very modules it uses. */
const clockModule = require(path.join(ROOT, 'dist/lib/notify/clock')) as typeof import('../../lib/notify/clock');
const pacerModule = require(path.join(ROOT, 'dist/lib/notify/pacer')) as typeof import('../../lib/notify/pacer');

const TYPE = 'n8n-nodes-gonghui.unionNotify';
const MEMBER = { name: '张三', idNumber: '440106199001011234', phone: '13812345678', bankAccount: '6222021234567890123' };
const NOTICE =
	'={{ "会员" + $json.name + "（身份证 " + $json.idNumber + "，电话 " + $json.phone + "）的理赔款已转入 " + $json.bankAccount + "。" }}';
const MASKED_NOTICE = '会员张*（身份证 440***********1234，电话 138****5678）的理赔款已转入 **** **** **** 0123。';

let clock: InstanceType<typeof clockModule.FakeClock>;
let sink: SinkServer;

const credentials = (over: Partial<Record<string, IDataObject>> = {}) => ({
	weComRobotApi: { baseUrl: `${sink.url}/sinks/wecom`, webhookKey: DEMO_WECOM_KEY, ...over.weComRobotApi },
	dingTalkRobotApi: { baseUrl: `${sink.url}/sinks/dingtalk`, accessToken: DEMO_DINGTALK_TOKEN, secret: DEMO_DINGTALK_SECRET, ...over.dingTalkRobotApi },
	aliyunSmsApi: {
		endpoint: `${sink.url}/sinks/aliyun-sms/`,
		accessKeyId: DEMO_ALIYUN_ACCESS_KEY_ID,
		accessKeySecret: DEMO_ALIYUN_ACCESS_KEY_SECRET,
		signName: '粤工惠',
		...over.aliyunSmsApi,
	},
});

const texts = () => sink.sinks.messages().map((m) => m.text);

beforeAll(async () => {
	clock = new clockModule.FakeClock(Date.now());
	clockModule.setClock(clock);
	sink = await startSinkServer({ port: 0, now: () => clock.now() });
});

afterAll(async () => {
	clockModule.setClock();
	await sink.close();
});

beforeEach(() => {
	sink.sinks.clear();
	pacerModule.resetPacing();
	clock.advance(24 * 60 * 60 * 1000);
});

describe('Union Notify — WeCom group robot', () => {
	it('sends text masked by default, one item out per item in', async () => {
		const result = await runNode({ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: NOTICE } }, [MEMBER, { ...MEMBER, name: '欧阳娜娜' }], {
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const out = result.items('Node');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toMatchObject({ sent: true, channel: 'weCom', messageType: 'text', parts: 1, text: MASKED_NOTICE, masked: true });
		expect(sink.sinks.messages({ channel: 'wecom' }).map((m) => m.text)).toEqual([MASKED_NOTICE, MASKED_NOTICE.replace('张*', '欧阳**')]);
		assertNoPersonalData(texts(), { names: ['张三', '欧阳娜娜'] });
	});

	it('splits long text into 2048-byte messages that arrive in order', async () => {
		const long = '工会'.repeat(1500);
		const result = await runNode({ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: long } }, [{}], { credentials: credentials() });
		expect(result.output('Node')[0]).toMatchObject({ sent: true, parts: 5 });
		const received = sink.sinks.messages().map((m) => m.text);
		expect(received).toHaveLength(5);
		expect(received.join('')).toBe(long);
		for (const t of received) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(2048);
	});

	it('cuts markdown at 4096 bytes and masks names typed in Names to Mask', async () => {
		const markdown = '# 入会审批\n> 李四 的申请已通过\n' + '会'.repeat(2000);
		const result = await runNode(
			{ type: TYPE, parameters: { resource: 'weCom', operation: 'sendMarkdown', text: markdown, namesToMask: '李四' } },
			[{}],
			{ credentials: credentials() },
		);
		expect(result.error).toBeUndefined();
		const [message] = sink.sinks.messages();
		expect(message.msgtype).toBe('markdown');
		expect(message.text.startsWith('# 入会审批\n> 李* 的申请已通过\n')).toBe(true);
		expect(Buffer.byteLength(message.text)).toBeLessThanOrEqual(4096);
		expect(message.text.endsWith('…')).toBe(true);
	});

	it('sends an image (base64 + md5) and a file (upload_media, then send) from binary properties', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
		const xlsx = Buffer.from('PK\u0003\u0004 a member roster');
		const binary = (data: Buffer, mimeType: string, fileName: string) => ({ data: { data: data.toString('base64'), mimeType, fileName } });
		const run = (operation: string, item: IDataObject) =>
			runWorkflow(
				{
					nodes: [
						{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{ id: 'n', name: 'Node', type: TYPE, typeVersion: 1, position: [200, 0], parameters: { resource: 'weCom', operation } },
					],
					connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
					pinData: { Start: [item as never] },
				},
				{ credentials: credentials() },
			);
		const image = await run('sendImage', { json: {}, binary: binary(png, 'image/png', 'chart.png') });
		expect(image.error).toBeUndefined();
		expect(image.output('Node')[0]).toMatchObject({ sent: true, messageType: 'image', image: { bytes: png.length } });
		const file = await run('sendFile', { json: {}, binary: binary(xlsx, 'application/vnd.ms-excel', '会员名册.xlsx') });
		expect(file.error).toBeUndefined();
		expect(file.output('Node')[0]).toMatchObject({ sent: true, messageType: 'file', file: { fileName: '会员名册.xlsx', bytes: xlsx.length } });
		expect(sink.sinks.messages().map((m) => [m.msgtype, m.text])).toEqual([
			['image', `[image ${png.length} bytes]`],
			['file', '[file 会员名册.xlsx]'],
		]);
	});

	it('paces 50 messages to one robot over about two minutes of the (fake) clock, none dropped', async () => {
		const start = clock.now();
		const items = Array.from({ length: 50 }, (_, n) => ({ n, ...MEMBER }));
		const result = await runNode(
			{ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: '={{ "通知 #" + $json.n + " " + $json.phone }}' } },
			items,
			{ credentials: credentials() },
		);
		expect(result.error).toBeUndefined();
		const out = result.output('Node');
		expect(out).toHaveLength(50);
		expect(out.every((o) => o.sent === true)).toBe(true);
		const received = sink.sinks.messages({ channel: 'wecom' });
		expect(received.map((m) => m.text)).toEqual(items.map((i) => `通知 #${i.n} 138****5678`));
		const elapsed = clock.now() - start;
		expect(elapsed).toBeGreaterThanOrEqual(2 * 60_000);
		expect(elapsed).toBeLessThan(3 * 60_000);
		expect(out.reduce((sum, o) => sum + Number(o.waitedMs), 0)).toBeGreaterThanOrEqual(2 * 60_000);
		// what the robot saw: never more than 20 in any minute
		const times = received.map((m) => Date.parse(m.receivedAt));
		for (const t of times) expect(times.filter((u) => u >= t && u - t < 60_000).length).toBeLessThanOrEqual(20);
	});

	it('waits and retries when another sender has used up the robot\'s minute', async () => {
		for (let n = 0; n < 20; n++) {
			await fetch(`${sink.url}/sinks/wecom/cgi-bin/webhook/send?key=${DEMO_WECOM_KEY}`, {
				method: 'POST',
				body: JSON.stringify({ msgtype: 'text', text: { content: `other sender ${n}` } }),
			});
		}
		const result = await runNode({ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: '到会提醒' } }, [{}], { credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(result.output('Node')[0]).toMatchObject({ sent: true, waitedMs: 60_000 });
		expect(sink.sinks.messages().at(-1)?.text).toBe('到会提醒');
	});

	it('fails the node with a clear bilingual error for a refused key', async () => {
		const result = await runNode({ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: 'x' } }, [{}], {
			credentials: credentials({ weComRobotApi: { webhookKey: 'not-a-robot' } }),
		});
		expect(result.error?.message).toContain('93000');
		expect(result.error?.message).toContain('Webhook Key 无效');
		expect(result.error?.message).toContain('webhook key is not valid');
		expect(result.error?.message).not.toContain('not-a-robot');
		expect(sink.sinks.messages()).toHaveLength(0);
	});
});

describe('Union Notify — DingTalk robot', () => {
	it('sends signed text, markdown and an action card with buttons, masked', async () => {
		const run = (parameters: IDataObject) =>
			runNode({ type: TYPE, parameters: { resource: 'dingTalk', ...parameters } }, [MEMBER], { credentials: credentials() });
		const text = await run({ operation: 'sendText', text: NOTICE, atMobiles: '13900139000' });
		const markdown = await run({ operation: 'sendMarkdown', title: '理赔通知', text: '={{ "## 理赔\\n" + $json.name + " " + $json.phone }}' });
		const card = await run({
			operation: 'sendActionCard',
			title: '={{ "入会审批：" + $json.name }}',
			text: '={{ $json.name + "（" + $json.idNumber + "）申请入会" }}',
			btnOrientation: '1',
			buttons: { button: [{ title: '同意', url: 'https://example.org/approve' }, { title: '拒绝', url: 'https://example.org/reject' }] },
		});
		for (const r of [text, markdown, card]) expect(r.error).toBeUndefined();
		expect(card.output('Node')[0]).toMatchObject({ sent: true, messageType: 'actionCard', title: '入会审批：张*' });
		const received = sink.sinks.messages({ channel: 'dingtalk' });
		expect(received.map((m) => m.msgtype)).toEqual(['text', 'markdown', 'actionCard']);
		expect(received[0].text).toBe(MASKED_NOTICE);
		expect(received[0].body).toMatchObject({ at: { atMobiles: ['13900139000'] } });
		expect(received[1].text).toBe('理赔通知\n## 理赔\n张* 138****5678');
		expect(received[2].text).toBe('入会审批：张*\n张*（440***********1234）申请入会\n同意\n拒绝');
		expect(received[2].body).toMatchObject({ actionCard: { btnOrientation: '1', btns: [{ actionURL: 'https://example.org/approve' }, { actionURL: 'https://example.org/reject' }] } });
		assertNoPersonalData(texts(), { names: ['张三'] });
	});

	it('reports a wrong secret as a signature error', async () => {
		const result = await runNode({ type: TYPE, parameters: { resource: 'dingTalk', operation: 'sendText', text: 'x' } }, [{}], {
			credentials: credentials({ dingTalkRobotApi: { secret: 'SECwrong' } }),
		});
		expect(result.error?.message).toMatch(/310000.*加签校验失败.*signature or timestamp was refused/);
	});
});

describe('Union Notify — Aliyun SMS', () => {
	const sms = (parameters: IDataObject) => ({ type: TYPE, parameters: { resource: 'sms', operation: 'send', templateCode: 'SMS_465000001', ...parameters } });

	it('sends a template SMS with masked, cut parameters to the real number', async () => {
		const result = await runNode(
			sms({
				phoneNumbers: '={{ $json.phone }}',
				templateParams: '={{ JSON.stringify({ name: $json.name, id: $json.idNumber, note: "您的理赔申请已受理，请留意后续通知，如有疑问请致电工会服务热线咨询，谢谢您的支持" }) }}',
			}),
			[MEMBER],
			{ credentials: credentials() },
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Node')[0]).toMatchObject({
			sent: true,
			channel: 'sms',
			phoneNumbers: ['138****5678'],
			templateCode: 'SMS_465000001',
			bizId: expect.any(String),
			requestId: expect.any(String),
		});
		const [message] = sink.sinks.messages({ channel: 'sms' });
		expect(message.phoneNumbers).toEqual(['13812345678']);
		expect((message.body as IDataObject).TemplateParam).toEqual({
			name: '张*',
			id: '440***********1234',
			note: '您的理赔申请已受理，请留意后续通知，如有疑问请致电工会服务热线咨询，…',
		});
		assertNoPersonalData(texts(), { names: ['张三'] });
	});

	it('waits out the per-number limit (1 a minute) instead of failing', async () => {
		const start = clock.now();
		const result = await runNode(sms({ phoneNumbers: '13800138000', templateParams: '={{ JSON.stringify({ n: String($json.n) }) }}' }), [{ n: 1 }, { n: 2 }, { n: 3 }], {
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Node').map((o) => o.sent)).toEqual([true, true, true]);
		expect(sink.sinks.messages({ channel: 'sms' })).toHaveLength(3);
		expect(clock.now() - start).toBeGreaterThanOrEqual(2 * 60_000);
	});

	it('refuses to wait past the maximum wait (the hour\'s 5 are used up)', async () => {
		const items = Array.from({ length: 6 }, (_, n) => ({ n }));
		const result = await runNode(
			{ ...sms({ phoneNumbers: '13800138009', options: { smsMaxWaitSeconds: 600 } }), continueOnFail: true },
			items,
			{ credentials: credentials() },
		);
		const out = result.output('Node');
		expect(out.slice(0, 5).every((o) => o.sent === true)).toBe(true);
		expect(out[5]).toMatchObject({ sent: false, channel: 'sms', error: expect.stringContaining('5/h') });
		expect(out[5].error).toContain('138****8009');
		expect(sink.sinks.messages({ channel: 'sms' })).toHaveLength(5);
	});

	it('sends unmasked only when Send Unmasked is on — and the PII scan notices', async () => {
		const result = await runNode(sms({ phoneNumbers: '13800138001', templateParams: '={{ JSON.stringify({ name: $json.name }) }}', sendUnmasked: true }), [MEMBER], {
			credentials: credentials(),
		});
		expect(result.output('Node')[0]).toMatchObject({ sent: true, masked: false, templateParam: { name: '张三' } });
		expect(() => assertNoPersonalData(texts(), { names: ['张三'] })).toThrow(/Unmasked personal data in 1 of 1/);
	});

	it('with continueOnFail, a refused or malformed message becomes an error item in its place', async () => {
		const items = [
			{ phone: '13800138011', code: 'SMS_465000001' },
			{ phone: '13800138012', code: 'NOT_A_TEMPLATE' },
			{ phone: '12345', code: 'SMS_465000001' },
			{ phone: '13800138013', code: 'SMS_465000001' },
		];
		const result = await runNode(
			{ ...sms({ phoneNumbers: '={{ $json.phone }}', templateCode: '={{ $json.code }}' }), continueOnFail: true },
			items,
			{ credentials: credentials() },
		);
		const out = result.items('Node');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out.map((o) => o.json.sent)).toEqual([true, false, false, true]);
		expect(out[1].json.error).toMatch(/isv\.SMS_TEMPLATE_ILLEGAL.*短信模板不存在.*template does not exist/);
		expect(out[2].json.error).toContain('Not a valid mobile number');
		expect(sink.sinks.messages({ channel: 'sms' }).map((m) => m.phoneNumbers)).toEqual([['13800138011'], ['13800138013']]);
	});

	it('without continueOnFail, a wrong AccessKey secret stops the node with SignatureDoesNotMatch', async () => {
		const result = await runNode(sms({ phoneNumbers: '13800138020' }), [{}], { credentials: credentials({ aliyunSmsApi: { accessKeySecret: 'wrong' } }) });
		expect(result.error?.message).toMatch(/SignatureDoesNotMatch.*AccessKey Secret.*AccessKey secret/);
	});
});

describe('credential tests', () => {
	it('Aliyun: the QuerySmsSignList test request is signed and answered', async () => {
		const { AliyunSmsApi } = require(path.join(ROOT, 'dist/credentials/AliyunSmsApi.credentials')) as typeof import('../../credentials/AliyunSmsApi.credentials');
		const credential = new AliyunSmsApi();
		const signed = await credential.authenticate(credentials().aliyunSmsApi, { ...credential.test.request } as never);
		const res = await fetch(signed.url, { method: signed.method, headers: signed.headers as Record<string, string> });
		expect(await res.json()).toMatchObject({ Code: 'OK', SmsSignList: [{ SignName: '粤工惠' }] });
	});

	it('WeCom and DingTalk: the test requests check the key without posting anything', async () => {
		const { WeComRobotApi } = require(path.join(ROOT, 'dist/credentials/WeComRobotApi.credentials')) as typeof import('../../credentials/WeComRobotApi.credentials');
		const { DingTalkRobotApi } = require(path.join(ROOT, 'dist/credentials/DingTalkRobotApi.credentials')) as typeof import('../../credentials/DingTalkRobotApi.credentials');
		const call = async (signed: { url: string; method?: string; body?: unknown }) =>
			(await (await fetch(signed.url, { method: signed.method, body: signed.body === undefined ? undefined : JSON.stringify(signed.body) })).json()) as IDataObject;
		const wecom = new WeComRobotApi();
		expect((await call(await wecom.authenticate(credentials().weComRobotApi, { ...wecom.test.request } as never))).errcode).not.toBe(93000);
		expect((await call(await wecom.authenticate({ ...credentials().weComRobotApi, webhookKey: 'bad' }, { ...wecom.test.request } as never))).errcode).toBe(93000);
		const ding = new DingTalkRobotApi();
		expect((await call(await ding.authenticate(credentials().dingTalkRobotApi, { ...ding.test.request } as never))).errcode).toBe(40035);
		expect((await call(await ding.authenticate({ ...credentials().dingTalkRobotApi, secret: 'x' }, { ...ding.test.request } as never))).errcode).toBe(310000);
		expect(sink.sinks.messages()).toHaveLength(0);
	});
});
