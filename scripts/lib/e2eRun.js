'use strict';
// Runs the end-to-end suites (tests/e2e/) with the project's jest on this Node, against the n8n
// variant named by GONGHUI_N8N_* variables, and reports each test's result.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { variantToEnv } = require('./n8nVariants');

const root = path.resolve(__dirname, '..', '..');

/**
 * @param {import('./n8nVariants').Variant} variant
 * @param {{ resultsFile: string, paths?: string[], jestArgs?: string[] }} options  paths: the suites (tests/e2e by default); jestArgs: more jest arguments, test paths among them replacing `paths`
 * @returns {{ passed: number, failed: number, tests: Array<{ name: string, status: string, failure?: string }> }}
 */
function runE2e(variant, { resultsFile, paths = ['tests/e2e'], jestArgs = [] }) {
	fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
	fs.rmSync(resultsFile, { force: true });
	// One suite at a time: each starts its own n8n (and workers), which would compete for two cores.
	const narrowed = jestArgs.some((arg) => !arg.startsWith('-')); // e.g. tests/e2e/smoke.test.ts
	spawnSync(path.join(root, 'node_modules', '.bin', 'jest'), [...(narrowed ? [] : paths), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...jestArgs], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...variantToEnv(variant) },
	});
	if (!fs.existsSync(resultsFile)) throw new Error('jest wrote no results');
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
	const tests = [];
	for (const suite of results.testResults) {
		const file = path.relative(root, suite.name);
		if (suite.assertionResults.length === 0 && suite.status === 'failed') {
			tests.push({ name: `${file} (suite)`, status: 'failed', failure: suite.message });
		}
		for (const test of suite.assertionResults) {
			tests.push({ name: `${file} › ${test.title}`, status: test.status, failure: test.failureMessages?.join('\n') });
		}
	}
	return { passed: results.numPassedTests, failed: results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0), tests };
}

/** Prints one line per test and the first lines of each failure. */
function printE2eResults(label, { passed, failed, tests }) {
	console.log(`\n${label}: ${passed} passed, ${failed} failed`);
	for (const test of tests) {
		const mark = test.status === 'passed' ? '✔' : test.status === 'failed' ? '✘' : '–';
		console.log(`  ${mark} ${test.name}`);
		if (test.status === 'failed' && test.failure) {
			const lines = test.failure.split('\n').filter((line) => line.trim()).slice(0, 6);
			for (const line of lines) console.log(`      ${line.trim().slice(0, 200)}`);
		}
	}
}

module.exports = { runE2e, printE2eResults };
