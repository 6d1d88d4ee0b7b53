import type { INodeProperties } from 'n8n-workflow';
import { INCREMENTAL_BOUNDS, INCREMENTAL_DEFAULTS } from '../udid/sync';
import { concurrencyOption, outputOptions } from '../shared/descriptions';

// Defaults and bounds come from the core's incremental poll, their one source (plain names for the lint rules).
const { maxDays, maxRecords, settleDays } = INCREMENTAL_DEFAULTS;
const bounds = INCREMENTAL_BOUNDS;

/** The trigger's parameters. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM-dd, e.g. 2026-11-01',
		description:
			"First day (China time) to sync on the first poll; earlier days are never fetched. Empty means the day of the first poll. Changing it later has no effect until the trigger's state is reset (deactivate, edit the workflow's static data, or use a new node).",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: (
			[
				...outputOptions,
				{
					displayName: 'Max Catch-Up Days per Poll',
					name: 'maxDaysPerPoll',
					type: 'number',
					typeOptions: { minValue: bounds.maxDays.min, maxValue: bounds.maxDays.max },
					default: maxDays,
					description:
						'After downtime, how many missed days one poll walks (oldest first); the rest wait for the next polls',
				},
				{
					displayName: 'Max Records per Poll',
					name: 'maxRecordsPerPoll',
					type: 'number',
					typeOptions: { minValue: bounds.maxRecords.min },
					default: maxRecords,
					description:
						'Upper bound on the items one poll emits, to bound memory and daily visits; the next poll continues where it stopped',
				},
				{
					displayName: 'Settle Days',
					name: 'settleDays',
					type: 'number',
					typeOptions: { minValue: bounds.settleDays.min, maxValue: bounds.settleDays.max },
					default: settleDays,
					description:
						'How many days before today are re-checked on every poll for late additions before a day is considered final',
				},
				concurrencyOption,
				{
					displayName: 'Add Sync Fields',
					name: 'addSyncFields',
					type: 'boolean',
					// n8n's lint rule wants a literal boolean; test/unit/trigger-descriptions.test.ts holds it to the core's
					default: true,
					description:
						'Whether to add syncDay (the China-time day a record came from) and syncBehindDays (missed days still to catch up) to every item',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
