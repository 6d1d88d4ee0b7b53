import type { INodeProperties } from 'n8n-workflow';
import { filterOptions, outputOptions, pagingOptions, returnAllAndLimit } from '../common.descriptions';

/** Return All / Limit and the options collection of the D001 sync operations. */
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
			options: [...outputOptions, ...pagingOptions, ...extraOptions, ...filterOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}
