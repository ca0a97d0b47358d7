#!/usr/bin/env node
// Builds the package into dist/: TypeScript, then the files n8n reads beside the code (icons,
// codex JSON, plan data), the templates and the API contract, then any scripts/build-*.js step.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const started = Date.now();

function copyTree(from, to, keep) {
	if (!fs.existsSync(from)) return 0;
	let count = 0;
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) count += copyTree(source, target, keep);
		else if (keep(entry.name)) {
			fs.mkdirSync(to, { recursive: true });
			fs.copyFileSync(source, target);
			count++;
		}
	}
	return count;
}

fs.rmSync(path.join(dist, 'tsconfig.tsbuildinfo'), { force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
	stdio: 'inherit',
	cwd: root,
});
const assets = (name) => /\.(svg|png|json|ttf)$/.test(name) && !name.endsWith('.d.json');
let copied = 0;
for (const dir of ['nodes', 'credentials', 'lib']) copied += copyTree(path.join(root, dir), path.join(dist, dir), assets);
copied += copyTree(path.join(root, 'workflows'), path.join(dist, 'workflows'), (n) => n.endsWith('.json'));
copied += copyTree(path.join(root, 'docs', 'api'), path.join(dist, 'docs', 'api'), (n) => n.endsWith('.yaml'));
for (const step of fs.readdirSync(__dirname).filter((f) => /^build-.+\.js$/.test(f)).sort()) {
	execFileSync(process.execPath, [path.join(__dirname, step)], { stdio: 'inherit', cwd: root });
}
console.log(`build: compiled and copied ${copied} assets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
