import type { DecodedPage } from '../client/page';
import type { PageBatch, PagingSummary } from '../paging';
import { fetchAllPages } from '../paging';

/** One paged walk: a day or month of D001, or a batch of keys of D002. */
export interface Walk {
	/** The day or month (D001), or "history of N keys (…)" (D002): progress, warnings and positions name it. */
	label: string;
	/** Set for D001 walks: a resume point can name them. */
	rangeValue?: string;
	fetchPage: (page: number, signal: AbortSignal) => Promise<DecodedPage>;
}

export interface WalkSettings {
	startPage: number;
	/** Total seen when an earlier run of this walk started (resume): growth since then is re-read. */
	knownTotal?: number;
	/** Records this walk may still emit. */
	limit?: number;
	concurrency?: number;
	signal?: AbortSignal;
	alreadyEmitted?: (versionKey: string) => boolean;
}

/** Where the walk stands: the first page not yet delivered and the total it started with. */
export interface WalkPosition {
	nextPage: number;
	knownTotal?: number;
}

export type WalkOutcome =
	| { kind: 'done'; summary: PagingSummary; position: WalkPosition }
	| { kind: 'halted'; position: WalkPosition }
	| { kind: 'failed'; cause: unknown; position: WalkPosition };

/**
 * Hands every batch of a walk to `deliver` in page order and keeps the position a later run would resume
 * from. `deliver` returns true to halt after that batch (the memory guard); nothing more is fetched then.
 * A failure (of a page or of `deliver`) ends the walk with the position of the first page not delivered;
 * the cause is returned untouched, so callers decide what to tell the user.
 */
export async function drainWalk(
	walk: Walk,
	settings: WalkSettings,
	deliver: (batch: PageBatch) => Promise<boolean>,
): Promise<WalkOutcome> {
	const position: WalkPosition = { nextPage: settings.startPage, knownTotal: settings.knownTotal };
	const walker = fetchAllPages({
		fetchPage: walk.fetchPage,
		startPage: settings.startPage,
		limit: settings.limit,
		concurrency: settings.concurrency,
		signal: settings.signal,
		// De-duplication per walk: a version belongs to the one day (or month) it was published in.
		knownTotalRecords: settings.knownTotal,
		alreadyEmitted: settings.alreadyEmitted,
	});
	try {
		for (;;) {
			const step = await walker.next();
			if (step.done) return { kind: 'done', summary: step.value, position };
			const batch = step.value;
			// The total the walk began with (not one grown meanwhile): a resumed walk re-reads the growth since.
			position.knownTotal ??= batch.progress.totalRecords;
			const halt = await deliver(batch);
			if (!batch.reread) position.nextPage = batch.page + 1;
			if (halt) return { kind: 'halted', position };
		}
	} catch (cause) {
		return { kind: 'failed', cause, position };
	} finally {
		await walker.return(undefined as never).catch(() => undefined);
	}
}
