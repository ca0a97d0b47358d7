/**
 * The enterprise-union transfer template on n8n in queue mode (main + two workers on Redis and
 * PostgreSQL), run by `npm run test:queue` only: ten employers' unions registered at once, each
 * run moving that employer's members out of the city federation's reservoir, and a worker killed
 * (SIGKILL) in the middle and another started on the same user folder. n8n marks the dead
 * worker's runs crashed and does not run them again; the template's sweep (here every minute, for
 * unions recorded 3 to 5 minutes before) has the platform announce each union once more, and the
 * re-run creates what the lost run had not. One more union never had its announcement delivered at
 * all (n8n down past the platform's retries), so the sweep always has something to complete.
 * Every eligible member gets exactly one transfer to their employer's union, nobody is texted
 * twice, and the unions announced twice are not reported twice.
 */
import type { PlatformServer } from '../../sandbox';
import { isoInChina } from '../../sandbox/clock';
import { insertOrganization } from '../../sandbox/resources/organizations';
import { inParallel, waitFor } from '../fixtures/faults/n8n';
import {
	killWorkerAndReplace,
	liveWorkersIdle,
	runsInFlight,
	smsPerPhone,
	startQueueRun,
	stopQueueRun,
	templateWithQuickSweep,
	type QueueInstance,
	type QueueRun,
} from './queueInstance';

const { platformClient } = require('../../scripts/lib/platformClient');

const UNIONS = 10;

function transferTemplate() {
	const workflow = templateWithQuickSweep('enterprise-union-transfer.json', '30–100 min old, of an employer?');
	const recent = workflow.nodes.find((node) => node.name === 'Unions recorded lately')!.parameters as { filters: { createdAfter: string } };
	if (!recent.filters.createdAfter.includes('minutes: 100')) throw new Error('the sweep no longer looks 100 minutes back: update this test');
	recent.filters.createdAfter = recent.filters.createdAfter.replace('minutes: 100', 'minutes: 5');
	return workflow;
}

interface Employer {
	usci: string;
	name: string;
	cityCode: string;
	/** The labour-contract and dispatched members in the reservoir, none with a transfer under way. */
	memberIds: string[];
}

