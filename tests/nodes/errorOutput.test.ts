/**
 * "On Error: Continue (using error output)": n8n routes a failed item to the node's error output
 * only when its json is exactly `{ error }` (or `{ error, message }`) or `item.error` is set. Every
 * node of this package that can fail per item must land failures there, with what a workflow
 * branches on under `error` (`message`, `code`, `httpCode`, `description`) beside the input
 * item's fields, and good items on the success output, each paired. Under "Continue" the failure
 * stays flat on the main output, as the templates read it.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { createPlatformServer, type PlatformServer } from '../../sandbox';
import { runWorkflow, type RunResult } from '../helpers/harness';

const { localCredentialData } = require('../../scripts/lib/localCredentials') as {
	localCredentialData(platformUrl: string, companyId?: string): Record<string, ICredentialDataDecryptedObject>;
};

type OnError = 'continueErrorOutput' | 'continueRegularOutput';

interface NodeSpec {
	type: string;
	parameters: IDataObject;
	onError?: OnError;
}

let platform: PlatformServer;
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	platform = await createPlatformServer({ dbFile: ':memory:', port: 0, seed: true });
	credentials = localCredentialData(platform.url);
});
afterAll(async () => {
	await platform?.close();
});

/** Start (pinned items) → Node, its success output to "Success" and, under the error output, its error output to "Failure". */
async function run(node: NodeSpec, input: IDataObject[], credentialData = credentials): Promise<RunResult> {
	const onError = node.onError ?? 'continueErrorOutput';
	const noOp = (name: string, y: number) => ({ id: name, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, y] as [number, number], parameters: {} });
	const main: Array<Array<{ node: string; type: 'main'; index: number }>> = [[{ node: 'Success', type: 'main', index: 0 }]];
	if (onError === 'continueErrorOutput') main.push([{ node: 'Failure', type: 'main', index: 0 }]);
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'node', name: 'Node', type: node.type, typeVersion: 1, position: [200, 0], parameters: node.parameters as INodeParameters, onError },
				noOp('Success', -100),
				noOp('Failure', 100),
			],
			connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] }, Node: { main } },
			pinData: { Start: input.map((json) => ({ json })) },
		},
		{ credentials: credentialData },
	);
	if (result.error) throw result.error;
	return result;
}

const succeeded = (result: RunResult): INodeExecutionData[] => result.items('Node', 0);
const failed = (result: RunResult): INodeExecutionData[] => result.items('Node', 1);
const reached = (result: RunResult, name: string): IDataObject[] => (result.ran(name) ? result.output(name) : []);

