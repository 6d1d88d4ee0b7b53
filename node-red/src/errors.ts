/** One sentence per failure for Catch nodes and the status: what happened, what was kept, how to continue. */
import { adviceFor as coreAdvice } from '../../nodes/udid/client/advice';
import { UdidApiError, UdidError, UdidTransportError } from '../../nodes/udid/client/errors';
import { UdidReleaseError } from '../../nodes/udid/releases';
import { formatResumePoint } from '../../nodes/udid/resume';
import { SyncStoppedError, SyncTooLargeError } from '../../nodes/udid/sync';

/** The core's advice for a UDID failure (what to do about each return code); none for other errors. */
function adviceFor(error: unknown): string {
	if (error instanceof SyncTooLargeError) {
		return 'Use the output "one message per page" (it streams), or raise "Max records in one message" (maxHeld).';
	}
	return error instanceof UdidError && !(error instanceof UdidTransportError && error.failure === 'aborted')
		? coreAdvice(error)
		: '';
}

/** True when the run stopped because the node was closed (redeploy, shutdown), not because of a fault. */
export function isAbort(error: unknown): boolean {
	const cause = error instanceof SyncStoppedError ? error.cause : error;
	if (cause instanceof UdidReleaseError) return cause.failure === 'aborted';
	if (cause instanceof Error && cause.name === 'AbortError') return true;
	return cause instanceof UdidTransportError && cause.failure === 'aborted';
}

export function describeFailure(error: unknown): {
	message: string;
	resumeFrom?: string;
	fetchedRecords?: number;
	returnCode?: number;
} {
	const stopped = error instanceof SyncStoppedError ? error : undefined;
	const cause = stopped ? stopped.cause : error;
	// A stop keeps its cause's message; the memory guard's stop has no cause and words its own.
	const base = stopped ? stopped.message : cause instanceof Error ? cause.message : String(cause);
	const parts = [base];
	const advice = adviceFor(stopped instanceof SyncTooLargeError ? stopped : cause);
	if (advice) parts.push(advice);
	const resumeFrom = stopped?.resumePoint ? formatResumePoint(stopped.resumePoint) : undefined;
	if (stopped) {
		parts.push(`${stopped.fetchedRecords} records were fetched before the stop.`);
		if (resumeFrom) parts.push(`Continue with msg.resumeFrom = "${resumeFrom}".`);
	}
	return {
		message: parts.join(' '),
		resumeFrom,
		fetchedRecords: stopped?.fetchedRecords,
		returnCode: cause instanceof UdidApiError ? cause.returnCode : undefined,
	};
}
