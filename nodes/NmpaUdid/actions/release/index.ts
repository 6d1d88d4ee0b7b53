import type { INodeProperties } from 'n8n-workflow';
import * as getParts from './getParts.operation';
import * as list from './list.operation';
import * as readPart from './readPart.operation';

export { getParts, list, readPart };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['release'] } },
		options: [
			{
				name: 'Get Parts',
				value: 'getParts',
				action: 'Download a package and list its parts',
				description: 'Make sure the package is downloaded and verified, then one item per XML part (the fan-out plan)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List release packages',
				description: 'The packages in the daily, weekly, monthly and full feeds',
			},
			{
				name: 'Read Part',
				value: 'readPart',
				action: 'Read the records of a part',
				description: 'The device records of one part, or of a whole small package, from the cache or an input binary',
			},
		],
		default: 'list',
	},
	...list.description,
	...getParts.description,
	...readPart.description,
];
