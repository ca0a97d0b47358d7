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
const { variantFromEnv, webhookPaths, databaseNameFor, ensureDatabase, queueEnv } = require('./n8nVariants');

/** Modules the package resolves at run time: its dependencies and what n8n provides to it. */
const RUNTIME_MODULES = [...Object.keys(PACKAGE.dependencies ?? {}), 'n8n-workflow', 'luxon', 'zod'];

class N8nInstance {
	/**
	 * Without the variant options (and without GONGHUI_N8N_* variables, see n8nVariants.js): the
	 * project's n8n 1.x on this Node, one process on SQLite.
	 * @param {{ userFolder: string, port: number, env?: Record<string,string>, log?: (line: string) => void,
	 *   n8nBin?: string, nodeBin?: string, activation?: 'update' | 'publish',
	 *   queue?: import('./n8nVariants').QueueSettings, waitForWebhooks?: boolean }} options
	 *   n8nBin/nodeBin: another n8n and the Node that runs it (n8n 2.x needs Node 24);
	 *   activation: 'update' (1.x: `update:workflow --all --active=true`) or 'publish' (2.x: `publish:workflow --id=X`);
	 *   queue: queue mode on Redis and PostgreSQL (a database of its own per user folder) with `queue.workers` worker processes;
	 *   waitForWebhooks: after start, wait until the imported workflows' production webhooks answer.
	 */
	constructor({ userFolder, port, env = {}, log = () => {}, ...options }) {
		const variant = variantFromEnv();
		this.userFolder = path.resolve(userFolder);
		this.port = port;
		this.extraEnv = { ...variant.env, ...env };
		this.log = log;
		this.child = undefined;
		this.output = '';
		this.n8nBin = options.n8nBin ?? variant.n8nBin ?? n8nBin;
		this.nodeBin = options.nodeBin ?? variant.nodeBin ?? process.execPath;
		this.activation = options.activation ?? variant.activation ?? 'update';
		this.queue = options.queue ?? variant.queue;
		this.waitForWebhooks = options.waitForWebhooks ?? (this.activation === 'publish' || Boolean(this.queue));
		this.workers = [];
		this.importedWorkflows = [];
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
			...(this.queue ? queueEnv(this.queue, databaseNameFor(this.userFolder)) : {}),
			...this.extraEnv,
		};
	}

	/** The major version of the n8n this instance runs. */
	n8nMajor() {
		const manifest = path.join(path.dirname(this.n8nBin), '..', 'package.json');
		return Number(JSON.parse(fs.readFileSync(manifest, 'utf8')).version.split('.')[0]);
	}

	/**
	 * The environment of one n8n process. n8n 2.x always runs Code nodes in a task runner whose
	 * broker listens on a port (5679 unless told): each process (main, each worker, each CLI call)
	 * gets a free one, so that they neither collide with each other nor with a local platform.
	 */
	processEnv() {
		const env = this.env();
		if (this.extraEnv.N8N_RUNNERS_BROKER_PORT === undefined && this.n8nMajor() >= 2) env.N8N_RUNNERS_BROKER_PORT = String(freePortSync());
		return env;
	}

	/** In queue mode, the PostgreSQL database of this user folder, created the first time. */
	prepareDatabase() {
		if (!this.queue || this.databaseReady) return;
		ensureDatabase(this.queue.postgres, databaseNameFor(this.userFolder));
		this.databaseReady = true;
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
		this.prepareDatabase();
		const result = spawnSync(this.nodeBin, [this.n8nBin, ...args], { env: this.processEnv(), encoding: 'utf8' });
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

	/** Imports workflow JSON objects (each with an `id`) and marks every workflow active (1.x) or publishes each (2.x) for the next start. */
	importWorkflows(workflows, { activate = true } = {}) {
		const dir = path.join(this.userFolder, 'import-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow)));
		this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		fs.rmSync(dir, { recursive: true, force: true });
		if (!activate) return;
		this.importedWorkflows.push(...workflows);
		if (this.activation === 'publish') {
			for (const workflow of workflows) this.cli(['publish:workflow', `--id=${workflow.id}`]);
		} else {
			this.cli(['update:workflow', '--all', '--active=true']);
		}
	}

	/**
	 * Starts n8n and resolves once the editor is accessible; in queue mode then starts the workers,
	 * and with waitForWebhooks waits until the production webhooks of the imported workflows answer.
	 */
	async start({ timeoutMs = 120000 } = {}) {
		try {
			await this.startMain({ timeoutMs });
			if (this.queue) await this.startWorkers(this.queue.workers ?? 1, { timeoutMs });
			if (this.waitForWebhooks) await this.webhooksAnswer({ timeoutMs });
		} catch (error) {
			await this.stop(); // a half-started n8n would outlive the caller, who has no instance to stop
			throw error;
		}
		return this;
	}

	startMain({ timeoutMs }) {
		this.prepareDatabase();
		this.child = spawn(this.nodeBin, [this.n8nBin, 'start'], { env: this.processEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
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

	/** Starts `n8n worker` processes on the same user folder, database, Redis and encryption key. */
	async startWorkers(count, { timeoutMs = 120000 } = {}) {
		const started = [];
		for (let i = 0; i < count; i++) {
			const name = `worker${this.workers.length + 1}`;
			const child = spawn(this.nodeBin, [this.n8nBin, 'worker'], { env: this.processEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
			const worker = { name, child, output: '', exited: new Promise((resolve) => child.once('exit', resolve)) };
			this.workers.push(worker);
			started.push(
				new Promise((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${worker.output.slice(-3000)}`)), timeoutMs);
					const onData = (chunk) => {
						const text = chunk.toString();
						worker.output += text;
						for (const line of text.split('\n')) if (line.trim()) this.log(`${name} │ ${line}`);
						if (worker.output.includes('n8n worker is now ready')) {
							clearTimeout(timer);
							resolve(worker);
						}
					};
					child.stdout.on('data', onData);
					child.stderr.on('data', onData);
					worker.exited.then((code) => {
						clearTimeout(timer);
						reject(new Error(`${name} exited (${code}) before it was ready:\n${worker.output.slice(-3000)}`));
					});
				}),
			);
		}
		return await Promise.all(started);
	}

	/**
	 * Resolves once every production webhook of the imported workflows is registered: n8n 2.x
	 * activates workflows after the editor is up and answers 404 until then. The probe is a CORS
	 * preflight (OPTIONS with an Origin), which names the registered methods and starts no execution.
	 */
	async webhooksAnswer({ timeoutMs = 120000 } = {}) {
		const paths = webhookPaths(this.importedWorkflows, PACKAGE);
		const deadline = Date.now() + timeoutMs;
		for (const webhookPath of paths) {
			for (;;) {
				const response = await fetch(`${this.url}/webhook/${webhookPath}`, { method: 'OPTIONS', headers: { origin: this.url } }).catch(() => undefined);
				const methods = (response?.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
				if (methods.some((method) => method && method !== 'OPTIONS')) break;
				if (this.child.exitCode !== null) throw new Error(`n8n exited (${this.child.exitCode}) while activating workflows:\n${this.output.slice(-3000)}`);
				if (Date.now() > deadline) throw new Error(`the webhook ${webhookPath} was not registered within ${timeoutMs / 1000} s:\n${this.output.slice(-3000)}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		}
	}

	/** Kills a worker at once (SIGKILL), as a crash or the kernel's OOM killer would, and waits until it is gone. */
	async killWorker(name) {
		const worker = this.workers.find((w) => w.name === name);
		if (!worker) throw new Error(`no worker named ${name}`);
		worker.child.kill('SIGKILL');
		await worker.exited;
	}

	/** In queue mode, how many executions each worker started (from its log). */
	workerExecutions() {
		return Object.fromEntries(this.workers.map((worker) => [worker.name, (worker.output.match(/Worker started execution/g) ?? []).length]));
	}

	async stop() {
		if (this.queue?.reportFile && this.workers.length) {
			fs.appendFileSync(this.queue.reportFile, JSON.stringify({ userFolder: this.userFolder, executions: this.workerExecutions() }) + '\n');
		}
		await Promise.all([...this.workers.map((worker) => stopProcess(worker.child, worker.exited)), stopProcess(this.child, this.exited)]);
		this.workers = [];
	}
}

/** SIGTERM, then SIGKILL if the process is still there after 20 s. */
async function stopProcess(child, exited) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
	await exited;
	clearTimeout(killer);
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

/** A free TCP port on 127.0.0.1, found synchronously (CLI calls are synchronous). */
function freePortSync() {
	const script = "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); })";
	const port = Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
	if (!port) throw new Error('no free port found');
	return port;
}

/** The local demo owner `npm start` creates on a new install. */
const DEMO_OWNER = { email: 'admin@gonghui.local', firstName: 'Union', lastName: 'IT', password: 'Gonghui-2026' };

module.exports = { N8nInstance, freePort, PACKAGE, DEMO_OWNER };
