/**
 * `npm run platform`: the local 粤工惠 platform on 127.0.0.1.
 *   --seed            seed an empty database with the demo data (3000 members)
 *   --size N          seed N members (implies --seed; 1 200 000 for the benchmarks)
 *   --db FILE         SQLite file (default .data/platform.sqlite) or :memory:
 *   --reset           delete the database file first
 *   --webhook URL     deliver every event to URL (repeatable; also PLATFORM_WEBHOOKS, comma-separated)
 *   --faults RATE     fail this share of API requests (500, 429 or no answer)
 *   --port N          default PLATFORM_PORT or 5679
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getMeta, openDatabase } from './db/open';
import { DEMO_COMPANIES } from './seed';
import { createPlatformServer, DEFAULT_PORT, DEMO_APP_KEY, DEMO_SECRET } from './server';

export interface CliOptions {
	seed: boolean;
	size?: number;
	db: string;
	reset: boolean;
	webhooks: string[];
	faults?: number;
	port: number;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CliOptions {
	const options: CliOptions = {
		seed: false,
		db: join(cwd, '.data', 'platform.sqlite'),
		reset: false,
		webhooks: (env.PLATFORM_WEBHOOKS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
		port: env.PLATFORM_PORT ? Number(env.PLATFORM_PORT) : DEFAULT_PORT,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${arg} needs a value`);
			return next;
		};
		switch (arg) {
			case '--seed':
				options.seed = true;
				break;
			case '--size':
				options.size = Number(value());
				if (!Number.isInteger(options.size) || options.size < 1) throw new Error('--size must be a positive whole number');
				options.seed = true;
				break;
			case '--db': {
				const file = value();
				options.db = file === ':memory:' ? file : resolve(cwd, file);
				break;
			}
			case '--reset':
				options.reset = true;
				break;
			case '--webhook':
				options.webhooks.push(value());
				break;
			case '--faults':
				options.faults = Number(value());
				if (!(options.faults >= 0 && options.faults <= 1)) throw new Error('--faults must be a share between 0 and 1');
				break;
			case '--port':
				options.port = Number(value());
				break;
			default:
				throw new Error(`Unknown option ${arg}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('The port must be 0–65535');
	return options;
}

/** "seeding 300000/1200000 (25%)…" at every 5 % and at the end. */
function progressPrinter(write: (line: string) => void) {
	let step = 0;
	return (done: number, total: number) => {
		const percent = Math.floor((done / total) * 100);
		if (done < total && Math.floor(percent / 5) <= step) return;
		step = Math.floor(percent / 5);
		write(`seeding ${done}/${total} (${percent}%)…`);
	};
}

export async function main(argv: string[] = process.argv.slice(2), write: (line: string) => void = console.log) {
	const options = parseArgs(argv);
	if (options.reset && options.db !== ':memory:') {
		for (const suffix of ['', '-wal', '-shm']) rmSync(options.db + suffix, { force: true });
	}
	if (options.seed && options.db !== ':memory:') {
		const db = openDatabase(options.db);
		const previous = getMeta(db, 'seed');
		db.close();
		if (previous) write(`${options.db} is already seeded (${previous}); --reset to seed it again`);
	}
	const started = Date.now();
	const platform = await createPlatformServer({
		dbFile: options.db,
		port: options.port,
		seed: options.seed ? { size: options.size, onProgress: progressPrinter(write) } : false,
		webhooks: options.webhooks,
		faults: options.faults !== undefined ? { rate: options.faults } : undefined,
	});
	const lines = [
		`粤工惠 platform (local) listening on ${platform.url}`,
		`  API          ${platform.apiUrl}   (signed: X-App-Key / X-Timestamp / X-Nonce / X-Signature)`,
		`  app key      ${DEMO_APP_KEY}`,
		`  secret       ${DEMO_SECRET}`,
		`  companies    ${DEMO_COMPANIES.map((c) => `${platform.url}/companies/${c.companyId}  (client ${c.companyId}-client / ${c.companyId}-secret)`).join('\n               ')}`,
		`  sinks        ${platform.url}/sinks/messages`,
		`  database     ${options.db}`,
	];
	if (platform.seeded) {
		const s = platform.seeded;
		lines.push(
			`  seeded       ${s.members} members, ${s.rosterOnlyWorkers} roster-only workers, ${s.organizations} organizations, ` +
				`${s.enrolments} enrolments, ${s.claims} claims, ${s.applications} pending applications (${((Date.now() - started) / 1000).toFixed(1)} s)`,
			`  try          federation ${s.examples.federation} (admin ${s.examples.federationAdmin}), union ${s.examples.enterpriseUnion} ` +
				`(admin ${s.examples.enterpriseUnionAdmin}), application ${s.examples.pendingApplication}, ` +
				`transfer candidate ${s.examples.transferCandidate}, member with claims ${s.examples.memberWithClaims}`,
		);
	}
	if (options.webhooks.length) lines.push(`  webhooks     ${options.webhooks.join(', ')}`);
	if (options.faults) lines.push(`  faults       ${Math.round(options.faults * 100)}% of API requests fail (500 / 429 / no answer)`);
	write(lines.join('\n'));

	const stop = () => {
		void platform.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	return platform;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`platform: ${(error as Error).message}`);
		process.exit(1);
	});
}
