import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { cacheFolderOption, releaseNodeError, siteOptions } from '../../../shared/releases';
import type { OperationExecute } from '../types';
import { locatePackage, packageProperties } from './package';

const show = { resource: ['release'], operation: ['getParts'] };

export const description: INodeProperties[] = [
	...packageProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [cacheFolderOption, ...siteOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/**
 * The fan-out plan: the package is downloaded and verified into the cache (or found there), then one item per
 * XML part in PART order. Each item feeds one Read Part run (package + entry), e.g. in a sub-workflow per part.
 */
export const execute: OperationExecute = async function (itemIndex, out) {
	try {
		const { name, kind, feed, disk } = await locatePackage(this, itemIndex);
		const count = disk.parts.length;
		disk.parts.forEach((part, i) => {
			const json: IDataObject = {
				package: name,
				kind,
				part: part.part,
				of: part.of,
				index: i + 1,
				count,
				entry: part.entry,
				bytes: part.bytes,
				compressedBytes: part.compressedBytes,
				cacheFile: disk.file,
				fromCache: disk.fromCache,
			};
			// the feed states a count per package: it is the part's count only when there is one part
			if (count === 1 && feed?.recordCount !== undefined) json.records = feed.recordCount;
			out.push({ json, pairedItem: { item: itemIndex } });
		});
	} catch (error) {
		throw releaseNodeError(this.getNode(), error, itemIndex);
	}
};
