import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../udid/paging';
import { parameterMessage, wholeNumber } from '../udid/parameter-error';
import type { BadParameter } from '../udid/parameter-error';
import { deviceRecordKeysFrom, sharingFiltersFrom, shapeOptionsFrom } from '../udid/params';
import type { ResumePoint } from '../udid/resume';
import { validateResumePoint } from '../udid/resume';
import type { ShapeOptions } from '../udid/shape';
import type { SharingFilters } from '../udid/sync';

/**
 * Reading n8n parameters: one place per kind. The checks themselves live in the core (udid/params.ts,
 * calendar.ts, resume.ts) so that every shell rejects the same input with the same words.
 */

export function fail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	problem: string,
	accepted: string,
): never {
	throw new NodeOperationError(ctx.getNode(), parameterMessage(parameter, problem, accepted), { itemIndex });
}

const badFor =
	(ctx: IExecuteFunctions, i: number): BadParameter =>
	(parameter, problem, accepted) =>
		fail(ctx, i, parameter, problem, accepted);

function optionsOf(ctx: IExecuteFunctions, i: number): IDataObject {
	return ctx.getNodeParameter('options', i, {}) as IDataObject;
}

export interface PagingParams {
	limit?: number;
	concurrency: number;
	startPage: number;
}

export function readPaging(ctx: IExecuteFunctions, i: number): PagingParams {
	const returnAll = ctx.getNodeParameter('returnAll', i, true) as boolean;
	const options = optionsOf(ctx, i);
	const bad = badFor(ctx, i);
	return {
		limit: returnAll ? undefined : wholeNumber(ctx.getNodeParameter('limit', i, 50), 'Limit', 1, Infinity, bad),
		concurrency: wholeNumber(options.concurrency ?? DEFAULT_CONCURRENCY, 'Concurrency', 1, MAX_CONCURRENCY, bad),
		startPage: wholeNumber(options.startPage ?? 1, 'Start Page', 1, Infinity, bad),
	};
}

export function readShape(ctx: IExecuteFunctions, i: number): ShapeOptions {
	return shapeOptionsFrom(optionsOf(ctx, i), badFor(ctx, i));
}

export function readSharingFilters(ctx: IExecuteFunctions, i: number): SharingFilters {
	return sharingFiltersFrom(optionsOf(ctx, i), badFor(ctx, i));
}

/** Keys from a list, an array expression or a comma/newline separated string; duplicates removed, order kept. */
export function readDeviceRecordKeys(ctx: IExecuteFunctions, i: number): string[] {
	return deviceRecordKeysFrom(
		ctx.getNodeParameter('deviceRecordKeys', i, '') as unknown,
		'Device Record Keys',
		badFor(ctx, i),
	);
}

/** The "Resume From" option: where a stopped run of this same sync continues; it must fall inside the range. */
export function readResumeFrom(
	ctx: IExecuteFunctions,
	i: number,
	rangeValues: readonly string[],
): ResumePoint | undefined {
	try {
		return validateResumePoint(optionsOf(ctx, i).resumeFrom, rangeValues);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: i });
	}
}

/** Default of "Max Records per Execution": a bound on what one execution holds in memory (0 turns it off). */
export const DEFAULT_MAX_RECORDS_PER_EXECUTION = 20_000;

export function readMaxRecords(ctx: IExecuteFunctions, i: number): number | undefined {
	const raw = optionsOf(ctx, i).maxRecordsPerExecution ?? DEFAULT_MAX_RECORDS_PER_EXECUTION;
	const max = wholeNumber(raw, 'Max Records per Execution', 0, Infinity, badFor(ctx, i));
	return max === 0 ? undefined : max;
}
