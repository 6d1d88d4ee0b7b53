import type { INodeProperties } from 'n8n-workflow';
import { addMonths, chinaToday, monthOf, parseMonth } from '../../../udid/calendar';
import { syncRanges } from '../sync';
import type { OperationExecute } from '../types';
import { syncParameters } from './sync.descriptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Month',
		name: 'month',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM, e.g. 2026-10',
		description: 'Month to sync (China time). Empty means last month. Accepts yyyy-MM, yyyyMM or an n8n date.',
		displayOptions: { show: { resource: ['device'], operation: ['syncMonth'] } },
	},
	...syncParameters('syncMonth'),
];

/** D001 by month with automatic paging (a month can hold ~100,000 records: mind the daily visit quota). */
export const execute: OperationExecute = async function (itemIndex, out) {
	const raw = this.getNodeParameter('month', itemIndex, '') as unknown;
	const month = raw === '' || raw === null || raw === undefined ? addMonths(monthOf(chinaToday()), -1) : parseMonth('Month', raw);
	await syncRanges(this, itemIndex, 'month', [month], out);
};
