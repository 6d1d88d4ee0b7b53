/**
 * The sync core, framework-free: runs a plan of D001 days or months or D002 keys into a sink, and runs the
 * incremental poll whose cursor a shell keeps wherever it keeps state (n8n static data, Node-RED context).
 *
 *   runSync(client, plan, options, sink): Promise<SyncResult>        (throws SyncStoppedError / SyncTooLargeError)
 *   runIncrementalPoll(client, cursorState | undefined, options, sink): Promise<IncrementalPollResult>
 *   sampleRecords(client, options, sink): Promise<number>
 */
export type {
	IncrementalPollOptions,
	IncrementalPollResult,
	SampleOptions,
	SharingFilters,
	SyncOptions,
	SyncPlan,
	SyncPosition,
	SyncProgress,
	SyncResult,
	SyncRow,
	SyncSink,
} from './types';
export { SyncStoppedError, SyncTooLargeError } from './errors';
export { runSync } from './run';
export { KEYS_PER_REQUEST } from './plan';
export { INCREMENTAL_BOUNDS, INCREMENTAL_DEFAULTS, SAMPLE_SIZE, runIncrementalPoll, sampleRecords } from './poll';
