import type { UdidClient } from '../client/client';
import type { PageBatch, PagingProgress, PagingSummary } from '../paging';
import { PAGE_SIZE } from '../paging';
import type { ResumePoint } from '../resume';
import { shapeRecord } from '../shape';
import { SyncStoppedError, SyncTooLargeError } from './errors';
import { startPointOf, walksOf } from './plan';
import type { SyncOptions, SyncPlan, SyncResult, SyncRow, SyncSink } from './types';
import type { Walk, WalkPosition } from './walk';
import { drainWalk } from './walk';

/** One run of a plan: what every walk of it shares. */
interface Run {
	client: UdidClient;
	walks: Walk[];
	options: SyncOptions;
	sink: SyncSink;
	limit: number;
	emitted: number;
}

/**
 * Runs a sync plan: its walks in order, one limit across all of them, resume, growth re-reads (paging) and
 * progress, delivering shaped rows page by page to the sink. Returns how many records were emitted and, when
 * the limit cut the plan, where a later run continues. A failure throws a SyncStoppedError carrying the cause,
 * the records emitted and the resume point; the memory guard throws its subclass SyncTooLargeError.
 */
export async function runSync(
	client: UdidClient,
	plan: SyncPlan,
	options: SyncOptions,
	sink: SyncSink,
): Promise<SyncResult> {
	const walks = walksOf(client, plan);
	const start = startPointOf(walks, options);
	const run: Run = { client, walks, options, sink, limit: options.limit ?? Infinity, emitted: 0 };
	for (let index = start.walkIndex; index < walks.length; index++) {
		const first = index === start.walkIndex;
		const summary = await runWalk(run, index, first ? start.startPage : 1, first ? start.knownTotal : undefined);
		if (run.emitted >= run.limit) return limitResult(run, index, summary);
	}
	return { emitted: run.emitted, complete: true };
}

/** One walk of the run into the sink; a failure or the memory guard throws, with where to resume. */
async function runWalk(run: Run, index: number, startPage: number, knownTotal?: number) {
	const { walks, options, sink } = run;
	const walk = walks[index];
	const report = (progress: PagingProgress, final: boolean) =>
		sink.progress?.({
			...progress,
			rangeValue: walk.label,
			walk: index + 1,
			walks: walks.length,
			emittedTotal: run.emitted,
			remainingVisits: run.client.lastKnownRemainingVisits,
			final,
		});
	const limitLeft = () => run.limit - run.emitted;
	let firstBatch = true;
	const settings = { ...options, startPage, knownTotal, limit: run.limit === Infinity ? undefined : limitLeft() };
	const outcome = await drainWalk(walk, settings, async (batch) => {
		const tooLarge = firstBatch && exceedsGuard(options.maxRecords, run.emitted, limitLeft(), startPage, batch);
		firstBatch = false;
		await deliver(walk, batch, options, sink);
		run.emitted += batch.records.length;
		report(batch.progress, false);
		return tooLarge && batch.page < batch.progress.totalPages;
	});
	if (outcome.kind === 'failed') {
		throw new SyncStoppedError(outcome.cause, run.emitted, ...resumeAt(walk, index, outcome.position));
	}
	if (outcome.kind === 'halted') {
		const planned = run.emitted + remainingOfWalk(outcome.position, limitLeft());
		const laterWalks = index < walks.length - 1;
		const where = resumeAt(walk, index, outcome.position);
		throw new SyncTooLargeError(planned, laterWalks, options.maxRecords!, run.emitted, ...where);
	}
	report(outcome.summary, true);
	return { summary: outcome.summary, position: outcome.position };
}

/** The limit was reached after walk `index`: where a later run continues, if anywhere. */
function limitResult(run: Run, index: number, done: { summary: PagingSummary; position: WalkPosition }): SyncResult {
	const { emitted, walks } = run;
	if (done.summary.nextPage !== undefined) {
		const [next, nextPage] = resumeAt(walks[index], index, { ...done.position, nextPage: done.summary.nextPage });
		return { emitted, complete: false, ...(next ? { next } : nextPage !== undefined ? { nextPage } : {}) };
	}
	const following = walks[index + 1];
	if (following?.rangeValue !== undefined) {
		return { emitted, complete: false, next: { rangeValue: following.rangeValue, page: 1 } };
	}
	return { emitted, complete: following === undefined };
}

async function deliver(walk: Walk, batch: PageBatch, options: SyncOptions, sink: SyncSink): Promise<void> {
	if (batch.rejected.length > 0) {
		const skipped = `${batch.rejected.length} device rows without deviceRecordKey/versionNumber were skipped`;
		sink.warn?.(`${walk.label} page ${batch.page}: ${skipped}`, { rejected: batch.rejected.slice(0, 5) });
	}
	const rows: SyncRow[] = [];
	for (const record of batch.records) for (const row of shapeRecord(record, options.shape)) rows.push(row);
	if (rows.length > 0) await sink.records(rows, { rangeValue: walk.label, page: batch.page, reread: batch.reread });
}

/**
 * The memory guard looks at a walk's first page, the first moment its size is known. It delivers that page
 * (already fetched, it costs nothing to keep) and stops before the second, with a resume point at page 2: so
 * the guard never makes anything be fetched twice, and the run overshoots its maximum by at most one page.
 * Stopping before page 1 instead would need a request just to learn the size, which a resumed run repeats.
 */
function exceedsGuard(
	maxRecords: number | undefined,
	emitted: number,
	limitLeft: number,
	startPage: number,
	first: PageBatch,
): boolean {
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
