/**
 * ADAPTER, to be deleted when the core's sync module has its implementation (issue 10, branch core: today it
 * publishes the types and errors of `nodes/udid/sync/`). It implements that declared API (runSync,
 * runIncrementalPoll) on the core's primitives (paging.fetchAllPages, shape, cursor, resume), so the shell
 * already calls it with the core's own types; the swap is changing this file's importers to
 * `../../nodes/udid/sync`. Nothing else in the shell touches paging, resume points, cursors or shaping.
 */
import type { UdidClient } from '../../nodes/udid/client/client';
import type { DecodedPage } from '../../nodes/udid/client/page';
import { UdidError } from '../../nodes/udid/client/errors';
import { chinaToday } from '../../nodes/udid/calendar';
import { isSettled, newCursor, planPoll, readCursor, recordDay, seenSet, versionHash } from '../../nodes/udid/cursor';
import { fetchAllPages } from '../../nodes/udid/paging';
import { versionKey } from '../../nodes/udid/records';
import type { ResumePoint } from '../../nodes/udid/resume';
import { shapeRecord } from '../../nodes/udid/shape';
import type { IncrementalPollOptions, IncrementalPollResult, SyncOptions, SyncPlan, SyncResult, SyncRow, SyncSink } from '../../nodes/udid/sync';
import { SyncStoppedError } from '../../nodes/udid/sync';

/** Keys per D002 request, as the n8n node sends them: small batches keep each answer and retry small. */
const KEYS_PER_REQUEST = 20;

interface Walk {
	label: string;
	rangeValue?: string;
	startPage: number;
	knownTotal?: number;
	fetchPage: (page: number, signal: AbortSignal) => Promise<DecodedPage>;
}

function walksOf(client: UdidClient, plan: SyncPlan, options: SyncOptions): Walk[] {
	if (plan.kind === 'keys') {
		const walks: Walk[] = [];
		for (let i = 0; i < plan.keys.length; i += KEYS_PER_REQUEST) {
			const batch = plan.keys.slice(i, i + KEYS_PER_REQUEST);
			const label = `history of ${batch.length} key${batch.length > 1 ? 's' : ''} (${batch[0]}${batch.length > 1 ? ', …' : ''})`;
			walks.push({ label, startPage: i === 0 ? (options.startPage ?? 1) : 1, fetchPage: (page, signal) => client.getHistoryPage(batch, page, signal) });
		}
		return walks;
	}
	const requestType = plan.kind === 'days' ? 'day' : 'month';
	const rangeValues = plan.kind === 'days' ? plan.days : plan.months;
	const resume = options.resumeFrom;
	const first = resume ? Math.max(0, rangeValues.indexOf(resume.rangeValue)) : 0;
	return rangeValues.slice(first).map((rangeValue, index) => {
		const query = { requestType, rangeValue, ...plan.sharing } as const;
		return {
			label: rangeValue,
			rangeValue,
			startPage: index === 0 ? (resume?.page ?? options.startPage ?? 1) : 1,
			knownTotal: index === 0 ? resume?.knownTotal : undefined,
			fetchPage: (page: number, signal: AbortSignal) => client.getSharingPage(query, page, signal),
		};
	});
}

