import type { INodeProperties } from 'n8n-workflow';
import { filterOptions, outputOptions, pagingOptions, returnAllAndLimit } from '../../../shared/descriptions';
import { DEFAULT_MAX_RECORDS_PER_EXECUTION } from '../../../shared/params';

/** Return All / Limit and the options collection of the D001 sync operations. */
const resumeFromOption: INodeProperties = {
	displayName: 'Resume From',
	name: 'resumeFrom',
	type: 'string',
	default: '',
	placeholder: '2026-11-19#5#3258',
	description:
		'Continue a run that stopped (daily quota, failure): the resumePoint.resumeFrom value from its error. Skips the days before it, starts at its page and re-reads records published since the stopped run began.',
};

/** The memory guard: n8n holds every item of an execution in memory until the execution ends. */
const maxRecordsOption: INodeProperties = {
	displayName: 'Max Records per Execution',
	name: 'maxRecordsPerExecution',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_RECORDS_PER_EXECUTION,
	description:
		'Stop (with a resume point) instead of running out of memory when the sync would emit more records than ' +
		'this; 0 turns the guard off. For larger syncs use "Emit Plan Instead of Records" and a sub-workflow per day.',
};

/** Emits the walk's days or months as items instead of fetching, so a workflow can fan them out. */
export const planOption: INodeProperties = {
	displayName: 'Emit Plan Instead of Records',
	name: 'planOnly',
	type: 'boolean',
	default: false,
	description:
		'Whether to output one item per day (or month) of the range without calling the API, e.g. to fan a backfill out over sub-workflows or queue-mode workers; each item has rangeValue and requestType for a Sync Day / Sync Month node',
};

export function syncParameters(operation: string, extraOptions: INodeProperties[] = []): INodeProperties[] {
	return [
		...returnAllAndLimit('device', [operation]),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { resource: ['device'], operation: [operation] } },
			options: [
				...outputOptions,
				...pagingOptions,
				resumeFromOption,
				maxRecordsOption,
				...extraOptions,
				...filterOptions,
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}
