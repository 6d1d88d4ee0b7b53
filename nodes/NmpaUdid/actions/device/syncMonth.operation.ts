import type { INodeProperties } from 'n8n-workflow';
import { addMonths, chinaToday, daysOfMonth, monthOf, parseMonth } from '../../../udid/calendar';
import { emitPlan, syncRanges } from '../sync';
import type { OperationExecute } from '../types';
import { planOption, syncParameters } from './sync.descriptions';

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
	...syncParameters('syncMonth', [
		{
			...planOption,
			description:
				'Whether to output one item per day of the month without calling the API, to fan the month out over Sync Day runs',
		},
	]),
];

/** D001 by month with automatic paging (a month can hold ~100,000 records: mind the daily visit quota). */
export const execute: OperationExecute = async function (itemIndex, out) {
	const raw = this.getNodeParameter('month', itemIndex, '') as unknown;
	const month =
		raw === '' || raw === null || raw === undefined ? addMonths(monthOf(chinaToday()), -1) : parseMonth('Month', raw);
	const today = chinaToday();
	if (
		emitPlan(
			this,
			itemIndex,
			'day',
			daysOfMonth(month).filter((day) => day <= today),
			out,
		)
	)
		return;
	await syncRanges(this, itemIndex, 'month', [month], out);
};