/** Runs a plan walk by walk, one limit across it; shaped rows go to the sink page by page as they arrive. */
export async function runSync(client: UdidClient, plan: SyncPlan, options: SyncOptions, sink: SyncSink): Promise<SyncResult> {
	const walks = walksOf(client, plan, options);
	const result: SyncResult = { emitted: 0, complete: true };
	for (const [index, walk] of walks.entries()) {
		const pages = fetchAllPages({
			fetchPage: walk.fetchPage,
			startPage: walk.startPage,
			limit: options.limit === undefined ? undefined : options.limit - result.emitted,
			concurrency: options.concurrency,
			signal: options.signal,
			knownTotalRecords: walk.knownTotal,
			alreadyEmitted: options.alreadyEmitted,
		});
		let nextPage: number | undefined;
		try {
			for (;;) {
				const step = await pages.next();
				if (step.done) {
					nextPage = step.value.nextPage;
					break;
				}
				const batch = step.value;
				const rows: SyncRow[] = [];
				for (const record of batch.records) rows.push(...shapeRecord(record, options.shape));
				result.emitted += batch.records.length;
				if (batch.rejected.length) sink.warn?.(`${walk.label} page ${batch.page}: rows without deviceRecordKey/versionNumber skipped`, { rejected: batch.rejected.length });
				if (rows.length) await sink.records(rows, { rangeValue: walk.label, page: batch.page, reread: batch.reread });
				sink.progress?.({
					...batch.progress,
					rangeValue: walk.label,
					walk: index + 1,
					walks: walks.length,
					emittedTotal: result.emitted,
					remainingVisits: client.lastKnownRemainingVisits,
					final: false,
				});
			}
		} catch (error) {
			const point = error instanceof UdidError ? error.resumePoint : undefined;
			const resume: ResumePoint | undefined = point && walk.rangeValue ? { rangeValue: walk.rangeValue, page: point.page, knownTotal: point.knownTotal } : undefined;
			throw new SyncStoppedError(error, result.emitted, resume, !walk.rangeValue && index === 0 ? point?.page : undefined);
		}
		if (options.limit !== undefined && result.emitted >= options.limit) {
			const nextWalk = walks[index + 1];
			if (nextPage !== undefined && walk.rangeValue) result.next = { rangeValue: walk.rangeValue, page: nextPage };
			else if (nextWalk?.rangeValue) result.next = { rangeValue: nextWalk.rangeValue, page: 1 };
			else if (nextPage !== undefined && index === 0) result.nextPage = nextPage;
			result.complete = nextPage === undefined && !nextWalk;
			break;
		}
	}
	return result;
}

/**
 * One incremental poll, as the n8n trigger does it: the days the cursor says are due, each version not
 * emitted before, the cursor moved only over what was fetched. A failure part-way keeps what was emitted.
 */
export async function runIncrementalPoll(
	client: UdidClient,
	cursorState: unknown,
	options: IncrementalPollOptions,
	sink: SyncSink,
): Promise<IncrementalPollResult> {
	const today = options.today ?? chinaToday();
	const cursor = readCursor(cursorState) ?? newCursor(options.start);
	const plan = planPoll(cursor, today, options.maxDays, options.settleDays);
	const result: IncrementalPollResult = { cursorState: cursor, emitted: 0, days: plan.days.length, behindDays: plan.behindDays };
	for (const day of plan.days) {
		const budget = options.maxRecords - result.emitted;
		if (budget <= 0 || (options.deadline !== undefined && Date.now() > options.deadline)) break;
		const settled = isSettled(day, today, options.settleDays);
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
				const rows: SyncRow[] = [];
				for (const record of step.value.records) {
					const hash = versionHash(versionKey(record));
					emitted.add(hash);
					added.push(hash);
					for (const row of shapeRecord(record, options.shape)) {
						rows.push(options.addSyncFields ? Object.assign(row, { syncDay: day, syncBehindDays: plan.behindDays }) : row);
					}
				}
				result.emitted += step.value.records.length;
				if (rows.length) await sink.records(rows, { rangeValue: day, page: step.value.page, reread: step.value.reread });
				sink.progress?.({
					...step.value.progress,
					rangeValue: day,
					walk: plan.days.indexOf(day) + 1,
					walks: plan.days.length,
					emittedTotal: result.emitted,
					remainingVisits: client.lastKnownRemainingVisits,
					final: false,
				});
			}
		} catch (error) {
			recordDay(cursor, day, { addedHashes: added, settled: false });
			result.failure = error;
			break;
		}
	}
	return result;
}
