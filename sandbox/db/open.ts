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

export function getMeta(db: Db, key: string): string | undefined {
	const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
	return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
	db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
