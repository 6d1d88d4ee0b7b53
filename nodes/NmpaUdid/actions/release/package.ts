import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ReleasePart } from '../../../udid/releases';
import {
	locatePackage as locateInCore,
	packageNameFrom,
	selectParts as selectInCore,
	type LocatedPackage,
} from '../../../udid/releases/locate';
import { cacheDirFrom, siteSettingsFrom } from '../../../shared/releases';

/** Finding a package (by name, in the cache or the feed) and making sure it is on disk: Get Parts and Read Part. */

export function packageProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Package',
			name: 'package',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'UDID_DAY_UPDATE_20261116.zip, or {{ $json.name }} after List',
			description:
				'Name of the package as List gives it; it is downloaded into the cache folder unless it is already there',
			displayOptions: { show },
		},
		{
			displayName: 'Download Link',
			name: 'link',
			type: 'string',
			default: '',
			placeholder: '{{ $json.link }}',
			description:
				'Where to download the package; empty means the link the feed of its kind gives (the feeds list only recent packages)',
			displayOptions: { show },
		},
	];
}

export type { LocatedPackage };

/** The package named by the item's parameters, downloaded and verified into the cache when not there yet. */
export async function locatePackage(ctx: IExecuteFunctions, itemIndex: number): Promise<LocatedPackage> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { name, kind } = packageNameFrom(ctx.getNodeParameter('package', itemIndex, ''), 'Package');
	const link = String(ctx.getNodeParameter('link', itemIndex, '') ?? '');
	let lastLogged = -1;
	const located = await locateInCore({ name, kind, link, linkParameter: 'Download Link' }, siteSettingsFrom(options), {
		cacheDir: cacheDirFrom(options),
		signal: ctx.getExecutionCancelSignal?.(),
		onProgress: ({ received, total }) => {
			const tenth = total ? Math.floor((received / total) * 10) : -1;
			if (tenth > lastLogged) {
				lastLogged = tenth;
				ctx.logger.debug(`NMPA UDID: downloading ${name}: ${received} of ${total} bytes`);
			}
		},
		onRetry: ({ attempt, delayMs, error }) =>
			ctx.logger.warn(`NMPA UDID: ${error.message}; attempt ${attempt + 1} in ${delayMs} ms`),
	});
	const { disk } = located;
	if (!disk.fromCache)
		ctx.logger.info(
			`NMPA UDID: ${name} downloaded into ${disk.file} (${disk.bytes} bytes, ${disk.attempts} attempt(s))`,
		);
	return located;
}

/** The parts a Part parameter names: a PART number, an entry path, or every part when empty. */
export function selectParts(parts: ReleasePart[], value: unknown, pkg: string): ReleasePart[] {
	return selectInCore(parts, value, pkg, 'Part');
}
