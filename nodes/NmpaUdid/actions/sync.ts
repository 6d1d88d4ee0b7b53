import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { formatResumePoint } from '../../udid/resume';
import type { SyncPlan, SyncProgress, SyncSink } from '../../udid/sync';
import { runSync } from '../../udid/sync';
import { readMaxRecords, readPaging, readResumeFrom, readShape, readSharingFilters } from '../../shared/params';
import { udidClient } from '../../shared/transport';

const UI_THROTTLE_MS = 1000;

/**
 * The n8n side of a sync: rows become items paired with the input item, appended to `out` as they arrive (so
 * whatever was fetched is still there when a later page fails); progress goes to the log and, in manual runs,
 * to the editor; skipped rows become warnings.
 */
function itemSink(ctx: IExecuteFunctions, itemIndex: number, out: INodeExecutionData[]): SyncSink {
	const manual = ctx.getMode() === 'manual';
	let lastUi = 0;
	return {
		records(rows) {
			for (const json of rows) out.push({ json: json as INodeExecutionData['json'], pairedItem: { item: itemIndex } });
		},
		progress(p: SyncProgress) {
			const visits = p.remainingVisits !== undefined ? `, ~${p.remainingVisits} daily visits left at last token` : '';
			const text = `NMPA UDID ${p.rangeValue}: page ${p.pagesDone}/${p.totalPages}, ${p.recordsEmitted} records${visits}`;
			// a line per page would be ~180 lines a day at n8n's default level: pages at debug, the summary at info
			const log = p.final ? ctx.logger.info : ctx.logger.debug;
			log.call(ctx.logger, text, { pagesDone: p.pagesDone, totalPages: p.totalPages, records: p.recordsEmitted });
			const now = Date.now();
			if (manual && (p.final || now - lastUi >= UI_THROTTLE_MS)) {
				lastUi = now;
				ctx.sendMessageToUI(text);
			}
		},
		warn(message, details) {
			ctx.logger.warn(`NMPA UDID ${message}`, details);
		},
	};
}

/** Runs a plan for one input item with the item's paging, output and memory-guard options. */
export async function syncPlan(ctx: IExecuteFunctions, itemIndex: number, plan: SyncPlan, out: INodeExecutionData[]) {
	const paging = readPaging(ctx, itemIndex);
	const shape = readShape(ctx, itemIndex);
	// the memory guard is for D001 plans, which can be fanned out per day; a key history is bounded by its keys
	const maxRecords = plan.kind === 'keys' ? undefined : readMaxRecords(ctx, itemIndex);
	const rangeValues = plan.kind === 'days' ? plan.days : plan.kind === 'months' ? plan.months : [];
	const resumeFrom = plan.kind === 'keys' ? undefined : readResumeFrom(ctx, itemIndex, rangeValues);
	const client = await udidClient(ctx);
	const result = await runSync(
		client,
		plan,
		{ ...paging, shape, maxRecords, resumeFrom, signal: ctx.getExecutionCancelSignal?.() },
		itemSink(ctx, itemIndex, out),
	);
	if (result.next) {
		ctx.logger.info(
			`NMPA UDID: limit of ${paging.limit} reached; the sync continues with Resume From ${formatResumePoint(result.next)}`,
		);
	}
}

/** D001 over one or more days or months in order, with one limit across them (each walk de-duplicates its own). */
export async function syncRanges(
	ctx: IExecuteFunctions,
	itemIndex: number,
	requestType: 'day' | 'month',
	rangeValues: string[],
	out: INodeExecutionData[],
) {
	const sharing = readSharingFilters(ctx, itemIndex);
	const plan: SyncPlan =
		requestType === 'day'
			? { kind: 'days', days: rangeValues, sharing }
			: { kind: 'months', months: rangeValues, sharing };
	await syncPlan(ctx, itemIndex, plan, out);
}

/** With the "Emit Plan Instead of Records" option: one item per day or month, no API call. Returns whether it did. */
export function emitPlan(
	ctx: IExecuteFunctions,
	itemIndex: number,
	requestType: 'day' | 'month',
	rangeValues: string[],
	out: INodeExecutionData[],
): boolean {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { planOnly?: boolean };
	if (options.planOnly !== true) return false;
	rangeValues.forEach((rangeValue, index) =>
		out.push({
			json: { rangeValue, requestType, index: index + 1, of: rangeValues.length },
			pairedItem: { item: itemIndex },
		}),
	);
	return true;
}
