/**
 * The platform's schema. Invariants the contract promises are the database's own: one enrolment
 * per person and plan and one open transfer per member are unique indexes, and no plan total or
 * accident ever passes its cap or tier (CHECK constraints), whatever the code above them does.
 */
export const PLAN_CAP_FEN = 1_000_000;

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'initial',
		sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE organizations (
	seq INTEGER PRIMARY KEY,
	org_id TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL,
	city_code TEXT NOT NULL,
	name TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
	usci TEXT,
	parent_org_id TEXT,
	established_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX organizations_city_type ON organizations (city_code, type);
CREATE INDEX organizations_usci ON organizations (usci COLLATE NOCASE);

CREATE TABLE admins (
	admin_id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES organizations (org_id),
	name TEXT NOT NULL,
	phone TEXT NOT NULL
);
CREATE INDEX admins_org ON admins (org_id);

CREATE TABLE members (
	seq INTEGER PRIMARY KEY,
	member_id TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	id_number TEXT NOT NULL,
	phone TEXT NOT NULL,
	grp TEXT NOT NULL,
	employment_relation TEXT NOT NULL,
	city_code TEXT NOT NULL,
	org_id TEXT NOT NULL REFERENCES organizations (org_id),
	joined_at TEXT NOT NULL,
	real_name_registered INTEGER NOT NULL DEFAULT 0,
	employer_name TEXT,
	employer_usci TEXT,
	platform_name TEXT,
	platform_usci TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- Membership is registered in one place only: one member per ID number.
CREATE UNIQUE INDEX members_id_number ON members (id_number);
CREATE INDEX members_org ON members (org_id);
CREATE INDEX members_city ON members (city_code);
CREATE INDEX members_employer ON members (employer_usci COLLATE NOCASE);
CREATE INDEX members_progress ON members (city_code, grp, joined_at, real_name_registered);

CREATE TABLE applications (
	seq INTEGER PRIMARY KEY,
	application_id TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'review')),
	city_code TEXT,
	body TEXT NOT NULL,
	decisions TEXT NOT NULL DEFAULT '[]',
	member_id TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX applications_status ON applications (status, city_code);
CREATE INDEX applications_city ON applications (city_code);

CREATE TABLE transfers (
	seq INTEGER PRIMARY KEY,
	transfer_id TEXT NOT NULL UNIQUE,
	member_id TEXT NOT NULL REFERENCES members (member_id),
	from_org_id TEXT NOT NULL,
	to_org_id TEXT NOT NULL,
	reason TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('requested', 'released', 'completed', 'rejected', 'cancelled', 'expired')),
	cross_city INTEGER NOT NULL DEFAULT 0,
	history TEXT NOT NULL,
	requested_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX transfers_one_open_per_member ON transfers (member_id) WHERE state IN ('requested', 'released');
CREATE INDEX transfers_member ON transfers (member_id);
CREATE INDEX transfers_state ON transfers (state);
CREATE INDEX transfers_from ON transfers (from_org_id);
CREATE INDEX transfers_to ON transfers (to_org_id);

CREATE TABLE enrolments (
	seq INTEGER PRIMARY KEY,
	enrolment_id TEXT NOT NULL UNIQUE,
	member_id TEXT NOT NULL REFERENCES members (member_id),
	id_number TEXT NOT NULL,
	plan_id TEXT NOT NULL,
	enrolled_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX enrolments_one_per_person_and_plan ON enrolments (id_number, plan_id);
CREATE INDEX enrolments_member ON enrolments (member_id);
CREATE INDEX enrolments_plan ON enrolments (plan_id);

CREATE TABLE claims (
	seq INTEGER PRIMARY KEY,
	claim_id TEXT NOT NULL UNIQUE,
	member_id TEXT NOT NULL REFERENCES members (member_id),
	accident_id TEXT NOT NULL,
	status TEXT NOT NULL,
	body TEXT NOT NULL,
	decision TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX claims_member ON claims (member_id, accident_id);
CREATE INDEX claims_status ON claims (status);

CREATE TABLE plan_payouts (
	member_id TEXT NOT NULL,
	plan_id TEXT NOT NULL,
	paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0 AND paid_fen <= ${PLAN_CAP_FEN}),
	PRIMARY KEY (member_id, plan_id)
);

CREATE TABLE accidents (
	member_id TEXT NOT NULL,
	accident_id TEXT NOT NULL,
	plan_id TEXT,
	counted_fen INTEGER NOT NULL DEFAULT 0 CHECK (counted_fen >= 0),
	tier_fen INTEGER NOT NULL DEFAULT 0 CHECK (tier_fen >= 0),
	paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= tier_fen),
	PRIMARY KEY (member_id, accident_id)
);

CREATE TABLE counted_invoices (
	member_id TEXT NOT NULL,
	accident_id TEXT NOT NULL,
	invoice_key TEXT NOT NULL,
	claim_id TEXT NOT NULL,
	PRIMARY KEY (member_id, accident_id, invoice_key)
);

CREATE TABLE survey_counts (
	week_of TEXT NOT NULL,
	city_code TEXT NOT NULL,
	grp TEXT NOT NULL,
	surveyed INTEGER NOT NULL CHECK (surveyed >= 0),
	updated_at TEXT NOT NULL,
	PRIMARY KEY (week_of, city_code, grp)
);

CREATE TABLE idempotency_keys (
	app_key TEXT NOT NULL,
	key TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status INTEGER NOT NULL,
	headers TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (app_key, key)
);

CREATE TABLE events (
	seq INTEGER PRIMARY KEY,
	event_id TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL,
	occurred_at TEXT NOT NULL,
	data TEXT NOT NULL
);

CREATE TABLE webhook_subscriptions (
	seq INTEGER PRIMARY KEY,
	webhook_id TEXT NOT NULL UNIQUE,
	app_key TEXT NOT NULL,
	url TEXT NOT NULL,
	events TEXT NOT NULL,
	secret TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (app_key, url)
);

CREATE TABLE webhook_deliveries (
	seq INTEGER PRIMARY KEY,
	delivery_id TEXT NOT NULL UNIQUE,
	webhook_id TEXT NOT NULL,
	event_id TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_ms INTEGER,
	delivered_at TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_ms);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id);

