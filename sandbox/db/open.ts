import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** Opens (creating when new) the platform database and brings its schema up to date. */
export function openDatabase(file: string = ':memory:'): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	if (file !== ':memory:') db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	return db;
}

export function migrate(db: Db): void {
	db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
	const applied = new Set(
		(db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
	);
	for (const migration of MIGRATIONS) {
		if (applied.has(migration.version)) continue;
		db.transaction(() => {
			db.exec(migration.sql);
			db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
				migration.version,
				migration.name,
				new Date().toISOString(),
			);
		})();
	}
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per database (the seed runs hot paths a million times). */
export function prepared(db: Db, sql: string): Database.Statement {
	let cache = statements.get(db);
	if (!cache) {
		cache = new Map();
		statements.set(db, cache);
	}
	let statement = cache.get(sql);
	if (!statement) {
		statement = db.prepare(sql);
		cache.set(sql, statement);
	}
	return statement;
}

/**
 * Runs a bulk load with the tables' own indexes set aside and rebuilt afterwards: building an
 * index once from all the rows is several times faster than growing it row by row. Unique
 * indexes rebuilt this way still refuse duplicates, so nothing is checked less.
 */
export function withIndexesDeferred<T>(db: Db, tables: string[], load: () => T): T {
	const indexes = db
		.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`)
		.all(...tables) as Array<{ name: string; sql: string }>;
	for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
	try {
		return load();
	} finally {
		for (const index of indexes) db.exec(index.sql);
	}
}

export function getMeta(db: Db, key: string): string | undefined {
	const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
	return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
	db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
