import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { adviceFor } from '../udid/client/advice';
import { UdidApiError, UdidError, UdidTransportError } from '../udid/client/errors';
import { ParameterError } from '../udid/parameter-error';
import { formatResumePoint } from '../udid/resume';
import { SyncStoppedError, SyncTooLargeError } from '../udid/sync';

/** What a stop adds to the error: records kept and where to resume (a SyncStoppedError carries both). */
interface StopFacts {
	fetchedRecords?: number;
	resumePoint?: SyncStoppedError['resumePoint'];
	startPage?: number;
}

/**
 * Maps any error of the core to the n8n error a user sees, once, here; secrets never enter it (core errors
 * hold none). A stopped sync's resume point goes into the error's details and its description.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number, context = ''): Error {
	const prefix = context ? `${context}: ` : '';
	if (error instanceof ParameterError) return new NodeOperationError(node, prefix + error.message, { itemIndex });
	if (error instanceof SyncTooLargeError) return tooLargeError(node, error, itemIndex, prefix);
	const stop: StopFacts = {};
	let cause = error;
	if (error instanceof SyncStoppedError) {
		Object.assign(stop, {
			fetchedRecords: error.fetchedRecords,
			resumePoint: error.resumePoint,
			startPage: error.startPage,
		});
		cause = error.cause;
	}
	if (cause instanceof UdidError) return apiError(node, cause, stop, itemIndex, prefix);
	if (cause instanceof NodeOperationError || cause instanceof NodeApiError) return cause;
	const nodeError = new NodeOperationError(node, prefix + ((cause as Error)?.message ?? String(cause)), {
		itemIndex,
		description: resumeSentence(stop).trim() || undefined,
	});
	Object.assign(nodeError.context, stopDetails(stop));
	return nodeError;
}

function apiError(node: INode, error: UdidError, stop: StopFacts, itemIndex: number, prefix: string): NodeApiError {
	const details: JsonObject = { endpoint: error.endpoint, retryable: error.retryable };
	if (error instanceof UdidApiError) {
		details.returnCode = error.returnCode;
		details.returnMsg = error.serverMessage;
		if (error.errorCode !== undefined) details.errorCode = error.errorCode;
	} else {
		details.failure = (error as UdidTransportError).failure;
	}
	Object.assign(details, stopDetails(stop));
	return new NodeApiError(node, details, {
		message: prefix + error.message,
		description: adviceFor(error) + resumeSentence(stop),
		itemIndex,
		httpCode: error instanceof UdidTransportError && error.httpStatus ? String(error.httpStatus) : undefined,
	});
}

/** The memory guard's stop: what the plan would emit, and the two ways forward. */
function tooLargeError(node: INode, error: SyncTooLargeError, itemIndex: number, prefix: string): NodeOperationError {
	const stop: StopFacts = {
		fetchedRecords: error.fetchedRecords,
		resumePoint: error.resumePoint,
		startPage: error.startPage,
	};
	const nodeError = new NodeOperationError(node, `${prefix}Stopped before running out of memory: ${error.message}`, {
		itemIndex,
		description:
			`One execution holds all its items in memory. Fan the sync out instead: turn on "Emit Plan Instead of Records" ` +
			`and run one Sync Day per item in a sub-workflow (Execute Workflow), or, if this n8n has the memory, raise ` +
			`the option "Max Records per Execution" (now ${error.maxRecords}) on purpose.${resumeSentence(stop)}`,
	});
	Object.assign(nodeError.context, stopDetails(stop), {
		plannedRecords: error.plannedRecords,
		maxRecords: error.maxRecords,
	});
	return nodeError;
}

function stopDetails(stop: StopFacts): JsonObject {
	const details: JsonObject = {};
	if (stop.fetchedRecords !== undefined) details.fetchedRecords = stop.fetchedRecords;
	if (stop.resumePoint) details.resumePoint = { ...stop.resumePoint, resumeFrom: formatResumePoint(stop.resumePoint) };
	return details;
}

function resumeSentence(stop: StopFacts): string {
	const kept =
		stop.fetchedRecords !== undefined ? ` ${stop.fetchedRecords} records were fetched before the failure.` : '';
	const point = stop.resumePoint;
	if (point) {
		const option = `set the option "Resume From" to ${formatResumePoint(point)}`;
		return `${kept} Resume from ${point.rangeValue}, page ${point.page}: ${option} (it also re-reads records published meanwhile).`;
	}
	if (stop.startPage !== undefined) return `${kept} Resume from page ${stop.startPage} (option "Start Page").`;
	return kept;
}

/** The fields of an error that a continueOnFail error item shows (the resume point among them). */
export function errorItemDetails(error: Error): Record<string, string | number | boolean | object> {
	const e = error as Error & {
		description?: string | null;
		context?: Record<string, unknown>;
		errorResponse?: Record<string, unknown>;
	};
	const details: Record<string, string | number | boolean | object> = {};
	if (e.description) details.description = e.description;
	for (const key of [
		'returnCode',
		'errorCode',
		'returnMsg',
		'fetchedRecords',
		'resumePoint',
		'plannedRecords',
		'maxRecords',
	] as const) {
		const value = e.errorResponse?.[key] ?? e.context?.[key];
		if (value !== undefined && value !== null) details[key] = value as string | number | object;
	}
	return details;
}