CREATE TABLE webhook_attempts (
	seq INTEGER PRIMARY KEY,
	delivery_id TEXT NOT NULL,
	attempt INTEGER NOT NULL,
	at TEXT NOT NULL,
	status_code INTEGER,
	error TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);

CREATE TABLE companies (
	company_id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	usci TEXT NOT NULL,
	grp TEXT NOT NULL,
	client_id TEXT NOT NULL UNIQUE,
	client_secret TEXT NOT NULL
);

CREATE TABLE company_workers (
	seq INTEGER PRIMARY KEY,
	company_id TEXT NOT NULL REFERENCES companies (company_id),
	id_number TEXT NOT NULL,
	id_number_hash TEXT NOT NULL,
	relation TEXT NOT NULL,
	active INTEGER NOT NULL,
	city_code TEXT NOT NULL,
	grp TEXT NOT NULL,
	employer_name TEXT NOT NULL,
	employer_usci TEXT NOT NULL,
	employer_union_org_id TEXT,
	since TEXT NOT NULL
);
CREATE UNIQUE INDEX company_workers_person ON company_workers (company_id, id_number);
CREATE INDEX company_workers_city ON company_workers (company_id, city_code);

CREATE TABLE oauth_tokens (
	token_hash TEXT PRIMARY KEY,
	company_id TEXT NOT NULL,
	expires_ms INTEGER NOT NULL
);
`,
	},
	{
		version: 2,
		name: 'members first enrolment, for the progress counts',
		// The progress report counts enrolled members per city and group; keeping each member's
		// first enrolment beside them makes that one index scan instead of a join (1.2 M members).
		sql: `
ALTER TABLE members ADD COLUMN first_enrolled_at TEXT;
UPDATE members SET first_enrolled_at = (SELECT MIN(enrolled_at) FROM enrolments e WHERE e.member_id = members.member_id);
DROP INDEX members_progress;
-- City and group first: the GROUP BY reads the index in order instead of sorting a million rows.
CREATE INDEX members_progress ON members (city_code, grp, joined_at, real_name_registered, first_enrolled_at);
`,
	},
];
