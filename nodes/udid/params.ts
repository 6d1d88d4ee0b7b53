import { badParameter } from './parameter-error';
import type { BadParameter } from './parameter-error';
import type { ShapeOptions } from './shape';
import type { SharingFilters } from './sync/types';

/**
 * Validation of the parameters every shell takes (output options, D001 filters, record keys): plain values in,
 * checked values out, or a ParameterError naming the parameter and its accepted form. Shells only read their
 * form (n8n parameters, Node-RED config or msg) and pass the raw values here.
 */

const LAYOUTS = ['flat', 'nested', 'relational'];
const NAMINGS = ['code', 'english', 'chinese'];

/** Output options (layout, field names, decoding, type normalisation) from an options object. */
export function shapeOptionsFrom(options: Record<string, unknown>, bad: BadParameter = badParameter): ShapeOptions {
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

const FILTERS = ['zxxsdycpbs', 'cpmctymc', 'ggxh', 'ylqxzcrbarmc', 'zczbhhzbapzbh'] as const;

/** D001's dataType and filters from an options object; empty filters are left out. */
export function sharingFiltersFrom(options: Record<string, unknown>, bad: BadParameter = badParameter): SharingFilters {
	const dataType = String(options.dataType ?? 'all');
	if (!['all', 'new', 'changed'].includes(dataType)) bad('Data Type', `"${dataType}" is unknown`, 'all, new, changed');
	const filters: NonNullable<SharingFilters['filters']> = {};
	for (const f of FILTERS) {
		const v = options[f];
		if (typeof v === 'string' && v.trim() !== '') filters[f] = v.trim();
	}
	return { dataType: dataType === 'all' ? undefined : (dataType as 'new' | 'changed'), filters };
}

const KEY_FORM =
	'deviceRecordKey values as a list, or separated by commas, semicolons, spaces or new lines (e.g. "a1b2c3, d4e5f6")';
const KEY_SEPARATORS = /[\s,;，；]+/;

/** Keys from a list or a comma/newline separated string; duplicates removed, order kept. */
export function deviceRecordKeysFrom(
	value: unknown,
	parameter = 'Device Record Keys',
	bad: BadParameter = badParameter,
): string[] {
	const split = (v: unknown) => (typeof v === 'string' ? v.split(KEY_SEPARATORS) : [v]);
	const parts: unknown[] = Array.isArray(value) ? value.flatMap(split) : split(value);
	const keys: string[] = [];
	for (const part of parts) {
		if (part === '' || part === undefined || part === null) continue;
		if (typeof part !== 'string' && typeof part !== 'number')
			bad(parameter, `${JSON.stringify(part)} is not a key`, KEY_FORM);
		const key = String(part).trim();
		if (!/^[A-Za-z0-9_\-.:]{1,128}$/.test(key)) {
			bad(parameter, `"${key.slice(0, 40)}" is not a valid key (letters, digits, - _ . : only)`, KEY_FORM);
		}
		if (!keys.includes(key)) keys.push(key);
	}
	if (keys.length === 0) bad(parameter, 'is empty', KEY_FORM);
	return keys;
}
