/** The workflows the e2e imports: a smoke workflow built here, and the repo's examples (patched copies). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP } from '../../simulator';
import type { Postgres } from './postgres';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	[key: string]: unknown;
}

export interface WorkflowFile {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');

/** Credential ids the examples reference; the e2e imports its credentials under these ids. */
export const UDID_CREDENTIAL = { id: 'NmpaUdidCred0001', name: 'NMPA UDID account' };
export const POSTGRES_CREDENTIAL = { id: 'UdidPostgres0001', name: 'Postgres (UDID)' };

/** The NMPA UDID credential for the simulator at `baseUrl`, as plain data for `n8n import:credentials`. */
export function udidCredential(baseUrl: string) {
	const data = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl,
		legacyTls: false,
		ignoreSslIssues: false,
	};
	return { ...UDID_CREDENTIAL, type: 'nmpaUdidApi', data };
}

/** The PostgreSQL credential the examples use, for the e2e's private cluster. */
export function postgresCredential(pg: Pick<Postgres, 'host' | 'port' | 'database' | 'user' | 'password'>) {
	const { host, port, database, user, password } = pg;
	const data = { host, port, database, user, password, ssl: 'disable', maxConnections: 10 };
	return {
		...POSTGRES_CREDENTIAL,
		type: 'postgres',
		data: { ...data, allowUnauthorizedCerts: false, sshTunnel: false },
	};
}

export function listExamples(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

export function loadExample(file: string): WorkflowFile {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowFile;
}

export function nodeByName(workflow: WorkflowFile, name: string): WorkflowNode {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node)
		throw new Error(
			`workflow "${workflow.name}" has no node "${name}" (has: ${workflow.nodes.map((n) => n.name).join(', ')})`,
		);
	return node;
}

/** Sets a Set-node (v3.x) assignment's value. */
export function setAssignment(workflow: WorkflowFile, nodeName: string, field: string, value: string): void {
	const node = nodeByName(workflow, nodeName);
	const list = (node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments;
	const assignment = list.find((a) => a.name === field);
	if (!assignment) throw new Error(`node "${nodeName}" assigns no "${field}"`);
	assignment.value = value;
}

/** The first ```sql block of the workflow's sticky notes (the examples document their DDL there). */
export function stickySql(workflow: WorkflowFile): string | undefined {
	for (const node of workflow.nodes) {
		if (node.type !== 'n8n-nodes-base.stickyNote') continue;
		const m = /```sql\n([\s\S]*?)```/.exec(String(node.parameters.content ?? ''));
		if (m) return m[1];
	}
	return undefined;
}

const manual = (name = 'Start'): WorkflowNode => ({
	id: 'b7d2d3a4-0000-4000-a000-000000000001',
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

function udidNode(
	name: string,
	index: number,
	parameters: Record<string, unknown>,
	withCredential = true,
): WorkflowNode {
	return {
		id: `b7d2d3a4-0000-4000-a000-${String(100 + index).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-nmpa-udid.nmpaUdid',
		typeVersion: 1,
		position: [300, index * 160 - 400],
		parameters,
		...(withCredential ? { credentials: { nmpaUdidApi: UDID_CREDENTIAL } } : {}),
		// One failing operation must not hide the others: errors become items and are asserted on.
		onError: 'continueRegularOutput',
	};
}

export interface SmokeInputs {
	day: string;
	scanned: string;
	unknownDi: string;
	barcode: string;
	historyKey: string;
}

export const SMOKE_ID = 'NmpaUdidE2eSmoke';

/** Manual Trigger fanned out to one NMPA UDID node per operation under test. */
export function smokeWorkflow(inputs: SmokeInputs): WorkflowFile {
	const nodes: WorkflowNode[] = [
		manual(),
		udidNode('Sync Day', 0, {
			resource: 'device',
			operation: 'syncDay',
			date: inputs.day,
			returnAll: true,
			options: {},
		}),
		udidNode('Get by DI (scanned)', 1, { resource: 'device', operation: 'getByDi', di: inputs.scanned, options: {} }),
		udidNode('Get by DI (unknown)', 2, { resource: 'device', operation: 'getByDi', di: inputs.unknownDi, options: {} }),
		udidNode('Parse Barcode', 3, { resource: 'barcode', operation: 'parse', code: inputs.barcode }, false),
		udidNode('Get History', 4, {
			resource: 'device',
			operation: 'getHistory',
			deviceRecordKeys: inputs.historyKey,
			returnAll: true,
			options: {},
		}),
		udidNode('Connection Test', 5, { resource: 'connection', operation: 'test' }),
		udidNode('Token', 6, { resource: 'token', operation: 'get', options: {} }),
	];
	return {
		id: SMOKE_ID,
		name: 'NMPA UDID – e2e smoke (one node per operation)',
		nodes,
		connections: { Start: { main: [nodes.slice(1).map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		active: false,
	};
}

export const DOCS_ID = 'NmpaUdidE2eDocs1';

/** Manual Trigger → one NMPA UDID node (Sync Day of a fixed day): what the screenshots show. */
export function docsWorkflow(day: string): WorkflowFile {
	const node: WorkflowNode = {
		...udidNode('NMPA UDID', 0, { resource: 'device', operation: 'syncDay', date: day, returnAll: true, options: {} }),
		position: [260, 0],
	};
	delete node.onError;
	return {
		id: DOCS_ID,
		name: 'NMPA UDID – sync a day',
		nodes: [manual('When clicking ‘Execute workflow’'), node],
		connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'NMPA UDID', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		active: false,
	};
}

/** Node types a workflow uses (to check that n8n knows every one). */
export function nodeTypesOf(workflow: WorkflowFile): string[] {
	return [...new Set(workflow.nodes.map((n) => n.type))];
}
