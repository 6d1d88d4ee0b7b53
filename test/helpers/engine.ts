import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { NmpaUdid } from '../../nodes/NmpaUdid/NmpaUdid.node';
import { NmpaUdidTrigger } from '../../nodes/NmpaUdidTrigger/NmpaUdidTrigger.node';

/** Everything the nodes log or send to the editor during a run, for assertions and the secret scan. */
export const captured: { logs: string[]; uiMessages: string[]; onLog?: (level: string, message: string) => void } = {
	logs: [],
	uiMessages: [],
};

const capture = (level: string) => (message: string, meta?: unknown) => {
	captured.logs.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	captured.onLog?.(level, message);
};
const testLogger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped() {
		return testLogger;
	},
};
Container.set(Logger, testLogger as unknown as Logger);

const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [[{ json: {} }]];
	},
};

/** Emits the items given in its `items` parameter (JSON), standing in for an upstream node. */
const fixedItems: INodeType = {
	description: {
		displayName: 'Fixed Items',
		name: 'fixedItems',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Fixed Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	},
	async execute() {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [list.map((json, i) => ({ json, pairedItem: { item: 0 }, index: i }))];
	},
};

const registry: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'test.fixedItems': fixedItems,
	'n8n-nodes-nmpa-udid.nmpaUdid': new NmpaUdid(),
	'n8n-nodes-nmpa-udid.nmpaUdidTrigger': new NmpaUdidTrigger(),
};

export function registerNodeType(name: string, type: INodeType) {
	registry[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => registry[name],
	getByNameAndVersion: (name) => registry[name],
	getKnownTypes: () => ({}),
};

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run (main output 0). */
	output(nodeName: string): INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject };
}

/**
 * Runs a workflow in n8n-core's real execution engine. Credentials of type nmpaUdidApi come from `credentials`
 * (what n8n's credentials helper would decrypt).
 */
export async function runWorkflow(
	json: WorkflowJson,
	credentials: ICredentialDataDecryptedObject,
	options: { mode?: 'manual' | 'trigger' } = {},
): Promise<RunResult> {
	const workflow = new Workflow({
		id: 'wf1',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: json.staticData ?? {},
		settings: (json.settings ?? {}) as Workflow['settings'],
	});
	const workflowData = {
		id: 'wf1',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	};
	const mode = options.mode ?? 'manual';
	const additionalData = makeAdditionalData(credentials, mode, workflowData);
	const start = json.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ?? json.nodes[0];
	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow,
		startNode: workflow.getNode(start.name)!,
	});
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as RunResult['error'],
	};
}

/** What n8n's server passes the engine: hooks, a credentials helper returning `credentials`, base URLs. */
export function makeAdditionalData(
	credentials: ICredentialDataDecryptedObject,
	mode: 'manual' | 'trigger',
	workflowData: object,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, 'exec1', workflowData as never);
	return {
		hooks,
		credentialsHelper: {
			getDecrypted: async () => credentials,
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			authenticate: async (_c: unknown, _t: unknown, req: unknown) => req,
			preAuthentication: async () => undefined,
			updateCredentials: async () => undefined,
			getCredentialsProperties: () => [],
		},
		executeWorkflow: async () => ({ data: [], executionId: '' }),
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'user1',
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		sendDataToUI: (type: string, data: { messages?: unknown[] }) => {
			if (type === 'sendConsoleMessage') captured.uiMessages.push(...(data.messages ?? []).map(String));
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** One poll of the trigger node in n8n-core's poll machinery; static data goes in and comes out as JSON. */
export async function pollTrigger(
	parameters: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	staticData: IDataObject,
	mode: 'manual' | 'trigger' = 'trigger',
) {
	const node: INode = {
		id: 'p',
		name: 'UDID Trigger',
		type: 'n8n-nodes-nmpa-udid.nmpaUdidTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { nmpaUdidApi: { id: 'c1', name: 'UDID test' } },
	};
	return pollNode(node, credentials, staticData, mode);
}

/** One poll of any polling node, alone in an active workflow; static data goes in and comes out as JSON. */
export async function pollNode(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	staticData: IDataObject,
	mode: 'manual' | 'trigger' = 'trigger',
) {
	const base = { id: `wf-${node.id}`, name: 'poll', nodes: [node], connections: {}, active: true };
	const workflow = new Workflow({ ...base, nodeTypes, staticData: JSON.parse(JSON.stringify(staticData)) });
	const workflowData = {
		...base,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	};
	const additionalData = makeAdditionalData(credentials, mode, workflowData);
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	let items: INodeExecutionData[] = [];
	let error: Error | undefined;
	try {
		items = (await new TriggersAndPollers().runPollFunction(workflow, node, context))?.[0] ?? [];
	} catch (e) {
		error = e as Error;
	}
	return { items, error, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
}

/** A workflow: manual trigger → (optional fixed items) → one NMPA UDID node with the given parameters. */
export function udidWorkflow(
	parameters: IDataObject,
	extra: { inputItems?: IDataObject[]; continueOnFail?: boolean } = {},
): WorkflowJson {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'u',
			name: 'UDID',
			type: 'n8n-nodes-nmpa-udid.nmpaUdid',
			typeVersion: 1,
			position: [400, 0],
			parameters: parameters as INodeParameters,
			credentials: { nmpaUdidApi: { id: 'c1', name: 'UDID test' } },
			...(extra.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections: IConnections = {};
	if (extra.inputItems) {
		nodes.splice(1, 0, {
			id: 'f',
			name: 'Input',
			type: 'test.fixedItems',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(extra.inputItems) },
		});
		connections.Start = { main: [[{ node: 'Input', type: 'main', index: 0 }]] };
		connections.Input = { main: [[{ node: 'UDID', type: 'main', index: 0 }]] };
	} else {
		connections.Start = { main: [[{ node: 'UDID', type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}
