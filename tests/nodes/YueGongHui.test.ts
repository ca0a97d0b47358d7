/**
 * The 粤工惠 node through the real n8n engine against the real local platform server: every
 * resource, pagination, idempotent creates, versions, problems in the user's words, retries.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { NodeConnectionTypes, type IDataObject } from 'n8n-workflow';

import { residentIdCheckCharacter } from '../../lib/core/identity';
import { signRequest } from '../../lib/platform/signing';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer } from '../../sandbox';
import { runNode, runWorkflow, type RunResult } from '../helpers/harness';

const TYPE = 'n8n-nodes-gonghui.yueGongHui';

let server: PlatformServer;
let examples: NonNullable<PlatformServer['seeded']>['examples'];

beforeAll(async () => {
	server = await createPlatformServer({ seed: { size: 120 } });
	examples = server.seeded!.examples;
});
afterAll(async () => {
	await server?.close();
});
afterEach(() => {
	server.setFaults({ rate: 0 });
});

interface RunOptions {
	continueOnFail?: boolean;
	baseUrl?: string;
}

async function ygh(parameters: IDataObject, input: IDataObject[] = [{}], options: RunOptions = {}): Promise<RunResult> {
	return await runNode({ type: TYPE, parameters, continueOnFail: options.continueOnFail }, input, {
		credentials: { yueGongHuiApi: { baseUrl: options.baseUrl ?? server.apiUrl, appKey: DEMO_APP_KEY, secret: DEMO_SECRET } },
	});
}

/** The node's output, failing the test with the run's error if it failed. */
function out(result: RunResult): IDataObject[] {
	if (result.error) throw result.error;
	return result.output('Node');
}

/** An independent signed call, to check what the node did. */
async function api(method: string, pathWithQuery: string, body?: unknown): Promise<{ status: number; json: IDataObject }> {
	const text = body === undefined ? '' : JSON.stringify(body);
	const target = `/api/v1${pathWithQuery}`;
	const headers = signRequest({ method, pathWithQuery: target, body: text, secret: DEMO_SECRET, appKey: DEMO_APP_KEY });
	const response = await fetch(server.url + target, {
		method,
		headers: { ...headers, ...(text ? { 'Content-Type': 'application/json' } : {}) },
		body: text || undefined,
	});
	const raw = await response.text();
	return { status: response.status, json: raw ? (JSON.parse(raw) as IDataObject) : {} };
}

function residentId(area: string, birth: string, sequence: number): string {
	const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
	return first17 + residentIdCheckCharacter(first17);
}

function newApplication(n: number): IDataObject {
	return {
		applicationId: `APP-TEST-${n}`,
		submittedAt: '2022-11-20T10:00:00+08:00',
		channel: 'mini_program',
		name: '陈晓明',
		idNumber: residentId('440106', '19900101', 100 + n),
		phone: `1380013${String(n).padStart(4, '0')}`,
		group: 'delivery_rider',
		employmentRelation: 'platform_managed',
		workCity: '广州',
		realNameVerified: true,
		// enrichment a workflow adds; not part of the API body
		applicant: { age: 32 },
		reasons: [],
	};
}

/** A loopback proxy in front of the platform: counts requests and can cut a response off. */
interface Proxy {
	url: string;
	requests: Array<{ method: string; url: string }>;
	close(): Promise<void>;
}

