import { UdidApiError, UdidError, UdidTransportError } from './errors';

export interface RetryOptions {
	/** Attempts after the first one. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	signal?: AbortSignal;
	/** Random source for the jitter; injectable so tests are deterministic. */
	random?: () => number;
	onRetry?: (info: { attempt: number; delayMs: number; error: UdidError }) => void;
	/** Overrides the delay factor for one error (e.g. 1 for a code 10 the concurrency controller already answered). */
	delayFactor?: (error: UdidError) => number | undefined;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 4, baseDelayMs: 500, maxDelayMs: 15_000 };

/** "Too frequent" (10) asks us to slow down: its back-off starts higher than for a transient fault. */
const RATE_LIMIT_FACTOR = 4;

/**
 * Repeats `fn` while it fails with a retryable UdidError (codes 5, 6, 10, HTTP 5xx, resets, timeouts, HTML and
 * truncated answers), waiting an exponentially growing, fully jittered delay. Anything else fails at once.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
	const random = options.random ?? Math.random;
	for (let attempt = 0; ; attempt++) {
		try {
			return await fn(attempt);
		} catch (error) {
			if (!(error instanceof UdidError) || !error.retryable || attempt >= options.retries || options.signal?.aborted)
				throw error;
			const factor =
				options.delayFactor?.(error) ??
				(error instanceof UdidApiError && error.returnCode === 10 ? RATE_LIMIT_FACTOR : 1);
			const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * factor * 2 ** attempt);
			const delayMs = Math.round(ceiling / 2 + (random() * ceiling) / 2);
			options.onRetry?.({ attempt: attempt + 1, delayMs, error });
			try {
				await sleep(delayMs, options.signal);
			} catch {
				throw new UdidTransportError(
					error.endpoint,
					'aborted',
					`UDID ${error.endpoint} call was cancelled while waiting to retry`,
				);
			}
		}
	}
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal!.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
