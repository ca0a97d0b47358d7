/**
 * Runs workflow JSON in-process through n8n's own engine (n8n-core WorkflowExecute), with
 * n8n-nodes-base and this package loaded from its build the way n8n loads packages, and
 * credentials applied as n8n applies them. Every node and template test goes through here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'gonghui-n8n-'));
process.env.N8N_EXPRESSION_ENGINE ??= 'legacy';
process.env.N8N_RUNNERS_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.GENERIC_TIMEZONE ??= 'Asia/Shanghai';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	Credentials,
	ExecutionLifecycleHooks,
	LazyPackageDirectoryLoader,
	PackageDirectoryLoader,
	WorkflowExecute,
	type DirectoryLoader,
} from 'n8n-core';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
} from 'n8n-workflow';

export const PACKAGE = 'n8n-nodes-gonghui';
export const ROOT = path.resolve(__dirname, '..', '..');


type CredentialMap = Record<string, ICredentialDataDecryptedObject>;

class Registry {
	private readonly loaders = new Map<string, DirectoryLoader>();

	async load(): Promise<void> {
		const base = new LazyPackageDirectoryLoader(path.dirname(require.resolve('n8n-nodes-base/package.json')));
		await base.loadAll();
		this.loaders.set(base.packageName, base);
		const ours = new PackageDirectoryLoader(ROOT);
		await ours.loadAll();
		this.loaders.set(ours.packageName, ours);
	}

	private split(type: string): [DirectoryLoader, string] {
		const dot = type.lastIndexOf('.');
		const loader = this.loaders.get(type.slice(0, dot));
		if (!loader) throw new Error(`Unknown node package in type "${type}"`);
		return [loader, type.slice(dot + 1)];
	}

	node(type: string): INodeType | IVersionedNodeType {
		const [loader, name] = this.split(type);
		return loader.getNode(name).type;
	}

	credential(name: string): ICredentialType {
		for (const loader of this.loaders.values()) {
			if (name in loader.credentialTypes || name in loader.known.credentials) {
				return loader.getCredential(name).type;
			}
		}
		throw new Error(`Unknown credential type "${name}"`);
	}

	knownNodeTypes() {
		const known: Record<string, { className: string; sourcePath: string }> = {};
		for (const [pkg, loader] of this.loaders) {
			for (const [name, entry] of Object.entries(loader.known.nodes)) known[`${pkg}.${name}`] = entry;
		}
		return known;
	}
}

let registry: Promise<Registry> | undefined;

/** Loads n8n-nodes-base and this package's build once per test file. */
export function loadRegistry(): Promise<Registry> {
	registry ??= (async () => {
		const r = new Registry();
		await r.load();
		return r;
	})();
	return registry;
}

function nodeTypesOf(r: Registry): INodeTypes {
	return {
		getByName: (type) => r.node(type),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(r.node(type), version),
		getKnownTypes: () => r.knownNodeTypes(),
	};
}

