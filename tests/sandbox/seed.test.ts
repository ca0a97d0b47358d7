/** The demo data: deterministic, valid identities from many provinces, and the contract's invariants. */
import { createHash } from 'node:crypto';
import { isValidUsci, normalizeMobile, parseResidentId } from '../../lib/core/identity';
import { parseArgs } from '../../sandbox/cli';
import { openDatabase, type Db } from '../../sandbox/db/open';
import { residentIdFor } from '../../sandbox/seed/people';
import { seedDatabase, type SeedSummary } from '../../sandbox/seed';

let db: Db;
let summary: SeedSummary;
const progress: Array<[number, number]> = [];

beforeAll(() => {
	db = openDatabase(':memory:');
	summary = seedDatabase(db, { size: 3000, batchSize: 1000, onProgress: (done, total) => progress.push([done, total]) });
});
afterAll(() => db.close());

const all = <T>(sql: string) => db.prepare(sql).all() as T[];

test('progress is reported per batch', () => {
	expect(progress).toEqual([[1000, 3000], [2000, 3000], [3000, 3000]]);
	expect(summary).toMatchObject({ members: 3000, rosterOnlyWorkers: 1000, companies: ['meituan-demo', 'didi-demo', 'sf-demo', 'huolala-demo'] });
});

test('the same seed gives the same data; another seed other data', () => {
	const dump = (d: Db) =>
		createHash('sha256')
			.update(JSON.stringify(d.prepare('SELECT * FROM members ORDER BY seq').all()))
			.update(JSON.stringify(d.prepare('SELECT * FROM company_workers ORDER BY seq').all()))
			.update(JSON.stringify(d.prepare('SELECT * FROM claims ORDER BY seq').all()))
			.digest('hex');
	const again = openDatabase(':memory:');
	const other = openDatabase(':memory:');
	try {
		seedDatabase(again, { size: 3000, batchSize: 700 });
		seedDatabase(other, { size: 3000, seed: 1 });
		expect(dump(again)).toBe(dump(db));
		expect(dump(other)).not.toBe(dump(db));
	} finally {
		again.close();
		other.close();
	}
});

test('every resident ID is valid, distinct, and the people come from many provinces', () => {
	const members = all<{ id_number: string; phone: string; name: string }>('SELECT id_number, phone, name FROM members');
	const provinces = new Set<string>();
	for (const m of members) {
		const parsed = parseResidentId(m.id_number, { on: '2022-12-31' });
		expect(parsed.valid).toBe(true);
		provinces.add(parsed.provinceCode!);
		expect(normalizeMobile(m.phone)).toBe(m.phone);
		expect(m.name).toMatch(/^\p{Script=Han}{2,4}$/u);
	}
	expect(provinces.size).toBeGreaterThanOrEqual(25);
	expect(provinces.has('44')).toBe(true);
	const ids = new Set(Array.from({ length: 200_000 }, (_, i) => residentIdFor(i)));
	expect(ids.size).toBe(200_000);
});

test('every unified social credit code is valid', () => {
	const codes = [
		...all<{ usci: string }>('SELECT usci FROM organizations WHERE usci IS NOT NULL'),
		...all<{ usci: string }>('SELECT employer_usci AS usci FROM members'),
		...all<{ usci: string }>('SELECT usci FROM companies'),
	].map((r) => r.usci);
	expect(codes.length).toBeGreaterThan(3000);
	expect(codes.filter((c) => !isValidUsci(c))).toEqual([]);
});

test('the 21 federations with their admins; unions of every kind; one dissolved', () => {
	const feds = all<{ org_id: string }>("SELECT org_id FROM organizations WHERE type = 'city_newform_federation'");
	expect(feds).toHaveLength(21);
	for (const { org_id } of feds) {
		const city = org_id.slice(4);
		const admins = all<{ admin_id: string }>(`SELECT admin_id FROM admins WHERE org_id = '${org_id}' ORDER BY admin_id`).map((a) => a.admin_id);
		expect(admins).toEqual([`ADM-${city}-1`, `ADM-${city}-2`]);
	}
	const kinds = all<{ type: string }>('SELECT DISTINCT type FROM organizations ORDER BY type').map((r) => r.type);
	expect(kinds).toEqual(['city_newform_federation', 'dispatch_agency', 'enterprise', 'platform_enterprise']);
	expect(all("SELECT org_id FROM organizations WHERE status = 'dissolved'")).toEqual([{ org_id: 'ENT-441900-90' }]);
});

test('members across all cities and groups; some registered, enrolled, transferable, with claims', () => {
	expect(all('SELECT DISTINCT city_code FROM members')).toHaveLength(21);
	expect(all('SELECT DISTINCT grp FROM members')).toHaveLength(5);
	const share = (sql: string) => (db.prepare(sql).get() as { n: number }).n / 3000;
	expect(share('SELECT COUNT(*) AS n FROM members WHERE real_name_registered = 1')).toBeGreaterThan(0.8);
	expect(share("SELECT COUNT(DISTINCT member_id) AS n FROM enrolments WHERE plan_id = 'GD-NEWFORM-2022'")).toBeGreaterThan(0.4);
	expect(summary.examples.transferCandidate).toEqual(expect.stringMatching(/^M\d{8}$/));
	const candidate = db.prepare('SELECT m.org_id, m.employment_relation, o.usci FROM members m JOIN organizations o ON o.usci = m.employer_usci WHERE m.member_id = ?').get(summary.examples.transferCandidate) as Record<string, string>;
	expect(candidate).toMatchObject({ org_id: expect.stringMatching(/^FED-/), employment_relation: 'labor_contract' });
	expect(summary.claims).toBeGreaterThan(10);
	expect(all("SELECT 1 FROM claims WHERE status = 'approved'").length).toBeGreaterThan(5);
	expect(all("SELECT 1 FROM claims WHERE status = 'submitted'").length).toBeGreaterThan(0);
});

