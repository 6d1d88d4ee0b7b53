import type { UdidClient } from '../client/client';
import type { PageBatch, PagingProgress } from '../paging';
import { PAGE_SIZE } from '../paging';
import type { ResumePoint } from '../resume';
import { shapeRecord } from '../shape';
import { SyncStoppedError, SyncTooLargeError } from './errors';
import { startPointOf, walksOf } from './plan';
import type { SyncOptions, SyncPlan, SyncResult, SyncRow, SyncSink } from './types';
import type { Walk, WalkPosition } from './walk';
import { drainWalk } from './walk';

/**
 * Runs a sync plan: its walks in order, one limit across all of them, resume, growth re-reads (paging) and
 * progress, delivering shaped rows page by page to the sink. Returns how many records were emitted and, when
 * the limit cut the plan, where a later run continues. A failure throws a SyncStoppedError carrying the cause,
 * the records emitted and the resume point; the memory guard throws its subclass SyncTooLargeError.
 */
export async function runSync(client: UdidClient, plan: SyncPlan, options: SyncOptions, sink: SyncSink): Promise<SyncResult> {
	const walks = walksOf(client, plan);
	const start = startPointOf(walks, options);
	const limit = options.limit ?? Infinity;
	let emitted = 0;
	for (let index = start.walkIndex; index < walks.length; index++) {
		const walk = walks[index];
		const first = index === start.walkIndex;
		const startPage = first ? start.startPage : 1;
		const report = (progress: PagingProgress, final: boolean) =>
			sink.progress?.({
				...progress,
				rangeValue: walk.label,
				walk: index + 1,
				walks: walks.length,
				emittedTotal: emitted,
				remainingVisits: client.lastKnownRemainingVisits,
				final,
			});
		let firstBatch = true;
		const outcome = await drainWalk(
			walk,
			{ ...options, startPage, knownTotal: first ? start.knownTotal : undefined, limit: limit === Infinity ? undefined : limit - emitted },
			async (batch) => {
				const tooLarge = firstBatch && exceedsGuard(options.maxRecords, emitted, limit - emitted, startPage, batch);
				firstBatch = false;
				await deliver(walk, batch, options, sink);
				emitted += batch.records.length;
				report(batch.progress, false);
				return tooLarge && batch.page < batch.progress.totalPages;
			},
		);
		const stopAt = (position: WalkPosition) => resumeAt(walk, index, position);
		if (outcome.kind === 'failed') {
			throw new SyncStoppedError(outcome.cause, emitted, ...stopAt(outcome.position));
		}
		if (outcome.kind === 'halted') {
			const remaining = (walk.rangeValue !== undefined ? walks.length - index - 1 : 0) > 0;
			const planned = emitted + remainingOfWalk(outcome.position, limit - emitted);
			throw new SyncTooLargeError(planned, remaining, options.maxRecords!, emitted, ...stopAt(outcome.position));
		}
		report(outcome.summary, true);
		if (emitted >= limit) {
			const cutInWalk = outcome.summary.nextPage !== undefined;
			if (cutInWalk) return { emitted, complete: false, ...limitNext(walk, index, { ...outcome.position, nextPage: outcome.summary.nextPage! }) };
			const following = walks[index + 1];
			if (following?.rangeValue !== undefined) return { emitted, complete: false, next: { rangeValue: following.rangeValue, page: 1 } };
			return { emitted, complete: following === undefined };
		}
	}
	return { emitted, complete: true };
}

async function deliver(walk: Walk, batch: PageBatch, options: SyncOptions, sink: SyncSink): Promise<void> {
	if (batch.rejected.length > 0) {
		sink.warn?.(`${walk.label} page ${batch.page}: ${batch.rejected.length} device rows without deviceRecordKey/versionNumber were skipped`, {
			rejected: batch.rejected.slice(0, 5),
		});
	}
	const rows: SyncRow[] = [];
	for (const record of batch.records) for (const row of shapeRecord(record, options.shape)) rows.push(row);
	await sink.records(rows, { rangeValue: walk.label, page: batch.page, reread: batch.reread });
}

/**
 * The memory guard looks at a walk's first page, the first moment its size is known. It delivers that page
 * (already fetched, it costs nothing to keep) and stops before the second, with a resume point at page 2: so
 * the guard never makes anything be fetched twice, and the run overshoots its maximum by at most one page.
 * Stopping before page 1 instead would need a request just to learn the size, which a resumed run repeats.
 */
function exceedsGuard(maxRecords: number | undefined, emitted: number, limitLeft: number, startPage: number, first: PageBatch): boolean {
	if (!maxRecords) return false;
	const walkLeft = Math.max(0, first.progress.totalRecords - (startPage - 1) * PAGE_SIZE);
	return emitted + Math.min(walkLeft, limitLeft) > maxRecords;
}

/** Records the halted walk still holds past the resume point (what a continued run would add). */
function remainingOfWalk(position: WalkPosition, limitLeft: number): number {
	return Math.min(Math.max(0, (position.knownTotal ?? 0) - (position.nextPage - 1) * PAGE_SIZE), limitLeft);
}

/** A stop's resume point (D001) or start page (keys plan, first batch only, where "Start Page" applies). */
function resumeAt(walk: Walk, index: number, position: WalkPosition): [ResumePoint?, number?] {
	if (walk.rangeValue !== undefined) {
		const point: ResumePoint = { rangeValue: walk.rangeValue, page: position.nextPage };
		if (position.knownTotal !== undefined) point.knownTotal = position.knownTotal;
		return [point, undefined];
	}
	return [undefined, index === 0 ? position.nextPage : undefined];
}

function limitNext(walk: Walk, index: number, position: WalkPosition): Pick<SyncResult, 'next' | 'nextPage'> {
	const [next, nextPage] = resumeAt(walk, index, position);
	return next ? { next } : nextPage !== undefined ? { nextPage } : {};
}
