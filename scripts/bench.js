#!/usr/bin/env node
// `npm run bench [-- --quick]`: runs every benchmarks/*.bench.ts in turn, each in a process of its
// own (each measures its own baseline in the same run), prints the table, writes benchmarks/results.json (full runs) or
// benchmarks/results.quick.json, benchmarks/results.md, and the README's table between its markers.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { ensureInstalled, build, root } = require('./lib/install');

const quick = process.argv.includes('--quick');
const only = process.argv.includes('--child') ? [] : process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

// Run the TypeScript sources in place (transpile only; `npm test` type-checks them).
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

function formatValue(value) {
	if (typeof value !== 'number') return String(value);
	return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function table(results) {
	const lines = [
		'| benchmark | value | baseline | ratio | target | pass |',
		'|---|---|---|---|---|---|',
		...results.map(
			(r) =>
				`| ${r.name} | ${formatValue(r.value)} ${r.unit} | ${r.baseline === null || r.baseline === undefined ? '—' : formatValue(r.baseline) + ' ' + r.unit} | ${r.ratio === null || r.ratio === undefined ? '—' : (r.ratio < 0.1 ? r.ratio.toPrecision(2) : r.ratio.toFixed(2))} | ${r.target ?? '—'} | ${r.pass ? 'yes' : 'no'} |`,
		),
	];
	return lines.join('\n');
}

/** Runs one benchmark file in a process of its own, so peak memory and warm caches are its own. */
function runInChild(file) {
	const out = path.join(root, '.data', `bench-${path.basename(file, '.bench.ts')}.json`);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.rmSync(out, { force: true });
	const child = require('node:child_process').spawnSync(
		process.execPath,
		['--expose-gc', __filename, '--child', file, '--out', out, ...(quick ? ['--quick'] : [])],
		{ stdio: 'inherit', cwd: root },
	);
	if (child.status !== 0 || !fs.existsSync(out)) throw new Error(`${path.basename(file)} failed (${child.status ?? child.signal})`);
	return JSON.parse(fs.readFileSync(out, 'utf8'));
}

async function child() {
	const file = process.argv[process.argv.indexOf('--child') + 1];
	const out = process.argv[process.argv.indexOf('--out') + 1];
	const results = await require(file).run({ quick });
	require('../tests/helpers/harness').shutdownEngine();
	fs.writeFileSync(out, JSON.stringify(results));
}

async function main() {
	if (process.argv.includes('--child')) return await child();
	ensureInstalled();
	build();
	const dir = path.join(root, 'benchmarks');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.bench.ts'))
		.filter((f) => !only.length || only.some((name) => f.includes(name)))
		.sort();
	const results = [];
	for (const file of files) {
		const started = Date.now();
		console.log(`▶ ${file}${quick ? ' (quick)' : ''}…`);
		const out = runInChild(path.join(dir, file));
		for (const r of out) results.push({ suite: file.replace('.bench.ts', ''), ...r });
		console.log(`✔ ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	}
	const markdown = table(results);
	console.log('\n' + markdown);
	const stamp = { measuredAt: new Date().toISOString(), quick, node: process.version, cpus: require('node:os').cpus().length };
	fs.writeFileSync(path.join(dir, quick ? 'results.quick.json' : 'results.json'), JSON.stringify({ ...stamp, results }, null, 2) + '\n');
	if (!quick && !only.length) {
		fs.writeFileSync(path.join(dir, 'results.md'), markdown + '\n');
		const readme = path.join(root, 'README.md');
		const text = fs.readFileSync(readme, 'utf8');
		const updated = text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${markdown}\n<!-- bench:end -->`);
		fs.writeFileSync(readme, updated);
	}
	const failed = results.filter((r) => !r.pass).length;
	console.log(`\nbench: ${results.length - failed} targets met, ${failed} not met`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
