import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { kindsProperty, siteOptions } from '../shared/releases';
import { pollReleases } from './poll';

const properties: INodeProperties[] = [
	kindsProperty(),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM-dd, e.g. 2026-11-01',
		description:
			"Packages whose last day is before this day (China time) are never emitted. Empty means the day of the first poll, so only packages published from then on. Changing it later has no effect until the trigger's state is reset.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...siteOptions],
	},
];

export class NmpaUdidReleaseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NMPA UDID Release Trigger',
		name: 'nmpaUdidReleaseTrigger',
		icon: { light: 'file:../../icons/nmpaUdid.svg', dark: 'file:../../icons/nmpaUdid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "New " + ($parameter["kinds"] || []).join(", ") + " packages" }}',
		description:
			'Starts a workflow for each new public UDID bulk release package (公开数据下载): daily, weekly, monthly or full; no credential needed',
		defaults: { name: 'NMPA UDID Release Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items = await pollReleases(this);
		return items.length > 0 ? [items] : null;
	}
}
