/**
 * The Platform Company node through the real n8n engine, with n8n's OAuth2 client-credentials
 * flow, against the local platform companies.
 */
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { signRequest } from '../../lib/platform/signing';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer } from '../../sandbox';
import { runNode, type RunResult } from '../helpers/harness';

const TYPE = 'n8n-nodes-gonghui.platformCompany';
const UNKNOWN_ID = '44010619900101123X';

let server: PlatformServer;
beforeAll(async () => {
	server = await createPlatformServer({ seed: { size: 200 } });
});
afterAll(async () => {
	await server?.close();
});

function credential(company = 'meituan-demo', over: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		baseUrl: `${server.url}/companies/${company}`,
		grantType: 'clientCredentials',
		accessTokenUrl: `${server.url}/companies/${company}/oauth/token`,
		clientId: `${company}-client`,
		clientSecret: `${company}-secret`,
		authentication: 'header',
		scope: '',
		...over,
	};
}

async function company(parameters: IDataObject, input: IDataObject[] = [{}], cred: ICredentialDataDecryptedObject = credential(), continueOnFail = false): Promise<RunResult> {
	return await runNode({ type: TYPE, parameters, continueOnFail }, input, { credentials: { platformCompanyOAuth2Api: cred } });
}

/** What a person sees of a failed run: the error's message, description and details, not the node's own parameters. */
function shownError(result: RunResult): string {
	const e = result.error as unknown as IDataObject | undefined;
	return JSON.stringify({ message: e?.message, description: e?.description, context: e?.context, errorResponse: e?.errorResponse });
}

function out(result: RunResult): IDataObject[] {
	if (result.error) throw result.error;
	return result.output('Node');
}

const hash = (id: string) => createHash('sha256').update(id.toUpperCase()).digest('hex');

async function members(): Promise<IDataObject[]> {
	const target = '/api/v1/members?limit=500';
	const response = await fetch(server.url + target, {
		headers: signRequest({ method: 'GET', pathWithQuery: target, secret: DEMO_SECRET, appKey: DEMO_APP_KEY }),
	});
	return ((await response.json()) as { items: IDataObject[] }).items;
}

describe('roster', () => {
	test('Return All follows the cursor; the counts agree with the roster', async () => {
		const roster = out(await company({ operation: 'getRoster', returnAll: true, options: { pageSize: 7 } }));
		const onePage = out(await company({ operation: 'getRoster', limit: 500, options: { pageSize: 500 } }));
		expect(roster.length).toBeGreaterThan(7);
		expect(roster).toEqual(onePage);
		expect(new Set(roster.map((w) => w.idNumberHash)).size).toBe(roster.length);
		expect(roster.every((w) => /^[0-9a-f]{64}$/.test(String(w.idNumberHash)))).toBe(true);

		// the counts are of the active workers
		const active = roster.filter((w) => w.active === true);
		const counts = out(await company({ operation: 'getRosterCounts' }));
		const total = counts.reduce((sum, row) => sum + Number(row.workers), 0);
		expect(total).toBe(active.length);
		for (const row of counts) {
			expect(active.filter((w) => w.cityCode === row.cityCode && w.group === row.group)).toHaveLength(Number(row.workers));
		}
	});

	test('Limit and the city filter', async () => {
		const limited = out(await company({ operation: 'getRoster', limit: 3 }));
		expect(limited).toHaveLength(3);
		const counts = out(await company({ operation: 'getRosterCounts' }));
		const city = String(counts[0].cityCode);
		const inCity = out(await company({ operation: 'getRoster', returnAll: true, cityCode: city }));
		expect(inCity.length).toBeGreaterThan(0);
		expect(inCity.every((w) => w.cityCode === city)).toBe(true);
	});
});

describe('employment lookup', () => {
	test('a worker on the roster is found; an unknown one is { found: false }, not an error', async () => {
		const onRoster = new Set(out(await company({ operation: 'getRoster', returnAll: true })).map((w) => w.idNumberHash));
		const member = (await members()).find((m) => onRoster.has(hash(String(m.idNumber))));
		expect(member).toBeDefined();

		const result = await company({ operation: 'lookupEmployment' }, [{ idNumber: member!.idNumber }, { idNumber: UNKNOWN_ID }]);
		const [found, unknown] = out(result);
		expect(found).toMatchObject({ found: true, relation: expect.any(String), active: expect.any(Boolean), cityCode: expect.any(String) });
		expect(found.idNumberMasked).toBe(`${String(member!.idNumber).slice(0, 3)}***********${String(member!.idNumber).slice(-4)}`);
		expect(unknown).toEqual({ found: false, idNumberMasked: '440***********123X' });
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('client ID and secret in the body work as well as in the header', async () => {
		const result = await company({ operation: 'lookupEmployment', idNumber: UNKNOWN_ID }, [{}], credential('didi-demo', { authentication: 'body' }));
		expect(out(result)).toEqual([{ found: false, idNumberMasked: '440***********123X' }]);
	});

	test('an unknown company is an error, and the ID number is not in it', async () => {
		const result = await company({ operation: 'lookupEmployment', idNumber: UNKNOWN_ID }, [{}], credential('meituan-demo', { baseUrl: `${server.url}/companies/nope-demo` }));
		expect(result.error).toBeDefined();
		expect(result.error?.message).toContain('404 NOT_FOUND');
		expect(shownError(result)).not.toContain(UNKNOWN_ID);
	});

	test('a wrong client secret is an error that names the credential problem, without the ID number', async () => {
		const result = await company({ operation: 'lookupEmployment', idNumber: UNKNOWN_ID }, [{}], credential('sf-demo', { clientSecret: 'wrong' }), true);
		const [failure] = result.output('Node');
		expect(failure.error).toContain('Client ID');
		expect(failure.error).toContain('401');
		expect(JSON.stringify(failure)).not.toContain(UNKNOWN_ID);
	});

	test('a missing ID number is refused in words', async () => {
		const result = await company({ operation: 'lookupEmployment' }, [{ name: '张三' }]);
		expect(result.error?.message).toContain('the ID number is missing');
	});
});
