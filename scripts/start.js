#!/usr/bin/env node
// `npm start`: the main job on one machine. Installs what is missing, builds, starts the local
// 粤工惠 platform (seeded) and a real n8n on embedded SQLite with this package installed as a
// community package, the local credentials imported and every template imported and active.
// Ctrl-C stops both.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ensureInstalled, build, root } = require('./lib/install');
const { step, stepAsync } = require('./lib/steps');

const n8nPort = Number(process.env.N8N_PORT ?? 5678);
const platformPort = Number(process.env.PLATFORM_PORT ?? 5679);
const platformUrl = `http://127.0.0.1:${platformPort}`;
const userFolder = path.join(root, '.n8n-user');

function startPlatform() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, 'scripts', 'platform.js'), '--seed', '--port', String(platformPort)], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		require('node:readline')
			.createInterface({ input: child.stdout })
			.on('line', (line) => {
				output += line + '\n';
				console.log(`  platform │ ${line}`);
				if (line.includes('listening on')) resolve(child);
			});
		child.once('exit', (code) => reject(new Error(`the platform exited (${code}) before it was ready`)));
	});
}

function templates() {
	const dir = path.join(root, 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

/** Imports credentials and templates when they changed since the last start (each CLI call takes ~5 s). */
function importIntoN8n(n8n) {
	const { localCredentialsForImport } = require('./lib/localCredentials');
	const credentials = localCredentialsForImport(platformUrl);
	const workflows = templates();
	const fingerprint = crypto.createHash('sha256').update(JSON.stringify({ credentials, workflows })).digest('hex');
	const marker = path.join(userFolder, 'imported.sha256');
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fingerprint) {
		console.log('  credentials and templates unchanged since the last start');
		return workflows;
	}
	step(`Importing ${credentials.length} credentials for the local services`, () => n8n.importCredentials(credentials));
	if (workflows.length) {
		step(`Importing and activating ${workflows.length} templates from workflows/`, () => n8n.importWorkflows(workflows));
	}
	fs.writeFileSync(marker, fingerprint);
	return workflows;
}

async function main() {
	ensureInstalled();
	build();
	const { N8nInstance, DEMO_OWNER: OWNER } = require('./lib/n8n');
	const platform = await stepAsync(`Starting the local 粤工惠 platform on ${platformUrl}`, startPlatform);
	const n8n = new N8nInstance({ userFolder, port: n8nPort });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the platform…');
		await n8n.stop();
		platform.kill('SIGTERM');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	try {
		step('Installing the package into n8n (as npm installs a community package)', () => n8n.installPackage());
		const workflows = importIntoN8n(n8n);
		await stepAsync(`Starting n8n on ${n8n.url} (SQLite in .n8n-user/)`, () => n8n.start());
		const ownerCreated = await n8n.setUpOwner(OWNER);
		console.log(
			[
				'',
				`n8n is ready:            ${n8n.url}`,
				ownerCreated
					? `  sign in as             ${OWNER.email} / ${OWNER.password}  (local demo owner, created now; change it in Settings)`
					: `  sign in with the owner account of this install (${OWNER.email} if npm start created it)`,
				`  templates (active)     ${workflows.map((w) => w.name).join('\n                         ') || 'none yet'}`,
				`local 粤工惠 platform:    ${platformUrl}/api/v1   (app key demo-app, secret demo-secret-change-me)`,
				`  messages sent          ${platformUrl}/sinks/messages   (WeCom, DingTalk and SMS stand-ins)`,
				'',
				'Try first: open the editor, then the "Membership application" template, and submit a demo',
				`application with   npm run demo -- application   — the decision and the masked messages show up in`,
				'the execution list and at /sinks/messages.   Ctrl-C stops everything.',
			].join('\n'),
		);
	} catch (error) {
		console.error(`start: ${error.message}`);
		await stop();
	}
}

main().catch((error) => {
	console.error(`start: ${error.message}`);
	process.exit(1);
});