/** Test credentials, with `authenticate` applied as n8n applies it (function or generic block). */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly registry: Registry,
		private readonly credentials: CredentialMap,
		private readonly byId: CredentialMap = {},
	) {
		super();
	}

	/** Where a node's credential data lives: n8n keeps credentials per node, so one named by id wins over its type's. */
	private slot(nodeCredentials: INodeCredentialsDetails | undefined, type: string): [CredentialMap, string] {
		const id = nodeCredentials?.id;
		return id && id in this.byId ? [this.byId, id] : [this.credentials, type];
	}

	getParentTypes(name: string): string[] {
		const extendsList = this.registry.credential(name).extends ?? [];
		return extendsList.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.registry.credential(typeName);
		const auth = type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (auth && auth.type === 'generic') {
			const resolve = (value: unknown) =>
				workflow.expression.getParameterValue(value as string, null, 0, 0, node.name, [], 'internal', {
					$credentials: credentials,
				});
			for (const [where, entries] of Object.entries(auth.properties)) {
				const target = ((requestOptions as unknown as IDataObject)[where] ??= {}) as IDataObject;
				for (const [key, value] of Object.entries(entries as IDataObject)) {
					if (where === 'auth') target[key] = resolve(value) as string;
					else target[resolve(key) as string] = resolve(value) as string;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const [store, key] = this.slot(nodeCredentials, type);
		const data = store[key];
		if (!data) throw new Error(`No test credentials of type "${type}"`);
		return { ...data };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials(nodeCredentials, type);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const [store, key] = this.slot(nodeCredentials, type);
		store[key] = data;
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const [store, key] = this.slot(nodeCredentials, type);
		store[key] = data;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
	settings?: IDataObject;
}

export interface RunOptions {
	/** Decrypted credential data by credential type name. */
	credentials?: CredentialMap;
	/**
	 * Decrypted credential data by the credential id a node names, for several credentials of one
	 * type (one platform company per node); a node whose credential id is not here gets its type's.
	 */
	credentialsById?: CredentialMap;
	/** The node to start from (default: the workflow's trigger). */
	startNode?: string;
	/** Items the start node receives; for a webhook trigger, what the webhook delivered. */
	input?: IDataObject[];
	mode?: 'manual' | 'trigger' | 'webhook';
}

export interface RunResult {
	run: IRun;
	/** The json of each item a node emitted on one of its outputs (last run of that node). */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Every run of a node (a node inside a loop or resumed runs more than once). */
	runs(nodeName: string): INodeExecutionData[][][];
	ran(nodeName: string): boolean;
	error: Error | undefined;
	status: IRun['status'];
	workflow: Workflow;
	/** Resumes a run that is waiting (a Wait node): the waiting node emits these items. */
	resume(items: IDataObject[]): Promise<RunResult>;
}

function attachCredentials(nodes: INode[], r: Registry, credentials: CredentialMap) {
	for (const node of nodes) {
		const type = NodeHelpers.getVersionedNodeType(r.node(node.type), node.typeVersion);
		for (const { name } of type.description.credentials ?? []) {
			if (credentials[name] && !node.credentials?.[name]) {
				node.credentials = { ...node.credentials, [name]: { id: name, name } };
			}
		}
	}
}

/** Runs a workflow to its end (or until it waits) and returns what every node emitted. */
export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
	const r = await loadRegistry();
	const credentials: CredentialMap = { ...options.credentials };
	const nodes: INode[] = JSON.parse(JSON.stringify(workflowJson.nodes));
	attachCredentials(nodes, r, credentials);
	const workflowData = {
		id: 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes,
		connections: workflowJson.connections,
		active: false,
		settings: { executionOrder: 'v1', ...workflowJson.settings },
		pinData: workflowJson.pinData,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: 'test-workflow',
		name: workflowData.name,
		nodes,
		connections: workflowJson.connections,
		nodeTypes: nodeTypesOf(r),
		active: false,
		settings: workflowData.settings,
		staticData: {},
		pinData: workflowJson.pinData,
	});
	const startNode = options.startNode ? workflow.getNode(options.startNode) : workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no node to start from');
	const helper = new TestCredentialsHelper(r, credentials, { ...options.credentialsById });
	const mode = options.mode ?? 'manual';

	const execute = async (runExecutionData: IRunExecutionData): Promise<RunResult> => {
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
		const finished = createDeferredPromise<IRun>();
		hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
		const additionalData = {
			hooks,
			credentialsHelper: helper,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			executionId: 'test-execution',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not supported by the test harness');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('Task runners are not used in tests');
			},
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const engine = new WorkflowExecute(additionalData, mode, runExecutionData);
		await engine.processRunExecutionData(workflow);
		const run = await finished.promise;
		return result(run);
	};

	const result = (run: IRun): RunResult => {
		const runData = run.data.resultData.runData;
		const runsOf = (name: string) => (runData[name] ?? []).map((task) => task.data?.main ?? []) as INodeExecutionData[][][];
		const itemsOf = (name: string, outputIndex = 0) => {
			const all = runsOf(name);
			if (!all.length) throw new Error(`Node "${name}" did not run${describeError(run)}`);
			return all[all.length - 1][outputIndex] ?? [];
		};
		return {
			run,
			items: itemsOf,
			output: (name, outputIndex = 0) => itemsOf(name, outputIndex).map((item) => item.json),
			runs: runsOf,
			ran: (name) => (runData[name]?.length ?? 0) > 0,
			error: run.data.resultData.error,
			status: run.status,
			workflow,
			resume: async (items) => {
				const data = JSON.parse(JSON.stringify(run.data)) as IRunExecutionData;
				const stack = data.executionData?.nodeExecutionStack ?? [];
				if (run.status !== 'waiting' || !stack.length) throw new Error('The run is not waiting');
				delete data.waitTill;
				// As n8n resumes a Wait node from its webhook: the node is passed through with the resume data.
				stack[0].node.disabled = true;
				stack[0].data = { main: [items.map((json) => ({ json }))] };
				return await execute(data);
			},
		};
	};

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	return await execute(
		createRunExecutionData({
			resultData: { runData: {}, pinData: workflowJson.pinData },
			executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }] },
		}),
	);
}

function describeError(run: IRun): string {
	const error = run.data.resultData.error;
	return error ? ` (the run failed: ${error.message}${error.description ? ' — ' + error.description : ''})` : '';
}

export interface NodeUnderTest {
	type: string;
	parameters?: IDataObject;
	typeVersion?: number;
	name?: string;
	continueOnFail?: boolean;
}

/**
 * Feeds `inputJson` as items into one node (through a Manual Trigger) and runs it.
 * The node is named "Node" unless given a name.
 */
export async function runNode(node: NodeUnderTest, inputJson: IDataObject[], options: RunOptions = {}): Promise<RunResult> {
	const name = node.name ?? 'Node';
	const workflow: WorkflowJson = {
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'node',
				name,
				type: node.type,
				typeVersion: node.typeVersion ?? 1,
				position: [200, 0],
				parameters: (node.parameters ?? {}) as INodeParameters,
				...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
		pinData: { Start: inputJson.map((json) => ({ json })) },
	};
	return await runWorkflow(workflow, options);
}

/** Stops n8n-core's background timers so jest can exit. */
export function shutdownEngine(): void {
	Container.get(SSHClientsManager).onShutdown();
}

// Under jest, stop the timers after each test file; benchmarks call shutdownEngine themselves.
if (typeof afterAll === 'function') afterAll(() => shutdownEngine());
