/** What every shipped template must be, whoever wrote it: importable as it is by a user of the npm package. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const { localCredentialsForImport } = require('../../scripts/lib/localCredentials');

const dir = path.resolve(__dirname, '..', '..', 'workflows');
const templates = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }));

describe.each(templates)('$file', ({ workflow }) => {
	it('has an id n8n treats as valid (at most 16 letters and digits), so it keeps static data', () => {
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,16}$/);
	});

	it("uses only this package's and n8n's own node types, never CUSTOM.*", () => {
		for (const node of workflow.nodes) expect(node.type).toMatch(/^(n8n-nodes-gonghui|n8n-nodes-base)\.[A-Za-z0-9]+$/);
	});

	it('names credentials that npm start creates for the local services', () => {
		const known = new Set(localCredentialsForImport('http://127.0.0.1:5679').map((c: { id: string }) => c.id));
		for (const node of workflow.nodes) {
			for (const credential of Object.values(node.credentials ?? {}) as Array<{ id: string }>) expect(known).toContain(credential.id);
		}
	});

	it('is documented in the editor with sticky notes and runs in China time', () => {
		expect(workflow.nodes.filter((n: { type: string }) => n.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThan(0);
		expect(workflow.settings).toMatchObject({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
	});

	it('never turns masking off in a notification', () => {
		for (const node of workflow.nodes.filter((n: { type: string }) => n.type === 'n8n-nodes-gonghui.unionNotify')) {
			expect(JSON.stringify(node.parameters)).not.toMatch(/"sendUnmasked":\s*true/);
		}
	});
});
