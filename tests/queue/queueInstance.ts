/**
 * n8n in queue mode for the tests/queue suites: main and two workers with the package, the local
 * credentials and the given workflows, and short worker locks so a killed worker's jobs come back
 * within seconds: a dead worker's jobs go back to the queue once its lock lapses and a live
 * worker's stall check sees it (60 s + up to 30 s by default, 20 s + up to 5 s here). Unless a
 * worker that started since has marked its run crashed, the job resumes after the last node that
 * finished, its progress being saved (docs/deploy.md).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlatformServer, type PlatformServer, type PlatformServerOptions } from '../../sandbox';
import { waitFor } from '../fixtures/faults/n8n';

const { N8nInstance, freePort } = require('../../scripts/lib/n8n');
const { localCredentialsForImport } = require('../../scripts/lib/localCredentials');

export type QueueInstance = typeof N8nInstance.prototype;

const ROOT = path.resolve(__dirname, '..', '..');

export interface QueueRun {
	platform: PlatformServer;
	instance: QueueInstance;
	userFolder: string;
}

/** A seeded local platform, then n8n in queue mode running the workflows against it. */
export async function startQueueRun(folderPrefix: string, workflows: object[], platformOptions: PlatformServerOptions = {}): Promise<QueueRun> {
	const userFolder = mkdtempSync(path.join(ROOT, '.data', folderPrefix));
	const platform = await createPlatformServer({ dbFile: ':memory:', port: await freePort(), seed: true, ...platformOptions });
	return { platform, instance: await startQueueInstance(userFolder, platform.url, workflows), userFolder };
}

export async function stopQueueRun(run: QueueRun | undefined): Promise<void> {
	await run?.instance.stop();
	await run?.platform.close();
	if (run) rmSync(run.userFolder, { recursive: true, force: true });
}

export async function startQueueInstance(userFolder: string, platformUrl: string, workflows: object[]): Promise<QueueInstance> {
	const instance = new N8nInstance({
		userFolder,
		port: await freePort(),
		env: {
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true',
		},
	});
	if (!instance.queue) throw new Error('tests/queue runs against queue mode: use npm run test:queue');
	instance.installPackage();
	instance.importCredentials(localCredentialsForImport(platformUrl));
	instance.importWorkflows(workflows);
	await instance.start();
	return instance;
}

/**
 * Resolves once every worker but the dead one has finished the runs it started: the last runs
 * record their decision a moment before they text.
 */
export async function liveWorkersIdle(instance: QueueInstance, dead: string): Promise<void> {
	const idle = () => instance.workers.every((worker: { name: string }) => worker.name === dead || runsInFlight(instance, worker.name) === 0);
	await waitFor('the live workers to finish their runs', idle, 120_000, 500);
}

/** Runs a worker started and has not finished, from its log. */
export function runsInFlight(instance: QueueInstance, name: string): number {
	const output: string = instance.workers.find((worker: { name: string }) => worker.name === name).output;
	return (output.match(/Worker started execution/g) ?? []).length - (output.match(/Worker finished execution/g) ?? []).length;
}

interface TemplateNode {
	name: string;
	parameters: {
		rule?: { interval: object[] };
		conditions?: { conditions: Array<{ leftValue: string }> };
		options?: object;
	};
}

/**
 * A shipped template whose hourly sweep fires every minute and takes records waiting over 3
 * minutes instead of 30, so a test sees it work within minutes.
 */
export function templateWithQuickSweep(file: string, filterName: string): { nodes: TemplateNode[] } {
	const workflow = JSON.parse(readFileSync(path.join(ROOT, 'workflows', file), 'utf8')) as { nodes: TemplateNode[] };
	const byName = (name: string) => workflow.nodes.find((node) => node.name === name)!;
	byName('Every hour').parameters.rule!.interval = [{ field: 'minutes', minutesInterval: 1 }];
	const waited = byName(filterName).parameters.conditions!.conditions[0];
	if (!waited.leftValue.includes('minutes: 30')) throw new Error('the sweep no longer waits 30 minutes: update this test');
	waited.leftValue = waited.leftValue.replace('minutes: 30', 'minutes: 3');
	return workflow;
}

/** Kills a worker (SIGKILL) and starts another on the same user folder; returns the runs it had in flight. */
export async function killWorkerAndReplace(instance: QueueInstance, name: string): Promise<number> {
	const runsLost = runsInFlight(instance, name);
	await instance.killWorker(name);
	await instance.startWorkers(1);
	return runsLost;
}

/** How many SMS the gateway accepted for each phone number. */
export function smsPerPhone(platform: PlatformServer): Map<string, number> {
	const texts = new Map<string, number>();
	for (const m of platform.sinks.messages({ channel: 'sms' })) for (const phone of m.phoneNumbers ?? []) texts.set(phone, (texts.get(phone) ?? 0) + 1);
	return texts;
}
