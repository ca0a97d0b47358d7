/** The fault option the node tests use: injected 500s, 429s and silences, before any change. */
import { startPlatform, application } from './platformClient';

test('rate 1 with one kind at a time; a faulted create changes nothing; health and admin unaffected', async () => {
	const { platform, api, client } = await startPlatform();
	try {
		const admin = (body: unknown) => fetch(`${platform.url}/_admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		expect(await (await admin({ rate: 1, kinds: ['500'] })).json()).toMatchObject({ rate: 1, kinds: ['500'] });
		const failed = await api.post('/applications', application(), { idempotencyKey: 'fault-1' });
		expect(failed).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
		expect(failed.schemaErrors).toBeNull();
		expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);

		await admin({ kinds: ['429'] });
		const limited = await client.get('/companies/meituan-demo/roster/counts');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.body.code).toBe('RATE_LIMITED');

		await admin({ kinds: ['timeout'], timeoutMs: 50 });
		await expect(api.get('/organizations?limit=1')).rejects.toThrow();

		await admin({ rate: 0 });
		const retried = await api.post('/applications', application(), { idempotencyKey: 'fault-1' });
		expect(retried.status).toBe(201);
		expect(retried.headers.get('idempotent-replayed')).toBeNull();
		expect((platform.db.prepare('SELECT COUNT(*) AS n FROM applications').get() as { n: number }).n).toBe(1);

		const refused = await admin({ rate: 2 });
		expect(refused.status).toBe(400);
		expect((await admin({ kinds: ['slow'] })).status).toBe(400);
		expect(await (await fetch(`${platform.url}/_admin/faults`)).json()).toMatchObject({ rate: 0 });
	} finally {
		await platform.close();
	}
});

test('a share of requests fails, the rest are answered', async () => {
	const { platform, api } = await startPlatform({ faults: { rate: 0.3, kinds: ['500', '429'] } });
	try {
		const statuses: number[] = [];
		for (let i = 0; i < 200; i++) statuses.push((await api.get('/organizations?limit=1')).status);
		const failed = statuses.filter((s) => s === 500 || s === 429).length;
		expect(statuses.every((s) => [200, 429, 500].includes(s))).toBe(true);
		expect(failed).toBeGreaterThan(30);
		expect(failed).toBeLessThan(90);
	} finally {
		await platform.close();
	}
});
