import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { addDays, chinaToday, parseDay } from '../udid/calendar';
import type { SharingQuery, UdidClient } from '../udid/client/client';
import { UdidError } from '../udid/client/errors';
import type { Cursor } from '../udid/cursor';
import { isSettled, newCursor, planPoll, readCursor, recordDay, seenSet, versionHash } from '../udid/cursor';
import type { ConcurrencySetting } from '../udid/paging';
import { fetchAllPages } from '../udid/paging';
import type { ShapeOptions } from '../udid/shape';
import { shapeRecord } from '../udid/shape';
import { concurrencyFrom, shapeOptionsFrom, wholeNumber } from '../NmpaUdid/actions/params';
import { toNodeError, udidClient } from '../NmpaUdid/transport';

const SAMPLE_SIZE = 5;

interface TriggerSettings {
	start: string;
	maxDays: number;
	maxRecords: number;
	settleDays: number;
	concurrency: ConcurrencySetting;
	addSyncFields: boolean;
	shape: ShapeOptions;
}

function readSettings(ctx: IPollFunctions, today: string): TriggerSettings {
	const bad = (parameter: string, problem: string, accepted: string): never => {
		throw new NodeOperationError(ctx.getNode(), `Parameter "${parameter}": ${problem}. Accepted: ${accepted}`);
	};
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rawStart = ctx.getNodeParameter('startDate', '') as unknown;
	let start = today;
	if (rawStart !== '' && rawStart !== null && rawStart !== undefined) {
		try {
			start = parseDay('Start Date', rawStart, { today });
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message);
		}
	}
	return {
		start,
		maxDays: wholeNumber(options.maxDaysPerPoll ?? 7, 'Max Catch-Up Days per Poll', 1, 62, bad),
		maxRecords: wholeNumber(options.maxRecordsPerPoll ?? 50_000, 'Max Records per Poll', 1, Infinity, bad),
		settleDays: wholeNumber(options.settleDays ?? 2, 'Settle Days', 0, 14, bad),
		concurrency: concurrencyFrom(options.concurrency, bad),
		addSyncFields: options.addSyncFields !== false,
		shape: shapeOptionsFrom(options, bad),
	};
}

/**
 * One poll: walks the days the cursor says are due, emits each version not emitted before, and moves the
 * cursor only over what was fetched. A failure part-way keeps what was emitted (and the cursor says so);
 * with nothing emitted, the failure is thrown so the user sees it.
 */
export async function pollOnce(ctx: IPollFunctions): Promise<INodeExecutionData[]> {
	const today = chinaToday();
	const settings = readSettings(ctx, today);
	const client = await udidClient(ctx);
	if (ctx.getMode() === 'manual') return sample(client, today, settings);

	const staticData = ctx.getWorkflowStaticData('node');
	const cursor: Cursor = readCursor(staticData.cursor) ?? newCursor(settings.start);
	const plan = planPoll(cursor, today, settings.maxDays, settings.settleDays);
	const out: INodeExecutionData[] = [];
	const deadline = Date.now() + (typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() * 0.8 : Infinity);
	let failure: unknown;
	for (const day of plan.days) {
		const budget = settings.maxRecords - out.length;
		if (budget <= 0 || Date.now() > deadline) break;
		const settled = isSettled(day, today, settings.settleDays);
		const known = cursor.open[day];
		const query: SharingQuery = { requestType: 'day', rangeValue: day };
		const emitted = seenSet(known);
		const added: string[] = [];
		try {
			if (known?.total !== null && known?.total !== undefined) {
				const first = await client.getSharingPage(query, 1);
				if (first.totalRecordCount === known.total) {
					recordDay(cursor, day, { addedHashes: [], completeTotal: known.total, settled });
					continue;
				}
			}
			const walker = fetchAllPages({
				fetchPage: (page, signal) => client.getSharingPage(query, page, signal),
				limit: budget,
				concurrency: settings.concurrency === 'auto' ? client.concurrency : settings.concurrency,
				alreadyEmitted: (key) => emitted.has(versionHash(key)),
			});
			for (;;) {
				const step = await walker.next();
				if (step.done) {
					const complete = step.value.nextPage === undefined;
					recordDay(cursor, day, { addedHashes: added, completeTotal: complete ? step.value.totalRecords : undefined, settled });
					break;
				}
				for (const record of step.value.records) {
					const hash = versionHash(`${record.deviceRecordKey}#${record.versionNumber}`);
					emitted.add(hash);
					added.push(hash);
					for (const json of shapeRecord(record, settings.shape)) {
						if (settings.addSyncFields) Object.assign(json, { syncDay: day, syncBehindDays: plan.behindDays });
						out.push({ json: json as IDataObject });
					}
				}
			}
		} catch (error) {
			recordDay(cursor, day, { addedHashes: added, settled: false });
			failure = error;
			break;
		}
	}
	staticData.cursor = cursor as unknown as IDataObject;
	const behind = plan.behindDays + (failure ? 1 : 0);
	ctx.logger.info(`NMPA UDID Trigger: ${out.length} new records from ${plan.days.length} day(s); synced through ${cursor.done ?? 'nothing final yet'}; ${behind} day(s) behind`);
	if (failure) {
		if (out.length === 0) throw toNodeError(ctx.getNode(), failure, 0, 'NMPA UDID Trigger');
		ctx.logger.warn(`NMPA UDID Trigger stopped early and will resume on the next poll: ${failure instanceof UdidError ? failure.message : String(failure)}`);
	}
	return out;
}

/** "Fetch Test Event": a few records of today (or yesterday when today has none), without touching the cursor. */
async function sample(client: UdidClient, today: string, settings: TriggerSettings): Promise<INodeExecutionData[]> {
	for (const day of [today, addDays(today, -1)]) {
		const walker = fetchAllPages({ fetchPage: (page, signal) => client.getSharingPage({ requestType: 'day', rangeValue: day }, page, signal), limit: SAMPLE_SIZE, concurrency: 1 });
		const out: INodeExecutionData[] = [];
		for await (const batch of walker) {
			for (const record of batch.records) {
				for (const json of shapeRecord(record, settings.shape)) {
					out.push({ json: (settings.addSyncFields ? { ...json, syncDay: day, syncBehindDays: 0 } : json) as IDataObject });
				}
			}
		}
		if (out.length > 0) return out;
	}
	return [];
}
