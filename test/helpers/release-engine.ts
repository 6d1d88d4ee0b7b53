/**
 * Engine helpers for the release path: a workflow with one NMPA UDID node that has no credential, a node that
 * emits a file as binary (standing in for HTTP Request / Read File), and one poll of the Release Trigger.
 */
import { readFileSync } from 'node:fs';
import type { IDataObject, IConnections, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NmpaUdidReleaseTrigger } from '../../nodes/NmpaUdidReleaseTrigger/NmpaUdidReleaseTrigger.node';
import { pollNode, registerNodeType, runWorkflow, type WorkflowJson } from './engine';

/** Emits one item whose `data` binary is the file at `path` (n8n's default in-memory binary mode: base64). */
const binaryFile: INodeType = {
	description: {
		displayName: 'Binary File',
		name: 'binaryFile',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Binary File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: '' },
		],
	},
	async execute() {
		const path = this.getNodeParameter('path', 0) as string;
		const fileName = this.getNodeParameter('fileName', 0) as string;
		const mimeType = this.getNodeParameter('mimeType', 0) as string;
		const data = readFileSync(path);
		return [
			[
				{
					json: { fileName },
					binary: {
						data: {
							data: data.toString('base64'),
							mimeType,
							fileName: fileName || undefined,
							fileSize: String(data.length),
						},
					},
					pairedItem: { item: 0 },
				},
			],
		];
	},
};

registerNodeType('test.binaryFile', binaryFile);
registerNodeType('n8n-nodes-nmpa-udid.nmpaUdidReleaseTrigger', new NmpaUdidReleaseTrigger());

/** Manual trigger → (fixed items | a binary file) → NMPA UDID without any credential. */
export function releaseWorkflow(
	parameters: IDataObject,
	extra: { inputItems?: IDataObject[]; binary?: IDataObject; continueOnFail?: boolean } = {},
): WorkflowJson {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'u',
			name: 'UDID',
			type: 'n8n-nodes-nmpa-udid.nmpaUdid',
			typeVersion: 1,
			position: [400, 0],
			parameters: { resource: 'release', ...parameters } as INodeParameters,
			...(extra.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections: IConnections = { Start: { main: [[{ node: 'UDID', type: 'main', index: 0 }]] } };
	const input = extra.binary
		? {
				id: 'b',
				name: 'Input',
				type: 'test.binaryFile',
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: extra.binary as INodeParameters,
			}
		: extra.inputItems
			? {
					id: 'f',
					name: 'Input',
					type: 'test.fixedItems',
					typeVersion: 1,
					position: [200, 0] as [number, number],
					parameters: { items: JSON.stringify(extra.inputItems) },
				}
			: undefined;
	if (input) {
		nodes.splice(1, 0, input);
		connections.Start = { main: [[{ node: 'Input', type: 'main', index: 0 }]] };
		connections.Input = { main: [[{ node: 'UDID', type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/** Runs a release workflow; a credential lookup would fail the run (there is none to give). */
export const runRelease = (json: WorkflowJson) => runWorkflow(json, {});

/** One poll of the Release Trigger in n8n-core's poll machinery; static data goes in and comes out as JSON. */
export async function pollReleaseTrigger(
	parameters: IDataObject,
	staticData: IDataObject,
	mode: 'manual' | 'trigger' = 'trigger',
) {
	const node: INode = {
		id: 'r',
		name: 'Release Trigger',
		type: 'n8n-nodes-nmpa-udid.nmpaUdidReleaseTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
	};
	return pollNode(node, {}, staticData, mode);
}
