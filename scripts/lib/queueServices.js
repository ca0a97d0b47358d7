'use strict';
// Redis and PostgreSQL for n8n's queue mode, from Debian's packages, run by the project on
// 127.0.0.1 under a folder of its own (not the system services): a PostgreSQL cluster made with
// initdb as the postgres user, and redis-server with its --dir there. Each start makes a new
// cluster, so every run begins from empty databases.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { step, run } = require('./steps');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The newest PostgreSQL server's bin folder (Debian keeps them in /usr/lib/postgresql/<major>/bin). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const majors = fs
		.readdirSync(base)
		.filter((name) => fs.existsSync(path.join(base, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(base, majors[0], 'bin') : undefined;
}

/** Installs redis-server and postgresql from Debian's packages when they are missing. */
function ensureQueuePackages() {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) {
		console.log(`  redis-server and PostgreSQL (${postgresBinDir()}) already installed`);
		return;
	}
	if (!isRoot) throw new Error(`${missing.join(' and ')} missing: install with  apt-get install -y ${missing.join(' ')}  (as root)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	step('Updating the Debian package lists (apt-get update)', () => run('apt-get', ['update'], { env }));
	step(`Installing ${missing.join(' and ')} (apt-get install)`, () => run('apt-get', ['install', '-y', ...missing], { env }));
}

/** Runs a PostgreSQL program as the postgres user (it refuses to run as root). */
function asPostgres(program, args) {
	const binary = path.join(postgresBinDir(), program);
	const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
	const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.error}):\n${result.stdout}${result.stderr}`);
	return result.stdout;
}

/**
 * Where the cluster lives: in `folder`, unless the postgres user cannot reach it (a checkout inside a
 * folder only root may enter), then in a folder of its own under the system's temp folder.
 */
function postgresDataDir(folder) {
	fs.mkdirSync(folder, { recursive: true });
	if (!isRoot || spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', folder]).status === 0) return path.join(folder, 'postgres');
	const own = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'gonghui-'));
	fs.chmodSync(own, 0o755);
	return path.join(own, 'postgres');
}

/**
 * A new PostgreSQL cluster in `folder`, listening on 127.0.0.1:port (socket in the folder too),
 * trusting local connections of the `postgres` role. Durability is off: this is a test database.
 */
function startPostgres(folder, port) {
	const dataDir = postgresDataDir(folder);
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	if (isRoot) run('chown', ['postgres:postgres', dataDir]);
	asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
	const options = ['-p', port, '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
	asPostgres('pg_ctl', ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', '-o', options.join(' '), 'start']);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		psql: path.join(postgresBinDir(), 'psql'),
		stop: () => {
			asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
			if (!dataDir.startsWith(folder + path.sep)) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
		},
	};
}

/** redis-server on 127.0.0.1:port with its files in `folder`, no snapshots; resolves once it accepts connections. */
function startRedis(folder, port) {
	const dir = path.join(folder, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`redis-server did not start within 30 s:\n${output}`)), 30000);
		const onData = (chunk) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve({
					host: '127.0.0.1',
					port,
					stop: async () => {
						if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
						await exited;
					},
				});
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
		});
	});
}

module.exports = { ensureQueuePackages, startPostgres, startRedis, postgresBinDir };
