'use strict';
// A real n8n (the version in devDependencies) with this package installed the way npm installs a
// community package, on embedded SQLite in a project-local user folder. Used by `npm start` and
// by the end-to-end tests, so that both run n8n the same way.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const n8nBin = path.join(root, 'node_modules', 'n8n', 'bin', 'n8n');
const PACKAGE = require(path.join(root, 'package.json'));

/** Modules the package resolves at run time: its dependencies and what n8n provides to it. */
const RUNTIME_MODULES = [...Object.keys(PACKAGE.dependencies ?? {}), 'n8n-workflow', 'luxon', 'zod'];

class N8nInstance {
	/**
	 * @param {{ userFolder: string, port: number, env?: Record<string,string>, log?: (line: string) => void }} options
	 */
	constructor({ userFolder, port, env = {}, log = () => {} }) {
		this.userFolder = path.resolve(userFolder);
		this.port = port;
		this.extraEnv = env;
		this.log = log;
		this.child = undefined;
		this.output = '';
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get dataFolder() {
		return path.join(this.userFolder, '.n8n');
	}

	encryptionKey() {
		const file = path.join(this.userFolder, 'encryption-key');
		if (!fs.existsSync(file)) {
			fs.mkdirSync(this.userFolder, { recursive: true });
			fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
		}
		return fs.readFileSync(file, 'utf8').trim();
	}

	env() {
		const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(JEST_|NODE_ENV$|N8N_|DB_)/.test(key)));
		return {
			...inherited,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_ENCRYPTION_KEY: this.encryptionKey(),
			DB_TYPE: 'sqlite',
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			GENERIC_TIMEZONE: 'Asia/Shanghai',
			TZ: process.env.TZ ?? 'Asia/Shanghai',
			...this.extraEnv,
		};
	}

	/** Copies package.json and dist/ where n8n keeps community packages, as `npm install` would. */
	installPackage() {
		const nodesDir = path.join(this.dataFolder, 'nodes');
		const target = path.join(nodesDir, 'node_modules', PACKAGE.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		fs.copyFileSync(path.join(root, 'package.json'), path.join(target, 'package.json'));
		fs.cpSync(path.join(root, 'dist'), path.join(target, 'dist'), { recursive: true });
		for (const name of RUNTIME_MODULES) {
			const link = path.join(nodesDir, 'node_modules', name);
			if (fs.existsSync(link)) continue;
			fs.mkdirSync(path.dirname(link), { recursive: true });
			fs.symlinkSync(path.dirname(require.resolve(`${name}/package.json`, { paths: [root] })), link, 'dir');
		}
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } }, null, 2),
		);
	}

	/** Runs an n8n CLI command (n8n must not be running on this user folder). */
	cli(args) {
		const result = spawnSync(process.execPath, [n8nBin, ...args], { env: this.env(), encoding: 'utf8' });
		if (result.status !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
		}
		return result.stdout;
	}

	importCredentials(credentials) {
		const file = path.join(this.userFolder, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports workflow JSON objects (each with an `id`) and marks every workflow active for the next start. */
	importWorkflows(workflows, { activate = true } = {}) {
		const dir = path.join(this.userFolder, 'import-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow)));
		this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		fs.rmSync(dir, { recursive: true, force: true });
		if (activate) this.cli(['update:workflow', '--all', '--active=true']);
	}

	/** Starts n8n and resolves once the editor is accessible. */
	start({ timeoutMs = 120000 } = {}) {
		this.child = spawn(process.execPath, [n8nBin, 'start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.exited = exited;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`n8n did not start within ${timeoutMs / 1000} s:\n${this.output.slice(-3000)}`)), timeoutMs);
			const onData = (chunk) => {
				const text = chunk.toString();
				this.output += text;
				for (const line of text.split('\n')) if (line.trim()) this.log(line);
				if (this.output.includes('Editor is now accessible')) {
					clearTimeout(timer);
					resolve(this);
				}
			};
			this.child.stdout.on('data', onData);
			this.child.stderr.on('data', onData);
			exited.then((code) => {
				clearTimeout(timer);
				reject(new Error(`n8n exited (${code}) before it was ready:\n${this.output.slice(-3000)}`));
			});
		});
	}

	/** Creates the owner account on a new install (false when there already is one). */
	async setUpOwner(owner) {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		return response.ok;
	}

	/** Signs in and returns the session cookie for the /rest API and /types. */
	async login({ email, password }) {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
		return response.headers.get('set-cookie').split(';')[0];
	}

	async stop() {
		if (!this.child || this.child.exitCode !== null) return;
		this.child.kill('SIGTERM');
		const killer = setTimeout(() => this.child.kill('SIGKILL'), 20000);
		await this.exited;
		clearTimeout(killer);
	}
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = require('node:net').createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** The local demo owner `npm start` creates on a new install. */
const DEMO_OWNER = { email: 'admin@gonghui.local', firstName: 'Union', lastName: 'IT', password: 'Gonghui-2026' };

module.exports = { N8nInstance, freePort, PACKAGE, DEMO_OWNER };
