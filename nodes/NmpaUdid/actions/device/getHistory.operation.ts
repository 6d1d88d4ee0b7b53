import type { INodeProperties } from 'n8n-workflow';
import { outputOptions, pagingOptions, returnAllAndLimit } from '../common.descriptions';
import { readDeviceRecordKeys, readPaging, readShape } from '../params';
import type { SyncState } from '../sync';
import { runWalk } from '../sync';
import type { OperationExecute } from '../types';
import { udidClient } from '../../transport';

/** Keys per D002 request: the document sets no maximum; small batches keep each answer and retry small. */
export const KEYS_PER_REQUEST = 20;

export const description: INodeProperties[] = [
	{
		displayName: 'Device Record Keys',
		name: 'deviceRecordKeys',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.deviceRecordKey }} or key1, key2',
		description: 'Database record keys (deviceRecordKey) whose version history to fetch: a list, comma- or newline-separated text, or an expression taking them from the input items',
		displayOptions: { show: { resource: ['device'], operation: ['getHistory'] } },
	},
	...returnAllAndLimit('device', ['getHistory']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['device'], operation: ['getHistory'] } },
		options: [...outputOptions, ...pagingOptions],
	},
];

/** D002: every version of the given records, newest first. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const keys = readDeviceRecordKeys(this, itemIndex);
	const paging = readPaging(this, itemIndex);
	const shape = readShape(this, itemIndex);
	const client = await udidClient(this);
	const state: SyncState = { emitted: 0, limit: paging.limit };
	for (let i = 0; i < keys.length && (state.limit === undefined || state.emitted < state.limit); i += KEYS_PER_REQUEST) {
		const batch = keys.slice(i, i + KEYS_PER_REQUEST);
		const label = `history of ${batch.length} key${batch.length > 1 ? 's' : ''} (${batch[0]}${batch.length > 1 ? ', …' : ''})`;
		await runWalk(
			this,
			itemIndex,
			client,
			{ label, startPage: i === 0 ? paging.startPage : 1, fetchPage: (page, signal) => client.getHistoryPage(batch, page, signal) },
			paging,
			shape,
			state,
			out,
		);
	}
};
