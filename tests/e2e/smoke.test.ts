/**
 * The smoke test of `npm start`'s way of running n8n: a real n8n 1.x process with this package
 * installed as a community package, one workflow with a decision node behind a Webhook.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cleanApplication } from '../fixtures/applications';

const { N8nInstance, freePort, DEMO_OWNER, PACKAGE } = require('../../scripts/lib/n8n');

const ROOT = path.resolve(__dirname, '..', '..');

const workflow = {
	id: 'smokeApprovalWf01',
	name: 'Smoke: Member Approval behind a webhook',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'a1',
			name: 'Application',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b6c0a1f2-5e0c-4d55-9a51-3f5ad7a0c001',
			parameters: { httpMethod: 'POST', path: 'smoke-approval', responseMode: 'responseNode', options: {} },
		},
		{
			id: 'a2',
			name: 'Member Approval',
			type: 'n8n-nodes-gonghui.memberApproval',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'reviewApplications', applicationField: 'body' },
		},
		{
			id: 'a3',
			name: 'Answer',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: { respondWith: 'firstIncomingItem', options: {} },
		},
	],
	connections: {
		Application: { main: [[{ node: 'Member Approval', type: 'main', index: 0 }]] },
		'Member Approval': { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
	},
};

describe('a real n8n with the package installed from its build', () => {
	let n8n:
		| { url: string; stop(): Promise<void>; setUpOwner(o: object): Promise<boolean>; login(o: object): Promise<string> }
		| undefined;
	const userFolder = mkdtempSync(path.join(ROOT, '.data', 'e2e-smoke-'));

	beforeAll(async () => {
		const instance = new N8nInstance({ userFolder, port: await freePort() });
		instance.installPackage();
		instance.importWorkflows([workflow]);
		n8n = await instance.start();
	}, 240000);

	afterAll(async () => {
		await n8n?.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}, 60000);

	it("shows every node of the package in the editor's node panel", async () => {
		expect(await n8n!.setUpOwner(DEMO_OWNER)).toBe(true);
		const cookie = await n8n!.login(DEMO_OWNER);
		const response = await fetch(`${n8n!.url}/types/nodes.json`, { headers: { cookie } });
		expect(response.status).toBe(200);
		const types = (await response.json()) as Array<{ name: string; displayName: string }>;
		const ours = types.map((t) => t.name).filter((name) => name.startsWith(`${PACKAGE.name}.`) && !name.endsWith('Tool')); // *Tool: the AI-agent variants of usableAsTool
		const expected = PACKAGE.n8n.nodes.map((file: string) => {
			const className = path.basename(file, '.node.js');
			return `${PACKAGE.name}.${className[0].toLowerCase()}${className.slice(1)}`;
		});
		expect(ours.sort()).toEqual(expected.sort());
	});

	it('answers a webhook with the decision of Member Approval', async () => {
		const response = await fetch(`${n8n!.url}/webhook/smoke-approval`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(cleanApplication()),
		});
		expect(response.status).toBe(200);
		const decision = (await response.json()) as { outcome: string; assignedOrg: object; applicant: { idNumberMasked: string }; reasons: Array<{ code: string }> };
		expect(decision.outcome).toBe('approve');
		expect(decision.assignedOrg).toMatchObject({ type: 'city_newform_federation', cityCode: '440300' });
		expect(decision.applicant.idNumberMasked).toMatch(/^440\*{11}\d{3}[\dX]$/);
	});

	it('answers a malformed application with a rejection that says what is wrong, not an error', async () => {
		const response = await fetch(`${n8n!.url}/webhook/smoke-approval`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(cleanApplication({ idNumber: '12345', phone: 'none' })),
		});
		expect(response.status).toBe(200);
		const decision = (await response.json()) as { outcome: string; assignedOrg: object; applicant: { idNumberMasked: string }; reasons: Array<{ code: string }> };
		expect(decision.outcome).toBe('reject');
		expect(decision.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['ID_INVALID', 'PHONE_INVALID']));
	});
});
