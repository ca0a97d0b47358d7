#!/usr/bin/env node
/**
 * Starts the local 粤工惠 platform (sandbox/) from its build on 127.0.0.1:PLATFORM_PORT (5679).
 * Compiles first when dist/ is missing or older than the sources. Flags: --seed, --size N,
 * --db FILE|:memory:, --reset, --webhook URL, --faults RATE, --port N.
 */
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'sandbox', 'cli.js');

function newestSource(dir) {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, item.name);
		if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
		else if (item.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
	}
	return newest;
}

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
const sources = Math.max(newestSource(path.join(root, 'sandbox')), newestSource(path.join(root, 'lib')));
if (built < sources) {
	console.log('platform: compiling (npx tsc -p tsconfig.json)…');
	try {
		execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
			stdio: 'inherit',
			cwd: root,
		});
	} catch {
		if (!fs.existsSync(entry)) {
			console.error('platform: the build failed and there is no earlier build to start');
			process.exit(1);
		}
		console.error('platform: the build reported errors; starting the last build');
	}
}

require(entry)
	.main()
	.catch((error) => {
		console.error(`platform: ${error.message}`);
		process.exit(1);
	});
