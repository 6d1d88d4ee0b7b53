import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { SharingQuery } from '../../udid/client/client';
import type { ConcurrencySetting } from '../../udid/paging';
import { CONCURRENCY_FORM, parseConcurrency } from '../../udid/paging';
import type { ShapeOptions } from '../../udid/shape';

/** One place per kind of parameter: each reader validates and names the parameter and its accepted form. */

export function fail(ctx: IExecuteFunctions, itemIndex: number, parameter: string, problem: string, accepted: string): never {
	throw new NodeOperationError(ctx.getNode(), `Parameter "${parameter}": ${problem}. Accepted: ${accepted}`, { itemIndex });
}

function integerIn(ctx: IExecuteFunctions, i: number, parameter: string, value: unknown, min: number, max: number): number {
	return wholeNumber(value, parameter, min, max, (p, problem, accepted) => fail(ctx, i, p, problem, accepted));
}

export interface PagingParams {
	limit?: number;
	concurrency: ConcurrencySetting;
	startPage: number;
}

export function readPaging(ctx: IExecuteFunctions, i: number): PagingParams {
	const returnAll = ctx.getNodeParameter('returnAll', i, true) as boolean;
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		limit: returnAll ? undefined : integerIn(ctx, i, 'Limit', ctx.getNodeParameter('limit', i, 50), 1, Infinity),
		concurrency: concurrencyFrom(options.concurrency, (p, problem, accepted) => fail(ctx, i, p, problem, accepted)),
		startPage: integerIn(ctx, i, 'Start Page', options.startPage ?? 1, 1, Infinity),
	};
}

const LAYOUTS = ['flat', 'nested', 'relational'];
const NAMINGS = ['code', 'english', 'chinese'];

export type BadParameter = (parameter: string, problem: string, accepted: string) => never;

/** Output options from an options collection; shared by the action node and the trigger. */
export function shapeOptionsFrom(options: IDataObject, bad: BadParameter): ShapeOptions {
	const layout = String(options.layout ?? 'flat');
	const fieldNames = String(options.fieldNames ?? 'code');
	if (!LAYOUTS.includes(layout)) bad('Layout', `"${layout}" is unknown`, LAYOUTS.join(', '));
	if (!NAMINGS.includes(fieldNames)) bad('Field Names', `"${fieldNames}" is unknown`, NAMINGS.join(', '));
	return {
		layout: layout as ShapeOptions['layout'],
		fieldNames: fieldNames as ShapeOptions['fieldNames'],
		decodeValues: options.decodeValues === true,
		normalizeTypes: options.normalizeTypes === true,
	};
}

export function readShape(ctx: IExecuteFunctions, i: number): ShapeOptions {
	return shapeOptionsFrom(ctx.getNodeParameter('options', i, {}) as IDataObject, (p, problem, accepted) => fail(ctx, i, p, problem, accepted));
}

/** "auto" (the default) or a fixed number of pages in flight, or a clear error naming the parameter. */
export function concurrencyFrom(value: unknown, bad: BadParameter): ConcurrencySetting {
	return parseConcurrency(value) ?? bad('Concurrency', `${JSON.stringify(value)} is not allowed`, CONCURRENCY_FORM);
}

/** A whole number in [min, max], or a clear error naming the parameter. */
export function wholeNumber(value: unknown, parameter: string, min: number, max: number, bad: BadParameter): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
		bad(parameter, `${JSON.stringify(value)} is not allowed`, `a whole number from ${min}${max === Infinity ? ' up' : ` to ${max}`}`);
	}
	return n as number;
}

const FILTERS = ['zxxsdycpbs', 'cpmctymc', 'ggxh', 'ylqxzcrbarmc', 'zczbhhzbapzbh'] as const;

export function readSharingFilters(ctx: IExecuteFunctions, i: number): Pick<SharingQuery, 'dataType' | 'filters'> {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const dataType = String(options.dataType ?? 'all');
	if (!['all', 'new', 'changed'].includes(dataType)) fail(ctx, i, 'Data Type', `"${dataType}" is unknown`, 'all, new, changed');
	const filters: NonNullable<SharingQuery['filters']> = {};
	for (const f of FILTERS) {
		const v = options[f];
		if (typeof v === 'string' && v.trim() !== '') filters[f] = v.trim();
	}
	return { dataType: dataType === 'all' ? undefined : (dataType as 'new' | 'changed'), filters };
}

const KEY_FORM = 'deviceRecordKey values as a list, or separated by commas, semicolons, spaces or new lines (e.g. "a1b2c3, d4e5f6")';

/** Keys from a list, an array expression or a comma/newline separated string; duplicates removed, order kept. */
export function readDeviceRecordKeys(ctx: IExecuteFunctions, i: number): string[] {
	const value = ctx.getNodeParameter('deviceRecordKeys', i, '') as unknown;
	const parts: unknown[] = Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;，；]+/) : [v])) : typeof value === 'string' ? value.split(/[\s,;，；]+/) : [value];
	const keys: string[] = [];
	for (const part of parts) {
		if (part === '' || part === undefined || part === null) continue;
		if (typeof part !== 'string' && typeof part !== 'number') fail(ctx, i, 'Device Record Keys', `${JSON.stringify(part)} is not a key`, KEY_FORM);
		const key = String(part).trim();
		if (!/^[A-Za-z0-9_\-.:]{1,128}$/.test(key)) fail(ctx, i, 'Device Record Keys', `"${key.slice(0, 40)}" is not a valid key (letters, digits, - _ . : only)`, KEY_FORM);
		if (!keys.includes(key)) keys.push(key);
	}
	if (keys.length === 0) fail(ctx, i, 'Device Record Keys', 'is empty', KEY_FORM);
	return keys;
}
