import type { INodeProperties } from 'n8n-workflow';
import * as getByDi from './getByDi.operation';
import * as getHistory from './getHistory.operation';
import * as syncDay from './syncDay.operation';
import * as syncMonth from './syncMonth.operation';
import * as syncRange from './syncRange.operation';

export { getByDi, getHistory, syncDay, syncMonth, syncRange };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{
				name: 'Get by DI',
				value: 'getByDi',
				action: 'Get a device by DI or scanned code',
				description: 'Look one product identifier up (D003)',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				action: 'Get the version history of devices',
				description: 'All versions of the given record keys (D002)',
			},
			{
				name: 'Sync Day',
				value: 'syncDay',
				action: 'Sync the devices of a day',
				description: 'Identifiers published or changed on a day (D001), all pages',
			},
			{
				name: 'Sync Month',
				value: 'syncMonth',
				action: 'Sync the devices of a month',
				description: 'Identifiers published or changed in a month (D001), all pages',
			},
			{
				name: 'Sync Range',
				value: 'syncRange',
				action: 'Sync the devices of a date range',
				description: 'Walk a range day by day or month by month (D001)',
			},
		],
		default: 'syncDay',
	},
	...syncDay.description,
	...syncMonth.description,
	...syncRange.description,
	...getHistory.description,
	...getByDi.description,
];
