import { ParameterError } from './parameter-error';

/**
 * Where a stopped D001 sync continues: the day or month being paged, the first page not yet emitted, and the
 * total the walk started with, so that records published at the head since then are re-read on resume.
 * One value type, carried explicitly (a sync's result or its SyncStoppedError), never patched onto errors.
 */
export interface ResumePoint {
	/** yyyy-MM-dd (a day) or yyyy-MM (a month), China time. */
	rangeValue: string;
	/** First page not completely emitted, from 1. */
	page: number;
	/** totalRecordCount when the stopped walk began; absent when its first page was never read. */
	knownTotal?: number;
}

/** The accepted form, for error messages; users copy the value from a stopped run's error. */
export const RESUME_FROM_FORM =
	'the resumeFrom value of a stopped run, e.g. 2026-11-19#5#3258 (day or month # page # known total)';

const TEXT_FORM = /^(\d{4}-\d{2}(?:-\d{2})?)#(\d+)#(\d*)$/;
const RANGE_VALUE = /^\d{4}-\d{2}(?:-\d{2})?$/;

/** The resume point as one copyable value, e.g. "2026-11-20#31#3568" (range value # page # known total). */
export function formatResumePoint(point: ResumePoint): string {
	return [point.rangeValue, point.page, point.knownTotal ?? ''].join('#');
}

/**
 * Reads a resume point from its text form ("2026-11-20#31#3568", known total optional: "2026-11-20#31#") or
 * from the object a stopped run reported ({ rangeValue, page, knownTotal? }, e.g. Node-RED's msg.resumeFrom).
 * Undefined when the value is neither.
 */
export function parseResumePoint(value: unknown): ResumePoint | undefined {
	if (typeof value === 'string') {
		const m = TEXT_FORM.exec(value.trim());
		if (!m) return undefined;
		return checked(m[1], Number(m[2]), m[3] === '' ? undefined : Number(m[3]));
	}
	if (value && typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if (typeof v.resumeFrom === 'string') return parseResumePoint(v.resumeFrom);
		if (typeof v.rangeValue !== 'string' || !RANGE_VALUE.test(v.rangeValue)) return undefined;
		const total =
			v.knownTotal === undefined || v.knownTotal === null || v.knownTotal === '' ? undefined : Number(v.knownTotal);
		return checked(v.rangeValue, Number(v.page), total);
	}
	return undefined;
}

function checked(rangeValue: string, page: number, knownTotal: number | undefined): ResumePoint | undefined {
	if (!Number.isSafeInteger(page) || page < 1) return undefined;
	if (knownTotal !== undefined && (!Number.isSafeInteger(knownTotal) || knownTotal < 0)) return undefined;
	return knownTotal === undefined ? { rangeValue, page } : { rangeValue, page, knownTotal };
}

/**
 * A resume point given by the user for a sync over `rangeValues`: empty means none; anything else must parse
 * and fall inside the sync, or a ParameterError names the parameter and the accepted form.
 */
export function validateResumePoint(
	value: unknown,
	rangeValues: readonly string[],
	parameter = 'Resume From',
): ResumePoint | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const point = parseResumePoint(value);
	if (!point) {
		const shown = typeof value === 'string' ? value : JSON.stringify(value);
		throw new ParameterError(parameter, `"${String(shown).slice(0, 80)}" is not a resume point`, RESUME_FROM_FORM);
	}
	if (!rangeValues.includes(point.rangeValue)) {
		const span = rangeValues.length > 0 ? ` (${rangeValues[0]} to ${rangeValues[rangeValues.length - 1]})` : '';
		throw new ParameterError(
			parameter,
			`${point.rangeValue} is not part of this sync${span}`,
			'a resume point of a run of this same sync',
		);
	}
	return point;
}
