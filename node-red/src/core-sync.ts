/**
 * ADAPTER, to be replaced by the core's sync module (issue 10: `nodes/udid/sync/`, `nodes/udid/resume.ts`).
 * Until that module exists, this one file composes the core's primitives (paging.fetchAllPages, shape, cursor,
 * the resume format in client/errors) into the two calls the Node-RED shell needs: run a sync plan, and run
 * one incremental poll. Nothing else in the shell touches paging, resume points, cursors or shaping, so the
 * swap is confined to this file.
 */
import { CalendarInputError } from '../../nodes/udid/calendar';
import type { UdidClient } from '../../nodes/udid/client/client';
import type { DecodedPage } from '../../nodes/udid/client/page';
import { RESUME_FROM_FORM, UdidError, formatResumeFrom, parseResumeFrom } from '../../nodes/udid/client/errors';
import type { Cursor } from '../../nodes/udid/cursor';
import { isSettled, newCursor, planPoll, readCursor, recordDay, seenSet, versionHash } from '../../nodes/udid/cursor';
import type { PagingProgress } from '../../nodes/udid/paging';
import { fetchAllPages } from '../../nodes/udid/paging';
import type { Shaped, ShapeOptions } from '../../nodes/udid/shape';
import { shapeRecord } from '../../nodes/udid/shape';
import { versionKey } from '../../nodes/udid/records';

/** Keys per D002 request, as the n8n node sends them: small batches keep each answer and retry small. */
const KEYS_PER_REQUEST = 20;

export type SyncPlan =
	| { kind: 'sharing'; requestType: 'day' | 'month'; rangeValues: string[]; dataType?: 'new' | 'changed' }
	| { kind: 'history'; keys: string[] };

export interface SyncOptions {
	shape: ShapeOptions;
	/** Records across the whole plan. */
	limit?: number;
	concurrency?: number;
	/** A resume point of a stopped run of the same plan ("2026-11-19#5#3258"). */
	resumeFrom?: string;
	signal?: AbortSignal;
}

export interface SyncAt {
	/** The day or month, or a description of the key batch. */
	label: string;
	page: number;
}

export interface SyncProgress extends PagingProgress {
	label: string;
}

export interface SyncSink {
	records(rows: Shaped[], at: SyncAt): void;
	progress?(progress: SyncProgress): void;
	warn?(message: string): void;
}

export interface SyncResult {
	records: number;
	pages: number;
	/** Set when the limit cut the plan short: where a next run continues. */
	resumeFrom?: string;
}

/** A sync that stopped on an error; what was fetched before it was already given to the sink. */
export class SyncStopped extends Error {
	readonly name = 'SyncStopped';
	constructor(
		readonly cause: unknown,
		readonly fetchedRecords: number,
		readonly resumeFrom?: string,
	) {
		super((cause as Error)?.message ?? String(cause));
	}
}

interface Walk {
	label: string;
	rangeValue?: string;
	startPage: number;
	knownTotal?: number;
	fetchPage: (page: number, signal: AbortSignal) => Promise<DecodedPage>;
}

function walksOf(client: UdidClient, plan: SyncPlan, resumeFrom?: string): Walk[] {
	if (plan.kind === 'history') {
		if (resumeFrom) throw new CalendarInputError('resumeFrom', 'history runs have no resume point', 'leave it empty');
		const walks: Walk[] = [];
		for (let i = 0; i < plan.keys.length; i += KEYS_PER_REQUEST) {
			const batch = plan.keys.slice(i, i + KEYS_PER_REQUEST);
			const label = `history of ${batch.length} key${batch.length > 1 ? 's' : ''} (${batch[0]}${batch.length > 1 ? ', …' : ''})`;
			walks.push({ label, startPage: 1, fetchPage: (page, signal) => client.getHistoryPage(batch, page, signal) });
		}
		return walks;
	}
	const resume = resumeFrom ? parseResumeFrom(resumeFrom) : undefined;
	if (resumeFrom && !resume) throw new CalendarInputError('resumeFrom', `"${resumeFrom}" is not a resume point`, RESUME_FROM_FORM);
	const first = resume ? plan.rangeValues.indexOf(resume.rangeValue) : 0;
	if (first < 0) {
		const span = `${plan.rangeValues[0]} to ${plan.rangeValues[plan.rangeValues.length - 1]}`;
		throw new CalendarInputError('resumeFrom', `${resume!.rangeValue} is not part of this sync (${span})`, 'a resume point of a run of this same sync');
	}
	return plan.rangeValues.slice(first).map((rangeValue, index) => {
		const query = { requestType: plan.requestType, rangeValue, dataType: plan.dataType };
		return {
			label: rangeValue,
			rangeValue,
			startPage: index === 0 && resume ? resume.page : 1,
			knownTotal: index === 0 ? resume?.knownTotal : undefined,
			fetchPage: (page: number, signal: AbortSignal) => client.getSharingPage(query, page, signal),
		};
	});
}

