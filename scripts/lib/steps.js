'use strict';
// Long steps say what they are doing and how long they took.
const { spawnSync } = require('node:child_process');

function step(title, fn) {
	const started = Date.now();
	process.stdout.write(`▶ ${title}…\n`);
	const result = fn();
	process.stdout.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	return result;
}

async function stepAsync(title, fn) {
	const started = Date.now();
	process.stdout.write(`▶ ${title}…\n`);
	const result = await fn();
	process.stdout.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	return result;
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
	}
	return result;
}

module.exports = { step, stepAsync, run };
