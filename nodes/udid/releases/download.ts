/**
 * Downloads a package into the local cache so that a half-written file is never taken for a finished one:
 * bytes go to `<name>.partial`; only when the size matches Content-Length and the zip's central directory reads
 * is it renamed to `<name>`. A later attempt resumes the partial file with Range, but only keeps the bytes when
 * the server answers 206 for exactly that offset; a 200 answer starts again from zero. Network failures are
 * retried with jittered exponential back-off. TLS switches and HTTP(S)_PROXY come from the API client's shared
 * dispatcher (client/http.ts).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { sharedDispatcher, type HttpOptions } from '../client/http';
import { sleep } from '../client/retry';
import { UdidReleaseError } from './errors';
import { safeFileName } from './names';
import { verifyZipDirectory } from './zip';

export interface DownloadProgress {
	name: string;
	/** Bytes in the cache file so far (resumed bytes included). */
	received: number;
	/** Whole size when the server said it. */
	total?: number;
	/** Bytes kept from an earlier attempt at the start of this one. */
	resumedFrom: number;
	attempt: number;
}

export interface DownloadOptions {
	/** Cache folder (created when missing). */
	cacheDir: string;
	http?: HttpOptions;
	/** Attempts after the first one, default 5. */
	retries?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** Whole-request inactivity limit per attempt, default 120 s. */
	timeoutMs?: number;
	/** Sent as Referer (the official site expects its download page), default https://udi.nmpa.gov.cn/download.html. */
	referer?: string;
	onProgress?: (progress: DownloadProgress) => void;
	onRetry?: (info: { attempt: number; delayMs: number; error: UdidReleaseError }) => void;
	signal?: AbortSignal;
	/** Random source for the back-off jitter (tests). */
	random?: () => number;
}

export interface DownloadResult {
	file: string;
	bytes: number;
	/** True when the finished file was already in the cache (nothing was fetched). */
	fromCache: boolean;
	attempts: number;
	/** Bytes fetched over the network by this call (resumed bytes are not fetched again). */
	bytesFetched: number;
	/** Times a server answered a Range request with the whole file (200), so the download restarted at zero. */
	restarts: number;
}

export const DEFAULT_REFERER = 'https://udi.nmpa.gov.cn/download.html';

/** Where a package lives in the cache, finished or partial. */
export function cachePaths(cacheDir: string, name: string): { file: string; partial: string } {
	const file = join(cacheDir, safeFileName(name));
	return { file, partial: `${file}.partial` };
}

/** Downloads in progress in this process by target file: two callers of one package share one transfer. */
const inProgress = new Map<string, Promise<DownloadResult>>();

/**
 * Downloads `link` as `name` into the cache (or finds it there) and returns the verified file. Concurrent calls
 * for the same file in one process (a trigger and a manual run, parallel items) share one transfer instead of
 * writing the same partial file twice; their progress callbacks are those of the first caller.
 */
export function downloadPackage(
	pkg: { name: string; link: string },
	options: DownloadOptions,
): Promise<DownloadResult> {
	const { file } = cachePaths(options.cacheDir, pkg.name);
	let pending = inProgress.get(file);
	if (!pending) {
		pending = downloadOnce(pkg, options).finally(() => inProgress.delete(file));
		inProgress.set(file, pending);
	}
	return pending;
}

async function downloadOnce(pkg: { name: string; link: string }, options: DownloadOptions): Promise<DownloadResult> {
	const { file, partial } = cachePaths(options.cacheDir, pkg.name);
	if (existsSync(file)) {
		return { file, bytes: statSync(file).size, fromCache: true, attempts: 0, bytesFetched: 0, restarts: 0 };
	}
	mkdirSync(options.cacheDir, { recursive: true });
	const state = { bytesFetched: 0, restarts: 0 };
	const retries = options.retries ?? 5;
	for (let attempt = 1; ; attempt++) {
		try {
			await fetchOnce(pkg, partial, attempt, options, state);
			await verifyFinished(partial, pkg.name);
			renameSync(partial, file);
			return { file, bytes: statSync(file).size, fromCache: false, attempts: attempt, ...state };
		} catch (error) {
			const failure = toReleaseError(error, pkg.name, options.signal);
			if (!failure.retryable || attempt > retries || options.signal?.aborted) throw failure;
			const ceiling = Math.min(options.maxDelayMs ?? 30_000, (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1));
			const delayMs = Math.round(ceiling / 2 + ((options.random ?? Math.random)() * ceiling) / 2);
			options.onRetry?.({ attempt, delayMs, error: failure });
			await sleep(delayMs, options.signal).catch(() => {
				throw new UdidReleaseError('aborted', `download of ${pkg.name} was cancelled`);
			});
		}
	}
}

