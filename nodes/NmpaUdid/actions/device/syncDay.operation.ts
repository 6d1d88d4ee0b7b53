import type { INodeProperties } from 'n8n-workflow';
import { addDays, chinaToday, parseDay } from '../../../udid/calendar';
import { syncRanges } from '../sync';
import type { OperationExecute } from '../types';
import { syncParameters } from './sync.descriptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM-dd, e.g. 2026-11-27',
		description:
			"Day to sync (China time). Empty means yesterday in China. Accepts yyyy-MM-dd, yyyyMMdd or an n8n date: {{ $today }} means that calendar day in the workflow's time zone, a timestamp such as {{ $now }} the China-time day it falls on.",
		displayOptions: { show: { resource: ['device'], operation: ['syncDay'] } },
	},
	...syncParameters('syncDay'),
];

/** D001 by day with automatic paging. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const raw = this.getNodeParameter('date', itemIndex, '') as unknown;
	const day = raw === '' || raw === null || raw === undefined ? addDays(chinaToday(), -1) : parseDay('Date', raw);
	await syncRanges(this, itemIndex, 'day', [day], out);
};