describe('粤工惠 node', () => {
	const TYPE = 'n8n-nodes-gonghui.yueGongHui';

	test('an unknown id goes to the error output with its code; a known one to the success output', async () => {
		const result = await run({ type: TYPE, parameters: { resource: 'member', operation: 'get' } }, [{ memberId: 'NO-SUCH-MEMBER' }, { memberId: 'M00000001' }]);

		expect(succeeded(result)).toHaveLength(1);
		expect(succeeded(result)[0].pairedItem).toEqual({ item: 1 });
		expect(succeeded(result)[0].json.memberId).toBe('M00000001');

		expect(failed(result)).toHaveLength(1);
		const [failure] = failed(result);
		expect(failure.pairedItem).toEqual({ item: 0 });
		// n8n puts the input item's fields beside the failure on the error output.
		expect(failure.json).toEqual({
			memberId: 'NO-SUCH-MEMBER',
			error: { message: expect.stringContaining('平台上没有这条记录'), description: expect.any(String), httpCode: '404', code: 'NOT_FOUND' },
		});

		expect(reached(result, 'Success').map((m) => m.memberId)).toEqual(['M00000001']);
		expect(reached(result, 'Failure').map((m) => (m.error as IDataObject).code)).toEqual(['NOT_FOUND']);
	});

	test('a stale version is a 409 on the error output; the fresh update goes through', async () => {
		const read = await run({ type: TYPE, parameters: { resource: 'member', operation: 'get' } }, [{ memberId: 'M00000002' }, { memberId: 'M00000003' }]);
		const [first, second] = succeeded(read).map((item) => item.json);
		const update = { type: TYPE, parameters: { resource: 'member', operation: 'update', bodySource: 'fields', updateFields: { phone: '13900000012' } } };
		const bumped = await run(update, [first]);
		expect(succeeded(bumped)[0].json.version).toBe((first.version as number) + 1);

		// `first` still carries the version from before the update above.
		const result = await run(update, [first, second]);
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 0 });
		expect(failed(result)[0].json).toMatchObject({
			memberId: 'M00000002',
			version: first.version,
			error: { message: expect.stringContaining('stale version'), code: 'VERSION_CONFLICT', httpCode: '409' },
		});
		expect(succeeded(result)).toHaveLength(1);
		expect(succeeded(result)[0].pairedItem).toEqual({ item: 1 });
		expect(succeeded(result)[0].json).toMatchObject({ memberId: 'M00000003', phone: '13900000012', version: (second.version as number) + 1 });
	});

	test('under "Continue" the failure stays on the main output with the fields the templates read', async () => {
		const result = await run({ type: TYPE, parameters: { resource: 'member', operation: 'get' }, onError: 'continueRegularOutput' }, [
			{ memberId: 'NO-SUCH-MEMBER' },
			{ memberId: 'M00000001' },
		]);
		const out = result.output('Node');
		expect(out).toHaveLength(2);
		expect(out[0]).toEqual({ error: expect.stringContaining('平台上没有这条记录'), description: expect.any(String), httpCode: '404', code: 'NOT_FOUND' });
		expect(out[1].memberId).toBe('M00000001');
		expect(reached(result, 'Success')).toHaveLength(2);
	});
});

describe('Platform Company node', () => {
	const TYPE = 'n8n-nodes-gonghui.platformCompany';
	const UNKNOWN_ID = '44010619900101123X';

	test('a company on a closed port: every item on the error output, paired, with code UNREACHABLE', async () => {
		const port = await closedPort();
		const company = { ...credentials.platformCompanyOAuth2Api, baseUrl: `http://127.0.0.1:${port}`, accessTokenUrl: `http://127.0.0.1:${port}/oauth/token` };
		const result = await run(
			{ type: TYPE, parameters: { operation: 'lookupEmployment', idNumber: '', options: { maxRetries: 0 } } },
			[{ idNumber: UNKNOWN_ID }, { idNumber: UNKNOWN_ID }],
			{ ...credentials, platformCompanyOAuth2Api: company },
		);
		expect(succeeded(result)).toEqual([]);
		expect(failed(result).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const { json } of failed(result)) {
			expect(json.error).toMatchObject({ message: expect.stringContaining('无法连接平台企业'), code: 'UNREACHABLE' });
			expect(JSON.stringify(json.error)).not.toContain(UNKNOWN_ID.slice(6, 14));
		}
	});

	test('an item without an ID number goes to the error output; the answered lookup to the success output', async () => {
		const result = await run({ type: TYPE, parameters: { operation: 'lookupEmployment', idNumber: '' } }, [{ idNumber: UNKNOWN_ID }, { name: 'no id' }]);
		expect(succeeded(result)).toHaveLength(1);
		expect(succeeded(result)[0]).toMatchObject({ json: { found: false }, pairedItem: { item: 0 } });
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 1 });
		expect(failed(result)[0].json).toMatchObject({ name: 'no id', error: { message: expect.stringContaining('ID number is missing') } });
	});
});

