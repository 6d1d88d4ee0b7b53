import { addDays, chinaToday } from '../calendar';
import type { UdidClient } from '../client/client';
import type { Cursor } from '../cursor';
import { isSettled, newCursor, planPoll, readCursor, recordDay, seenSet, versionHash } from '../cursor';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../paging';
import { versionKey } from '../records';
import type { ShapeOptions } from '../shape';
import { shapeRecord } from '../shape';
import type { IncrementalPollOptions, IncrementalPollResult, SampleOptions, SyncRow, SyncSink } from './types';
import { drainWalk } from './walk';

/** The incremental poll's defaults, shared by every shell's form and by the poll itself. */
export const INCREMENTAL_DEFAULTS = {
	maxDays: 7,
	maxRecords: 50_000,
	settleDays: 2,
	concurrency: DEFAULT_CONCURRENCY,
	addSyncFields: true,
} as const;

/** Accepted ranges of the settings above (inclusive). */
export const INCREMENTAL_BOUNDS = {
	maxDays: { min: 1, max: 62 },
	maxRecords: { min: 1, max: Infinity },
	settleDays: { min: 0, max: 14 },
	concurrency: { min: 1, max: MAX_CONCURRENCY },
} as const;

export const SAMPLE_SIZE = 5;

/**
 * One poll: walks the days the cursor says are due, emits each version not emitted before, and moves the
 * cursor only over what reached the sink. A failure part-way ends the poll; the returned cursor says what was
 * done, and `failure` what stopped it (the next poll resumes there).
 */
export async function runIncrementalPoll(
	client: UdidClient,
	cursorState: unknown,
	options: IncrementalPollOptions,
	sink: SyncSink,
): Promise<IncrementalPollResult> {
	const today = options.today ?? chinaToday();
	const cursor: Cursor = readCursor(cursorState) ?? newCursor(options.start);
	const plan = planPoll(cursor, today, options.maxDays, options.settleDays);
	const count = { emitted: 0 };
	let failure: unknown;
	for (const day of plan.days) {
		const budget = options.maxRecords - count.emitted;
		if (budget <= 0 || (options.deadline !== undefined && Date.now() > options.deadline)) break;
		const settled = isSettled(day, today, options.settleDays);
		const fields = options.addSyncFields ? { syncDay: day, syncBehindDays: plan.behindDays } : undefined;
		try {
			await pollDay(client, cursor, { day, settled, budget, fields, count }, options, sink);
		} catch (error) {
			failure = error;
			break;
		}
	}
	return { cursorState: cursor, emitted: count.emitted, days: plan.days.length, behindDays: plan.behindDays, failure };
}

interface DayTask {
	day: string;
	settled: boolean;
	budget: number;
	fields?: SyncRow;
	/** Records delivered by the whole poll, also by a day that fails later. */
	count: { emitted: number };
}

/** One day of a poll: skipped for one request when its total did not change, else walked for new versions. */
async function pollDay(
	client: UdidClient,
	cursor: Cursor,
	task: DayTask,
	options: IncrementalPollOptions,
	sink: SyncSink,
): Promise<void> {
	const { day, settled } = task;
	const known = cursor.open[day];
	const query = { requestType: 'day', rangeValue: day } as const;
	const added: string[] = [];
	try {
		if (known?.total !== null && known?.total !== undefined) {
			const first = await client.getSharingPage(query, 1, options.signal);
			if (first.totalRecordCount === known.total) {
				recordDay(cursor, day, { addedHashes: [], completeTotal: known.total, settled });
				return;
			}
		}
		const emittedBefore = seenSet(known);
		const outcome = await drainWalk(
			{ label: day, rangeValue: day, fetchPage: (page, signal) => client.getSharingPage(query, page, signal) },
			{
				startPage: 1,
				limit: task.budget,
				concurrency: options.concurrency,
				signal: options.signal,
				alreadyEmitted: (key) => emittedBefore.has(versionHash(key)),
			},
			async (batch) => {
				const hashes = batch.records.map((record) => versionHash(versionKey(record)));
				const rows = shapeRows(batch.records, options.shape, task.fields);
				if (rows.length > 0) await sink.records(rows, { rangeValue: day, page: batch.page, reread: batch.reread });
				for (const hash of hashes) emittedBefore.add(hash);
				added.push(...hashes);
				task.count.emitted += hashes.length;
				return false;
			},
		);
		if (outcome.kind === 'failed') throw outcome.cause;
		// only a walk to the end (not one the poll's budget cut) tells the day's total
		const summary = outcome.kind === 'done' && outcome.summary.nextPage === undefined ? outcome.summary : undefined;
		recordDay(cursor, day, { addedHashes: added, completeTotal: summary?.totalRecords, settled });
	} catch (error) {
		recordDay(cursor, day, { addedHashes: added, settled: false });
		throw error;
	}
}

function shapeRows(records: Parameters<typeof shapeRecord>[0][], shape: ShapeOptions, fields?: SyncRow): SyncRow[] {
	const rows: SyncRow[] = [];
	for (const record of records) {
		for (const row of shapeRecord(record, shape)) rows.push(fields ? Object.assign(row, fields) : row);
	}
	return rows;
}

/** "Fetch test event": a few rows of today, or of yesterday when today has none; returns the rows delivered. */
export async function sampleRecords(client: UdidClient, options: SampleOptions, sink: SyncSink): Promise<number> {
	const today = options.today ?? chinaToday();
	for (const day of [today, addDays(today, -1)]) {
		let delivered = 0;
		const fields = options.addSyncFields ? { syncDay: day, syncBehindDays: 0 } : undefined;
		const outcome = await drainWalk(
			{
				label: day,
				rangeValue: day,
				fetchPage: (page, signal) => client.getSharingPage({ requestType: 'day', rangeValue: day }, page, signal),
			},
			{ startPage: 1, limit: options.size ?? SAMPLE_SIZE, concurrency: 1, signal: options.signal },
			async (batch) => {
				const rows = shapeRows(batch.records, options.shape, fields);
				delivered += rows.length;
				if (rows.length > 0) await sink.records(rows, { rangeValue: day, page: batch.page, reread: batch.reread });
				return false;
			},
		);
		if (outcome.kind === 'failed') throw outcome.cause;
		if (delivered > 0) return delivered;
	}
	return 0;
}
