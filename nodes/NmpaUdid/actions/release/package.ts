import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { existsSync } from 'node:fs';
import { ParameterError } from '../../../udid/parameter-error';
import {
	cachePaths,
	ensurePackage,
	fetchFeed,
	parsePackageName,
	UdidReleaseError,
	type PackageOnDisk,
	type ReleasePackage,
	type ReleaseKind,
	type ReleasePart,
} from '../../../udid/releases';
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

const NAME_FORM =
	'a package name such as UDID_DAY_UPDATE_20261116.zip, UDID_MONTH_UPDATE_202610.zip or UDID_FULL_RELEASE_20261101.zip (as List gives it)';

export interface LocatedPackage {
	name: string;
	kind: ReleaseKind;
	/** The feed's entry when the feed was read (record count, publication time). */
	feed?: ReleasePackage;
	disk: PackageOnDisk;
}

/** The package named by the item's parameters, downloaded and verified into the cache when not there yet. */
export async function locatePackage(ctx: IExecuteFunctions, itemIndex: number): Promise<LocatedPackage> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const raw = String(ctx.getNodeParameter('package', itemIndex, '') ?? '').trim();
	const base = raw.replace(/^.*[\\/]/, '');
	const name = /\.zip$/i.test(base) ? base : `${base}.zip`;
	const parsed = parsePackageName(name);
	if (!parsed)
		throw new ParameterError(
			'Package',
			raw === '' ? 'is empty' : `"${raw.slice(0, 80)}" is not a package name`,
			NAME_FORM,
		);
	const site = siteSettingsFrom(options);
	const cacheDir = cacheDirFrom(options);
	const signal = ctx.getExecutionCancelSignal?.();
	let link = String(ctx.getNodeParameter('link', itemIndex, '') ?? '').trim();
	let feed: ReleasePackage | undefined;
	if (link === '' && !existsSync(cachePaths(cacheDir, name).file)) {
		feed = (await fetchFeed(parsed.kind, { ...site, signal })).find((p) => p.name.toLowerCase() === name.toLowerCase());
		if (!feed) {
			throw new UdidReleaseError(
				'input',
				`${name} is not in the ${parsed.kind} feed (the feeds list only recent packages) and not in the cache folder ${cacheDir}; give its Download Link`,
			);
		}
		link = feed.link;
	}
	let lastLogged = -1;
	const disk = await ensurePackage(
		{ name, link },
		{
			cacheDir,
			http: site.http,
			signal,
			onProgress: ({ received, total }) => {
				const tenth = total ? Math.floor((received / total) * 10) : -1;
				if (tenth > lastLogged) {
					lastLogged = tenth;
					ctx.logger.debug(`NMPA UDID: downloading ${name}: ${received} of ${total} bytes`);
				}
			},
			onRetry: ({ attempt, delayMs, error }) =>
				ctx.logger.warn(`NMPA UDID: ${error.message}; attempt ${attempt + 1} in ${delayMs} ms`),
		},
	);
	if (!disk.fromCache)
		ctx.logger.info(
			`NMPA UDID: ${name} downloaded into ${disk.file} (${disk.bytes} bytes, ${disk.attempts} attempt(s))`,
		);
	return { name, kind: parsed.kind, feed, disk };
}

const PART_FORM =
	'a part number (the n of PARTn_Of_m, e.g. 26), the entry Get Parts gives ({{ $json.entry }}), or empty for every part';

/** The parts a Part parameter names: a PART number, an entry path, or every part when empty. */
export function selectParts(parts: ReleasePart[], value: unknown, pkg: string): ReleasePart[] {
	const text = String(value ?? '').trim();
	if (text === '') return parts;
	const chosen = /^\d+$/.test(text)
		? parts.filter((p) => p.part === Number(text))
		: parts.filter((p) => p.entry === text || p.entryName === text);
	if (chosen.length === 1) return chosen;
	if (chosen.length > 1) {
		throw new ParameterError(
			'Part',
			`${pkg} has ${chosen.length} parts numbered ${text} (one per nested daily zip)`,
			'the entry Get Parts gives ({{ $json.entry }})',
		);
	}
	const known = parts.slice(0, 5).map((p) => (/^\d+$/.test(text) ? String(p.part) : p.entry));
	throw new ParameterError(
		'Part',
		`${pkg} has no part "${text.slice(0, 120)}" (it has ${parts.length}: ${known.join(', ')}${parts.length > 5 ? ', …' : ''})`,
		PART_FORM,
	);
}
