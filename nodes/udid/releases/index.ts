/**
 * Bulk releases (公开数据下载): the public, keyless XML packages of the UDID database, read into the same
 * canonical DeviceRecord that D001 gives, so `shapeRecord` (flat / nested / relational, code / english /
 * chinese, decode values, normalize types) and one upsert on (deviceRecordKey, versionNumber) serve both paths.
 * No n8n import.
 *
 * The API a shell builds on (all paths absolute; every error a UdidReleaseError with `failure` and `retryable`):
 *
 *   listPackages({ kinds?, from?, to?, baseUrl?, http?, signal? }): Promise<ReleasePackage[]>
 *       The feeds' packages, oldest first, filtered by the days they cover. ReleasePackage = { kind, name,
 *       startDate, endDate, link, published?, description, recordCount? }. fetchFeed(kind, options) reads one
 *       feed; parseFeed(xml) parses a feed text; parsePackageName(name) reads kind and dates from a zip name.
 *
 *   defaultCacheDir(userFolder = n8nUserFolder()): string      → ~/.n8n/nmpa-udid-releases
 *   n8nUserFolder(env = process.env, home = os.homedir())      → $N8N_USER_FOLDER/.n8n or ~/.n8n
 *
 *   ensurePackage(pkg: { name, link }, options: DownloadOptions): Promise<PackageOnDisk>
 *       Downloads into options.cacheDir unless the finished file is there, verifies it, lists its parts.
 *       PackageOnDisk = DownloadResult & { parts: ReleasePart[] }. DownloadOptions = { cacheDir, http?:
 *       { legacyTls?, ignoreCertificate? }, retries?, baseDelayMs?, maxDelayMs?, timeoutMs?, referer?,
 *       onProgress?(DownloadProgress), onRetry?, signal? }. HTTP(S)_PROXY / NO_PROXY are honoured.
 *       downloadPackage(pkg, options): Promise<DownloadResult> is the download alone; concurrent calls for one
 *       file in one process share a transfer. DownloadResult = { file, bytes, fromCache, attempts, bytesFetched,
 *       restarts }.
 *
 *   listParts(zipFile, { extractDir? }): Promise<ReleasePart[]>
 *       XML parts in PART order (nested zips extracted beside the package once). ReleasePart = { package, part,
 *       of, entry, bytes, compressedBytes, zipFile, entryName } — one item per part is the fan-out plan.
 *
 *   readPart(part: { zipFile, entryName }, ReadPartOptions?): PartReading
 *   readXml(open: () => Promise<Readable | AsyncIterable<Uint8Array>>, where: string, ReadPartOptions?): PartReading
 *       `for await (const record of reading)` streams DeviceRecords; afterwards `reading.summary` is the
 *       PartSummary { headerCount?, devicesRead, recordsEmitted, rejected, countMatches, repairs, warnings,
 *       strayValues }. ReadPartOptions = { failOnCountMismatch?, onWarning?(line), signal? }.
 *       describeSummary(summary, where): string[] gives the same lines onWarning receives.
 *   readPackage(zipFile, ReadPartOptions & { extractDir? }): AsyncGenerator<{ part, record }>
 *       Every record of every part in order (for small packages: a daily or weekly one).
 *
 *   newPackages(listed, cursor?: { seen: string[] }, firstPoll: 'none' | 'latest' | 'all' = 'none'):
 *       { fresh: ReleasePackage[]; cursor } — for the polling trigger: each package once, the cursor is plain
 *       JSON for static data.
 *
 * Input from an item's binary: write it to a file in the cache folder and use listParts/readPart for a zip, or
 * readXml(async () => createReadStream(file), file) for an XML part. A PartReading is iterated once. Field mapping: see mapping.ts and fields.ts.
 */
import type { DeviceRecord } from '../records';
import type { DownloadOptions, DownloadResult } from './download';
import { downloadPackage } from './download';
import { listParts, readPart, type ReadPartOptions, type ReleasePart } from './package-reader';

export { cachedPackages, defaultCacheDir, n8nUserFolder, CACHE_FOLDER_NAME } from './cache';
export type { CachedPackage } from './cache';
export { cachePaths, DEFAULT_REFERER, downloadPackage } from './download';
export type { DownloadOptions, DownloadProgress, DownloadResult } from './download';
export { UdidReleaseError } from './errors';
export type { ReleaseFailure } from './errors';
export { DEFAULT_RELEASE_BASE_URL, feedUrl, fetchFeed, listPackages, parseFeed } from './feed';
export type { FeedOptions, ListPackagesOptions, ReleasePackage } from './feed';
export { parsePackageName, parsePartName, RELEASE_KINDS } from './names';
export { newPackages } from './release-cursor';
export type { FirstPoll, ReleaseCursor } from './release-cursor';
export type { PackageName, ReleaseKind } from './names';
export { listParts, readPart, readXml } from './package-reader';
export type { ListPartsOptions, PartReading, ReadPartOptions, ReleasePart } from './package-reader';
export type { PartSummary } from './part-parser';
export { describeSummary } from './summary';
export type { RepairCounts } from './text-repair';

export interface PackageOnDisk extends DownloadResult {
	parts: ReleasePart[];
}

/** Makes sure a package is downloaded and verified, and lists its parts (the `getParts` operation). */
export async function ensurePackage(
	pkg: { name: string; link: string },
	options: DownloadOptions,
): Promise<PackageOnDisk> {
	const result = await downloadPackage(pkg, options);
	return { ...result, parts: await listParts(result.file) };
}

/** Every record of every part of a package on disk, part by part in PART order. */
export async function* readPackage(
	zipFile: string,
	options: ReadPartOptions & { extractDir?: string } = {},
): AsyncGenerator<{ part: ReleasePart; record: DeviceRecord }> {
	for (const part of await listParts(zipFile, { extractDir: options.extractDir })) {
		for await (const record of readPart(part, options)) yield { part, record };
	}
}