/** Runs a plan walk by walk, one limit across it; shaped rows go to the sink page by page as they arrive. */
export async function runSync(client: UdidClient, plan: SyncPlan, options: SyncOptions, sink: SyncSink): Promise<SyncResult> {
	const walks = walksOf(client, plan, options.resumeFrom);
	const result: SyncResult = { records: 0, pages: 0 };
	for (const [index, walk] of walks.entries()) {
		const remaining = options.limit === undefined ? undefined : options.limit - result.records;
		const pages = fetchAllPages({
			fetchPage: walk.fetchPage,
			startPage: walk.startPage,
			limit: remaining,
			concurrency: options.concurrency,
			signal: options.signal,
			knownTotalRecords: walk.knownTotal,
		});
		let summary: PagingProgress & { nextPage?: number };
		try {
			for (;;) {
				const step = await pages.next();
				if (step.done) {
					summary = step.value;
					break;
				}
				const batch = step.value;
				const rows: Shaped[] = [];
				for (const record of batch.records) rows.push(...shapeRecord(record, options.shape));
				result.records += batch.records.length;
				if (!batch.reread) result.pages++;
				if (batch.rejected.length) sink.warn?.(`${walk.label} page ${batch.page}: ${batch.rejected.length} rows without deviceRecordKey/versionNumber skipped`);
				if (rows.length) sink.records(rows, { label: walk.label, page: batch.page });
				sink.progress?.({ ...batch.progress, label: walk.label });
			}
		} catch (error) {
			const point = error instanceof UdidError ? error.resumePoint : undefined;
			const resumeFrom = point && walk.rangeValue ? formatResumeFrom({ ...point, rangeValue: walk.rangeValue }) : undefined;
			throw new SyncStopped(error, result.records, resumeFrom);
		}
		if (options.limit !== undefined && result.records >= options.limit) {
			const nextWalk = walks[index + 1];
			if (summary.nextPage !== undefined && walk.rangeValue) {
				result.resumeFrom = formatResumeFrom({ rangeValue: walk.rangeValue, page: summary.nextPage });
			} else if (nextWalk?.rangeValue) {
				result.resumeFrom = formatResumeFrom({ rangeValue: nextWalk.rangeValue, page: 1 });
			}
			break;
		}
	}
	return result;
}

export interface PollOptions {
	today: string;
	/** First day of a new cursor. */
	start: string;
	maxDays: number;
	settleDays: number;
	maxRecords: number;
	concurrency?: number;
	shape: ShapeOptions;
	signal?: AbortSignal;
}

export interface PollResult {
	/** Plain JSON for the node's context; store it even when `failure` is set (it only covers what was emitted). */
	cursor: Cursor;
	emitted: number;
	days: string[];
	behindDays: number;
	failure?: unknown;
}

/**
 * One incremental poll, as the n8n trigger does it: the days the cursor says are due, each version not
 * emitted before, the cursor moved only over what was fetched. A failure part-way keeps what was emitted.
 */
export async function runIncrementalPoll(client: UdidClient, cursorState: unknown, options: PollOptions, sink: SyncSink): Promise<PollResult> {
	const cursor = readCursor(cursorState) ?? newCursor(options.start);
	const plan = planPoll(cursor, options.today, options.maxDays, options.settleDays);
	const result: PollResult = { cursor, emitted: 0, days: plan.days, behindDays: plan.behindDays };
	for (const day of plan.days) {
		const budget = options.maxRecords - result.emitted;
		if (budget <= 0) break;
		const settled = isSettled(day, options.today, options.settleDays);
		const known = cursor.open[day];
		const query = { requestType: 'day' as const, rangeValue: day };
		const emitted = seenSet(known);
		const added: string[] = [];
		try {
			if (known?.total !== null && known?.total !== undefined) {
				// An unchanged total costs one request and means nothing new on that day.
				if ((await client.getSharingPage(query, 1, options.signal)).totalRecordCount === known.total) {
					recordDay(cursor, day, { addedHashes: [], completeTotal: known.total, settled });
					continue;
				}
			}
			const pages = fetchAllPages({
				fetchPage: (page, signal) => client.getSharingPage(query, page, signal),
				limit: budget,
				concurrency: options.concurrency,
				signal: options.signal,
				alreadyEmitted: (key) => emitted.has(versionHash(key)),
			});
			for (;;) {
				const step = await pages.next();
				if (step.done) {
					const complete = step.value.nextPage === undefined;
					recordDay(cursor, day, { addedHashes: added, completeTotal: complete ? step.value.totalRecords : undefined, settled });
					break;
				}
				const rows: Shaped[] = [];
				for (const record of step.value.records) {
					const hash = versionHash(versionKey(record));
					emitted.add(hash);
					added.push(hash);
					rows.push(...shapeRecord(record, options.shape));
				}
				result.emitted += step.value.records.length;
				if (rows.length) sink.records(rows, { label: day, page: step.value.page });
				sink.progress?.({ ...step.value.progress, label: day });
			}
		} catch (error) {
			recordDay(cursor, day, { addedHashes: added, settled: false });
			result.failure = error;
			break;
		}
	}
	return result;
}
