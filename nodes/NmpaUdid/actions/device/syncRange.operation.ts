import type { INodeProperties } from 'n8n-workflow';
import { chinaToday, daysBetween, monthOf, monthsBetween, parseDay, parseMonth } from '../../../udid/calendar';
import { fail } from '../../../shared/params';
import { emitPlan, syncRanges } from '../sync';
import type { OperationExecute } from '../types';
import { planOption, syncParameters } from './sync.descriptions';

const show = { show: { resource: ['device'], operation: ['syncRange'] } };
/** A range walks at most this many days or months in one run; more belongs in a loop or the trigger. */
export const MAX_RANGE_STEPS = 400;

export const description: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2026-11-01',
		description: 'First day (or month) of the range, China time',
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: '2026-11-27',
		description: 'Last day (or month) of the range, inclusive. Empty means today (or this month).',
		displayOptions: show,
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Day', value: 'day', description: 'One D001 walk per day' },
			{ name: 'Month', value: 'month', description: 'One D001 walk per month (fewer calls for long ranges)' },
		],
		default: 'day',
		displayOptions: show,
	},
	...syncParameters('syncRange', [planOption]),
];

/** D001 over a range of days or months, in order, with one limit across the range (each walk de-duplicates its own). */
export const execute: OperationExecute = async function (itemIndex, out) {
	const granularity = this.getNodeParameter('granularity', itemIndex, 'day') as string;
	const rawFrom = this.getNodeParameter('from', itemIndex, '') as unknown;
	const rawTo = this.getNodeParameter('to', itemIndex, '') as unknown;
	const emptyTo = rawTo === '' || rawTo === null || rawTo === undefined;
	let steps: string[];
	if (granularity === 'day') {
		const from = parseDay('From', rawFrom);
		const to = emptyTo ? chinaToday() : parseDay('To', rawTo);
		if (to < from) fail(this, itemIndex, 'To', `${to} is before From (${from})`, 'a day on or after From');
		steps = daysBetween(from, to);
	} else if (granularity === 'month') {
		const from = parseMonth('From', rawFrom);
		const to = emptyTo ? monthOf(chinaToday()) : parseMonth('To', rawTo);
		if (to < from) fail(this, itemIndex, 'To', `${to} is before From (${from})`, 'a month on or after From');
		steps = monthsBetween(from, to);
	} else {
		fail(this, itemIndex, 'Granularity', `"${granularity}" is unknown`, 'day or month');
	}
	if (steps.length > MAX_RANGE_STEPS) {
		fail(
			this,
			itemIndex,
			'From',
			`the range has ${steps.length} ${granularity}s`,
			`at most ${MAX_RANGE_STEPS} per run (use month granularity or split the range)`,
		);
	}
	if (emitPlan(this, itemIndex, granularity as 'day' | 'month', steps, out)) return;
	await syncRanges(this, itemIndex, granularity as 'day' | 'month', steps, out);
};
