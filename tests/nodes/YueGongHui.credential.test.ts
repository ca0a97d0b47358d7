/**
 * The 粤工惠 credential's authenticate(): what it signs is what goes on the wire, including when
 * n8n authenticates the same options twice (its retry after a 401), and its test request passes.
 */
import axios from 'axios';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { YueGongHuiApi } from '../../credentials/YueGongHuiApi.credentials';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer } from '../../sandbox';

let server: PlatformServer;
const credential = new YueGongHuiApi();
const data = () => ({ baseUrl: server.apiUrl, appKey: DEMO_APP_KEY, secret: DEMO_SECRET });

beforeAll(async () => {
	server = await createPlatformServer({ seed: { size: 30 } });
});
afterAll(async () => {
	await server?.close();
});

/** Sends the options as n8n's client does: axios with the URL, headers and body as given. */
async function send(options: IHttpRequestOptions) {
	return await axios.request({
		method: options.method,
		url: options.url,
		headers: options.headers as Record<string, string>,
		data: options.body,
		validateStatus: () => true,
	});
}

test('the credential test request is accepted by the platform', async () => {
	const request = credential.test.request;
	const options = await credential.authenticate(data(), {
		method: 'GET',
		url: request.url!,
		baseURL: server.apiUrl,
		qs: request.qs,
	});
	expect(options.url).toBe(`${server.apiUrl}/organizations?limit=1`);
	expect(options.qs).toBeUndefined();
	const response = await send(options);
	expect(response.status).toBe(200);
	expect(response.data.items).toHaveLength(1);
});

test('a POST body is serialized once, signed and sent as the same bytes; authenticating again re-signs', async () => {
	const body = { url: 'http://127.0.0.1:9/cred-test', events: ['claim.submitted'] };
	const first = await credential.authenticate(data(), { method: 'POST', url: '/webhooks', body, headers: { 'Idempotency-Key': 'cred-test-1' } });
	expect(first.body).toBe(JSON.stringify(body));
	expect((first.headers as Record<string, string>)['Content-Type']).toBe('application/json');

	const again = await credential.authenticate(data(), { ...first, headers: { ...first.headers } });
	expect(again.body).toBe(first.body);
	expect(again.url).toBe(first.url);
	expect((again.headers as Record<string, string>)['X-Nonce']).not.toBe((first.headers as Record<string, string>)['X-Nonce']);

	const response = await send(again);
	expect(response.status).toBe(201);
	expect(response.data).toMatchObject({ url: body.url, events: body.events });
	// the first signature is still genuine too (its nonce is unused)
	const replayOfFirst = await send(first);
	expect(replayOfFirst.status).toBe(201);
	expect(replayOfFirst.headers['idempotent-replayed']).toBe('true');
});

test('query values with spaces and Chinese are signed as sent', async () => {
	const options = await credential.authenticate(data(), {
		method: 'GET',
		url: '/organizations',
		qs: { usci: '中 文', limit: 5, cursor: undefined },
	});
	const response = await send(options);
	expect(response.status).not.toBe(401);
});

test('a wrong secret is refused by the platform', async () => {
	const options = await credential.authenticate({ ...data(), secret: 'nope' }, { method: 'GET', url: '/organizations' });
	const response = await send(options);
	expect(response.status).toBe(401);
	expect(response.data.code).toBe('SIGNATURE_INVALID');
});
