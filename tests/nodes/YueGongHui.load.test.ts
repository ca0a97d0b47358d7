import { loadRegistry, runNode } from '../helpers/harness';

test('the nodes and credentials load from the build with the package name', async () => {
	const registry = await loadRegistry();
	for (const type of ['n8n-nodes-gonghui.yueGongHui', 'n8n-nodes-gonghui.yueGongHuiTrigger', 'n8n-nodes-gonghui.platformCompany']) {
		expect(registry.node(type).description.name).toBe(type.split('.')[1]);
	}
	expect(registry.credential('yueGongHuiApi').displayName).toBe('粤工惠 (YueGongHui) API');
	expect(registry.credential('platformCompanyOAuth2Api').extends).toEqual(['oAuth2Api']);
});

test('a missing ID without continueOnFail fails the run with a clear message', async () => {
	const result = await runNode(
		{ type: 'n8n-nodes-gonghui.yueGongHui', parameters: { resource: 'member', operation: 'get' } },
		[{ nothing: true }],
		{ credentials: { yueGongHuiApi: { baseUrl: 'http://127.0.0.1:9/api/v1', appKey: 'a', secret: 's' } } },
	);
	expect(result.error?.message).toContain('memberId is missing');
});
