import type { ResumePoint } from '../resume';

/**
 * A sync that stopped before its end: the failure (`cause`, usually a UdidApiError or UdidTransportError),
 * how many records had been emitted, and where a later run continues. The resume point travels here,
 * explicitly; the cause is never modified.
 */
export class SyncStoppedError extends Error {
	override readonly name: string = 'SyncStoppedError';

	constructor(
		override readonly cause: unknown,
		/** Records emitted by the run before it stopped (they reached the sink). */
		readonly fetchedRecords: number,
		/** Where a later run of the same D001 plan continues; absent when it cannot name one. */
		readonly resumePoint?: ResumePoint,
		/** For a keys plan stopped in its first key batch: the page to start at. */
		readonly startPage?: number,
		message = cause instanceof Error ? cause.message : String(cause),
	) {
		super(message);
	}
}

/**
 * The memory guard (SyncOptions.maxRecords) stopped the run: the plan would emit more records than one run may
 * hold. `plannedRecords` is what was emitted plus the stopping walk's remaining total; `atLeast` is true when
 * later walks of the plan (not yet asked) come on top.
 */
export class SyncTooLargeError extends SyncStoppedError {
	override readonly name = 'SyncTooLargeError';

	constructor(
		readonly plannedRecords: number,
		readonly atLeast: boolean,
		readonly maxRecords: number,
		fetchedRecords: number,
		resumePoint?: ResumePoint,
		startPage?: number,
	) {
		const planned = `${atLeast ? 'at least ' : ''}${plannedRecords}`;
		const message = `this sync would emit ${planned} records, more than the ${maxRecords} one run may hold`;
		super(undefined, fetchedRecords, resumePoint, startPage, message);
	}
}
