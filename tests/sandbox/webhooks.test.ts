/**
 * Events reach subscribers signed (SPEC §7) and survive a receiver that fails: retried with
 * backoff until accepted, each attempt in the delivery log, the same event id every time.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NonceCache, verifySignature } from '../../lib/platform/signing';
import { loadContract } from '../../sandbox/contract/openapi';
import { DEMO_SECRET } from '../../sandbox/server';
import { APPROVE_AT_FEDERATION, application, claim, startPlatform } from './platformClient';

interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	raw: string;
	verified: ReturnType<typeof verifySignature>;
}

/** A webhook receiver on 127.0.0.1 that answers `statuses` in turn (then 200) and checks signatures. */
async function receiver(secret: string, statuses: number[] = []) {
	const received: Received[] = [];
	const nonces = new NonceCache();
	const answers = [...statuses];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const verified = verifySignature({ method: req.method!, pathWithQuery: req.url!, body: raw, headers: req.headers, secret, nonces });
			received.push({ path: req.url!, headers: req.headers, raw, verified });
			res.writeHead(answers.shift() ?? 200);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const contract = loadContract();

test('a receiver that fails twice gets the event on the third attempt, signed each time', async () => {
	const hook = await receiver(DEMO_SECRET, [500, 503]);
	const { platform, api } = await startPlatform({ webhooks: [`${hook.url}/webhook/yuegonghui?tenant=gd`], webhookRetry: { baseMs: 20 } });
	try {
		const created = await api.post('/applications', application());
		await platform.webhooksIdle();
		expect(hook.received).toHaveLength(3);
		for (const r of hook.received) {
			expect(r.verified).toEqual({ ok: true, appKey: 'demo-app' });
			expect(r.path).toBe('/webhook/yuegonghui?tenant=gd');
			expect(r.headers['x-event-type']).toBe('application.submitted');
		}
		expect(new Set(hook.received.map((r) => r.headers['x-event-id'])).size).toBe(1);
		expect(new Set(hook.received.map((r) => r.headers['x-nonce'])).size).toBe(3);
		const event = JSON.parse(hook.received[2].raw);
		expect(event).toMatchObject({ id: hook.received[2].headers['x-event-id'], type: 'application.submitted', data: { applicationId: created.body.applicationId } });
		expect(contract.validateEvent('application.submitted', event)).toBeNull();

		const webhookId = (await api.get('/webhooks')).body.items[0].id;
		const log = (await api.get(`/webhooks/${webhookId}/deliveries`)).body.items[0];
		expect(log).toMatchObject({ state: 'delivered', attempts: 3, eventType: 'application.submitted', nextAttemptAt: null });
		expect(log.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
	} finally {
		await platform.close();
		await hook.close();
	}
});

test('a pending application announced again: a new signed event with the application as it stands; a decided one is not', async () => {
	const hook = await receiver(DEMO_SECRET);
	const { platform, api } = await startPlatform({ webhooks: [`${hook.url}/hook`], webhookRetry: { baseMs: 20 } });
	try {
		const created = await api.post('/applications', application());
		const applicationId = created.body.applicationId;
		const again = await api.post(`/applications/${applicationId}/redelivery`);
		expect(again.status).toBe(202);
		expect(again.schemaErrors).toBeNull();
		await platform.webhooksIdle();
		expect(hook.received).toHaveLength(2);
		const [first, second] = hook.received.map((r) => JSON.parse(r.raw));
		expect(hook.received.every((r) => r.verified.ok)).toBe(true);
		expect(second).toEqual(again.body);
		expect(second.id).not.toBe(first.id);
		expect(second).toMatchObject({ type: 'application.submitted', data: { applicationId, status: 'pending', version: 1 } });
		expect(second.data).toEqual(first.data);
		expect(contract.validateEvent('application.submitted', second)).toBeNull();

		expect((await api.post(`/applications/${applicationId}/decision`, { outcome: 'reject', reasons: [] }, { ifMatch: 1 })).status).toBe(200);
		const refused = await api.post(`/applications/${applicationId}/redelivery`);
		expect(refused).toMatchObject({ status: 409, schemaErrors: null, body: { code: 'NOT_PENDING' } });
		expect((await api.post('/applications/APP-NOPE/redelivery')).status).toBe(404);
		await platform.webhooksIdle();
		expect(hook.received.filter((r) => r.headers['x-event-type'] === 'application.submitted')).toHaveLength(2);
	} finally {
		await platform.close();
		await hook.close();
	}
});

test('each of the five events, with its documented payload, only to those who asked for it', async () => {
	const all = await receiver(DEMO_SECRET);
	const claimsOnly = await receiver('claims-only-secret');
	const { platform, api } = await startPlatform({ seed: { size: 60 }, webhookRetry: { baseMs: 20 } });
	try {
		await api.post('/webhooks', { url: `${all.url}/all`, events: ['application.submitted', 'application.decided', 'organization.established', 'claim.submitted', 'transfer.updated'] });
		await api.post('/webhooks', { url: `${claimsOnly.url}/claims`, events: ['claim.submitted'], secret: 'claims-only-secret' });

		const app = await api.post('/applications', application());
		const decided = await api.post(`/applications/${app.body.applicationId}/decision`, APPROVE_AT_FEDERATION, { ifMatch: 1 });
		await api.post('/organizations', { orgId: 'ENT-440300-EVT', type: 'enterprise', cityCode: '440300', name: '深圳市事件测试工会' });
		await api.post('/claims', claim(decided.body.memberId, 'ACC-EVT'));
		await api.post('/transfers', { memberId: decided.body.memberId, fromOrgId: 'FED-440300', toOrgId: 'ENT-440300-EVT', reason: 'employer_union_established', requestedBy: { actorId: 'ADM-440300-1' } });
		// A refused change announces nothing.
		await api.post(`/applications/${app.body.applicationId}/decision`, APPROVE_AT_FEDERATION, { ifMatch: 2 });
		await platform.webhooksIdle();

		const types = all.received.map((r) => r.headers['x-event-type']);
		// Deliveries run side by side, so arrival order is not promised.
		expect(types.sort()).toEqual(['application.decided', 'application.submitted', 'claim.submitted', 'organization.established', 'transfer.updated']);
		for (const r of all.received) {
			expect(r.verified.ok).toBe(true);
			expect(contract.validateEvent(String(r.headers['x-event-type']), JSON.parse(r.raw))).toBeNull();
		}
		expect(claimsOnly.received.map((r) => r.headers['x-event-type'])).toEqual(['claim.submitted']);
		expect(claimsOnly.received[0].verified.ok).toBe(true);
		// Signed with the subscription's own secret, not the app's.
		const withAppSecret = verifySignature({ method: 'POST', pathWithQuery: '/claims', body: claimsOnly.received[0].raw, headers: claimsOnly.received[0].headers, secret: DEMO_SECRET, nonces: new NonceCache() });
		expect(withAppSecret).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
	} finally {
		await platform.close();
		await all.close();
		await claimsOnly.close();
	}
});

test('a receiver that never accepts is given up after the last attempt', async () => {
	const hook = await receiver(DEMO_SECRET, [500, 500, 500, 500, 500]);
	const { platform, api } = await startPlatform({ webhooks: [{ url: `${hook.url}/down`, events: ['organization.established'] }], webhookRetry: { baseMs: 10, maxAttempts: 3 } });
	try {
		await api.post('/organizations', { type: 'regional', cityCode: '440600', name: '佛山市顺德区大良街道总工会' });
		await platform.webhooksIdle();
		expect(hook.received).toHaveLength(3);
		const webhookId = (await api.get('/webhooks')).body.items[0].id;
		const failed = (await api.get(`/webhooks/${webhookId}/deliveries?state=failed`)).body.items;
		expect(failed).toHaveLength(1);
		expect(failed[0]).toMatchObject({ attempts: 3, deliveredAt: null, nextAttemptAt: null });
	} finally {
		await platform.close();
		await hook.close();
	}
});

test('an unreachable receiver is retried and logged with the error', async () => {
	const hook = await receiver(DEMO_SECRET);
	const gone = hook.url;
	await hook.close();
	const { platform, api } = await startPlatform({ webhooks: [`${gone}/gone`], webhookRetry: { baseMs: 10, maxAttempts: 2 } });
	try {
		await api.post('/organizations', { type: 'industry', cityCode: '441300', name: '惠州市快递行业工会联合会' });
		await platform.webhooksIdle();
		const webhookId = (await api.get('/webhooks')).body.items[0].id;
		const delivery = (await api.get(`/webhooks/${webhookId}/deliveries`)).body.items[0];
		expect(delivery.state).toBe('failed');
		expect(delivery.log).toHaveLength(2);
		expect(delivery.log[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
	} finally {
		await platform.close();
	}
});
