/**
 * Every template in workflows/ on a real n8n, as `npm start` runs it: the local platform, n8n with
 * the package installed as a community package, the local credentials, every template imported and
 * active. Each template is driven the way the platform drives it (signed webhooks it sends itself
 * to the subscriptions the 粤工惠 Trigger registered on activation; Schedule Triggers set to fire
 * once soon after start), and checked in the platform's database and its gateway sinks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlatformServer, type PlatformServer } from '../../sandbox';
import { assertNoPersonalData } from '../helpers/piiScan';
import { drivers, type TemplateContext } from './drivers';

const { N8nInstance, freePort } = require('../../scripts/lib/n8n');
const { localCredentialsForImport } = require('../../scripts/lib/localCredentials');
const { platformClient } = require('../../scripts/lib/platformClient');

const ROOT = path.resolve(__dirname, '..', '..');
const templates = readdirSync(path.join(ROOT, 'workflows'))
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(ROOT, 'workflows', file), 'utf8')) }));

/** A short cron: every Schedule Trigger of the scheduled templates fires once, a little after n8n is up. */
const FIRE_AFTER_MS = 150000;
function fireOnceSoon(workflow: { nodes: Array<{ type: string; parameters: Record<string, unknown> }> }, at: Date) {
	const china = new Date(at.getTime() + 8 * 3600000);
	const cron = `${china.getUTCSeconds()} ${china.getUTCMinutes()} ${china.getUTCHours()} ${china.getUTCDate()} ${china.getUTCMonth() + 1} *`;
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters.rule = { interval: [{ field: 'cronExpression', expression: cron }] };
	}
	return workflow;
}

describe('every template on a real n8n against the local platform', () => {
	const userFolder = mkdtempSync(path.join(ROOT, '.data', 'e2e-templates-'));
	let platform: PlatformServer;
	let n8n: { stop(): Promise<void> } | undefined;
	let context: TemplateContext;

	beforeAll(async () => {
		platform = await createPlatformServer({ dbFile: ':memory:', port: await freePort(), seed: true });
		const instance = new N8nInstance({ userFolder, port: await freePort() });
		instance.installPackage();
		instance.importCredentials(localCredentialsForImport(platform.url));
		const fireAt = new Date(Date.now() + FIRE_AFTER_MS);
		instance.importWorkflows(
			templates.map((t) => (drivers[t.file]?.kind === 'schedule' ? fireOnceSoon(structuredClone(t.workflow), fireAt) : t.workflow)),
		);
		context = { platform, client: platformClient(platform.url) };
		for (const t of templates) await drivers[t.file]?.before?.(context);
		n8n = await instance.start();
	}, 300000);

	afterAll(async () => {
		await n8n?.stop();
		await platform?.close();
		rmSync(userFolder, { recursive: true, force: true });
	}, 60000);

	it('has a driver for every template', () => {
		expect(templates.map((t) => t.file).filter((file) => !drivers[file])).toEqual([]);
	});

	const webhookTemplates = templates.filter((t) => drivers[t.file]?.kind === 'webhook');
	const scheduledTemplates = templates.filter((t) => drivers[t.file]?.kind === 'schedule');

	it('registered a platform subscription for every template started by a platform event', async () => {
		const hooks = await context.client.all('/webhooks');
		expect(hooks.length).toBeGreaterThanOrEqual(webhookTemplates.length);
	});

	for (const { file } of webhookTemplates) {
		it(`${file}: ${drivers[file].description}`, async () => {
			await drivers[file].run(context);
		}, 240000);
	}

	describe('scheduled templates, each Schedule Trigger set to fire once soon', () => {
		for (const { file } of scheduledTemplates) {
			it(`${file}: ${drivers[file].description}`, async () => {
				await drivers[file].run(context);
			}, FIRE_AFTER_MS + 240000);
		}
	});

	describe('after every template ran', () => {
		it('sent nothing unmasked to any robot or phone in the whole run', () => {
			const texts = platform.sinks.messages().map((m) => m.text);
			expect(texts.length).toBeGreaterThan(0);
			assertNoPersonalData(texts);
		});
	});
});
