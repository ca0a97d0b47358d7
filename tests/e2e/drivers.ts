/**
 * How the end-to-end suite drives each template: what the platform (or the clock) does to start
 * it, and what must then be true in the platform's database and sinks. One entry per template.
 */
import type { PlatformServer } from '../../sandbox';
import { applicationFor, nextWorker } from '../fixtures/membership-application';
import { claimInput, memberPicker } from '../fixtures/claims';

/** A JSON answer of the platform; its shape is the contract's, checked by the platform's own tests. */
type Json = ReturnType<typeof JSON.parse>;

export interface PlatformClient {
	get(path: string): Promise<{ status: number; body: Json }>;
	post(path: string, body: unknown, options?: { idempotencyKey?: string; ifMatch?: number }): Promise<{ status: number; body: Json }>;
	all(path: string): Promise<Json[]>;
}

export interface TemplateContext {
	platform: PlatformServer;
	client: PlatformClient;
}

export interface Driver {
	kind: 'webhook' | 'schedule';
	description: string;
	/** Prepares the platform before n8n starts (and before any schedule fires). */
	before?(context: TemplateContext): Promise<void>;
	run(context: TemplateContext): Promise<void>;
}

/** Resume links are for people: n8n's Wait node turns away clients that look like bots. */
const BROWSER = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 wxwork/4.1' };

/** How long a scheduled test waits for its schedule to fire and its run to finish. */
const FIRE_TIMEOUT_MS = 360000;
let overdueTransfer = '';
let surveyWeeksBefore = 0;

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function settledApplication(client: PlatformClient, applicationId: string, statuses: string[]) {
	return await waitFor(`application ${applicationId} to be ${statuses.join(' or ')}`, async () => {
		const { body } = await client.get(`/applications/${applicationId}`);
		return statuses.includes(body.status) ? body : undefined;
	});
}

async function submit(client: PlatformClient, body: Record<string, unknown>) {
	const reply = await client.post('/applications', body, { idempotencyKey: `e2e-${body.idNumber}` });
	expect(reply.status).toBe(201);
	return reply.body.applicationId as string;
}

