/** One sentence per failure for Catch nodes and the status: what happened, what was kept, how to continue. */
import { UdidApiError, UdidError, UdidTransportError } from '../../nodes/udid/client/errors';
import { formatResumePoint } from '../../nodes/udid/resume';
import { SyncStoppedError } from '../../nodes/udid/sync';

const ADVICE: Record<number, string> = {
	2: 'Apply for data-sharing access on the UDID platform for this appId.',
	3: 'Check App ID and App Secret in the nmpa-udid-config node.',
	11: 'The daily visit limit (当日访问次数) is used up: send the same message with msg.resumeFrom tomorrow (China time).',
	12: 'The registrant has not granted declaration authorisation (申报授权) to this appId for the credit code in the config node.',
};

export function adviceFor(error: unknown): string {
	if (error instanceof UdidApiError) return ADVICE[error.returnCode] ?? '';
	if (error instanceof UdidTransportError) {
		if (error.failure === 'network') return 'Check DNS, firewall and proxy; if the TLS handshake fails, try "Legacy TLS" in the config node.';
		if (error.failure === 'timeout') return 'The server did not answer in time, also after retries.';
		if (error.failure === 'html') return 'A gateway answered with a web page (maintenance or a block page); try again later.';
	}
	return '';
}

/** True when the run stopped because the node was closed (redeploy, shutdown), not because of a fault. */
export function isAbort(error: unknown): boolean {
	const cause = error instanceof SyncStoppedError ? error.cause : error;
	return cause instanceof UdidTransportError && cause.failure === 'aborted';
}

export function describeFailure(error: unknown): { message: string; resumeFrom?: string; fetchedRecords?: number; returnCode?: number } {
	const stopped = error instanceof SyncStoppedError ? error : undefined;
	const cause = stopped ? stopped.cause : error;
	const base = cause instanceof Error ? cause.message : String(cause);
	const parts = [base];
	const advice = adviceFor(cause);
	if (advice) parts.push(advice);
	const resumeFrom = stopped?.resumePoint ? formatResumePoint(stopped.resumePoint) : undefined;
	if (stopped) {
		parts.push(`${stopped.fetchedRecords} records were sent before the stop.`);
		if (resumeFrom) parts.push(`Continue with msg.resumeFrom = "${resumeFrom}".`);
	}
	return {
		message: parts.join(' '),
		resumeFrom,
		fetchedRecords: stopped?.fetchedRecords,
		returnCode: cause instanceof UdidApiError ? cause.returnCode : undefined,
	};
}

export { UdidError };
