#!/usr/bin/env node
// `npm run demo -- application|union`: gives the running local platform something to tell n8n
// about, the way the mini program or a city federation would, so the templates have work to do.
'use strict';
const path = require('node:path');
const { platformClient } = require('./lib/platformClient');

const root = path.resolve(__dirname, '..');
const platformUrl = `http://127.0.0.1:${process.env.PLATFORM_PORT ?? 5679}`;
const client = platformClient(platformUrl);

function residentId(birthDate) {
	const { residentIdCheckCharacter } = require(path.join(root, 'dist', 'lib'));
	const first17 = `440305${birthDate.replace(/-/g, '')}${String(Math.floor(Math.random() * 900) + 100)}`;
	return first17 + residentIdCheckCharacter(first17);
}

async function application() {
	const suffix = Date.now().toString(36).toUpperCase();
	const reply = await client.post(
		'/applications',
		{
			applicationId: `DEMO-${suffix}`,
			submittedAt: new Date().toISOString(),
			channel: 'mini_program',
			name: '陈小明',
			idNumber: residentId('1995-06-15'),
			phone: '13912345678',
			group: 'delivery_rider',
			employmentRelation: 'platform_managed',
			workCity: '深圳',
			platform: { name: '美团（演示）' },
			existingMembership: null,
			realNameVerified: true,
		},
		{ idempotencyKey: `demo-${suffix}` },
	);
	return reply;
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
