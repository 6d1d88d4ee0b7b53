/**
 * Writes a simulated package to disk with yazl: XML parts of `partSize` records generated lazily (a 1-million-
 * record full release never sits in memory), entries in name order (so PART10 comes before PART2 and a reader
 * has to sort), a monthly package as a zip of daily zips. Content trouble (dirt, a wrong header count) is
 * written into the parts.
 */
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Dataset } from '../dataset';
import type { DeviceRecord } from '../types';
import { dailyPackage, packageCount, type SimPackage } from './catalog';
import { deviceXml, type DirtKind, PART_TAIL, partHead } from './xml';

export interface ContentTrouble {
	/** Each kind goes into every `dirtEvery`-th record of each part (records 1, 1 + dirtEvery, ...). */
	dirt?: DirtKind[];
	dirtEvery?: number;
	/** The first part's header states one record more than it holds. */
	headerMismatch?: boolean;
}

export interface BuildOptions {
	partSize: number;
	trouble: ContentTrouble;
}

const PART_PREFIX = {
	daily: 'UDID_DAY_UPDATE',
	weekly: 'UDID_WEEKLY_UPDATE',
	monthly: 'UDID_DAY_UPDATE',
	full: 'UDID_FULL_DOWNLOAD',
};

/** Records [start, end) of the package's days, in order, one day generated at a time. */
function* recordsBetween(dataset: Dataset, days: string[], start: number, end: number): Generator<DeviceRecord> {
	let offset = 0;
	for (const day of days) {
		if (offset >= end) return;
		const total = dataset.dayList(day).total;
		if (offset + total > start) {
			const records = dataset.dayRecords(day);
			for (let j = Math.max(0, start - offset); j < Math.min(total, end - offset); j++) yield records[j];
		}
		offset += total;
	}
}

export function isDirty(index: number, trouble: ContentTrouble): boolean {
	return !!trouble.dirt?.length && index % (trouble.dirtEvery ?? 50) === 1;
}

/** Part i (1-based) of n: header, `count` records pulled from the shared stream, tail; in ~64 KB pieces. */
async function* partXml(source: Iterator<DeviceRecord>, count: number, headerCount: number, trouble: ContentTrouble) {
	let buffer = partHead(headerCount);
	for (let i = 0; i < count; i++) {
		const next = source.next();
		if (next.done) break;
		buffer += deviceXml(next.value, isDirty(i, trouble) ? trouble.dirt : []);
		if (buffer.length > 32_768) {
			yield Buffer.from(buffer, 'utf8');
			buffer = '';
		}
	}
	yield Buffer.from(buffer + PART_TAIL, 'utf8');
}

export function partCount(records: number, partSize: number): number {
	return Math.max(1, Math.ceil(records / partSize));
}

function partName(pkg: SimPackage, part: number, of: number): string {
	const last =
		pkg.kind === 'full'
			? `${pkg.name.slice(-12, -8)}-${pkg.name.slice(-8, -6)}-${pkg.name.slice(-6, -4)}`
			: pkg.days[pkg.days.length - 1];
	return `${PART_PREFIX[pkg.kind]}_PART${part}_Of_${of}_${last}.xml`;
}

async function writeZip(zip: ZipFile, file: string): Promise<void> {
	mkdirSync(dirname(file), { recursive: true });
	const temp = `${file}.${process.pid}.tmp`;
	const done = pipeline(zip.outputStream, createWriteStream(temp));
	zip.end();
	await done;
	renameSync(temp, file);
}

async function writeXmlPackage(dataset: Dataset, pkg: SimPackage, file: string, options: BuildOptions): Promise<void> {
	const total = packageCount(dataset, pkg);
	const of = partCount(total, options.partSize);
	const zip = new ZipFile();
	const parts = Array.from({ length: of }, (_, i) => ({ part: i + 1, name: partName(pkg, i + 1, of) }));
	// name order puts PART10 before PART2: a reader has to sort by the number, as with real packages
	parts.sort((a, b) => (a.name < b.name ? -1 : 1));
	for (const { part, name } of parts) {
		const start = (part - 1) * options.partSize;
		const end = Math.min(total, start + options.partSize);
		const header = end - start + (part === 1 && options.trouble.headerMismatch ? 1 : 0);
		const xml = partXml(recordsBetween(dataset, pkg.days, start, end), end - start, header, options.trouble);
		// yazl pulls each stream only when it writes that entry, so one part is in memory at a time
		zip.addReadStream(Readable.from(xml), name, { mtime: pkg.published });
	}
	await writeZip(zip, file);
}

/** Writes `pkg` to `file` (through a temporary file); a monthly package embeds the daily zips it writes first. */
export async function writePackage(
	dataset: Dataset,
	pkg: SimPackage,
	file: string,
	options: BuildOptions,
): Promise<void> {
	if (pkg.kind !== 'monthly') return writeXmlPackage(dataset, pkg, file, options);
	const zip = new ZipFile();
	for (const day of pkg.days) {
		const daily = dailyPackage(day);
		const inner = join(`${file}.days`, daily.name);
		await writeXmlPackage(dataset, daily, inner, options);
		zip.addFile(inner, daily.name, { compress: false, mtime: daily.published });
	}
	await writeZip(zip, file);
}
