import { EnvHttpProxyAgent, errors as undiciErrors, request } from 'undici';
import type { Dispatcher } from 'undici';
import type { Endpoint } from './errors';
import { UdidTransportError } from './errors';

export interface HttpOptions {
	/** Lower OpenSSL's security level (`SECLEVEL=1`) for servers with old TLS settings. Off by default. */
	legacyTls?: boolean;
	/** Skip certificate verification (self-signed company gateways). Off by default. */
	ignoreCertificate?: boolean;
	/** Connections per origin; bounded so a large concurrency cannot flood the regulator. */
	maxConnections?: number;
}

const dispatchers = new Map<string, Dispatcher>();

/**
 * One keep-alive dispatcher per set of TLS options for the whole process. EnvHttpProxyAgent honours
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY and behaves like a plain Agent when none is set.
 */
export function sharedDispatcher(options: HttpOptions = {}): Dispatcher {
	const key = `${options.legacyTls ? 1 : 0}${options.ignoreCertificate ? 1 : 0}${options.maxConnections ?? 8}`;
	let dispatcher = dispatchers.get(key);
	if (!dispatcher) {
		const tls = {
			...(options.legacyTls ? { ciphers: 'DEFAULT@SECLEVEL=1' } : {}),
			...(options.ignoreCertificate ? { rejectUnauthorized: false } : {}),
		};
		dispatcher = new EnvHttpProxyAgent({
			connections: options.maxConnections ?? 8,
			keepAliveTimeout: 10_000,
			keepAliveMaxTimeout: 60_000,
			connect: tls,
			requestTls: tls,
		});
		dispatchers.set(key, dispatcher);
	}
	return dispatcher;
}

/** Closes the shared dispatchers (tests and CLI tools call this so the process can exit at once). */
export async function closeSharedDispatchers(): Promise<void> {
	const all = [...dispatchers.values()];
	dispatchers.clear();
	await Promise.all(all.map((d) => d.close().catch(() => undefined)));
}

export interface PostResult {
	status: number;
	contentType: string;
	body: string;
}

/**
 * POSTs one form field `params` holding the JSON string, the wire format of every UDID call. The timeout covers
 * the whole exchange (headers and body); `signal` aborts it from outside.
 */
export async function postForm(
	endpoint: Endpoint,
	url: string,
	params: unknown,
	options: { dispatcher: Dispatcher; timeoutMs: number; signal?: AbortSignal },
): Promise<PostResult> {
	const body = params === undefined ? '' : `params=${encodeURIComponent(JSON.stringify(params))}`;
	const timeout = AbortSignal.timeout(options.timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	try {
		const res = await request(url, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
			dispatcher: options.dispatcher,
			signal,
		});
		const text = await res.body.text();
		const contentType = String(res.headers['content-type'] ?? '');
		if (res.statusCode >= 400) {
			throw new UdidTransportError(
				endpoint,
				'http',
				`UDID ${endpoint} answered HTTP ${res.statusCode}`,
				res.statusCode,
			);
		}
		return { status: res.statusCode, contentType, body: text };
	} catch (error) {
		if (error instanceof UdidTransportError) throw error;
		throw toTransportError(endpoint, error, options.signal, timeout, options.timeoutMs);
	}
}

function toTransportError(
	endpoint: Endpoint,
	error: unknown,
	outer: AbortSignal | undefined,
	timeout: AbortSignal,
	timeoutMs: number,
) {
	if (outer?.aborted)
		return new UdidTransportError(endpoint, 'aborted', `UDID ${endpoint} call was cancelled`, undefined, {
			cause: error,
		});
	if (
		timeout.aborted ||
		error instanceof undiciErrors.HeadersTimeoutError ||
		error instanceof undiciErrors.BodyTimeoutError
	) {
		return new UdidTransportError(
			endpoint,
			'timeout',
			`UDID ${endpoint} call timed out after ${timeoutMs} ms`,
			undefined,
			{ cause: error },
		);
	}
	const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
	const what = code ? `${code}` : ((error as Error)?.message ?? 'unknown network error');
	return new UdidTransportError(endpoint, 'network', `UDID ${endpoint} network failure: ${what}`, undefined, {
		cause: error,
	});
}
