import { createHash } from 'node:crypto';
import { findUnmaskedPersonalData } from '../../../lib/core/masking';
import { maskDeep, maskMessageText, namesFromFields, parseNameList } from '../../../lib/notify/masking';
import {
	dingTalkActionCardMessage,
	dingTalkMarkdownMessage,
	dingTalkTextMessages,
	smsTemplateParams,
	weComImageMessage,
	weComMarkdownMessage,
	weComTextMessages,
} from '../../../lib/notify/messages';

const ID = '440106199001011234';
const PHONE = '13812345678';
const CARD = '6222021234567890123';

describe('masking of message texts', () => {
	const text = `会员张三（身份证 ${ID}，电话 ${PHONE}）理赔款已转入 ${CARD}。`;

	it('masks IDs, phones, accounts and the names given by default', () => {
		const out = maskMessageText(text, { names: ['张三'] });
		expect(out).toBe('会员张*（身份证 440***********1234，电话 138****5678）理赔款已转入 **** **** **** 0123。');
		expect(findUnmaskedPersonalData(out)).toEqual([]);
	});

	it('sends the text as it is only when asked to explicitly', () => {
		expect(maskMessageText(text, { names: ['张三'], unmasked: true })).toBe(text);
	});

	it('masks every string inside a structure', () => {
		expect(maskDeep({ a: [`tel ${PHONE}`], b: { c: 1 } })).toEqual({ a: ['tel 138****5678'], b: { c: 1 } });
	});

	it("finds people's names in known fields but not organisations' names", () => {
		const item = {
			name: '欧阳娜娜',
			employer: { name: '美团' },
			applicant: { realName: 'Li Lei' },
			members: [{ memberName: '王五' }],
			cityName: '深圳',
		};
		expect(namesFromFields(item).sort()).toEqual(['Li Lei', '欧阳娜娜', '王五'].sort());
		expect(namesFromFields({ orgId: 'ORG-1', usci: '91440300MA5XXXXX0X', name: '美团工会', contactName: '赵六' })).toEqual(['赵六']);
	});

	it('reads a typed list of names', () => {
		expect(parseNameList('张三, 李四、王五；赵六\n孙')).toEqual(['张三', '李四', '王五', '赵六']);
	});
});

describe('WeCom bodies', () => {
	it('splits long text into several messages under 2048 bytes, mentions on the first only', () => {
		const messages = weComTextMessages('通知'.repeat(700), { mentionedList: ['@all'] });
		expect(messages).toHaveLength(3);
		for (const m of messages) {
			expect(m.msgtype).toBe('text');
			if (m.msgtype === 'text') expect(Buffer.byteLength(m.text.content)).toBeLessThanOrEqual(2048);
		}
		expect(messages[0]).toMatchObject({ text: { mentioned_list: ['@all'] } });
		expect(messages[1]).not.toHaveProperty('text.mentioned_list');
		expect(messages.map((m) => (m.msgtype === 'text' ? m.text.content : '')).join('')).toBe('通知'.repeat(700));
	});

	it('masks before cutting, so a number on the cut is still masked', () => {
		const text = 'x'.repeat(2040) + PHONE;
		const joined = weComTextMessages(text)
			.map((m) => (m.msgtype === 'text' ? m.text.content : ''))
			.join('');
		expect(joined).toBe('x'.repeat(2040) + '138****5678');
	});

	it('cuts markdown at 4096 bytes', () => {
		const m = weComMarkdownMessage('# 标题\n' + '会'.repeat(2000));
		expect(m.msgtype === 'markdown' && Buffer.byteLength(m.markdown.content)).toBeLessThanOrEqual(4096);
	});

	it('sends an image as base64 with its md5', () => {
		const png = Buffer.from('89504e470d0a1a0a', 'hex');
		expect(weComImageMessage(png)).toEqual({
			msgtype: 'image',
			image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') },
		});
		expect(() => weComImageMessage(Buffer.alloc(2 * 1024 * 1024 + 1))).toThrow(RangeError);
	});
});

describe('DingTalk bodies', () => {
	it('splits text so that each body stays under 20000 bytes', () => {
		const messages = dingTalkTextMessages('"\n'.repeat(12000), { atMobiles: [PHONE] });
		expect(messages.length).toBeGreaterThan(1);
		for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThanOrEqual(20000);
		expect(messages[0]).toMatchObject({ at: { atMobiles: [PHONE] } });
	});

	it('builds markdown and action cards, masked', () => {
		expect(dingTalkMarkdownMessage('审批', `电话 ${PHONE}`)).toEqual({ msgtype: 'markdown', markdown: { title: '审批', text: '电话 138****5678' } });
		expect(dingTalkActionCardMessage('入会', '张三申请', [{ title: '查看张三', actionURL: 'https://x/1' }], '0', { names: ['张三'] })).toEqual({
			msgtype: 'actionCard',
			actionCard: { title: '入会', text: '张*申请', singleTitle: '查看张*', singleURL: 'https://x/1' },
		});
		const card = dingTalkActionCardMessage('t', 'x', [
			{ title: '同意', actionURL: 'https://x/a' },
			{ title: '拒绝', actionURL: 'https://x/r' },
		], '1');
		expect(card).toMatchObject({ actionCard: { btnOrientation: '1', btns: [{ title: '同意' }, { title: '拒绝' }] } });
	});
});

describe('SMS template parameters', () => {
	it('masks and cuts every value to 35 characters, as strings', () => {
		expect(smsTemplateParams({ name: '张三', id: ID, amount: 1234.5, note: '长'.repeat(50) }, { names: ['张三'] })).toEqual({
			name: '张*',
			id: '440***********1234',
			amount: '1234.5',
			note: '长'.repeat(34) + '…',
		});
	});
});
