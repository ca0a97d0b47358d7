#!/usr/bin/env node
// `npm run test:queue`: the end-to-end suites (tests/e2e/) and the queue-mode fault runs
// (tests/queue/: concurrent claims across both workers, a worker killed amid claims, amid
// applications and amid transfers) against n8n in queue mode, the way n8n scales past one
// process: main (editor, API, webhooks, triggers) hands every execution to two `n8n worker`
// processes through Redis, all sharing one PostgreSQL database, one encryption key and one user
// folder with the package installed. Redis and PostgreSQL come from Debian's packages (installed
// when missing) and run on 127.0.0.1 under .data/queue/ for this run only.
// `--n8n2` runs the same on n8n 2.x (installed under .data/n8n2/ like `npm run test:n8n2`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ensureInstalled, build, root } = require('./lib/install');
const { step, stepAsync } = require('./lib/steps');
const { ensureQueuePackages, startPostgres, startRedis } = require('./lib/queueServices');
const { runE2e, printE2eResults } = require('./lib/e2eRun');
const { freePort } = require('./lib/n8n');

const WORKERS = 2;
const folder = path.join(root, '.data', 'queue');
const useN8n2 = process.argv.includes('--n8n2');
const jestArgs = process.argv.slice(2).filter((arg) => arg !== '--n8n2');

/** Shows that the workers, not main, ran the executions. */
function printWorkerExecutions(reportFile) {
	if (!fs.existsSync(reportFile)) return console.log('\nno worker reported executions');
	console.log('\nexecutions run by the workers (from their logs):');
	for (const line of fs.readFileSync(reportFile, 'utf8').trim().split('\n')) {
		const { userFolder, executions } = JSON.parse(line);
		const counts = Object.entries(executions).map(([name, n]) => `${name} ${n}`).join(', ');
		console.log(`  ${path.basename(userFolder)}: ${counts}`);
	}
}

async function main() {
	const started = Date.now();
	ensureInstalled();
	build();
	let variant = {};
	let label = `n8n ${require(path.join(root, 'node_modules', 'n8n', 'package.json')).version} on Node ${process.versions.node}`;
	if (useN8n2) {
		const { ensureN8n2Installed } = require('./lib/n8n2');
		const n8n2 = step('Making sure Node 24 and n8n 2.x are installed in .data/n8n2/', ensureN8n2Installed);
		variant = { nodeBin: n8n2.nodeBin, n8nBin: n8n2.n8nBin, activation: 'publish' };
		label = `n8n ${n8n2.n8nVersion} on Node ${n8n2.nodeVersion}`;
	}
	step('Making sure Redis and PostgreSQL are installed (Debian packages)', ensureQueuePackages);
	fs.mkdirSync(folder, { recursive: true });

	const services = [];
	const stopServices = async () => {
		while (services.length) {
			const service = services.pop();
			await stepAsync(`Stopping ${service.name}`, async () => service.stop());
		}
	};
	const onSignal = () => stopServices().finally(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const postgres = await stepAsync('Starting PostgreSQL on 127.0.0.1 (new cluster in .data/queue/postgres)', async () => startPostgres(folder, await freePort()));
		services.push({ name: 'PostgreSQL', stop: postgres.stop });
		const redis = await stepAsync('Starting redis-server on 127.0.0.1 (files in .data/queue/redis)', async () => startRedis(folder, await freePort()));
		services.push({ name: 'redis-server', stop: redis.stop });
		console.log(`  PostgreSQL 127.0.0.1:${postgres.port}, Redis 127.0.0.1:${redis.port}; each n8n user folder gets its own database`);

		const queue = {
			redis: { host: redis.host, port: redis.port },
			postgres: { host: postgres.host, port: postgres.port, user: postgres.user, psql: postgres.psql },
			workers: WORKERS,
			reportFile: path.join(folder, 'worker-executions.jsonl'),
		};
		fs.rmSync(queue.reportFile, { force: true });
		const results = step(`Running the end-to-end suites against ${label} in queue mode (main + ${WORKERS} workers)`, () =>
			runE2e({ ...variant, queue }, { resultsFile: path.join(folder, 'jest-results.json'), paths: ['tests/e2e', 'tests/queue'], jestArgs }),
		);
		printE2eResults(`${label}, queue mode: main + ${WORKERS} workers, Redis, PostgreSQL`, results);
		printWorkerExecutions(queue.reportFile);
		if (results.failed > 0) process.exitCode = 1;
	} finally {
		await stopServices();
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
	console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
	console.error(`test:queue: ${error.message}`);
	process.exitCode = 1;
});
