/**
 * Parameters of an `nmpa-udid` node: a value set in the node's form wins; an empty form field is taken from
 * the message (msg.date, msg.month, msg.from, msg.to, msg.keys, msg.di, msg.code, msg.resumeFrom, msg.limit,
 * msg.package, msg.part, msg.kinds).
 * Every reader names the parameter and its accepted form when the value is wrong.
 */
import {
	addDays,
	chinaToday,
	daysBetween,
	monthOf,
	monthsBetween,
	parseDay,
	parseMonth,
} from '../../nodes/udid/calendar';
import type { ConcurrencySetting } from '../../nodes/udid/paging';
import { badParameter, wholeNumber } from '../../nodes/udid/parameter-error';
import type { ResumePoint } from '../../nodes/udid/resume';
import { validateResumePoint } from '../../nodes/udid/resume';
import { concurrencyFrom, deviceRecordKeysFrom, shapeOptionsFrom, sharingFiltersFrom } from '../../nodes/udid/params';
import type { ShapeOptions } from '../../nodes/udid/shape';
import type { SharingFilters } from '../../nodes/udid/sync';
import type { NodeMessage } from './red-types';

export interface NodeForm {
	operation?: string;
	date?: string;
	month?: string;
	from?: string;
	to?: string;
	granularity?: string;
	keys?: string;
	di?: string;
	code?: string;
	resumeFrom?: string;
	limit?: string | number;
	concurrency?: string | number;
	dataType?: string;
	outputMode?: string;
	layout?: string;
	fieldNames?: string;
	decodeValues?: boolean;
	normalizeTypes?: boolean;
	startDate?: string;
	settleDays?: string | number;
	maxDays?: string | number;
	maxRecords?: string | number;
	maxHeld?: string | number;
	contextStore?: string;
	package?: string;
	part?: string | number;
	kinds?: string | string[];
	releaseBaseUrl?: string;
	legacyTls?: boolean;
	ignoreCertificate?: boolean;
	cacheFolder?: string;
}

/** The longest range one message may ask for: a longer one is a backfill better split into months. */
export const MAX_RANGE_STEPS = 400;

export function bad(parameter: string, problem: string, accepted: string): never {
	return badParameter(parameter, problem, accepted);
}
export { wholeNumber };

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The form's value, or the message's when the form leaves it empty. */
export function pick(form: NodeForm, msg: NodeMessage, name: keyof NodeForm & string): unknown {
	const own = form[name];
	return isEmpty(own) ? msg[name] : own;
}

/** Records across the run; empty or 0 means all. */
export function readLimit(form: NodeForm, msg: NodeMessage): number | undefined {
	const value = pick(form, msg, 'limit');
	if (isEmpty(value) || value === 0 || value === '0') return undefined;
	return wholeNumber(value, 'limit', 1, Infinity);
}

/** "auto" (also when empty: the credential's adaptive level) or a fixed number of pages in flight. */
export function readConcurrency(form: NodeForm): ConcurrencySetting {
	return concurrencyFrom(form.concurrency, badParameter, 'concurrency');
}

/** A stopped run's msg.resumeFrom (text or the object form); it must name a day or month of this sync. */
export function readResumeFrom(
	form: NodeForm,
	msg: NodeMessage,
	rangeValues: readonly string[],
): ResumePoint | undefined {
	const value = pick(form, msg, 'resumeFrom');
	return isEmpty(value) ? undefined : validateResumePoint(value, rangeValues, 'resumeFrom');
}

/** D001's data type (all, new, changed) from the form. */
export function readSharing(form: NodeForm): SharingFilters {
	return sharingFiltersFrom({ dataType: form.dataType || 'all' });
}

/** The day to sync: yesterday in China when neither the form nor msg.date names one. */
export function readDay(form: NodeForm, msg: NodeMessage, today = chinaToday()): string {
	const value = pick(form, msg, 'date');
	return isEmpty(value) ? addDays(today, -1) : parseDay('date', value, { today });
}

/** The month to sync: last month in China when neither the form nor msg.month names one. */
export function readMonth(form: NodeForm, msg: NodeMessage, today = chinaToday()): string {
	const value = pick(form, msg, 'month');
	if (!isEmpty(value)) return parseMonth('month', value, { today });
	return monthOf(addDays(`${monthOf(today)}-01`, -1));
}

export function readRange(
	form: NodeForm,
	msg: NodeMessage,
	today = chinaToday(),
): { requestType: 'day' | 'month'; rangeValues: string[] } {
	const granularity = form.granularity || 'day';
	const rawFrom = pick(form, msg, 'from');
	const rawTo = pick(form, msg, 'to');
	let rangeValues: string[];
	if (granularity === 'day') {
		const from = parseDay('from', rawFrom, { today });
		const to = isEmpty(rawTo) ? today : parseDay('to', rawTo, { today });
		if (to < from) bad('to', `${to} is before from (${from})`, 'a day on or after from');
		rangeValues = daysBetween(from, to);
	} else if (granularity === 'month') {
		const from = parseMonth('from', rawFrom, { today });
		const to = isEmpty(rawTo) ? monthOf(today) : parseMonth('to', rawTo, { today });
		if (to < from) bad('to', `${to} is before from (${from})`, 'a month on or after from');
		rangeValues = monthsBetween(from, to);
	} else {
		bad('granularity', `"${granularity}" is unknown`, 'day or month');
	}
	if (rangeValues.length > MAX_RANGE_STEPS) {
		bad(
			'from',
			`the range has ${rangeValues.length} ${granularity}s`,
			`at most ${MAX_RANGE_STEPS} per message (use months or split the range)`,
		);
	}
	return { requestType: granularity, rangeValues };
}

/** Keys from the form's text or msg.keys (an array or text); duplicates dropped, order kept. */
export function readKeys(form: NodeForm, msg: NodeMessage): string[] {
	return deviceRecordKeysFrom(pick(form, msg, 'keys'), 'keys');
}

/** Text for get-by-DI and barcode parsing: the form, msg.di / msg.code, or a text msg.payload. */
export function readText(form: NodeForm, msg: NodeMessage, name: 'di' | 'code', accepted: string): string {
	let value = pick(form, msg, name);
	if (isEmpty(value) && (typeof msg.payload === 'string' || typeof msg.payload === 'number')) value = msg.payload;
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string' || value.trim() === '')
		bad(name, isEmpty(value) ? 'is empty' : `${JSON.stringify(value)} is not text`, accepted);
	return value;
}

export function readShape(form: NodeForm): ShapeOptions {
	return shapeOptionsFrom({ ...form });
}

/** Records one "everything in one message" run may hold; the core stops before a larger walk. */
export const DEFAULT_MAX_HELD = 20_000;

/** The memory guard of the "all" output mode: empty for the default, 0 for none. */
export function readMaxHeld(form: NodeForm): number | undefined {
	if (isEmpty(form.maxHeld)) return DEFAULT_MAX_HELD;
	const n = wholeNumber(form.maxHeld, 'maxHeld', 0, Infinity);
	return n === 0 ? undefined : n;
}

export type OutputMode = 'record' | 'page' | 'all';

export function readOutputMode(form: NodeForm): OutputMode {
	const mode = form.outputMode || 'page';
	if (!['record', 'page', 'all'].includes(mode)) bad('outputMode', `"${mode}" is unknown`, 'record, page, all');
	return mode as OutputMode;
}
