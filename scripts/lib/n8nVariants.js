'use strict';
// Which n8n an N8nInstance runs, beyond the default (the project's n8n 1.x on this Node, one
// process on SQLite): another n8n with its own Node (n8n 2.x on Node 24), and queue mode (main
// plus `n8n worker` processes on Redis and PostgreSQL). Scripts that run the end-to-end suites
// against a variant pass it to jest as GONGHUI_N8N_* variables, which every N8nInstance reads as
// its defaults, so the tests run unchanged on each variant.
const crypto = require('node:crypto');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/**
 * @typedef {{ host: string, port: number, user: string, password?: string, psql?: string }} PostgresSettings
 * @typedef {{ redis: { host: string, port: number }, postgres: PostgresSettings, workers?: number,
 *   reportFile?: string }} QueueSettings  reportFile: where each instance appends, when it stops, how many executions each worker ran
 * @typedef {{ n8nBin?: string, nodeBin?: string, activation?: 'update' | 'publish',
 *   env?: Record<string, string>, queue?: QueueSettings }} Variant
 */

const VARIABLES = {
	n8nBin: 'GONGHUI_N8N_BIN',
	nodeBin: 'GONGHUI_N8N_NODE',
	activation: 'GONGHUI_N8N_ACTIVATION',
	env: 'GONGHUI_N8N_ENV',
	queue: 'GONGHUI_N8N_QUEUE',
};
const JSON_VALUED = new Set(['env', 'queue']);

/** @returns {Variant} the variant named by GONGHUI_N8N_* variables (empty when none is set). */
function variantFromEnv(env = process.env) {
	const variant = {};
	for (const [key, name] of Object.entries(VARIABLES)) {
		const value = env[name];
		if (!value) continue;
		variant[key] = JSON_VALUED.has(key) ? JSON.parse(value) : value;
	}
	if (variant.activation && !['update', 'publish'].includes(variant.activation)) {
		throw new Error(`${VARIABLES.activation} must be update or publish, not ${variant.activation}`);
	}
	return variant;
}

/** @param {Variant} variant @returns {Record<string, string>} the GONGHUI_N8N_* variables that select it. */
function variantToEnv(variant) {
	const env = {};
	for (const [key, name] of Object.entries(VARIABLES)) {
		if (variant[key] === undefined) continue;
		env[name] = JSON_VALUED.has(key) ? JSON.stringify(variant[key]) : String(variant[key]);
	}
	return env;
}

/** A PostgreSQL database name of its own for each n8n user folder (queue mode shares one server). */
function databaseNameFor(userFolder) {
	const readable = path
		.basename(userFolder)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.slice(0, 32);
	const hash = crypto.createHash('sha256').update(path.resolve(userFolder)).digest('hex').slice(0, 10);
	return `n8n_${readable}_${hash}`;
}

function psql(postgres, database, sql) {
	const result = spawnSync(
		postgres.psql ?? 'psql',
		['-h', postgres.host, '-p', String(postgres.port), '-U', postgres.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql],
		{ encoding: 'utf8', env: { ...process.env, PGPASSWORD: postgres.password ?? '' } },
	);
	if (result.status !== 0) throw new Error(`psql ${sql} failed (${result.status ?? result.error}):\n${result.stderr}`);
	return result.stdout.trim();
}

/** Creates the database unless it exists. */
function ensureDatabase(postgres, name) {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
	if (psql(postgres, 'postgres', `SELECT 1 FROM pg_database WHERE datname = '${name}'`) === '1') return;
	psql(postgres, 'postgres', `CREATE DATABASE ${name}`);
}

/**
 * The environment of main and every worker in queue mode: executions go through Redis (a Bull
 * prefix per database, so instances sharing a Redis never take each other's jobs), data in
 * PostgreSQL. The encryption key and user folder come from the instance and are the same for all.
 * @param {QueueSettings} queue
 */
function queueEnv(queue, database) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: queue.redis.host,
		QUEUE_BULL_REDIS_PORT: String(queue.redis.port),
		QUEUE_BULL_PREFIX: `bull_${database}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: queue.postgres.host,
		DB_POSTGRESDB_PORT: String(queue.postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: queue.postgres.user,
		DB_POSTGRESDB_PASSWORD: queue.postgres.password ?? '',
	};
}

/** Node descriptions of this package's nodes, by type name (`<package>.<name>`), from its build. */
function packageNodeDescriptions(pkg, root) {
	const descriptions = new Map();
	for (const file of pkg.n8n?.nodes ?? []) {
		const className = path.basename(file, '.node.js');
		const NodeClass = require(path.join(root, file))[className];
		if (!NodeClass) continue;
		const { description } = new NodeClass();
		descriptions.set(`${pkg.name}.${description.name}`, description);
	}
	return descriptions;
}

/**
 * Production webhook paths (under /webhook/) of the given workflows: Webhook nodes by their path,
 * this package's trigger nodes as n8n builds them (`<webhookId>/<path of the default webhook>`).
 * Paths with route parameters or expressions are left out (nothing fixed to probe).
 */
function webhookPaths(workflows, pkg, root = path.resolve(__dirname, '..', '..')) {
	let descriptions;
	const paths = [];
	for (const workflow of workflows) {
		for (const node of workflow.nodes ?? []) {
			if (node.disabled) continue;
			if (node.type === 'n8n-nodes-base.webhook') {
				const webhookPath = node.parameters?.path || node.webhookId;
				if (webhookPath && !webhookPath.includes(':') && !webhookPath.startsWith('=')) paths.push(webhookPath);
			} else if (node.webhookId && node.type.startsWith(`${pkg.name}.`)) {
				descriptions ??= packageNodeDescriptions(pkg, root);
				const webhook = descriptions.get(node.type)?.webhooks?.find((w) => w.name === 'default');
				if (!webhook || typeof webhook.path !== 'string' || webhook.path.startsWith('=')) continue;
				paths.push(webhook.isFullPath ? webhook.path || node.webhookId : `${node.webhookId}/${webhook.path}`);
			}
		}
	}
	return paths;
}

module.exports = { variantFromEnv, variantToEnv, databaseNameFor, ensureDatabase, queueEnv, webhookPaths, VARIABLES };