/** The finished bytes must form a zip whose directory reads; otherwise the partial file goes (never kept). */
async function verifyFinished(partial: string, name: string): Promise<void> {
	try {
		await verifyZipDirectory(partial);
	} catch (error) {
		rmSync(partial, { force: true });
		const why = error instanceof Error ? error.message : String(error);
		const message =
			`${name}: the download is complete by its Content-Length but is not a readable zip (${why}); ` +
			'nothing was kept in the cache';
		throw new UdidReleaseError('zip', message, { retryable: false });
	}
}

interface TransferState {
	bytesFetched: number;
	restarts: number;
}

async function fetchOnce(
	pkg: { name: string; link: string },
	partial: string,
	attempt: number,
	options: DownloadOptions,
	state: TransferState,
) {
	const have = existsSync(partial) ? statSync(partial).size : 0;
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	const res = await request(pkg.link, {
		method: 'GET',
		headers: { referer: options.referer ?? DEFAULT_REFERER, ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
		dispatcher: sharedDispatcher({ ...options.http, maxConnections: options.http?.maxConnections ?? 4 }),
		signal,
	});
	const resumed = have > 0 && res.statusCode === 206 && rangeStart(res.headers['content-range']) === have;
	if (res.statusCode === 416 || (res.statusCode === 206 && !resumed)) {
		await res.body.dump();
		rmSync(partial, { force: true }); // the partial file does not fit what the server has: start again
		throw new UdidReleaseError('size', `${pkg.name}: the server refused to resume at byte ${have}; starting again`);
	}
	if (res.statusCode !== 200 && res.statusCode !== 206) {
		await res.body.dump();
		const message = `${pkg.name}: download answered HTTP ${res.statusCode}`;
		throw new UdidReleaseError('http', message, { httpStatus: res.statusCode });
	}
	if (have > 0 && !resumed) state.restarts++;
	const start = resumed ? have : 0;
	const length = Number(res.headers['content-length']);
	const total = Number.isFinite(length) ? start + length : totalFromRange(res.headers['content-range']);
	let received = start;
	const counter = new Transform({
		transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
			received += chunk.length;
			state.bytesFetched += chunk.length;
			options.onProgress?.({ name: pkg.name, received, total, resumedFrom: start, attempt });
			done(null, chunk);
		},
	});
	await pipeline(res.body, counter, createWriteStream(partial, { flags: resumed ? 'a' : 'w' }));
	if (total !== undefined && received !== total) {
		const message = `${pkg.name}: received ${received} of ${total} bytes (connection ended early)`;
		throw new UdidReleaseError('size', message);
	}
}

function rangeStart(header: string | string[] | undefined): number | undefined {
	const m = /^bytes (\d+)-/.exec(String(header ?? ''));
	return m ? Number(m[1]) : undefined;
}

function totalFromRange(header: string | string[] | undefined): number | undefined {
	const m = /\/(\d+)$/.exec(String(header ?? ''));
	return m ? Number(m[1]) : undefined;
}

function toReleaseError(error: unknown, name: string, outer?: AbortSignal): UdidReleaseError {
	if (error instanceof UdidReleaseError) return error;
	if (outer?.aborted) return new UdidReleaseError('aborted', `download of ${name} was cancelled`, { cause: error });
	const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
	const what = code ?? (error instanceof Error ? error.message : String(error));
	const message = `${name}: download failed (${what}); the partial file is kept for a resume`;
	return new UdidReleaseError('network', message, { cause: error });
}
