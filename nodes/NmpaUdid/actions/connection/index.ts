import type { INodeProperties } from 'n8n-workflow';
import * as test from './test.operation';

export { test };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connection'] } },
		options: [
			{
				name: 'Test',
				value: 'test',
				action: 'Test the connection',
				description: 'Check that the UDID server answers (P001) and how fast',
			},
		],
		default: 'test',
	},
	...test.description,
];
