import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { INCREMENTAL_BOUNDS, INCREMENTAL_DEFAULTS } from '../udid/sync';
import { nmpaUdidApiTest } from '../shared/credentialTest';
import { concurrencyOption, outputOptions } from '../shared/descriptions';
import { pollOnce } from './poll';

export class NmpaUdidTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NMPA UDID Trigger',
		name: 'nmpaUdidTrigger',
		icon: { light: 'file:../../icons/nmpaUdid.svg', dark: 'file:../../icons/nmpaUdid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New and changed device identifiers',
		// n8n shows the trigger's description for the whole app in the nodes panel, so it describes both nodes
		description: 'Sync medical-device UDI master data from the NMPA UDID data-sharing API (医疗器械唯一标识); the trigger emits what was published or changed since the last poll',
		defaults: { name: 'NMPA UDID Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nmpaUdidApi', required: true, testedBy: 'nmpaUdidApiTest' }],
		properties: [
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'string',
				default: '',
				placeholder: 'yyyy-MM-dd, e.g. 2026-11-01',
				description:
					'First day (China time) to sync on the first poll; earlier days are never fetched. Empty means the day of the first poll. Changing it later has no effect until the trigger\'s state is reset (deactivate, edit the workflow\'s static data, or use a new node).',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: ([
					...outputOptions,
					{
						displayName: 'Max Catch-Up Days per Poll',
						name: 'maxDaysPerPoll',
						type: 'number',
						typeOptions: { minValue: INCREMENTAL_BOUNDS.maxDays.min, maxValue: INCREMENTAL_BOUNDS.maxDays.max },
						default: INCREMENTAL_DEFAULTS.maxDays,
						description: 'After downtime, how many missed days one poll walks (oldest first); the rest wait for the next polls',
					},
					{
						displayName: 'Max Records per Poll',
						name: 'maxRecordsPerPoll',
						type: 'number',
						typeOptions: { minValue: INCREMENTAL_BOUNDS.maxRecords.min },
						default: INCREMENTAL_DEFAULTS.maxRecords,
						description: 'Upper bound on the items one poll emits, to bound memory and daily visits; the next poll continues where it stopped',
					},
					{
						displayName: 'Settle Days',
						name: 'settleDays',
						type: 'number',
						typeOptions: { minValue: INCREMENTAL_BOUNDS.settleDays.min, maxValue: INCREMENTAL_BOUNDS.settleDays.max },
						default: INCREMENTAL_DEFAULTS.settleDays,
						description: 'How many days before today are re-checked on every poll for late additions before a day is considered final',
					},
					concurrencyOption,
					{
						displayName: 'Add Sync Fields',
						name: 'addSyncFields',
						type: 'boolean',
						default: INCREMENTAL_DEFAULTS.addSyncFields,
						description: 'Whether to add syncDay (the China-time day a record came from) and syncBehindDays (missed days still to catch up) to every item',
					},
				] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
			},
		],
	};

	methods = { credentialTest: { nmpaUdidApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items = await pollOnce(this);
		return items.length > 0 ? [items] : null;
	}
}
