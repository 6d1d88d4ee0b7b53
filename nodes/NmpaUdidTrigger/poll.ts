import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { chinaToday, parseDay } from '../udid/calendar';
import { UdidError } from '../udid/client/errors';
import { wholeNumber } from '../udid/parameter-error';
import { shapeOptionsFrom } from '../udid/params';
import type { IncrementalPollOptions, SyncRow, SyncSink } from '../udid/sync';
import { INCREMENTAL_BOUNDS, INCREMENTAL_DEFAULTS, runIncrementalPoll, sampleRecords } from '../udid/sync';
import { toNodeError } from '../shared/errors';
import { udidClient } from '../shared/transport';

/** The trigger's form, checked by the core's rules (a ParameterError names the parameter). */
function readSettings(ctx: IPollFunctions, today: string): IncrementalPollOptions {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rawStart = ctx.getNodeParameter('startDate', '') as unknown;
	const start =
		rawStart === '' || rawStart === null || rawStart === undefined
			? today
			: parseDay('Start Date', rawStart, { today });
	const setting = (key: keyof typeof INCREMENTAL_BOUNDS, option: string, label: string) =>
		wholeNumber(
			options[option] ?? INCREMENTAL_DEFAULTS[key],
			label,
			INCREMENTAL_BOUNDS[key].min,
			INCREMENTAL_BOUNDS[key].max,
		);
	return {
		start,
		today,
		maxDays: setting('maxDays', 'maxDaysPerPoll', 'Max Catch-Up Days per Poll'),
		maxRecords: setting('maxRecords', 'maxRecordsPerPoll', 'Max Records per Poll'),
		settleDays: setting('settleDays', 'settleDays', 'Settle Days'),
		concurrency: setting('concurrency', 'concurrency', 'Concurrency'),
		addSyncFields:
			options.addSyncFields !== undefined ? options.addSyncFields !== false : INCREMENTAL_DEFAULTS.addSyncFields,
		shape: shapeOptionsFrom(options),
	};
}

const collect = (out: INodeExecutionData[]): SyncSink => ({
	records(rows: SyncRow[]) {
		for (const json of rows) out.push({ json: json as IDataObject });
	},
});

/**
 * One poll: the core walks the days the cursor says are due and emits each version not emitted before; the
 * cursor lives in the node's static data. A failure part-way keeps what was emitted (and the cursor says so);
 * with nothing emitted, the failure is thrown so the user sees it. A manual run ("Fetch Test Event") returns
 * a sample without touching the cursor.
 */
export async function pollOnce(ctx: IPollFunctions): Promise<INodeExecutionData[]> {
	const today = chinaToday();
	let settings: IncrementalPollOptions;
	try {
		settings = readSettings(ctx, today);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
	const client = await udidClient(ctx);
	const out: INodeExecutionData[] = [];
	if (ctx.getMode() === 'manual') {
		await sampleRecords(client, { today, shape: settings.shape, addSyncFields: settings.addSyncFields }, collect(out));
		return out;
	}
	const staticData = ctx.getWorkflowStaticData('node');
	const deadline = typeof ctx.getPollBudgetMs === 'function' ? Date.now() + ctx.getPollBudgetMs() * 0.8 : undefined;
	const result = await runIncrementalPoll(client, staticData.cursor, { ...settings, deadline }, collect(out));
	staticData.cursor = result.cursorState as unknown as IDataObject;
	const behind = result.behindDays + (result.failure ? 1 : 0);
	const through = result.cursorState.done ?? 'nothing final yet';
	const summary = `${out.length} new records from ${result.days} day(s); synced through ${through}`;
	ctx.logger.info(`NMPA UDID Trigger: ${summary}; ${behind} day(s) behind`);
	if (result.failure) {
		if (out.length === 0) throw toNodeError(ctx.getNode(), result.failure, 0, 'NMPA UDID Trigger');
		const reason = result.failure instanceof UdidError ? result.failure.message : String(result.failure);
		ctx.logger.warn(`NMPA UDID Trigger stopped early and will resume on the next poll: ${reason}`);
	}
	return out;
}
