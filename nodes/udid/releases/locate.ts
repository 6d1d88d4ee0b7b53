/**
 * Reading a shell's release parameters and finding a package, shared by every shell (n8n, Node-RED): the kinds,
 * an optional day, the download-site settings, a package name, the package on disk (cache, else the feed's
 * link), and the part a Part parameter names. Bad input is a ParameterError naming the shell's parameter.
 */
import { existsSync } from 'node:fs';
import type { HttpOptions } from '../client/http';
import { ParameterError } from '../parameter-error';
import type { DownloadOptions } from './download';
import { cachePaths } from './download';
import { UdidReleaseError } from './errors';
import { fetchFeed, type ReleasePackage } from './feed';
import { ensurePackage, type PackageOnDisk } from './index';
import { parsePackageName, RELEASE_KINDS, type ReleaseKind } from './names';
import type { ReleasePart } from './package-reader';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An optional yyyy-MM-dd (a Date or a date-time is cut to its day); undefined when empty. */
export function optionalReleaseDay(value: unknown, parameter: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	if (text === '') return undefined;
	const day = text.slice(0, 10);
	if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
		const accepted = 'a date in the form yyyy-MM-dd (日期), e.g. 2026-11-01, or empty';
		throw new ParameterError(parameter, `"${text.slice(0, 40)}" is not a date`, accepted);
	}
	return day;
}

/** Kinds from a list or comma-separated text; none chosen is refused (an empty feed list would read nothing). */
export function releaseKindsFrom(value: unknown, parameter: string): ReleaseKind[] {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((k) => String(k).trim())
		.filter(Boolean);
	const unknown = list.filter((k) => !RELEASE_KINDS.includes(k as ReleaseKind));
	if (list.length === 0 || unknown.length) {
		const problem = list.length ? `"${unknown.join(', ')}" is not a kind` : 'no kind is chosen';
		throw new ParameterError(parameter, problem, `one or more of ${RELEASE_KINDS.join(', ')}`);
	}
	return [...new Set(list)] as ReleaseKind[];
}

export interface ReleaseSite {
	baseUrl?: string;
	http: HttpOptions;
}

const URL_FORM =
	'an http(s) origin such as https://udi.nmpa.gov.cn or http://127.0.0.1:8090 (empty for the official site)';

/** The download site's origin (empty: the official one) and the TLS switches. */
export function releaseSiteFrom(
	settings: { baseUrl?: unknown; legacyTls?: boolean; ignoreCertificate?: boolean },
	parameter: string,
): ReleaseSite {
	const raw = String(settings.baseUrl ?? '').trim();
	if (raw !== '' && !/^https?:\/\/[^\s/]+/i.test(raw))
		throw new ParameterError(parameter, `"${raw.slice(0, 80)}" is not a URL`, URL_FORM);
	return {
		baseUrl: raw === '' ? undefined : raw.replace(/\/+$/, ''),
		http: { legacyTls: settings.legacyTls === true, ignoreCertificate: settings.ignoreCertificate === true },
	};
}

export const PACKAGE_NAME_FORM =
	'a package name such as UDID_DAY_UPDATE_20261116.zip, UDID_MONTH_UPDATE_202610.zip or ' +
	'UDID_FULL_RELEASE_20261101.zip (as the package list gives it)';

/** A package name (a path or a missing .zip is tolerated) with its kind. */
export function packageNameFrom(value: unknown, parameter: string): { name: string; kind: ReleaseKind } {
	const raw = String(value ?? '').trim();
	const base = raw.replace(/^.*[\\/]/, '');
	const name = /\.zip$/i.test(base) ? base : `${base}.zip`;
	const parsed = raw === '' ? undefined : parsePackageName(name);
	if (!parsed) {
		const problem = raw === '' ? 'is empty' : `"${raw.slice(0, 80)}" is not a package name`;
		throw new ParameterError(parameter, problem, PACKAGE_NAME_FORM);
	}
	return { name, kind: parsed.kind };
}

export interface LocatedPackage {
	name: string;
	kind: ReleaseKind;
	/** The feed's entry when the feed was read (record count, publication time). */
	feed?: ReleasePackage;
	disk: PackageOnDisk;
}

/**
 * The named package on disk, verified: from the cache folder when it is there, else downloaded from `link` or,
 * without one, from the link its kind's feed gives (the feeds list only recent packages).
 */
export async function locatePackage(
	/** linkParameter: what the shell calls its link field, named when the link is needed. */
	pkg: { name: string; kind: ReleaseKind; link?: string; linkParameter?: string },
	site: ReleaseSite,
	options: DownloadOptions,
): Promise<LocatedPackage> {
	let link = pkg.link?.trim() ?? '';
	let feed: ReleasePackage | undefined;
	if (link === '' && !existsSync(cachePaths(options.cacheDir, pkg.name).file)) {
		const listed = await fetchFeed(pkg.kind, { ...site, signal: options.signal });
		feed = listed.find((p) => p.name.toLowerCase() === pkg.name.toLowerCase());
		if (!feed) {
			const message =
				`${pkg.name} is not in the ${pkg.kind} feed (the feeds list only recent packages) and not in the ` +
				`cache folder ${options.cacheDir}; give its ${pkg.linkParameter ?? 'download link'}`;
			throw new UdidReleaseError('input', message);
		}
		link = feed.link;
	}
	const disk = await ensurePackage({ name: pkg.name, link }, { http: site.http, ...options });
	return { name: pkg.name, kind: pkg.kind, feed, disk };
}

/** The parts a Part parameter names: a PART number, an entry path, or every part when empty. */
export function selectParts(parts: ReleasePart[], value: unknown, pkg: string, parameter: string): ReleasePart[] {
	const text = String(value ?? '').trim();
	if (text === '') return parts;
	const byNumber = /^\d+$/.test(text);
	const chosen = byNumber
		? parts.filter((p) => p.part === Number(text))
		: parts.filter((p) => p.entry === text || p.entryName === text);
	if (chosen.length === 1) return chosen;
	if (chosen.length > 1) {
		const problem = `${pkg} has ${chosen.length} parts numbered ${text} (one per nested daily zip)`;
		throw new ParameterError(parameter, problem, 'the entry the parts list gives');
	}
	const known = parts.slice(0, 5).map((p) => (byNumber ? String(p.part) : p.entry));
	const more = parts.length > 5 ? ', …' : '';
	throw new ParameterError(
		parameter,
		`${pkg} has no part "${text.slice(0, 120)}" (it has ${parts.length}: ${known.join(', ')}${more})`,
		'a part number (the n of PARTn_Of_m), the entry the parts list gives, or empty for every part',
	);
}