async function startProxy(hook: (n: number, method: string, url: string) => 'forward' | 'drop-response' = () => 'forward'): Promise<Proxy> {
	const upstream = new URL(server.url);
	const requests: Proxy['requests'] = [];
	const proxy: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '' });
			const action = hook(requests.length, req.method ?? '', req.url ?? '');
			const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
			const forward = httpRequest(
				{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
				(answer) => {
					const body: Buffer[] = [];
					answer.on('data', (c: Buffer) => body.push(c));
					answer.on('end', () => {
						if (action === 'drop-response') {
							req.socket.destroy();
							return;
						}
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						res.end(Buffer.concat(body));
					});
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
	const { port } = proxy.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/api/v1`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				proxy.close(() => resolve());
				proxy.closeAllConnections();
			}),
	};
}

describe('applications', () => {
	test('create from the input item sends only the API fields; a retried execution does not create twice', async () => {
		const item = newApplication(1);
		const first = out(await ygh({ resource: 'application', operation: 'create' }, [item]));
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ applicationId: 'APP-TEST-1', status: 'pending', version: 1, cityCode: '440100' });
		expect(first[0]).not.toHaveProperty('applicant');

		const again = out(await ygh({ resource: 'application', operation: 'create' }, [item]));
		expect(again[0].applicationId).toBe('APP-TEST-1');
		expect(again[0].createdAt).toBe(first[0].createdAt);
		const listed = await api('GET', '/applications?status=pending&cityCode=440100&limit=500');
		expect((listed.json.items as IDataObject[]).filter((a) => a.applicationId === 'APP-TEST-1')).toHaveLength(1);
	});

	test('get takes the ID from the parameter or from the item', async () => {
		const byParameter = out(await ygh({ resource: 'application', operation: 'get', applicationId: examples.pendingApplication }));
		const byItem = out(await ygh({ resource: 'application', operation: 'get' }, [{ applicationId: examples.pendingApplication }]));
		expect(byParameter[0].applicationId).toBe(examples.pendingApplication);
		expect(byItem).toEqual(byParameter);
	});

	test('Return All follows nextCursor across pages; Limit stops exactly', async () => {
		const direct = await api('GET', '/applications?status=pending&limit=500');
		const everything = (direct.json.items as IDataObject[]).map((a) => a.applicationId);
		expect(everything.length).toBeGreaterThan(12);

		const all = out(
			await ygh({ resource: 'application', operation: 'getMany', returnAll: true, filters: { status: 'pending' }, options: { pageSize: 5 } }),
		);
		expect(all.map((a) => a.applicationId)).toEqual(everything);

		const limited = await ygh({ resource: 'application', operation: 'getMany', limit: 12, filters: { status: 'pending' }, options: { pageSize: 5 } });
		expect(out(limited).map((a) => a.applicationId)).toEqual(everything.slice(0, 12));
		expect(limited.items('Node').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('decide with the version carried by the item approves and creates the member; deciding twice is refused in words', async () => {
		const created = out(await ygh({ resource: 'application', operation: 'create' }, [newApplication(2)]))[0];
		const reviewed = { ...created, outcome: 'approve', reasons: [], assignedOrg: { type: 'city_newform_federation', cityCode: '440100' } };
		const decided = out(await ygh({ resource: 'application', operation: 'decide' }, [reviewed]))[0];
		expect(decided).toMatchObject({ applicationId: 'APP-TEST-2', status: 'approved' });
		expect(decided.memberId).toEqual(expect.any(String));
		const member = await api('GET', `/members/${decided.memberId as string}`);
		expect(member.json).toMatchObject({ orgId: 'FED-440100', cityCode: '440100' });

		const twice = await ygh({ resource: 'application', operation: 'decide' }, [{ ...reviewed, version: decided.version }]);
		expect(twice.error?.message).toContain('NOT_AWAITING_REVIEW');
		expect(twice.error?.message).toContain('该申请已不在待审核状态');
	});

	test('redeliver has a pending application announced again; once decided it is refused in words, and continueOnFail keeps the others', async () => {
		const created = out(await ygh({ resource: 'application', operation: 'create' }, [newApplication(4)]))[0];
		const events = () =>
			(server.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'application.submitted' AND json_extract(data, '$.applicationId') = ?`).get('APP-TEST-4') as { n: number }).n;
		const announced = out(await ygh({ resource: 'application', operation: 'redeliver' }, [created]))[0];
		expect(announced).toMatchObject({ type: 'application.submitted', data: { applicationId: 'APP-TEST-4', status: 'pending' } });
		expect(events()).toBe(2);

		const reviewed = { ...created, outcome: 'reject', reasons: [] };
		const decided = out(await ygh({ resource: 'application', operation: 'decide' }, [reviewed]))[0];
		const refused = await ygh({ resource: 'application', operation: 'redeliver' }, [decided]);
		expect(refused.error?.message).toContain('NOT_PENDING');
		expect(refused.error?.message).toContain('该申请已审批或已转人工复核');

		const pending = out(await ygh({ resource: 'application', operation: 'create' }, [newApplication(5)]))[0];
		const both = await ygh({ resource: 'application', operation: 'redeliver' }, [decided, pending], { continueOnFail: true });
		const items = both.items('Node');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ code: 'NOT_PENDING', httpCode: '409' });
		expect(items[1].json).toMatchObject({ type: 'application.submitted', data: { applicationId: 'APP-TEST-5' } });
		expect(events()).toBe(2);
	});

	test('decide with fields', async () => {
		const created = out(await ygh({ resource: 'application', operation: 'create' }, [newApplication(3)]))[0];
		const decided = out(
			await ygh(
				{
					resource: 'application',
					operation: 'decide',
					bodySource: 'fields',
					outcome: 'reject',
					reasons: JSON.stringify([{ code: 'GROUP_OTHER', severity: 'review', message: '其他群体', rule: '附件2' }]),
					assignedOrgType: 'city_newform_federation',
					assignedOrgCityCode: '440100',
					adminId: 'ADM-440100-1',
					adminOrgId: 'FED-440100',
					comment: 'test',
				},
				[created],
			),
		)[0];
		expect(decided.status).toBe('rejected');
		expect(decided.memberId).toBeNull();
	});
});

