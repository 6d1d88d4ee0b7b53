import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorItemDetails, toNodeError } from '../../shared/errors';
import * as barcode from './barcode';
import * as connection from './connection';
import * as device from './device';
import * as release from './release';
import * as token from './token';
import type { OperationExecute } from './types';

const OPERATIONS: Record<string, Record<string, OperationExecute>> = {
	connection: { test: connection.test.execute },
	token: { get: token.get.execute },
	device: {
		syncDay: device.syncDay.execute,
		syncMonth: device.syncMonth.execute,
		syncRange: device.syncRange.execute,
		getHistory: device.getHistory.execute,
		getByDi: device.getByDi.execute,
	},
	barcode: { parse: barcode.parse.execute },
	release: { list: release.list.execute, getParts: release.getParts.execute, readPart: release.readPart.execute },
};

/**
 * Runs the chosen operation once per input item. With continueOnFail a failed item becomes an error item
 * (after whatever it had already fetched) and the run goes on; without it the first failure stops the node.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const execute = OPERATIONS[resource]?.[operation];
		if (!execute) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of resource "${resource}" is not known to this version of the node`,
				{ itemIndex },
			);
		}
		const out: INodeExecutionData[] = [];
		try {
			await execute.call(this, itemIndex, out);
			// a loop, not push(...out): spreading ~130,000 items overflows the call stack
			for (const item of out) returnData.push(item);
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			for (const item of out) returnData.push(item);
			returnData.push({
				json: { error: nodeError.message, ...errorItemDetails(nodeError) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
