import type { ConcurrencyBudget } from './client/concurrency';
import type { DecodedPage } from './client/page';
import type { DeviceRecord } from './records';
import { versionKey } from './records';

export const DEFAULT_CONCURRENCY = 2;
export const MAX_CONCURRENCY = 8;
export const PAGE_SIZE = 20;
const MAX_REREAD_ROUNDS = 5;

/** The user's setting: "auto" (the adaptive, shared budget) or a fixed number of pages in flight. */
export type ConcurrencySetting = 'auto' | number;
export const CONCURRENCY_FORM = `Auto, or a whole number from 1 to ${MAX_CONCURRENCY}`;

/** "auto" (any case; also empty) or a whole number 1..MAX_CONCURRENCY as number or text; undefined otherwise. */
export function parseConcurrency(value: unknown): ConcurrencySetting | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && /^\s*(auto)?\s*$/i.test(value)))
		return 'auto';
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY ? n : undefined;
}

export interface PagingOptions {
	fetchPage: (page: number, signal: AbortSignal) => Promise<DecodedPage>;
	startPage?: number;
	/** Stop after this many records (after de-duplication). */
	limit?: number;
	/**
	 * Pages in flight: a fixed number (1..MAX_CONCURRENCY), or a shared budget (the client's `concurrency`, for
	 * "auto"): then every page takes a slot of it, so walks running at once share the credential's level.
	 */
	concurrency?: number | ConcurrencyBudget;
	signal?: AbortSignal;
	/** Total the caller saw when it last stopped (resume); growth since then is re-read from page 1. */
	knownTotalRecords?: number;
	/** Versions emitted by an earlier run (the trigger's cursor): skipped, and not counted against the limit. */
	alreadyEmitted?: (versionKey: string) => boolean;
}

export interface PageBatch {
	page: number;
	/** True for pages read again at the end because records were published during the sync. */
	reread: boolean;
	records: DeviceRecord[];
	rejected: DecodedPage['rejected'];
	progress: PagingProgress;
}

export interface PagingProgress {
	pagesDone: number;
	totalPages: number;
	recordsEmitted: number;
	totalRecords: number;
	duplicatesSkipped: number;
	/** Pages that may be in flight now: the fixed setting, or the adaptive level. */
	concurrency: number;
	/** The highest level this walk ran at. */
	peakConcurrency: number;
}

/** Result of a walk, for reporting and for resuming when the walk stopped early. */
export interface PagingSummary extends PagingProgress {
	/** Set when the walk stopped before the end (limit reached): the first page not completely emitted. */
	nextPage?: number;
}

/**
 * Walks pages startPage..N of a D001/D002 answer with bounded concurrency and yields them in page order,
 * each record once per (deviceRecordKey, versionNumber). The page count is re-read from every answer, so pages
 * added while paging are fetched; if the total grew, the head pages are read again at the end so that records
 * published meanwhile (newest first, so they land on page 1) are not missed. A failure rethrows the page's error
 * as it is; the consumer knows what it received, so it knows where to resume (sync/walk.ts keeps that).
 */
export async function* fetchAllPages(options: PagingOptions): AsyncGenerator<PageBatch, PagingSummary> {
	const pacer = pacerFor(options.concurrency);
	const limit = options.limit ?? Infinity;
	const seen = new Set<string>();
	const start = options.startPage ?? 1;
	const progress: PagingProgress = {
		pagesDone: 0,
		totalPages: 0,
		recordsEmitted: 0,
		totalRecords: 0,
		duplicatesSkipped: 0,
		concurrency: pacer.level(),
		peakConcurrency: pacer.level(),
	};
	const internal = new AbortController();
	const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
	let initialTotal = options.knownTotalRecords;
	let limitCutPage = false;

	const take = (page: number, answer: DecodedPage, reread: boolean): PageBatch => {
		progress.totalPages = Math.max(progress.totalPages, answer.totalPageCount);
		progress.totalRecords = answer.totalRecordCount;
		const records: DeviceRecord[] = [];
		for (const record of answer.records) {
			if (progress.recordsEmitted >= limit) {
				limitCutPage = true;
				break;
			}
			const key = versionKey(record);
			if (seen.has(key) || options.alreadyEmitted?.(key)) {
				progress.duplicatesSkipped++;
				continue;
			}
			seen.add(key);
			records.push(record);
			progress.recordsEmitted++;
		}
		if (!reread) progress.pagesDone++;
		progress.concurrency = pacer.level();
		progress.peakConcurrency = Math.max(progress.peakConcurrency, progress.concurrency);
		return { page, reread, records, rejected: answer.rejected, progress: { ...progress } };
	};

	try {
		const queue: Array<{ page: number; answer: Promise<DecodedPage> }> = [];
		let nextToSchedule = start;
		const schedule = () => {
			const page = nextToSchedule++;
			const answer = pacer.fetch(() => options.fetchPage(page, signal), signal);
			answer.catch(() => undefined); // consumed in order below; avoid unhandled rejections meanwhile
			queue.push({ page, answer });
		};
		schedule();
		while (queue.length > 0) {
			const head = queue.shift()!;
			const answer = await head.answer;
			if (initialTotal === undefined) initialTotal = answer.totalRecordCount;
			const batch = take(head.page, answer, false);
			yield batch;
			if (progress.recordsEmitted >= limit) {
				if (limitCutPage) return { ...progress, nextPage: head.page };
				if (head.page < progress.totalPages) return { ...progress, nextPage: head.page + 1 };
				return progress;
			}
			while (queue.length < pacer.level() && nextToSchedule <= progress.totalPages) schedule();
		}

		for (let round = 0; round < MAX_REREAD_ROUNDS && progress.totalRecords > (initialTotal ?? 0); round++) {
			const grownBy = progress.totalRecords - (initialTotal ?? 0);
			initialTotal = progress.totalRecords;
			const pages = Math.ceil(grownBy / PAGE_SIZE) + 1;
			for (let page = 1; page <= pages; page++) {
				yield take(page, await pacer.fetch(() => options.fetchPage(page, signal), signal), true);
				if (progress.recordsEmitted >= limit) return { ...progress, nextPage: page };
			}
		}
		return progress;
	} finally {
		internal.abort();
	}
}

interface Pacer {
	level(): number;
	fetch<T>(run: () => Promise<T>, signal: AbortSignal): Promise<T>;
}

/** A fixed number of pages in flight, or a slot of a shared budget per page. */
function pacerFor(concurrency: PagingOptions['concurrency']): Pacer {
	if (typeof concurrency === 'object' && concurrency !== null) {
		const budget = concurrency;
		return {
			level: () => budget.level,
			async fetch(run, signal) {
				// cancelled while waiting for a slot: run anyway, so the caller gets the client's own "cancelled" error
				const release = await budget.acquire(signal).catch(() => undefined);
				try {
					return await run();
				} finally {
					release?.();
				}
			},
		};
	}
	const fixed = Math.min(Math.max(1, Math.floor(concurrency ?? DEFAULT_CONCURRENCY)), MAX_CONCURRENCY);
	return { level: () => fixed, fetch: (run) => run() };
}
