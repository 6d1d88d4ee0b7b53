/**
 * The bulk releases (公开数据下载): list the packages, get a package's parts (the fan-out plan), read the records
 * of one part. Keyless: no config node. Finding, downloading, verifying and parsing are the core's; this file
 * maps the form and msg onto it, and its records onto the node's output modes.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, listPackages, readPart } from '../../../nodes/udid/releases';
import type { PartSummary, ReleasePart } from '../../../nodes/udid/releases';
import {
	locatePackage,
	optionalReleaseDay,
	packageNameFrom,
	releaseKindsFrom,
	releaseSiteFrom,
	selectParts,
	type LocatedPackage,
} from '../../../nodes/udid/releases/locate';
import { PAGE_SIZE } from '../../../nodes/udid/paging';
import { shapeRecord } from '../../../nodes/udid/shape';
import type { SyncRow } from '../../../nodes/udid/sync';
import { pick, readMaxHeld, readOutputMode, readShape } from '../params';
import type { Operation, OperationContext } from './types';

/** Records per message in the "one message per page" mode: the API's page size, so flows see the same sizes. */
export const RELEASE_BATCH = PAGE_SIZE;

/** The cache folder option, or `nmpa-udid-releases` in Node-RED's user folder (~/.node-red when unknown). */
export function releaseCacheDir(ctx: OperationContext): string {
	const raw = String(ctx.form.cacheFolder ?? '').trim();
	if (raw === '') return defaultCacheDir(ctx.userDir ?? join(homedir(), '.node-red'));
	return raw === '~' || raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw;
}

function site(ctx: OperationContext) {
	const { form } = ctx;
	return releaseSiteFrom(
		{ baseUrl: form.releaseBaseUrl, legacyTls: form.legacyTls, ignoreCertificate: form.ignoreCertificate },
		'releaseBaseUrl',
	);
}

/** The packages of the chosen feeds that cover a day in [from, to], oldest first; one message each in the list. */
export const releaseList: Operation = async (ctx) => {
	const { form, msg } = ctx;
	const kinds = releaseKindsFrom(pick(form, msg, 'kinds') ?? 'daily', 'kinds');
	const from = optionalReleaseDay(pick(form, msg, 'from'), 'from');
	const to = optionalReleaseDay(pick(form, msg, 'to'), 'to');
	ctx.status.running(`release list: reading ${kinds.join(', ')} feeds`);
	const packages = await listPackages({ kinds, from, to, ...site(ctx), signal: ctx.signal });
	ctx.output.result(packages.map((p) => ({ ...p })));
	return { operation: 'releaseList', kinds, from: from ?? null, to: to ?? null, packages: packages.length };
};

/** The package from the form or msg.package, in the cache or downloaded and verified, with download progress. */
async function locate(ctx: OperationContext): Promise<LocatedPackage> {
	const { name, kind } = packageNameFrom(pick(ctx.form, ctx.msg, 'package'), 'package');
	const link = typeof ctx.msg.link === 'string' ? ctx.msg.link : undefined;
	ctx.status.running(`${name}: looking in the cache`);
	const located = await locatePackage({ name, kind, link }, site(ctx), {
		cacheDir: releaseCacheDir(ctx),
		signal: ctx.signal,
		onProgress: ({ received, total }) => {
			const mb = (n: number) => (n / 1_048_576).toFixed(1);
			const share = total ? ` (${Math.floor((received / total) * 100)} %)` : '';
			ctx.status.throttled(`${name}: downloading ${mb(received)}${total ? ` of ${mb(total)}` : ''} MB${share}`);
		},
		onRetry: ({ attempt, delayMs, error }) =>
			ctx.node.warn(`NMPA UDID: ${error.message}; attempt ${attempt + 1} in ${delayMs} ms`),
	});
	if (!located.disk.fromCache)
		ctx.node.log(`${name} downloaded into ${located.disk.file} (${located.disk.bytes} bytes)`);
	return located;
}

