/** The paged operations: sync day / month / range, history, and the incremental sync with its cursor. */
import { addDays, chinaToday, parseDay } from '../../../nodes/udid/calendar';
import { UdidError } from '../../../nodes/udid/client/errors';
import { formatResumePoint } from '../../../nodes/udid/resume';
import type { ConcurrencySetting } from '../../../nodes/udid/paging';
import type { SyncPlan, SyncSink } from '../../../nodes/udid/sync';
import {
	INCREMENTAL_BOUNDS,
	INCREMENTAL_DEFAULTS,
	SyncStoppedError,
	runIncrementalPoll,
	runSync,
} from '../../../nodes/udid/sync';
import {
	readConcurrency,
	readSharing,
	readDay,
	readKeys,
	readLimit,
	readMaxHeld,
	readMonth,
	readOutputMode,
	readRange,
	readResumeFrom,
	readShape,
	wholeNumber,
} from '../params';
import type { Operation, OperationContext } from './types';

function sinkFor(ctx: OperationContext, concurrency: ConcurrencySetting): SyncSink {
	return {
		records: (rows, at) => ctx.output.page(rows, at),
		progress: (p) => {
			const level = concurrency === 'auto' ? `auto ${p.concurrency} (peak ${p.peakConcurrency})` : undefined;
			ctx.status.progress(p.rangeValue, p.pagesDone, p.totalPages, p.emittedTotal, p.remainingVisits, level);
		},
		warn: (message) => ctx.node.warn(message),
	};
}

async function runPlan(ctx: OperationContext, operation: string, plan: SyncPlan): Promise<Record<string, unknown>> {
	const { form, msg } = ctx;
	const rangeValues = plan.kind === 'days' ? plan.days : plan.kind === 'months' ? plan.months : [];
	const options = {
		shape: readShape(form),
		limit: readLimit(form, msg),
		concurrency: readConcurrency(form),
		resumeFrom: plan.kind === 'keys' ? undefined : readResumeFrom(form, msg, rangeValues),
		// Only the "all" mode holds the run in memory; the others stream page by page.
		maxRecords: readOutputMode(form) === 'all' ? readMaxHeld(form) : undefined,
		signal: ctx.signal,
	};
	const client = ctx.client();
	ctx.status.running(`${plan.kind === 'keys' ? `history of ${plan.keys.length} keys` : rangeValues[0]}: starting`);
	const result = await runSync(client, plan, options, sinkFor(ctx, options.concurrency));
	ctx.output.finish();
	return {
		operation,
		...(plan.kind === 'keys'
			? { keys: plan.keys.length }
			: { from: rangeValues[0], to: rangeValues[rangeValues.length - 1] }),
		records: result.emitted,
		complete: result.complete,
		...(result.next ? { resumeFrom: formatResumePoint(result.next) } : {}),
	};
}

export const syncDay: Operation = (ctx) =>
	runPlan(ctx, 'syncDay', { kind: 'days', days: [readDay(ctx.form, ctx.msg)], sharing: readSharing(ctx.form) });

export const syncMonth: Operation = (ctx) =>
	runPlan(ctx, 'syncMonth', { kind: 'months', months: [readMonth(ctx.form, ctx.msg)], sharing: readSharing(ctx.form) });

export const syncRange: Operation = (ctx) => {
	const range = readRange(ctx.form, ctx.msg);
	const plan: SyncPlan =
		range.requestType === 'day'
			? { kind: 'days', days: range.rangeValues, sharing: readSharing(ctx.form) }
			: { kind: 'months', months: range.rangeValues, sharing: readSharing(ctx.form) };
	return runPlan(ctx, 'syncRange', plan);
};

export const history: Operation = (ctx) => runPlan(ctx, 'history', { kind: 'keys', keys: readKeys(ctx.form, ctx.msg) });

const CURSOR_KEY = 'nmpaUdidCursor';

function contextGet(ctx: OperationContext, store: string | undefined): Promise<unknown> {
	return new Promise((resolve, reject) =>
		ctx.node.context().get(CURSOR_KEY, store, (error, value) => (error ? reject(error) : resolve(value))),
	);
}

function contextSet(ctx: OperationContext, store: string | undefined, value: unknown): Promise<void> {
	return new Promise((resolve, reject) =>
		ctx.node.context().set(CURSOR_KEY, value, store, (error) => (error ? reject(error) : resolve())),
	);
}

/** An incremental setting from the form, with the core's default and bounds. */
function setting(value: unknown, name: 'maxDays' | 'settleDays' | 'maxRecords'): number {
	const { min, max } = INCREMENTAL_BOUNDS[name];
	return wholeNumber(value === undefined || value === '' ? INCREMENTAL_DEFAULTS[name] : value, name, min, max);
}

/**
 * Like the n8n trigger: the days the cursor says are due, every version not emitted before. The cursor lives
 * in the node's context (a persistent store keeps it across restarts) and only moves over what was sent.
 */
export const incremental: Operation = async (ctx) => {
	const { form } = ctx;
	const today = chinaToday();
	const store = form.contextStore?.trim() || undefined;
	const options = {
		today,
		start: form.startDate?.trim() ? parseDay('startDate', form.startDate, { today }) : addDays(today, -1),
		maxDays: setting(form.maxDays, 'maxDays'),
		settleDays: setting(form.settleDays, 'settleDays'),
		maxRecords: setting(form.maxRecords, 'maxRecords'),
		concurrency: readConcurrency(form),
		shape: readShape(form),
		addSyncFields: INCREMENTAL_DEFAULTS.addSyncFields,
		signal: ctx.signal,
	};
	const client = ctx.client();
	const cursorState = await contextGet(ctx, store);
	ctx.status.running('incremental: starting');
	const result = await runIncrementalPoll(client, cursorState, options, sinkFor(ctx, options.concurrency));
	await contextSet(ctx, store, result.cursorState);
	ctx.output.finish();
	const summary = {
		operation: 'incremental',
		records: result.emitted,
		days: result.days,
		syncedThrough: result.cursorState.done,
		behindDays: result.behindDays + (result.failure ? 1 : 0),
	};
	if (result.failure) {
		// Nothing sent is lost: the cursor covers exactly what was sent, and the next run continues from it.
		const error = result.failure;
		if (result.emitted === 0 || !(error instanceof UdidError)) throw new SyncStoppedError(error, result.emitted);
		ctx.node.warn(`NMPA UDID incremental sync stopped early and continues on the next run: ${error.message}`);
		return { ...summary, stoppedEarly: error.message };
	}
	return summary;
};