describe('enterprise-union transfers on n8n in queue mode, two workers', () => {
	let run: QueueRun | undefined;
	let platform: PlatformServer;
	let instance: QueueInstance;

	beforeAll(async () => {
		run = await startQueueRun('queue-transfers-', [transferTemplate()]);
		({ platform, instance } = run);
	}, 300_000);

	afterAll(() => stopQueueRun(run), 60_000);

	function employersWithoutUnion(count: number): Employer[] {
		const rows = platform.db
			.prepare(
				`SELECT m.employer_usci AS usci, MIN(m.employer_name) AS name, m.city_code AS cityCode, GROUP_CONCAT(m.member_id) AS ids
				   FROM members m
				  WHERE m.org_id = 'FED-' || m.city_code AND m.employer_usci IS NOT NULL AND m.employment_relation IN ('labor_contract', 'dispatch')
				    AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.usci = m.employer_usci COLLATE NOCASE)
				    AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.member_id = m.member_id AND t.state IN ('requested', 'released'))
				  GROUP BY m.employer_usci, m.city_code
				 HAVING COUNT(*) BETWEEN 2 AND 8
				  ORDER BY m.employer_usci
				  LIMIT ?`,
			)
			.all(count) as Array<{ usci: string; name: string; cityCode: string; ids: string }>;
		if (rows.length < count) throw new Error(`only ${rows.length} employers without a union in the seed`);
		return rows.map((row) => ({ usci: row.usci, name: row.name, cityCode: row.cityCode, memberIds: row.ids.split(',').sort() }));
	}

	it('a worker killed while ten unions take their members: every eligible member transferred once, nobody texted twice', async () => {
		const employers = employersWithoutUnion(UNIONS + 1);
		const unannounced = employers[UNIONS];
		const orgIds: string[] = new Array(UNIONS + 1);
		orgIds[UNIONS] = `ENT-${unannounced.cityCode}-UNANNOUNCED`;
		const now = isoInChina(Date.now());
		const { usci, name, cityCode } = unannounced;
		insertOrganization(platform.db, { orgId: orgIds[UNIONS], type: 'enterprise', cityCode, name: `${name}工会`, usci, parentOrgId: `FED-${cityCode}`, establishedAt: now, createdAt: now });

		const client = platformClient(platform.url);
		const startedBefore = instance.workerExecutions().worker1 as number;
		await inParallel(UNIONS, UNIONS, async (i) => {
			const { usci, name, cityCode } = employers[i];
			const body = { type: 'enterprise', cityCode, name: `${name}工会`, usci, parentOrgId: `FED-${cityCode}`, admins: [{ name: '梁建国', phone: `1361234${String(i).padStart(4, '0')}` }] };
			const reply = await client.post('/organizations', body, { idempotencyKey: `queue-union-${usci}` });
			if (reply.status !== 201) throw new Error(`POST /organizations: ${reply.status} ${JSON.stringify(reply.body)}`);
			orgIds[i] = reply.body.orgId;
		});

		await waitFor('worker1 to be in the middle of a run', () => (instance.workerExecutions().worker1 as number) > startedBefore && runsInFlight(instance, 'worker1') > 0, 120_000, 50);
		const transfersTo = platform.db.prepare('SELECT member_id FROM transfers WHERE to_org_id = ? ORDER BY member_id');
		const moved = (i: number) => (transfersTo.all(orgIds[i]) as Array<{ member_id: string }>).map((row) => row.member_id);
		const unfinishedAtKill = employers.filter((employer, i) => moved(i).length < employer.memberIds.length).length;
		const runsLost = await killWorkerAndReplace(instance, 'worker1');

		await waitFor('every eligible member transferred', () => employers.every((employer, i) => moved(i).length >= employer.memberIds.length), 420_000, 1000);
		await liveWorkersIdle(instance, 'worker1');
		const wrong = employers.filter((employer, i) => JSON.stringify(moved(i)) !== JSON.stringify(employer.memberIds));
		const phones = platform.db.prepare('SELECT phone FROM members WHERE member_id = ?');
		const texts = smsPerPhone(platform);
		const memberPhones = employers.flatMap((employer) => employer.memberIds.map((id) => (phones.get(id) as { phone: string }).phone));
		const textedTwice = memberPhones.filter((phone) => (texts.get(phone) ?? 0) > 1);
		const smsMissing = memberPhones.filter((phone) => !texts.has(phone));
		const wecom = platform.sinks.messages({ channel: 'wecom' }).map((m) => m.text);
		const unreported = employers.filter((employer) => !wecom.some((text) => text.includes(`${employer.name}工会已成立`))).length;
		const announced = platform.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'organization.established' AND json_extract(data, '$.orgId') = ?`);
		const announcedAgain = orgIds.filter((orgId) => (announced.get(orgId) as { n: number }).n > 1).length;
		console.log(
			`transfers, worker killed mid-batch: unions=${UNIONS + 1} (1 never announced), members to move=${memberPhones.length}, unions unfinished when worker1 was killed=${unfinishedAtKill}, ` +
				`runs in flight on it=${runsLost}, transferred=${employers.reduce((sum, _, i) => sum + moved(i).length, 0)} ` +
				`(${announcedAgain} unions announced again by the sweep), duplicates=${wrong.length + textedTwice.length}, lost=0, ` +
				`SMS missing=${smsMissing.length} and union reports missing=${unreported} (runs that died between creating and telling); ` +
				`executions per worker ${JSON.stringify(instance.workerExecutions())}`,
		);
		expect(unfinishedAtKill).toBeGreaterThan(0);
		expect(wrong).toEqual([]);
		expect(textedTwice).toEqual([]);
		expect((announced.get(orgIds[UNIONS]) as { n: number }).n).toBeGreaterThanOrEqual(1);
		expect(moved(UNIONS)).toEqual(unannounced.memberIds);
		expect(wecom.filter((text) => text.includes(`${unannounced.name}工会已成立`))).toHaveLength(1);
		expect(wecom.length).toBe(UNIONS + 1 - unreported);
		// A lost run tells at most its own union (≤ 8 members) nothing: the re-run finds nothing new to report.
		expect(smsMissing.length).toBeLessThanOrEqual(runsLost * 8);
		expect(unreported).toBeLessThanOrEqual(runsLost);
	}, 720_000);
});
