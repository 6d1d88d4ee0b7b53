import type { INodeProperties } from 'n8n-workflow';
import * as parse from './parse.operation';

export { parse };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['barcode'] } },
		options: [
			{
				name: 'Parse',
				value: 'parse',
				action: 'Parse a scanned UDI',
				description: 'Split a GS1, Digital Link, MA or AHM code into DI, lot, serial and dates (offline)',
			},
		],
		default: 'parse',
	},
	...parse.description,
];
