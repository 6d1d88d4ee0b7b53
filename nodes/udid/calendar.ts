/**
 * China-time calendar: the UDID API's days and months are China Standard Time (UTC+8, no daylight saving),
 * whatever time zone the machine running n8n is in. Days are `yyyy-MM-dd` strings, months `yyyy-MM`.
 */

import { ParameterError } from './parameter-error';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** A bad day or month parameter; the message is the one shared form of every parameter error. */
export class CalendarInputError extends ParameterError {
	override readonly name = 'CalendarInputError';
}

export const DAY_FORMS = 'a date as yyyy-MM-dd (e.g. 2026-11-27), yyyyMMdd, yyyy/MM/dd, or an n8n date/ISO timestamp';
export const MONTH_FORMS = 'a month as yyyy-MM (e.g. 2026-10), yyyyMM or yyyy/MM, or an n8n date/ISO timestamp';

export function chinaDay(instant: Date): string {
	return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaToday(now: Date = new Date()): string {
	return chinaDay(now);
}

export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function monthOf(day: string): string {
	return day.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number);
	const index = y * 12 + (m - 1) + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Inclusive list of days from..to (both yyyy-MM-dd). */
export function daysBetween(from: string, to: string): string[] {
	const days: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
	return days;
}

/** Inclusive list of months from..to (both yyyy-MM). */
export function monthsBetween(from: string, to: string): string[] {
	const months: string[] = [];
	for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
	return months;
}

/** The days of a month (yyyy-MM), first to last. */
export function daysOfMonth(month: string): string[] {
	return daysBetween(`${month}-01`, addDays(`${addMonths(month, 1)}-01`, -1));
}

/** The instant a China-time day starts, as a Date (for comparisons and tests). */
export function chinaDayStart(day: string): Date {
	return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

function isRealDate(y: number, m: number, d: number): boolean {
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Luxon DateTime (what n8n expressions like {{$today}} give), Date, or something with toISO/toJSDate. */
function asInstant(value: unknown): Date | undefined {
	if (value instanceof Date) return value;
	if (value && typeof value === 'object') {
		const v = value as { toJSDate?: () => Date };
		if (typeof v.toJSDate === 'function') return v.toJSDate();
	}
	return undefined;
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A Luxon DateTime at exactly midnight, as n8n's {{ $today }} gives: its own calendar date is the intent. */
function midnightDate(value: unknown): string | undefined {
	const v = value as {
		hour?: number;
		minute?: number;
		second?: number;
		millisecond?: number;
		toISODate?: () => string | null;
	};
	if (!v || typeof v !== 'object' || typeof v.toISODate !== 'function') return undefined;
	if (v.hour !== 0 || v.minute !== 0 || v.second !== 0 || v.millisecond !== 0) return undefined;
	return v.toISODate() ?? undefined;
}

const MIDNIGHT = /[T ]00:00(:00(\.0+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a day parameter. A date, a local timestamp without zone (what n8n's date picker gives) and a timestamp at
 * exactly midnight in any zone (what {{ $today }} gives in the workflow's time zone) are taken at their face
 * value; any other timestamp with a zone ({{ $now }}) is converted to the China-time day it falls on.
 */
export function parseDay(parameter: string, value: unknown, options: { today?: string; min?: string } = {}): string {
	const instant = asInstant(value);
	let day: string | undefined;
	if (instant) {
		if (Number.isNaN(instant.getTime())) throw new CalendarInputError(parameter, 'the date is invalid', DAY_FORMS);
		day = midnightDate(value) ?? chinaDay(instant);
	} else {
		if (typeof value !== 'string' || value.trim() === '') {
			throw new CalendarInputError(
				parameter,
				value === undefined || value === '' ? 'is empty' : `"${String(value)}" is not a date`,
				DAY_FORMS,
			);
		}
		day = dayFromText(parameter, value.trim());
	}
	const today = options.today ?? chinaToday();
	if (day > today)
		throw new CalendarInputError(
			parameter,
			`${day} is in the future (today in China is ${today})`,
			'a day up to today, China time (北京时间)',
		);
	if (options.min && day < options.min)
		throw new CalendarInputError(parameter, `${day} is before ${options.min}`, `a day from ${options.min}`);
	return day;
}

function dayFromText(parameter: string, text: string): string {
	const zoned = ISO_WITH_ZONE.exec(text);
	if (zoned) {
		const t = new Date(text.replace(' ', 'T'));
		if (!isRealDate(+zoned[1], +zoned[2], +zoned[3]) || Number.isNaN(t.getTime())) {
			throw new CalendarInputError(parameter, `"${text}" is not a real date`, DAY_FORMS);
		}
		return MIDNIGHT.test(text) ? `${zoned[1]}-${zoned[2]}-${zoned[3]}` : chinaDay(t);
	}
	const local = ISO_LOCAL.exec(text);
	const plain = local ? [local[0], local[1], local[2], local[3]] : /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text);
	if (!plain || (!local && !/^\d{4}([-/.]\d{1,2}[-/.]\d{1,2}|\d{4})$/.test(text))) {
		const hint = /^\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text) ? ' (two-digit years are ambiguous)' : '';
		throw new CalendarInputError(parameter, `"${text}" is not a date${hint}`, DAY_FORMS);
	}
	const [y, m, d] = [+plain[1], +plain[2], +plain[3]];
	if (!isRealDate(y, m, d)) throw new CalendarInputError(parameter, `"${text}" is not a real calendar date`, DAY_FORMS);
	if (y < 2000)
		throw new CalendarInputError(parameter, `year ${y} is before the UDID database existed`, 'a year from 2000');
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseMonth(parameter: string, value: unknown, options: { today?: string } = {}): string {
	const instant = asInstant(value);
	let month: string;
	if (instant) {
		if (Number.isNaN(instant.getTime())) throw new CalendarInputError(parameter, 'the date is invalid', MONTH_FORMS);
		month = monthOf(chinaDay(instant));
	} else {
		if (typeof value !== 'string' || value.trim() === '') {
			throw new CalendarInputError(
				parameter,
				value === undefined || value === '' ? 'is empty' : `"${String(value)}" is not a month`,
				MONTH_FORMS,
			);
		}
		const text = value.trim();
		const m = /^(\d{4})[-/.]?(\d{1,2})$/.exec(text);
		if (m && (/[-/.]/.test(text) || /^\d{6}$/.test(text))) {
			const [y, mo] = [+m[1], +m[2]];
			if (mo < 1 || mo > 12) throw new CalendarInputError(parameter, `month ${mo} is not 01-12`, MONTH_FORMS);
			if (y < 2000)
				throw new CalendarInputError(parameter, `year ${y} is before the UDID database existed`, 'a year from 2000');
			month = `${y}-${String(mo).padStart(2, '0')}`;
		} else if (ISO_WITH_ZONE.test(text) || ISO_LOCAL.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) {
			month = monthOf(dayFromText(parameter, text));
		} else {
			const hint = /^\d{2}[-/.]\d{1,2}$/.test(text) ? ' (two-digit years are ambiguous)' : '';
			throw new CalendarInputError(parameter, `"${text}" is not a month${hint}`, MONTH_FORMS);
		}
	}
	const current = monthOf(options.today ?? chinaToday());
	if (month > current)
		throw new CalendarInputError(
			parameter,
			`${month} is in the future (this month in China is ${current})`,
			'a month up to the current one, China time',
		);
	return month;
}