test('claim history keeps the cap and tier invariants, enrolments one per person and plan', () => {
	expect(all('SELECT 1 FROM plan_payouts WHERE paid_fen > 1000000')).toEqual([]);
	expect(all('SELECT 1 FROM accidents WHERE paid_fen > tier_fen')).toEqual([]);
	expect(all('SELECT 1 FROM enrolments GROUP BY id_number, plan_id HAVING COUNT(*) > 1')).toEqual([]);
	const near = db.prepare('SELECT paid_fen FROM plan_payouts WHERE member_id = ?').get(summary.examples.memberWithClaims) as { paid_fen: number };
	expect(near.paid_fen).toBe(900_000);
});

test('platform company workers overlap, and the roster hash is SHA-256 of the upper-cased ID', () => {
	const overlap = all<{ id_number: string }>('SELECT id_number FROM company_workers GROUP BY id_number HAVING COUNT(DISTINCT company_id) > 1');
	expect(overlap.length).toBeGreaterThan(100);
	const sample = db.prepare('SELECT id_number, id_number_hash FROM company_workers LIMIT 1').get() as Record<string, string>;
	expect(sample.id_number_hash).toBe(createHash('sha256').update(sample.id_number.toUpperCase()).digest('hex'));
	const rosterOnly = all('SELECT DISTINCT w.id_number FROM company_workers w LEFT JOIN members m ON m.id_number = w.id_number WHERE m.member_id IS NULL');
	expect(rosterOnly.length).toBeGreaterThan(500);
});

test('pending applications include the cases the approval rules must catch', () => {
	const apps = all<{ body: string }>("SELECT body FROM applications WHERE status = 'pending'").map((r) => JSON.parse(r.body));
	expect(apps).toHaveLength(60);
	const invalid = apps.filter((a) => !parseResidentId(a.idNumber, { on: '2022-12-01' }).valid);
	expect(invalid.length).toBeGreaterThanOrEqual(1);
	expect(apps.some((a) => a.existingMembership)).toBe(true);
	expect(apps.some((a) => a.workCity === '长沙')).toBe(true);
	expect(apps.some((a) => normalizeMobile(a.phone) === null)).toBe(true);
});

describe('command line', () => {
	test('flags', () => {
		expect(parseArgs(['--size', '1200000', '--db', ':memory:', '--webhook', 'http://127.0.0.1:5678/webhook/a', '--faults', '0.1'], {}, '/p')).toEqual({
			seed: true,
			size: 1_200_000,
			db: ':memory:',
			reset: false,
			webhooks: ['http://127.0.0.1:5678/webhook/a'],
			faults: 0.1,
			port: 5679,
		});
		expect(parseArgs([], { PLATFORM_PORT: '6000', PLATFORM_WEBHOOKS: 'http://a/x, http://b/y' }, '/p')).toMatchObject({
			seed: false,
			db: '/p/.data/platform.sqlite',
			port: 6000,
			webhooks: ['http://a/x', 'http://b/y'],
		});
		expect(() => parseArgs(['--faults', '2'])).toThrow(/between 0 and 1/);
		expect(() => parseArgs(['--size'])).toThrow(/needs a value/);
		expect(() => parseArgs(['--colour'])).toThrow(/Unknown option/);
	});
});

describe('schema migrations', () => {
	test('a database made with the first schema is brought up to date, its data kept', async () => {
		const { mkdtempSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const Database = (await import('better-sqlite3')).default;
		const { MIGRATIONS } = await import('../../sandbox/db/migrations');
		const dir = mkdtempSync(join(tmpdir(), 'platform-migrate-'));
		const file = join(dir, 'old.sqlite');
		try {
			const old = new Database(file);
			old.exec(MIGRATIONS[0].sql);
			old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (1, 'initial', '')");
			old.exec(`INSERT INTO organizations (org_id, type, city_code, name, established_at, created_at, updated_at) VALUES ('FED-440300', 'city_newform_federation', '440300', '深圳', 'x', 'x', 'x');
				INSERT INTO members (member_id, name, id_number, phone, grp, employment_relation, city_code, org_id, joined_at, created_at, updated_at)
				VALUES ('M1', '张三', '11010519491231002X', '13800138000', 'courier', 'civil', '440300', 'FED-440300', '2022-01-01T00:00:00.000+08:00', 'x', 'x');
				INSERT INTO enrolments (enrolment_id, member_id, id_number, plan_id, enrolled_at, created_at) VALUES
				('E2', 'M1', '11010519491231002X', 'GD-NEWFORM-2023', '2023-01-02T00:00:00.000+08:00', 'x'),
				('E1', 'M1', '11010519491231002X', 'GD-NEWFORM-2022', '2022-02-01T00:00:00.000+08:00', 'x');`);
			old.close();
			const upgraded = openDatabase(file);
			expect(upgraded.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
			expect(upgraded.prepare('SELECT first_enrolled_at FROM members').get()).toEqual({ first_enrolled_at: '2022-02-01T00:00:00.000+08:00' });
			upgraded.close();
			// Opening again changes nothing.
			openDatabase(file).close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
