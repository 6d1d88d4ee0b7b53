import type { INodeProperties } from 'n8n-workflow';
import { outputOptions, pagingOptions, returnAllAndLimit } from '../../../shared/descriptions';
import { readDeviceRecordKeys } from '../../../shared/params';
import { syncPlan } from '../sync';
import type { OperationExecute } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Device Record Keys',
		name: 'deviceRecordKeys',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.deviceRecordKey }} or key1, key2',
		description:
			'Database record keys (deviceRecordKey) whose version history to fetch: a list, comma- or newline-separated text, or an expression taking them from the input items',
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

/** D002: every version of the given records, newest first (KEYS_PER_REQUEST keys per paged walk). */
export const execute: OperationExecute = async function (itemIndex, out) {
	const keys = readDeviceRecordKeys(this, itemIndex);
	await syncPlan(this, itemIndex, { kind: 'keys', keys }, out);
};
