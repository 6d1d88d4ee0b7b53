import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { listPackages } from '../../../udid/releases';
import {
	kindsFrom,
	kindsProperty,
	optionalDay,
	releaseNodeError,
	siteOptions,
	siteSettingsFrom,
} from '../../../shared/releases';
import type { OperationExecute } from '../types';

const show = { resource: ['release'], operation: ['list'] };

export const description: INodeProperties[] = [
	kindsProperty(show),
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM-dd, e.g. 2026-11-01',
		description: 'Keep packages that cover this day or later (empty: no lower bound)',
		displayOptions: { show },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'yyyy-MM-dd, e.g. 2026-11-30',
		description: 'Keep packages that cover this day or earlier (empty: no upper bound)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...siteOptions],
	},
];

/** The packages in the chosen feeds, oldest first: one item each (kind, name, dates, link, published, count). */
export const execute: OperationExecute = async function (itemIndex, out) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	try {
		const site = siteSettingsFrom(options);
		const from = optionalDay(this.getNodeParameter('from', itemIndex, ''), 'From');
		const to = optionalDay(this.getNodeParameter('to', itemIndex, ''), 'To');
		const kinds = kindsFrom(this.getNodeParameter('kinds', itemIndex, []));
		const packages = await listPackages({ kinds, from, to, ...site, signal: this.getExecutionCancelSignal?.() });
		for (const pkg of packages) out.push({ json: { ...pkg } as IDataObject, pairedItem: { item: itemIndex } });
	} catch (error) {
		throw releaseNodeError(this.getNode(), error, itemIndex);
	}
};