describe('members', () => {
	test('get, getMany by city, claim history', async () => {
		const member = out(await ygh({ resource: 'member', operation: 'get', memberId: examples.memberWithClaims }))[0];
		expect(member.memberId).toBe(examples.memberWithClaims);

		const inCity = out(await ygh({ resource: 'member', operation: 'getMany', returnAll: true, filters: { cityCode: member.cityCode } }));
		expect(inCity.length).toBeGreaterThan(0);
		expect(inCity.every((m) => m.cityCode === member.cityCode)).toBe(true);
		expect(inCity.map((m) => m.memberId)).toContain(member.memberId);

		const byId = out(await ygh({ resource: 'member', operation: 'getMany', filters: { idNumber: member.idNumber } }));
		expect(byId.map((m) => m.memberId)).toEqual([member.memberId]);

		const history = out(await ygh({ resource: 'member', operation: 'getClaimHistory' }, [member]))[0];
		expect(history.memberId).toBe(member.memberId);
		expect((history.claims as IDataObject[]).length).toBeGreaterThan(0);
	});

	test('update carries the version; a stale version is a NodeApiError that says what to do', async () => {
		const read = out(await ygh({ resource: 'member', operation: 'get', memberId: 'M00000005' }))[0];
		const updated = out(
			await ygh(
				{ resource: 'member', operation: 'update', bodySource: 'fields', updateFields: { phone: '13900000005', realNameRegistered: true } },
				[read],
			),
		)[0];
		expect(updated).toMatchObject({ memberId: 'M00000005', phone: '13900000005', realNameRegistered: true, version: (read.version as number) + 1 });

		const stale = await ygh({ resource: 'member', operation: 'update', bodySource: 'fields', updateFields: { phone: '13900000006' } }, [read]);
		expect(stale.error?.name).toBe('NodeApiError');
		expect(stale.error?.message).toContain('记录已被他人修改');
		expect(stale.error?.message).toContain('stale version');
		expect(stale.error?.message).toContain('409 VERSION_CONFLICT');
		expect((stale.error as { description?: string }).description).toContain('Read the record again');
		expect((await api('GET', '/members/M00000005')).json.phone).toBe('13900000005');
	});

	test('an update without any version is refused before anything is sent', async () => {
		const result = await ygh({ resource: 'member', operation: 'update', bodySource: 'json', bodyJson: '{"phone":"13900000007"}' }, [{ memberId: 'M00000005' }]);
		expect(result.error?.message).toContain('version is missing');
	});

	test('continueOnFail: the failing item becomes an error item paired to it, the others go on', async () => {
		const result = await ygh({ resource: 'member', operation: 'get' }, [{ memberId: 'NO-SUCH-MEMBER' }, { memberId: 'M00000001' }], {
			continueOnFail: true,
		});
		const items = result.items('Node');
		expect(items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ code: 'NOT_FOUND', httpCode: '404' });
		expect(items[0].json.error).toContain('平台上没有这条记录');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].json.memberId).toBe('M00000001');
	});

	test('ID numbers in the platform’s validation messages are masked', async () => {
		const result = await ygh({ resource: 'application', operation: 'create', bodySource: 'json', bodyJson: '{"idNumber":"440106199001011234"}' }, [{}], {
			continueOnFail: true,
		});
		const failure = result.output('Node')[0];
		expect(failure.code).toBe('VALIDATION_FAILED');
		expect(JSON.stringify(failure)).not.toContain('440106199001011234');
	});
});

