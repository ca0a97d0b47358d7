'use strict';
// Installs what is missing, with the workarounds n8n 1.x needs on Node 20: scripts off
// (.npmrc), then the two native modules built from source. isolated-vm is left unbuilt.
const fs = require('node:fs');
const path = require('node:path');
const { step, run } = require('./steps');

const root = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installed() {
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(marker)) return false;
	return fs.statSync(marker).mtimeMs >= fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function nativeModulesWork() {
	const probe = require('node:child_process').spawnSync(
		process.execPath,
		['-e', "require('sqlite3'); require('better-sqlite3')"],
		{ cwd: root, stdio: 'ignore' },
	);
	return probe.status === 0;
}

function ensureInstalled({ force = false } = {}) {
	if (force || !installed()) {
		step('Installing dependencies (npm ci, scripts off; first time about 3–7 minutes)', () =>
			run(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root }),
		);
	}
	if (!nativeModulesWork()) {
		step('Building SQLite drivers from source (sqlite3 for n8n, better-sqlite3 for the platform; about 3 minutes)', () =>
			run(npm, ['rebuild', 'sqlite3', 'better-sqlite3', '--ignore-scripts=false'], { cwd: root }),
		);
	}
}

function build() {
	step('Building the package (TypeScript → dist/)', () => run(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root }));
}

module.exports = { ensureInstalled, build, root };