export const drivers: Record<string, Driver> = {
	'membership-application.json': {
		kind: 'webhook',
		description: 'a clean application approved automatically; one in review approved through the resume link of its city admin',
		async run({ client, platform }) {
			const worker = nextWorker(platform);
			const cleanId = await submit(client, applicationFor(worker, { name: '周晓东', phone: '13912340001' }));
			const approved = await settledApplication(client, cleanId, ['approved', 'rejected', 'review']);
			expect(approved.status).toBe('approved');
			expect(approved.memberId).toBeTruthy();

			const other = nextWorker(platform);
			const doubtfulId = await submit(client, applicationFor(other, { name: '吴海燕', phone: '13912340002' }, { group: 'other' }));
			await settledApplication(client, doubtfulId, ['review']);
			const admin = `ADM-${other.cityCode}-1`;
			const link = await waitFor(`the approve link of ${admin} on WeCom`, async () => {
				for (const message of platform.sinks.messages({ channel: 'wecom' })) {
					const links = message.text.match(/https?:\/\/[^\s)\]"]+/g) ?? [];
					const found = links.find((url) => url.includes('decision=approve') && url.includes(admin));
					if (found) return found;
				}
				return undefined;
			});
			const resumed = await fetch(link, { headers: BROWSER });
			expect(resumed.status).toBeLessThan(400);
			const decided = await settledApplication(client, doubtfulId, ['approved', 'rejected']);
			expect(decided.status).toBe('approved');
		},
	},

	'claim-adjudication.json': {
		kind: 'webhook',
		description: 'a claim submitted on the platform is adjudicated, paid by its tier and recorded, the member told by SMS',
		async run({ client, platform }) {
			const member = await memberPicker(platform, client).covered();
			const created = await client.post('/claims', claimInput(member), { idempotencyKey: `e2e-claim-${member.memberId}` });
			expect(created.status).toBe(201);
			const decided = await waitFor(`claim ${created.body.claimId} to be decided`, async () => {
				const { body } = await client.get(`/claims/${created.body.claimId}`);
				return body.decision ? body : undefined;
			});
			expect(decided.decision).toMatchObject({ outcome: 'approved', tierFen: 50000, payoutFen: 50000 });
			await waitFor('the SMS to the member', async () =>
				platform.sinks.messages({ channel: 'sms' }).some((m) => (m.phoneNumbers ?? []).includes(member.phone)),
			);
		},
	},

	'enterprise-union-transfer.json': {
		kind: 'webhook',
		description: 'a new enterprise union: its employees at the city reservoir get transfers, exactly once',
		async run({ client, platform }) {
			const employer = platform.db
				.prepare(
					`SELECT employer_usci AS usci, city_code AS cityCode, COUNT(*) AS n FROM members
					  WHERE org_id = 'FED-' || city_code AND employer_usci IS NOT NULL AND employment_relation IN ('labor_contract', 'dispatch')
					  GROUP BY employer_usci, city_code ORDER BY n DESC LIMIT 1`,
				)
				.get() as { usci: string; cityCode: string; n: number };
			const union = await client.post(
				'/organizations',
				{ type: 'enterprise', cityCode: employer.cityCode, name: '端到端测试企业工会', usci: employer.usci, admins: [{ name: '王建国', phone: '13800138000' }] },
				{ idempotencyKey: `e2e-union-${employer.usci}` },
			);
			expect(union.status).toBe(201);
			const transfers = await waitFor(`${employer.n} transfers to ${union.body.orgId}`, async () => {
				const list = await client.all(`/transfers?orgId=${union.body.orgId}`);
				return list.length >= employer.n ? list : undefined;
			});
			expect(transfers).toHaveLength(employer.n);
			expect(new Set(transfers.map((t: { memberId: string }) => t.memberId)).size).toBe(employer.n);
		},
	},

	'transfer-expiry-daily.json': {
		kind: 'schedule',
		description: 'a transfer past its deadline is expired on the platform by the daily run',
		async before({ client, platform }) {
			const member = platform.db
				.prepare(`SELECT member_id AS memberId, org_id AS orgId FROM members WHERE org_id = 'FED-440300' AND employment_relation IN ('civil', 'platform_managed') ORDER BY seq DESC LIMIT 1`)
				.get() as { memberId: string; orgId: string };
			const created = await client.post(
				'/transfers',
				{ memberId: member.memberId, fromOrgId: member.orgId, toOrgId: 'FED-440100', reason: 'moved_city', requestedBy: { actorId: member.memberId } },
				{ idempotencyKey: `e2e-overdue-${member.memberId}` },
			);
			expect(created.status).toBe(201);
			overdueTransfer = created.body.transferId;
			platform.db.prepare(`UPDATE transfers SET expires_at = '2026-01-01T00:00:00+08:00' WHERE transfer_id = ?`).run(overdueTransfer);
		},
		async run({ client }) {
			await waitFor(
				`transfer ${overdueTransfer} to be expired`,
				async () => (await client.get(`/transfers/${overdueTransfer}`)).body.state === 'expired',
				FIRE_TIMEOUT_MS,
			);
		},
	},

	'platform-roster-survey.json': {
		kind: 'schedule',
		description: "the companies' rosters, merged, land on the platform as this week's surveyed counts (摸底人数)",
		async before({ platform }) {
			surveyWeeksBefore = (platform.db.prepare('SELECT COUNT(DISTINCT week_of) AS n FROM survey_counts').get() as { n: number }).n;
		},
		async run({ platform }) {
			const latest = await waitFor(
				'a new week of surveyed counts on the platform',
				async () => {
					const weeks = platform.db.prepare('SELECT COUNT(DISTINCT week_of) AS n FROM survey_counts').get() as { n: number };
					if (weeks.n <= surveyWeeksBefore) return undefined;
					return platform.db
						.prepare('SELECT SUM(surveyed) AS workers FROM survey_counts WHERE week_of = (SELECT MAX(week_of) FROM survey_counts)')
						.get() as { workers: number };
				},
				FIRE_TIMEOUT_MS,
			);
			expect(latest.workers).toBeGreaterThan(0);
		},
	},

	'bimonthly-progress-report.json': {
		kind: 'schedule',
		description: 'the report (summary, chart and 附件2 workbook) reaches the provincial WeCom group',
		async run({ platform }) {
			await waitFor(
				'the markdown summary, the chart and the workbook on WeCom',
				async () => {
					const types = new Set(platform.sinks.messages({ channel: 'wecom' }).map((m) => m.msgtype));
					return ['markdown', 'image', 'file'].every((t) => types.has(t));
				},
				FIRE_TIMEOUT_MS,
			);
		},
	},
};
