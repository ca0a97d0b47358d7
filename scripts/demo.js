#!/usr/bin/env node
// `npm run demo -- application|union`: gives the running local platform something to tell n8n
// about, the way the mini program or a city federation would, so the templates have work to do.
'use strict';
const path = require('node:path');
const { platformClient } = require('./lib/platformClient');

const root = path.resolve(__dirname, '..');
const platformUrl = `http://127.0.0.1:${process.env.PLATFORM_PORT ?? 5679}`;
const client = platformClient(platformUrl);

/**
 * A worker on the meituan-demo roster who has not applied yet (read from the platform's database),
 * so the company confirms what they say and the template can approve them automatically.
 */
function rosterWorker() {
	const Database = require('better-sqlite3');
	const db = new Database(path.join(root, '.data', 'platform.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(
				`SELECT w.id_number, w.relation, w.city_code, w.grp, w.employer_name, w.employer_usci, c.name AS company, c.usci AS company_usci
				   FROM company_workers w JOIN companies c ON c.company_id = w.company_id
				  WHERE w.company_id = 'meituan-demo' AND w.active = 1 AND w.relation = 'platform_managed'
				    AND substr(w.id_number, 7, 4) BETWEEN '1970' AND '2000'
				    AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id_number = w.id_number)
				    AND NOT EXISTS (SELECT 1 FROM applications a WHERE json_extract(a.body, '$.idNumber') = w.id_number)
				    AND NOT EXISTS (SELECT 1 FROM company_workers o WHERE o.id_number = w.id_number AND o.company_id <> w.company_id)
				  ORDER BY w.seq LIMIT 1`,
			)
			.get();
	} finally {
		db.close();
	}
}

async function application() {
	const worker = rosterWorker();
	if (!worker) throw new Error('no roster worker left to apply; restart the platform with --reset --seed');
	const suffix = Date.now().toString(36).toUpperCase();
	return await client.post(
		'/applications',
		{
			applicationId: `DEMO-${suffix}`,
			submittedAt: new Date().toISOString(),
			channel: 'mini_program',
			name: '陈小明',
			idNumber: worker.id_number,
			phone: '13912345678',
			group: worker.grp,
			employmentRelation: worker.relation,
			workCity: worker.city_code,
			platform: { name: worker.company, usci: worker.company_usci },
			employer: { name: worker.employer_name, usci: worker.employer_usci },
			existingMembership: null,
			realNameVerified: true,
		},
		{ idempotencyKey: `demo-${suffix}` },
	);
}

async function union() {
	const { body: members } = await client.get('/members?orgId=FED-440300&limit=50');
	const withEmployer = members.items.find((m) => m.employer?.usci);
	if (!withEmployer) throw new Error('no member at the Shenzhen federation has an employer code');
	const suffix = Date.now().toString(36).toUpperCase();
	return await client.post(
		'/organizations',
		{
			type: 'enterprise',
			cityCode: '440300',
			name: `${withEmployer.employer.name}工会`,
			usci: withEmployer.employer.usci,
			admins: [{ name: '王建国', phone: '13800138000' }],
		},
		{ idempotencyKey: `demo-union-${suffix}` },
	);
}

const commands = { application, union };

async function main() {
	const name = process.argv[2] ?? 'application';
	const command = commands[name];
	if (!command) throw new Error(`usage: npm run demo -- ${Object.keys(commands).join('|')}`);
	const reply = await command();
	console.log(`${name}: platform answered ${reply.status}`);
	const { maskText } = require(path.join(root, 'dist', 'lib'));
	const body = reply.body ?? {};
	console.log(maskText(JSON.stringify(body, null, 2), { names: body.idNumber ? [body.name] : [] }).slice(0, 1500));
	console.log(`\nThe platform now sends the signed event to n8n; watch the executions in the editor and ${platformUrl}/sinks/messages.`);
}

main().catch((error) => {
	console.error(`demo: ${error.message}`);
	process.exit(1);
});
