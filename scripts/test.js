#!/usr/bin/env node
// `npm test`: on a fresh clone, installs what is missing, builds, lints, type-checks the tests and
// runs every test (unit, node and template tests through n8n's engine, the platform over HTTP,
// and the end-to-end tests on a real n8n). Jest's JSON results go to .data/jest-results.json.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ensureInstalled, build, root } = require('./lib/install');
const { step, run } = require('./lib/steps');

const resultsFile = path.join(root, '.data', 'jest-results.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function summary() {
	if (!fs.existsSync(resultsFile)) return null;
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
	return { passed: results.numPassedTests, failed: results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0) };
}

function main() {
	ensureInstalled();
	build();
	step('Linting (n8n community-node rules)', () => run(bin('eslint'), ['.'], { cwd: root }));
	step('Type-checking the tests', () => run(bin('tsc'), ['-p', 'tsconfig.test.json'], { cwd: root }));
	fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
	fs.rmSync(resultsFile, { force: true });
	let failed = false;
	try {
		step('Running the tests (jest)', () =>
			run(bin('jest'), ['--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], { cwd: root }),
		);
	} catch {
		failed = true;
	}
	const counts = summary();
	if (!counts) throw new Error('jest wrote no results');
	console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
	if (failed || counts.failed > 0) process.exitCode = 1;
}

try {
	main();
} catch (error) {
	console.error(`test: ${error.message}`);
	process.exitCode = 1;
}
