import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { UdidClient } from '../../udid/client/client';
import type { DecodedPage } from '../../udid/client/page';
import { RESUME_FROM_FORM, UdidError, formatResumeFrom, parseResumeFrom } from '../../udid/client/errors';
import type { PagingProgress } from '../../udid/paging';
import { fetchAllPages } from '../../udid/paging';
import type { ShapeOptions } from '../../udid/shape';
import { shapeRecord } from '../../udid/shape';
import { toNodeError, udidClient } from '../transport';
import type { PagingParams } from './params';
import { fail, readPaging, readShape, readSharingFilters } from './params';

/** One paged walk: a day or month of D001, or a set of keys of D002. */
export interface Walk {
	/** The rangeValue (day or month) or a description, used in progress messages and resume points. */
	label: string;
	fetchPage: (page: number, signal: AbortSignal) => Promise<DecodedPage>;
	startPage?: number;
	/** Total seen when an earlier run of this walk started (resume): growth since then is re-read. */
	knownTotal?: number;
}

export interface SyncState {
	/** Records emitted so far in this node run (a range spans several walks); the limit counts across them. */
	emitted: number;
	limit?: number;
}

const UI_THROTTLE_MS = 1000;

/**
 * Pages through one walk and appends shaped items to `out` as they arrive, so that whatever was fetched is
 * still in `out` when a later page fails. Returns the walk's summary (with `nextPage` when the limit cut it).
 */
export async function runWalk(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: UdidClient,
	walk: Walk,
	paging: PagingParams,
	shape: ShapeOptions,
	state: SyncState,
	out: INodeExecutionData[],
) {
	const manual = ctx.getMode() === 'manual';
	let lastUi = 0;
	const report = (p: PagingProgress, final = false) => {
		const remaining = client.lastKnownRemainingVisits;
		const level = paging.concurrency === 'auto' ? `, concurrency auto ${p.concurrency} (peak ${p.peakConcurrency})` : '';
		const text = `NMPA UDID ${walk.label}: page ${p.pagesDone}/${p.totalPages}, ${p.recordsEmitted} records${level}${remaining !== undefined ? `, ~${remaining} daily visits left at last token` : ''}`;
		// a line per page would be ~180 lines a day at n8n's default level: pages at debug, the summary at info
		(final ? ctx.logger.info : ctx.logger.debug).call(ctx.logger, text, { pagesDone: p.pagesDone, totalPages: p.totalPages, records: p.recordsEmitted });
		const now = Date.now();
		if (manual && (final || now - lastUi >= UI_THROTTLE_MS)) {
			lastUi = now;
			ctx.sendMessageToUI(text);
		}
	};
	const walker = fetchAllPages({
		fetchPage: walk.fetchPage,
		startPage: walk.startPage ?? 1,
		limit: state.limit === undefined ? undefined : state.limit - state.emitted,
		concurrency: paging.concurrency === 'auto' ? client.concurrency : paging.concurrency,
		signal: ctx.getExecutionCancelSignal?.(),
		// De-duplication per walk: a version belongs to the one day (or month) it was published in, and a
		// range-wide set grew by ~100 bytes per record for nothing.
		knownTotalRecords: walk.knownTotal,
	});
	try {
		for (;;) {
			const step = await walker.next();
			if (step.done) {
				report(step.value, true);
				return step.value;
			}
			const batch = step.value;
			for (const record of batch.records) {
				for (const json of shapeRecord(record, shape)) out.push({ json: json as INodeExecutionData['json'], pairedItem: { item: itemIndex } });
			}
			state.emitted += batch.records.length;
			if (batch.rejected.length > 0) {
				ctx.logger.warn(`NMPA UDID ${walk.label} page ${batch.page}: ${batch.rejected.length} device rows without deviceRecordKey/versionNumber were skipped`, {
					rejected: batch.rejected.slice(0, 5),
				});
			}
			report(batch.progress);
		}
	} catch (error) {
		if (error instanceof UdidError) {
			error.resumePoint = { ...(error.resumePoint ?? { page: walk.startPage ?? 1 }), rangeValue: walk.label };
			error.fetchedRecords = state.emitted;
		}
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
}

/**
 * D001 over one or more days or months in order, sharing one limit and one de-duplication set. The start page
 * applies to the first range only (that is where a stopped run resumes).
 */
export async function syncRanges(
	ctx: IExecuteFunctions,
	itemIndex: number,
	requestType: 'day' | 'month',
	rangeValues: string[],
	out: INodeExecutionData[],
) {
	const paging = readPaging(ctx, itemIndex);
	const shape = readShape(ctx, itemIndex);
	const filters = readSharingFilters(ctx, itemIndex);
	const resume = readResumeFrom(ctx, itemIndex, rangeValues);
	const client = await udidClient(ctx);
	const state: SyncState = { emitted: 0, limit: paging.limit };
	const firstIndex = resume ? rangeValues.indexOf(resume.rangeValue) : 0;
	for (const [index, rangeValue] of rangeValues.entries()) {
		if (index < firstIndex) continue;
		const query = { requestType, rangeValue, ...filters };
		const first = index === firstIndex;
		const summary = await runWalk(
			ctx,
			itemIndex,
			client,
			{
				label: rangeValue,
				startPage: first ? (resume?.page ?? paging.startPage) : 1,
				knownTotal: first ? resume?.knownTotal : undefined,
				fetchPage: (page, signal) => client.getSharingPage(query, page, signal),
			},
			paging,
			shape,
			state,
			out,
		);
		if (state.limit !== undefined && state.emitted >= state.limit) {
			const next = summary.nextPage !== undefined ? { rangeValue, page: summary.nextPage } : rangeValues[index + 1] ? { rangeValue: rangeValues[index + 1], page: 1 } : undefined;
			if (next) ctx.logger.info(`NMPA UDID: limit of ${state.limit} reached; the sync continues with Resume From ${formatResumeFrom(next)}`);
			return;
		}
	}
}

/** With the "Emit Plan Instead of Records" option: one item per day or month, no API call. Returns whether it did. */
export function emitPlan(ctx: IExecuteFunctions, itemIndex: number, requestType: 'day' | 'month', rangeValues: string[], out: INodeExecutionData[]): boolean {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { planOnly?: boolean };
	if (options.planOnly !== true) return false;
	rangeValues.forEach((rangeValue, index) =>
		out.push({ json: { rangeValue, requestType, index: index + 1, of: rangeValues.length }, pairedItem: { item: itemIndex } }),
	);
	return true;
}

/** The "Resume From" option: where a stopped run of this same sync continues; it must fall inside the range. */
function readResumeFrom(ctx: IExecuteFunctions, itemIndex: number, rangeValues: string[]) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { resumeFrom?: unknown };
	const raw = options.resumeFrom;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const resume = typeof raw === 'string' ? parseResumeFrom(raw) : undefined;
	if (!resume) fail(ctx, itemIndex, 'Resume From', `"${String(raw)}" is not a resume point`, RESUME_FROM_FORM);
	if (!rangeValues.includes(resume.rangeValue)) {
		fail(ctx, itemIndex, 'Resume From', `${resume.rangeValue} is not part of this sync (${rangeValues[0]} to ${rangeValues[rangeValues.length - 1]})`, 'a resume point of a run of this same sync');
	}
	return resume;
}
