import type { Cursor } from '../cursor';
import type { SharingQuery } from '../client/client';
import type { PagingProgress } from '../paging';
import type { ResumePoint } from '../resume';
import type { Shaped, ShapeOptions } from '../shape';

/** D001's optional fields besides the day or month: dataType and the five V2.1+ filters. */
export type SharingFilters = Pick<SharingQuery, 'dataType' | 'filters'>;

/**
 * What a sync walks, in order: days or months of D001 (one paged walk each) or the version history (D002) of a
 * set of record keys (one paged walk per batch of KEYS_PER_REQUEST keys).
 */
export type SyncPlan =
	| { kind: 'days'; days: readonly string[]; sharing?: SharingFilters }
	| { kind: 'months'; months: readonly string[]; sharing?: SharingFilters }
	| { kind: 'keys'; keys: readonly string[] };

export interface SyncOptions {
	/** How records are turned into plain rows (layout, field names, decoding, types). */
	shape: ShapeOptions;
	/** Stop after this many records across the whole plan; the result then carries `next`. */
	limit?: number;
	/** Pages in flight at once, 1..MAX_CONCURRENCY. */
	concurrency?: number;
	/** Page of the first walk to start at (a days/months plan prefers `resumeFrom`, which also names the walk). */
	startPage?: number;
	/** Where a stopped run of this same D001 plan continues; must name one of the plan's days or months. */
	resumeFrom?: ResumePoint;
	/** Aborts the sync (a redeploy, a cancelled execution); the stop carries a resume point like any failure. */
	signal?: AbortSignal;
	/**
	 * Memory guard: the most records one run may emit. When a walk's total (known from its first page) would take
	 * the run past it, the run stops with a SyncTooLargeError after that page. Unset or 0: no guard.
	 */
	maxRecords?: number;
	/** Versions emitted by an earlier run (an incremental cursor): skipped, and not counted against the limit. */
	alreadyEmitted?: (versionKey: string) => boolean;
}

/** Where a batch of rows came from: the walk's day or month (or a description of a key batch) and the page. */
export interface SyncPosition {
	rangeValue: string;
	page: number;
	/** True for head pages read again at the end of a walk because records were published meanwhile. */
	reread: boolean;
}

export interface SyncProgress extends PagingProgress {
	/** The walk's day or month, or "history of N keys (…)". */
	rangeValue: string;
	/** 1-based index of the walk in the plan, and the plan's walk count. */
	walk: number;
	walks: number;
	/** Records emitted by the whole run so far. */
	emittedTotal: number;
	/** Daily visits left as the last token answer reported them, when known. */
	remainingVisits?: number;
	/** True once per walk, when the walk is finished. */
	final: boolean;
}

/** A plain row as shaped by `shape` (a flat item, a nested record, or one relational table row). */
export type SyncRow = Shaped;

/**
 * Where a sync delivers. `records` is called once per page that has new rows, in page order, with that page's
 * shaped rows; a returned promise is awaited (back-pressure). Rows handed over are the sink's: nothing keeps
 * them. `progress` is called for every page (also one without new rows) and once more when a walk ends.
 */
export interface SyncSink {
	records(rows: SyncRow[], at: SyncPosition): void | Promise<void>;
	progress?(progress: SyncProgress): void;
	warn?(message: string, details: Record<string, unknown>): void;
}

export interface SyncResult {
	/** Records (versions) emitted; a relational layout gives several rows per record. */
	emitted: number;
	/** False when the limit cut the plan short; `next` then says where a later run continues. */
	complete: boolean;
	next?: ResumePoint;
	/** For a keys plan cut in its first key batch: the page a later run starts at ("Start Page"). */
	nextPage?: number;
}

/** The incremental poll's settings, with their defaults and bounds in INCREMENTAL_DEFAULTS / _BOUNDS. */
export interface IncrementalPollOptions {
	/** First day (China time) of the very first poll; ignored once a cursor exists. */
	start: string;
	/** Today in China; the default is the real one (tests move it). */
	today?: string;
	/** Settled days caught up per poll after downtime. */
	maxDays: number;
	/** Most records one poll emits; the next poll continues. */
	maxRecords: number;
	/** Days before today re-checked on every poll for late additions. */
	settleDays: number;
	concurrency?: number;
	shape: ShapeOptions;
	/** Add syncDay and syncBehindDays to every row. */
	addSyncFields: boolean;
	/** Epoch milliseconds after which no further day is started (the shell's poll budget). */
	deadline?: number;
	signal?: AbortSignal;
}

export interface IncrementalPollResult {
	/**
	 * The cursor to keep for the next poll (plain JSON). Always returned, also after a failure: it only moved
	 * over what reached the sink.
	 */
	cursorState: Cursor;
	emitted: number;
	/** Days walked or checked in this poll, and settled days still waiting for later polls. */
	days: number;
	behindDays: number;
	/** What stopped the poll part-way, if anything; the next poll resumes there. The shell decides how loud. */
	failure?: unknown;
}

/** "Fetch test event": a few rows of today (or yesterday when today has none), never touching a cursor. */
export interface SampleOptions {
	today?: string;
	size?: number;
	shape: ShapeOptions;
	addSyncFields: boolean;
	signal?: AbortSignal;
}
