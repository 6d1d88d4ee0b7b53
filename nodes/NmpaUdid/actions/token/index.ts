import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get token information',
				description: 'Remaining daily visits and token expiry (P002, cached)',
			},
		],
		default: 'get',
	},
	...get.description,
];
