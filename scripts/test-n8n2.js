#!/usr/bin/env node
// `npm run test:n8n2`: the end-to-end suites (tests/e2e/) against n8n 2.x instead of the
// project's n8n 1.x. Installs Node 24 and n8n 2.x under .data/n8n2/ when missing (the project
// itself stays on Node 20 and n8n 1.x; the package is the same build, compiled against 1.x), then
// runs the suites with the project's jest, each n8n process started as `<node 24> <n8n 2.x> start`
// and workflows activated with `publish:workflow`.
'use strict';
const path = require('node:path');
const { ensureInstalled, build, root } = require('./lib/install');
const { step } = require('./lib/steps');
const { ensureN8n2Installed, N8N_VERSION } = require('./lib/n8n2');
const { runE2e, printE2eResults } = require('./lib/e2eRun');

function main() {
	const started = Date.now();
	ensureInstalled();
	build();
	const { nodeBin, n8nBin, nodeVersion, n8nVersion } = step(`Making sure Node 24 and n8n ${N8N_VERSION} are installed in .data/n8n2/`, ensureN8n2Installed);
	const variant = { nodeBin, n8nBin, activation: 'publish' };
	const results = step(`Running the end-to-end suites against n8n ${n8nVersion} on Node ${nodeVersion}`, () =>
		runE2e(variant, { resultsFile: path.join(root, '.data', 'n8n2', 'jest-results.json'), jestArgs: process.argv.slice(2) }),
	);
	printE2eResults(`n8n ${n8nVersion} on Node ${nodeVersion}, one process, SQLite`, results);
	console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
	if (results.failed > 0) process.exitCode = 1;
}

try {
	main();
} catch (error) {
	console.error(`test:n8n2: ${error.message}`);
	process.exitCode = 1;
}