describe('Union Notify node', () => {
	const TYPE = 'n8n-nodes-gonghui.unionNotify';

	test('a wrong WeCom key: the gateway refusal on the error output with errcode 93000', async () => {
		const result = await run(
			{ type: TYPE, parameters: { resource: 'weCom', operation: 'sendText', text: '={{ $json.text }}' } },
			[{ text: '本周入会审批已完成' }],
			{ ...credentials, weComRobotApi: { ...credentials.weComRobotApi, webhookKey: 'not-a-robot' } },
		);
		expect(succeeded(result)).toEqual([]);
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 0 });
		expect(failed(result)[0].json).toEqual({
			text: '本周入会审批已完成',
			// WeCom answers its refusals with HTTP 200.
			error: { message: expect.stringContaining('Webhook Key 无效'), sent: false, channel: 'weCom', code: '93000', httpCode: '200', description: expect.any(String) },
		});
		expect(platform.sinks.messages({ channel: 'wecom' })).toEqual([]);
	});

	test('a template the gateway refuses goes to the error output; the accepted SMS to the success output', async () => {
		const result = await run(
			{
				type: TYPE,
				parameters: { resource: 'sms', operation: 'send', phoneNumbers: '={{ $json.phone }}', templateCode: '={{ $json.template }}', templateParams: '{}' },
			},
			[
				{ phone: '13800138031', template: 'NOT_A_TEMPLATE' },
				{ phone: '13800138032', template: 'SMS_100001' },
			],
		);
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 0 });
		expect(failed(result)[0].json).toMatchObject({ phone: '13800138031', error: { sent: false, channel: 'sms', code: 'isv.SMS_TEMPLATE_ILLEGAL' } });
		expect(succeeded(result)).toHaveLength(1);
		expect(succeeded(result)[0]).toMatchObject({ json: { sent: true, channel: 'sms' }, pairedItem: { item: 1 } });
	});
});

describe('decision nodes: an item that cannot be read goes to the error output', () => {
	test('Claim Adjudication', async () => {
		const result = await run({ type: 'n8n-nodes-gonghui.claimAdjudication', parameters: { claimField: 'claim' } }, [{ claim: 'not a claim' }, { claim: {} }]);
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 0 });
		expect(failed(result)[0].json).toEqual({
			claim: 'not a claim',
			error: { message: expect.stringContaining('holds no claim'), description: expect.stringContaining('"claim"') },
		});
		expect(succeeded(result)).toHaveLength(1);
		expect(succeeded(result)[0].pairedItem).toEqual({ item: 1 });
		expect(succeeded(result)[0].json.outcome).toBe('rejected');
	});

	test('Member Approval', async () => {
		const result = await run({ type: 'n8n-nodes-gonghui.memberApproval', parameters: { operation: 'reviewApplications', applicationField: 'application' } }, [
			{ application: {} },
			{ application: 42 },
		]);
		expect(succeeded(result).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(succeeded(result)[0].json.outcome).toBe('reject');
		expect(failed(result).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect((failed(result)[0].json.error as IDataObject).message).toContain('holds no application');
	});

	test('Membership Transfer', async () => {
		const result = await run(
			{ type: 'n8n-nodes-gonghui.membershipTransfer', parameters: { operation: 'expireOverdue', asOf: '={{ $json.asOf }}' } },
			[{ asOf: 'someday' }, { asOf: '2024-06-10' }],
		);
		expect(failed(result).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect((failed(result)[0].json.error as IDataObject).message).toContain('Cannot judge expiry');
		expect(succeeded(result).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	test('Quota Tracker', async () => {
		const result = await run(
			{
				type: 'n8n-nodes-gonghui.quotaTracker',
				parameters: { operation: 'computeProgress', countsSource: 'statistics', options: { targets: '{"year": 2023, "cities": [{"cityCode": "110000"}]}' } },
			},
			[{ asOf: '2022-06-30', cities: [] }],
		);
		expect(succeeded(result)).toEqual([]);
		expect(failed(result)).toHaveLength(1);
		expect(failed(result)[0].pairedItem).toEqual({ item: 0 });
		const { error } = failed(result)[0].json as { error: IDataObject };
		expect(error.message).toMatch(/不是广东省的地级以上市/);
		expect(error.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TARGETS_INVALID' })]));
	});
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
