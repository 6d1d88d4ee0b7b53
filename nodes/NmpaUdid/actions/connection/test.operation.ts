import type { INodeProperties } from 'n8n-workflow';
import { udidClient } from '../../../shared/transport';
import type { OperationExecute } from '../types';

export const description: INodeProperties[] = [];

/** P001: is the UDID server reachable from here, and how fast does it answer. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const client = await udidClient(this);
	const result = await client.testConnection(this.getExecutionCancelSignal?.());
	out.push({
		json: {
			reachable: result.returnCode === 1,
			returnCode: result.returnCode,
			returnMsg: result.returnMsg,
			latencyMs: result.latencyMs,
			baseUrl: client.baseUrl,
		},
		pairedItem: { item: itemIndex },
	});
};
