import { runNode, runWorkflow } from '../helpers/harness';

describe('the in-process n8n harness', () => {
	it("runs n8n-nodes-base's Set node over pinned items, paired and in order", async () => {
		const result = await runNode(
			{
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					mode: 'manual',
					assignments: { assignments: [{ id: '1', name: 'greeting', value: '={{ "你好 " + $json.name }}', type: 'string' }] },
					includeOtherFields: true,
				},
			},
			[{ name: '张三' }, { name: '李四' }],
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Node')).toEqual([
			{ name: '张三', greeting: '你好 张三' },
			{ name: '李四', greeting: '你好 李四' },
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('routes items through an If node to both outputs', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: '2',
						name: 'Big',
						type: 'n8n-nodes-base.if',
						typeVersion: 2,
						position: [200, 0],
						parameters: {
							conditions: {
								options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
								conditions: [
									{ id: 'c', leftValue: '={{ $json.n }}', rightValue: 10, operator: { type: 'number', operation: 'gt' } },
								],
								combinator: 'and',
							},
							options: {},
						},
					},
				],
				connections: { Start: { main: [[{ node: 'Big', type: 'main', index: 0 }]] } },
				pinData: { Start: [{ json: { n: 5 } }, { json: { n: 50 } }] },
			},
		);
		expect(result.output('Big', 0)).toEqual([{ n: 50 }]);
		expect(result.output('Big', 1)).toEqual([{ n: 5 }]);
	});
});
