import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { udidClient } from '../../../shared/transport';
import type { OperationExecute } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['token'], operation: ['get'] } },
		options: [
			{
				displayName: 'Include Access Token',
				name: 'includeAccessToken',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the access token itself. Off by default: anyone who sees the execution data could use it until it expires.',
			},
		],
	},
];

/** P002 through the process-wide cache: remaining daily visits and expiry; the token only on request. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const client = await udidClient(this);
	const signal = this.getExecutionCancelSignal?.();
	const info = await client.getTokenInfo(signal);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const json: IDataObject = {
		origin: info.origin,
		fromCache: info.fromCache,
		obtainedAt: new Date(info.obtainedAt).toISOString(),
		expiresAt: new Date(info.expiresAt).toISOString(),
		expiresIn: info.expiresIn ?? null,
		serverTime: info.serverTime ?? null,
		todayRemainVisitCount: info.todayRemainVisitCount ?? null,
	};
	if (options.includeAccessToken === true) json.accessToken = await client.revealAccessToken(signal);
	out.push({ json, pairedItem: { item: itemIndex } });
};