/** One message per part (package, part, of, entry, bytes): a Split-free fan-out plan for Read part. */
export const releaseParts: Operation = async (ctx) => {
	const { name, kind, feed, disk } = await locate(ctx);
	const plan = disk.parts.map((part, i) => ({
		package: name,
		kind,
		part: part.part,
		of: part.of,
		index: i + 1,
		count: disk.parts.length,
		entry: part.entry,
		bytes: part.bytes,
		compressedBytes: part.compressedBytes,
		// the feed states one count per package: it is the part's count only when there is one part
		...(disk.parts.length === 1 && feed?.recordCount !== undefined ? { records: feed.recordCount } : {}),
	}));
	const { payload: _payload, ...rest } = ctx.msg;
	for (const payload of plan) ctx.output.item({ ...rest, package: name, part: payload.entry, payload });
	return { operation: 'releaseParts', package: name, parts: plan.length, fromCache: disk.fromCache, bytes: disk.bytes };
};

interface PartReport {
	entry: string;
	part?: number;
	of?: number;
	headerCount: number | null;
	devicesRead: number;
	recordsEmitted: number;
	countMatches: boolean;
	repairs: PartSummary['repairs'];
	rejected: number;
	strayValues: number;
	warnings: string[];
}

function report(part: ReleasePart, summary: PartSummary, warnings: string[]): PartReport {
	return {
		entry: part.entry,
		part: part.part,
		of: part.of,
		headerCount: summary.headerCount ?? null,
		devicesRead: summary.devicesRead,
		recordsEmitted: summary.recordsEmitted,
		countMatches: summary.countMatches,
		repairs: { ...summary.repairs },
		rejected: summary.rejected.length,
		strayValues: summary.strayValues,
		warnings,
	};
}

/** Repairs summed over the parts read. */
function totalRepairs(parts: PartReport[]): Record<string, number> {
	const total: Record<string, number> = {};
	for (const p of parts) for (const [k, v] of Object.entries(p.repairs)) total[k] = (total[k] ?? 0) + Number(v);
	return total;
}

/**
 * The records of one part (msg.part / the form: a PART number or an entry), or of every part when empty (a small
 * package). Rows go out as they are read, in batches in the page mode; a header count that differs from the
 * records read is a warning and `countMatches: false` in the summary, not a stop (nothing read is lost).
 */
export const releaseRead: Operation = async (ctx) => {
	const { form, msg, output } = ctx;
	const shape = readShape(form);
	const maxHeld = readOutputMode(form) === 'all' ? readMaxHeld(form) : undefined;
	const { name, disk } = await locate(ctx);
	const parts = selectParts(disk.parts, pick(form, msg, 'part'), name, 'part');
	const reports: PartReport[] = [];
	let records = 0;
	for (const part of parts) {
		const warnings: string[] = [];
		const reading = readPart(part, { signal: ctx.signal, onWarning: (line) => warnings.push(line) });
		const at = { package: name, part: part.part, of: part.of, entry: part.entry };
		let batch: SyncRow[] = [];
		let batchNo = 0;
		const flush = () => {
			if (batch.length) output.rows(batch, { ...at, batch: ++batchNo });
			batch = [];
		};
		for await (const read of reading.batches()) {
			for (const record of read) {
				if (maxHeld !== undefined && records >= maxHeld) throw tooMany(maxHeld, name, part);
				records++;
				for (const item of shapeRecord(record, shape)) batch.push(item);
				if (batch.length >= RELEASE_BATCH) flush();
			}
			ctx.status.throttled(`${name} part ${part.part}/${part.of}: ${records} records`);
		}
		flush();
		for (const line of warnings) ctx.node.warn(`NMPA UDID: ${line}`);
		reports.push(report(part, reading.summary, warnings));
	}
	output.finish();
	return {
		operation: 'releaseRead',
		package: name,
		records,
		countMatches: reports.every((r) => r.countMatches),
		repairs: totalRepairs(reports),
		parts: reports,
	};
};

function tooMany(maxHeld: number, pkg: string, part: ReleasePart): Error {
	return new Error(
		`Stopped before running out of memory: more than ${maxHeld} records ("Max records in one message", maxHeld) ` +
			`at ${pkg} ${part.entry}. Read one part per message (Get parts, then Read part with msg.part), or use ` +
			'the output "one message per page".',
	);
}
