import { execFileSync } from 'node:child_process';
import {
	acs3CanonicalQuery,
	acs3PercentEncode,
	acs3Sign,
	buildSendSmsRequest,
	verifyAcs3Request,
} from '../../../lib/notify/aliyun';
import { dingTalkSendUrl, dingTalkSign, verifyDingTalkSign } from '../../../lib/notify/dingtalk';

/** Independent HMAC-SHA256 (base64) from the openssl command line. */
function opensslHmacBase64(key: string, data: string): string {
	const mac = execFileSync('openssl', ['dgst', '-sha256', '-hmac', key, '-binary'], { input: Buffer.from(data, 'utf8') });
	return mac.toString('base64');
}

/** Independent HMAC-SHA256 (hex), the key given as hex so any bytes pass intact. */
function opensslHmacHex(key: string, data: string): string {
	const out = execFileSync(
		'openssl',
		['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${Buffer.from(key, 'utf8').toString('hex')}`],
		{ input: Buffer.from(data, 'utf8') },
	).toString();
	return out.trim().split(/\s+/).pop()!;
}

function opensslSha256Hex(data: string): string {
	return execFileSync('openssl', ['dgst', '-sha256'], { input: Buffer.from(data, 'utf8') }).toString().trim().split(/\s+/).pop()!;
}

describe('DingTalk custom robot signature', () => {
	it.each([
		['SEC000000000000000000000', 1700000000000],
		['demo-dingtalk-secret', 1577836800000],
		['SECd4f2a9e0c1…带中文的密钥', 1712345678901],
	])('sign(%s, %d) equals openssl over "timestamp\\nsecret"', (secret, timestamp) => {
		expect(dingTalkSign(secret, timestamp)).toBe(opensslHmacBase64(secret, `${timestamp}\n${secret}`));
	});

	it('puts the timestamp and the URL-encoded sign in the send URL', () => {
		const secret = 'demo-dingtalk-secret';
		const ts = 1700000000000;
		const url = new URL(dingTalkSendUrl('http://127.0.0.1:1/sinks/dingtalk/', 'tok en', secret, ts));
		expect(url.pathname).toBe('/sinks/dingtalk/robot/send');
		expect(url.searchParams.get('access_token')).toBe('tok en');
		expect(url.searchParams.get('timestamp')).toBe(String(ts));
		expect(url.searchParams.get('sign')).toBe(opensslHmacBase64(secret, `${ts}\n${secret}`));
		// base64 '+', '/' and '=' must not reach the query raw
		const rawSign = /[?&]sign=([^&]*)/.exec(url.search)![1];
		expect(rawSign).not.toMatch(/[+/=]/);
	});

	it('leaves sign and timestamp out when the robot has no secret', () => {
		expect(dingTalkSendUrl('https://oapi.dingtalk.com', 'abc', undefined, 1)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
	});

	it('verifies a good sign and refuses a forged, a missing or an hour-old one', () => {
		const secret = 's3cret';
		const now = 1700000000000;
		const sign = dingTalkSign(secret, now);
		expect(verifyDingTalkSign(secret, String(now), sign, now + 1000)).toEqual({ ok: true });
		expect(verifyDingTalkSign('other', String(now), sign, now)).toEqual({ ok: false, problem: 'mismatch' });
		expect(verifyDingTalkSign(secret, undefined, sign, now)).toEqual({ ok: false, problem: 'missing' });
		expect(verifyDingTalkSign(secret, String(now), sign, now + 60 * 60 * 1000 + 1)).toEqual({ ok: false, problem: 'timestamp' });
	});
});

describe('Aliyun ACS3-HMAC-SHA256 signature', () => {
	// The fixed example of Alibaba Cloud's "V3 request structure and signature" document.
	const example = {
		method: 'POST',
		host: 'ecs.cn-shanghai.aliyuncs.com',
		path: '/',
		query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
		action: 'RunInstances',
		version: '2014-05-26',
		accessKeyId: 'YourAccessKeyId',
		accessKeySecret: 'YourAccessKeySecret',
		date: '2023-10-26T10:22:32Z',
		nonce: '3156853299f313e23d1673dc12e1703d',
	};

	it("reproduces the documentation's fixed example", () => {
		const signed = acs3Sign(example);
		expect(signed.canonicalRequest).toBe(
			[
				'POST',
				'/',
				'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
				'host:ecs.cn-shanghai.aliyuncs.com',
				'x-acs-action:RunInstances',
				'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
				'x-acs-date:2023-10-26T10:22:32Z',
				'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
				'x-acs-version:2014-05-26',
				'',
				'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
				'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
			].join('\n'),
		);
		expect(signed.stringToSign).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
		expect(signed.signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
		expect(signed.headers.authorization).toBe(
			'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
		);
	});

	it('signs a SendSms request exactly as openssl computes over the canonical strings', () => {
		const request = buildSendSmsRequest({
			endpoint: 'https://dysmsapi.aliyuncs.com',
			accessKeyId: 'demo-access-key-id',
			accessKeySecret: 'demo-access-key-secret',
			phoneNumbers: ['13800138000', '13900139000'],
			signName: '广东省总工会',
			templateCode: 'SMS_123456789',
			templateParam: { name: '张*', code: 'A B*C~' },
			date: '2024-05-01T02:03:04Z',
			nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
		});
		const query =
			'PhoneNumbers=13800138000%2C13900139000' +
			'&SignName=%E5%B9%BF%E4%B8%9C%E7%9C%81%E6%80%BB%E5%B7%A5%E4%BC%9A' +
			'&TemplateCode=SMS_123456789' +
			'&TemplateParam=%7B%22name%22%3A%22%E5%BC%A0%2A%22%2C%22code%22%3A%22A%20B%2AC~%22%7D';
		expect(request.url).toBe(`https://dysmsapi.aliyuncs.com/?${query}`);
		const emptyHash = opensslSha256Hex('');
		const canonical = [
			'POST',
			'/',
			query,
			'host:dysmsapi.aliyuncs.com',
			'x-acs-action:SendSms',
			`x-acs-content-sha256:${emptyHash}`,
			'x-acs-date:2024-05-01T02:03:04Z',
			'x-acs-signature-nonce:a1b2c3d4e5f60718293a4b5c6d7e8f90',
			'x-acs-version:2017-05-25',
			'',
			'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
			emptyHash,
		].join('\n');
		const stringToSign = `ACS3-HMAC-SHA256\n${opensslSha256Hex(canonical)}`;
		const signature = opensslHmacHex('demo-access-key-secret', stringToSign);
		expect(request.headers.authorization).toBe(
			`ACS3-HMAC-SHA256 Credential=demo-access-key-id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${signature}`,
		);
		expect(request.headers['x-acs-version']).toBe('2017-05-25');
		expect(request.headers['x-acs-action']).toBe('SendSms');
		expect(request.body).toBe('');
	});

	it('encodes per RFC 3986 and sorts by name', () => {
		expect(acs3PercentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
		expect(acs3PercentEncode('中')).toBe('%E4%B8%AD');
		expect(acs3CanonicalQuery({ b: '2', a: '1', B: '0' })).toBe('B=0&a=1&b=2');
		expect(acs3CanonicalQuery({})).toBe('');
	});

	describe('verification as the gateway does it', () => {
		const secretOf = (id: string) => (id === 'demo-access-key-id' ? 'demo-access-key-secret' : undefined);
		const now = Date.parse('2024-05-01T02:03:04Z');
		const base = () =>
			buildSendSmsRequest({
				endpoint: 'http://127.0.0.1:5679/sinks/aliyun-sms/',
				accessKeyId: 'demo-access-key-id',
				accessKeySecret: 'demo-access-key-secret',
				phoneNumbers: ['13800138000'],
				signName: '粤工惠',
				templateCode: 'SMS_1',
				templateParam: { text: 'a+b c' },
				date: '2024-05-01T02:03:04Z',
			});
		const target = (url: string) => url.slice(url.indexOf('/', 'http://'.length));

		it('accepts what was signed, even with the query re-encoded form-style', () => {
			const req = base();
			const formStyle = target(req.url).replace(/%20/g, '+');
			for (const t of [target(req.url), formStyle]) {
				const check = verifyAcs3Request({ method: 'POST', target: t, headers: req.headers, body: Buffer.alloc(0), secretOf, now });
				expect(check).toMatchObject({ ok: true, accessKeyId: 'demo-access-key-id', action: 'SendSms', version: '2017-05-25' });
				if (check.ok) expect(JSON.parse(check.params.TemplateParam)).toEqual({ text: 'a+b c' });
			}
		});

		it('refuses a changed parameter, a wrong secret, an unknown key, a stale date and a changed body', () => {
			const req = base();
			const tampered = target(req.url).replace('13800138000', '13800138001');
			expect(verifyAcs3Request({ method: 'POST', target: tampered, headers: req.headers, body: Buffer.alloc(0), secretOf, now })).toMatchObject({
				ok: false,
				code: 'SignatureDoesNotMatch',
			});
			expect(
				verifyAcs3Request({ method: 'POST', target: target(req.url), headers: req.headers, body: Buffer.alloc(0), secretOf: () => 'wrong', now }),
			).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
			expect(
				verifyAcs3Request({ method: 'POST', target: target(req.url), headers: req.headers, body: Buffer.alloc(0), secretOf: () => undefined, now }),
			).toMatchObject({ ok: false, code: 'InvalidAccessKeyId.NotFound' });
			expect(
				verifyAcs3Request({ method: 'POST', target: target(req.url), headers: req.headers, body: Buffer.alloc(0), secretOf, now: now + 16 * 60 * 1000 }),
			).toMatchObject({ ok: false, code: 'InvalidTimeStamp.Expired' });
			expect(
				verifyAcs3Request({ method: 'POST', target: target(req.url), headers: req.headers, body: Buffer.from('x'), secretOf, now }),
			).toMatchObject({ ok: false, code: 'ContentSHA256NotMatch' });
			expect(
				verifyAcs3Request({ method: 'POST', target: target(req.url), headers: { ...req.headers, authorization: undefined }, body: Buffer.alloc(0), secretOf, now }),
			).toMatchObject({ ok: false, code: 'MissingAuthorization' });
		});
	});
});