describe('organizations', () => {
	test('get, getMany by type, admins', async () => {
		const federation = out(await ygh({ resource: 'organization', operation: 'get', orgId: examples.federation }))[0];
		expect(federation).toMatchObject({ orgId: examples.federation, type: 'city_newform_federation' });

		const enterprises = out(
			await ygh({ resource: 'organization', operation: 'getMany', returnAll: true, filters: { type: 'enterprise', cityCode: '440300' } }),
		);
		expect(enterprises.length).toBeGreaterThan(0);
		expect(enterprises.every((o) => o.type === 'enterprise' && o.cityCode === '440300')).toBe(true);

		const admins = out(await ygh({ resource: 'organization', operation: 'getAdmins' }, [{ orgId: examples.federation }]));
		expect(admins.map((a) => a.adminId)).toEqual(expect.arrayContaining([examples.federationAdmin]));
		expect(admins.every((a) => a.orgId === examples.federation)).toBe(true);
	});

	test('getMany of those recorded lately, and redeliver: the platform announces the union again', async () => {
		const recordedBefore = new Date(Date.now() - 1000).toISOString();
		const union = out(await ygh({ resource: 'organization', operation: 'create', bodySource: 'fields', name: '深圳市重新推送科技有限公司工会', type: 'enterprise', cityCode: '440300', usci: '91440300MA5DEM004F' }))[0];
		const recent = out(await ygh({ resource: 'organization', operation: 'getMany', returnAll: true, filters: { createdAfter: recordedBefore } }));
		expect(recent.map((o) => o.orgId)).toContain(union.orgId);
		expect(recent.every((o) => Date.parse(String(o.createdAt)) > Date.parse(recordedBefore))).toBe(true);

		// As the editor's date picker gives it: the wall-clock time in the workflow's zone, no offset.
		const picked = DateTime.fromISO(recordedBefore).setZone('Asia/Shanghai').startOf('second');
		const inChinaTime = await runWorkflow(
			{
				settings: { timezone: 'Asia/Shanghai' },
				nodes: [
					{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'list',
						name: 'List',
						type: TYPE,
						typeVersion: 1,
						position: [200, 0],
						parameters: { resource: 'organization', operation: 'getMany', returnAll: true, filters: { createdAfter: picked.toFormat("yyyy-MM-dd'T'HH:mm:ss") } },
					},
				],
				connections: { Start: { main: [[{ node: 'List', type: NodeConnectionTypes.Main, index: 0 }]] } },
			},
			{ credentials: { yueGongHuiApi: { baseUrl: server.apiUrl, appKey: DEMO_APP_KEY, secret: DEMO_SECRET } } },
		);
		if (inChinaTime.error) throw inChinaTime.error;
		const listed = inChinaTime.output('List');
		expect(listed.map((o) => o.orgId)).toContain(union.orgId);
		expect(listed.every((o) => Date.parse(String(o.createdAt)) > picked.toMillis())).toBe(true);

		const announced = out(await ygh({ resource: 'organization', operation: 'redeliver' }, [union]))[0];
		expect(announced).toMatchObject({ type: 'organization.established', data: { orgId: union.orgId, usci: '91440300MA5DEM004F' } });
		const events = server.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'organization.established' AND json_extract(data, '$.orgId') = ?`).get(union.orgId);
		expect(events).toEqual({ n: 2 });
	});

	test('create with fields; the same create in a second execution returns the first union', async () => {
		const parameters = {
			resource: 'organization',
			operation: 'create',
			bodySource: 'fields',
			name: '深圳市测试配送有限公司工会',
			type: 'enterprise',
			cityCode: '440300',
			usci: '91440300MA5DEM003F',
		};
		const first = out(await ygh(parameters))[0];
		expect(first).toMatchObject({ name: parameters.name, type: 'enterprise', cityCode: '440300', version: 1 });
		const second = out(await ygh(parameters))[0];
		expect(second.orgId).toBe(first.orgId);
		const named = (await api('GET', '/organizations?cityCode=440300&type=enterprise&limit=500')).json.items as IDataObject[];
		expect(named.filter((o) => o.name === parameters.name)).toHaveLength(1);
	});
});

describe('transfers', () => {
	test('create, get, list, then release and complete with the version carried from item to item', async () => {
		const member = (await api('GET', `/members/${examples.transferCandidate as string}`)).json;
		const employer = member.employer as IDataObject;
		const employerUnions = (await api('GET', `/organizations?usci=${employer.usci as string}`)).json.items as IDataObject[];
		const target = employerUnions[0].orgId as string;
		const fromAdmin = out(await ygh({ resource: 'organization', operation: 'getAdmins', orgId: member.orgId }))[0];
		const toAdmin = out(await ygh({ resource: 'organization', operation: 'getAdmins', orgId: target }))[0];

		const created = out(
			await ygh({
				resource: 'transfer',
				operation: 'create',
				bodySource: 'fields',
				memberId: member.memberId,
				fromOrgId: member.orgId,
				toOrgId: target,
				reason: 'employer_union_established',
				actorId: fromAdmin.adminId,
				actorOrgId: fromAdmin.orgId,
			}),
		)[0];
		expect(created).toMatchObject({ memberId: member.memberId, state: 'requested', version: 1 });

		const got = out(await ygh({ resource: 'transfer', operation: 'get' }, [created]))[0];
		expect(got.transferId).toBe(created.transferId);
		const listed = out(await ygh({ resource: 'transfer', operation: 'getMany', returnAll: true, filters: { memberId: member.memberId } }));
		expect(listed.map((t) => t.transferId)).toEqual([created.transferId]);

		const released = out(
			await ygh(
				{ resource: 'transfer', operation: 'applyEvent', bodySource: 'fields', event: 'release', actorId: fromAdmin.adminId, actorOrgId: fromAdmin.orgId },
				[created],
			),
		)[0];
		expect(released).toMatchObject({ state: 'released', version: 2 });
		const completed = out(
			await ygh(
				{ resource: 'transfer', operation: 'applyEvent', bodySource: 'fields', event: 'complete', actorId: toAdmin.adminId, actorOrgId: toAdmin.orgId },
				[released],
			),
		)[0];
		expect(completed.state).toBe('completed');
		const moved = (await api('GET', `/members/${member.memberId as string}`)).json;
		expect(moved.orgId).toBe(target);
		expect(moved.joinedAt).toBe(member.joinedAt);

		// the released item again: its version is stale now
		const stale = await ygh(
			{ resource: 'transfer', operation: 'applyEvent', bodySource: 'fields', event: 'cancel', actorId: fromAdmin.adminId, actorOrgId: fromAdmin.orgId },
			[released],
		);
		expect(stale.error?.message).toContain('VERSION_CONFLICT');
	});

	test('a response lost on the way back is retried with the same idempotency key: one transfer, not two', async () => {
		const member = (await api('GET', '/members/M00000002')).json;
		let posts = 0;
		const proxy = await startProxy((_n, method, url) => {
			if (method !== 'POST' || url !== '/api/v1/transfers') return 'forward';
			posts++;
			return posts === 1 ? 'drop-response' : 'forward';
		});
		try {
			const result = await ygh(
				{
					resource: 'transfer',
					operation: 'create',
					bodySource: 'fields',
					memberId: member.memberId,
					fromOrgId: member.orgId,
					toOrgId: member.cityCode === '440100' ? 'FED-440300' : 'FED-440100',
					reason: 'moved_city',
					actorId: 'M00000002',
					options: { retryDelayMs: 10 },
				},
				[{}],
				{ baseUrl: proxy.url },
			);
			const created = out(result)[0];
			expect(posts).toBe(2);
			expect(created).toMatchObject({ memberId: 'M00000002', state: 'requested' });
			const transfers = (await api('GET', '/transfers?memberId=M00000002')).json.items as IDataObject[];
			expect(transfers.map((t) => t.transferId)).toEqual([created.transferId]);
		} finally {
			await proxy.close();
		}
	});

	test('a second open transfer for the member is refused in words', async () => {
		const member = (await api('GET', '/members/M00000002')).json;
		const result = await ygh({
			resource: 'transfer',
			operation: 'create',
			bodySource: 'json',
			bodyJson: JSON.stringify({
				memberId: 'M00000002',
				fromOrgId: member.orgId,
				toOrgId: member.cityCode === '440500' ? 'FED-440600' : 'FED-440500',
				reason: 'moved_city',
				requestedBy: { actorId: 'M00000002' },
			}),
		});
		expect(result.error?.message).toContain('TRANSFER_ALREADY_OPEN');
		expect(result.error?.message).toContain('未完成的会籍接转');
	});
});

describe('enrolments', () => {
	test('create once per person and plan: a repeat is idempotent, a new request is refused', async () => {
		const enrolled = new Set(
			((await api('GET', '/enrolments?planId=GD-NEWFORM-2022&limit=500')).json.items as IDataObject[]).map((e) => e.memberId),
		);
		const members = (await api('GET', '/members?limit=500')).json.items as IDataObject[];
		const candidate = members.find((m) => !enrolled.has(m.memberId) && m.realNameRegistered);
		expect(candidate).toBeDefined();
		const item = { memberId: candidate!.memberId, planId: 'GD-NEWFORM-2022', enrolledAt: '2022-11-01T09:00:00+08:00', note: 'not sent' };

		const first = out(await ygh({ resource: 'enrolment', operation: 'create' }, [item]))[0];
		expect(first).toMatchObject({ memberId: candidate!.memberId, planId: 'GD-NEWFORM-2022' });
		const repeat = out(await ygh({ resource: 'enrolment', operation: 'create' }, [item]))[0];
		expect(repeat).toEqual(first);

		const duplicate = await ygh({ resource: 'enrolment', operation: 'create', idempotencyKey: 'another-request' }, [item]);
		expect(duplicate.error?.message).toContain('ENROLMENT_DUPLICATE');

		const listed = out(await ygh({ resource: 'enrolment', operation: 'getMany', filters: { memberId: candidate!.memberId } }));
		expect(listed.filter((e) => e.planId === 'GD-NEWFORM-2022')).toHaveLength(1);
	});
});

describe('claims', () => {
	test('create, get, list by member, record a decision with the version', async () => {
		const member = (await api('GET', '/members/M00000001')).json;
		const claimInput = {
			claimId: 'CLM-TEST-1',
			submittedAt: '2022-11-25T09:00:00+08:00',
			memberId: member.memberId,
			accidentId: 'ACC-TEST-1',
			accident: { date: '2022-11-20', description: '送餐途中摔倒', diagnoses: ['S52.5'] },
			hospital: { name: '广州市第一人民医院', level: 3, ownership: 'public', category: 'general' },
			invoices: [{ invoiceCode: '044001900111', invoiceNo: '00000001', serviceDate: '2022-11-20', selfPaidInScopeFen: 150000 }],
			documents: { invoiceOriginals: true, accidentProof: true, medicalRecords: true },
		};
		const created = out(await ygh({ resource: 'claim', operation: 'create' }, [claimInput]))[0];
		expect(created).toMatchObject({ claimId: 'CLM-TEST-1', status: 'submitted', version: 1 });

		const got = out(await ygh({ resource: 'claim', operation: 'get' }, [created]))[0];
		expect(got.claimId).toBe('CLM-TEST-1');
		const listed = out(await ygh({ resource: 'claim', operation: 'getMany', returnAll: true, filters: { memberId: member.memberId } }));
		expect(listed.map((c) => c.claimId)).toContain('CLM-TEST-1');

		const adjudicated = {
			...got,
			outcome: 'approved',
			planId: 'GD-NEWFORM-2022',
			countedFen: 150000,
			tierFen: 200000,
			payoutFen: 150000,
			reasons: [],
			countedInvoiceKeys: ['044001900111:00000001'],
			lines: [{ counted: true }],
		};
		const decided = out(await ygh({ resource: 'claim', operation: 'recordDecision' }, [adjudicated]))[0];
		expect(decided.claimId).toBe('CLM-TEST-1');
		expect(decided.status).toBe('approved');
		expect(decided.version).toBe(2);

		const again = await ygh({ resource: 'claim', operation: 'recordDecision' }, [{ ...adjudicated, version: 2 }]);
		expect(again.error?.message).toContain('ALREADY_DECIDED');
	});

	test('a decision whose answer is lost is retried with the same idempotency key: recorded once, the run goes on', async () => {
		const claimInput = {
			claimId: 'CLM-TEST-2',
			submittedAt: '2022-11-25T09:00:00+08:00',
			memberId: 'M00000001',
			accidentId: 'ACC-TEST-2',
			accident: { date: '2022-11-21', description: '送货途中扭伤', diagnoses: ['S93.4'] },
			hospital: { name: '广州市第一人民医院', level: 3, ownership: 'public', category: 'general' },
			invoices: [{ invoiceCode: '044001900111', invoiceNo: '00000002', serviceDate: '2022-11-21', selfPaidInScopeFen: 50000 }],
			documents: { invoiceOriginals: true, accidentProof: true, medicalRecords: true },
		};
		const created = out(await ygh({ resource: 'claim', operation: 'create' }, [claimInput]))[0];
		const decision = {
			...created,
			outcome: 'approved',
			planId: 'GD-NEWFORM-2022',
			countedFen: 50000,
			tierFen: 200000,
			payoutFen: 50000,
			reasons: [],
			countedInvoiceKeys: ['044001900111:00000002'],
		};
		let posts = 0;
		const proxy = await startProxy((_n, method, url) => {
			if (method !== 'POST' || url !== '/api/v1/claims/CLM-TEST-2/decision') return 'forward';
			posts++;
			return posts === 1 ? 'drop-response' : 'forward';
		});
		try {
			const result = await ygh({ resource: 'claim', operation: 'recordDecision', options: { retryDelayMs: 10 } }, [decision], { baseUrl: proxy.url });
			expect(posts).toBe(2);
			expect(out(result)[0]).toMatchObject({ claimId: 'CLM-TEST-2', status: 'approved', version: 2 });
		} finally {
			await proxy.close();
		}
		const stored = (await api('GET', '/claims/CLM-TEST-2')).json;
		expect(stored).toMatchObject({ status: 'approved', version: 2 });
	});
});

describe('statistics and webhooks', () => {
	test('survey counts replace the week; progress reads them back', async () => {
		const stored = out(
			await ygh({
				resource: 'statistics',
				operation: 'putSurvey',
				bodySource: 'fields',
				weekOf: '2022-11-28',
				counts: JSON.stringify([{ cityCode: '440100', group: 'delivery_rider', surveyed: 4321 }]),
			}),
		)[0];
		expect(stored.weekOf).toBe('2022-11-28');
		const progress = out(await ygh({ resource: 'statistics', operation: 'getProgress', asOf: '2022-11-30' }))[0];
		expect(progress.asOf).toBe('2022-11-30');
		const guangzhou = (progress.cities as IDataObject[]).find((c) => c.cityCode === '440100')!;
		const riders = (guangzhou.groups as IDataObject[]).find((g) => g.group === 'delivery_rider')!;
		expect(riders.surveyed).toBe(4321);
	});

	test('webhook subscriptions: create, list, delete', async () => {
		const created = out(
			await ygh({
				resource: 'webhook',
				operation: 'create',
				bodySource: 'fields',
				url: 'http://127.0.0.1:9/hook',
				events: ['claim.submitted', 'transfer.updated'],
			}),
		)[0];
		expect(created).toMatchObject({ url: 'http://127.0.0.1:9/hook', hasOwnSecret: false });
		const listed = out(await ygh({ resource: 'webhook', operation: 'getMany', returnAll: true }));
		expect(listed.map((w) => w.id)).toContain(created.id);
		const deleted = out(await ygh({ resource: 'webhook', operation: 'delete', webhookId: created.id }))[0];
		expect(deleted).toEqual({ webhookId: created.id, deleted: true });
		const after = out(await ygh({ resource: 'webhook', operation: 'getMany', returnAll: true }));
		expect(after.map((w) => w.id)).not.toContain(created.id);
	});
});

describe('retries', () => {
	test('500s are retried with backoff until the platform answers', async () => {
		const proxy = await startProxy((n) => {
			if (n === 3) server.setFaults({ rate: 0 });
			return 'forward';
		});
		server.setFaults({ rate: 1, kinds: ['500'] });
		try {
			const result = await ygh({ resource: 'member', operation: 'get', memberId: 'M00000001', options: { retryDelayMs: 5 } }, [{}], {
				baseUrl: proxy.url,
			});
			expect(out(result)[0].memberId).toBe('M00000001');
			expect(proxy.requests).toHaveLength(3);
		} finally {
			await proxy.close();
		}
	});

	test('a platform that keeps answering 429 is given up after Max Retries, saying so', async () => {
		const proxy = await startProxy();
		server.setFaults({ rate: 1, kinds: ['429'] });
		try {
			const result = await ygh(
				{ resource: 'member', operation: 'get', memberId: 'M00000001', options: { maxRetries: 2, retryDelayMs: 5 } },
				[{}],
				{ baseUrl: proxy.url },
			);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toContain('429');
			expect((result.error as { description?: string }).description).toContain('gave up after 3 attempt(s)');
			expect(proxy.requests).toHaveLength(3);
		} finally {
			await proxy.close();
		}
	});

	test('a wrong secret is a clear credential error, not retried', async () => {
		const result = await runNode({ type: TYPE, parameters: { resource: 'member', operation: 'get', memberId: 'M00000001' } }, [{}], {
			credentials: { yueGongHuiApi: { baseUrl: server.apiUrl, appKey: DEMO_APP_KEY, secret: 'wrong' } },
		});
		expect(result.error?.message).toContain('SIGNATURE_INVALID');
		expect((result.error as { description?: string }).description).toContain('Check the app key and secret');
	});
});
