/**
 * The release path against the simulated download site: feeds, every package kind (a monthly zip of daily zips
 * too), the whole full release against the simulator's truth, dirt, header count, a truncated zip, Range
 * answered 200, and a download cut at 60 %.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import type { DeviceRecord } from '../../nodes/udid/records';
import { versionKey } from '../../nodes/udid/records';
import {
	downloadPackage,
	ensurePackage,
	listPackages,
	readPackage,
	readPart,
	UdidReleaseError,
	type ReleasePackage,
} from '../../nodes/udid/releases';
import { canonicalTruth } from '../helpers/sync';
import {
	correctionOf,
	DIRT_KINDS,
	repairedDirtyValue,
	startReleaseSite,
	type ReleaseSite,
} from '../simulator/releases';
import type { DeviceRecord as SimRecord } from '../simulator/types';

const NOW = new Date('2026-11-18T04:00:00Z');
let site: ReleaseSite;
let cacheDir: string;
let packages: ReleasePackage[];

beforeAll(async () => {
	site = await startReleaseSite({
		perDay: 30,
		partSize: 16,
		dailyCount: 4,
		monthlyCount: 1,
		weeklyCount: 1,
		now: () => NOW,
	});
	packages = await listPackages({ baseUrl: site.url });
});
afterAll(async () => {
	await site.close();
	await closeSharedDispatchers();
});
beforeEach(() => {
	cacheDir = mkdtempSync(join(tmpdir(), 'udid-releases-test-'));
	site.setTrouble({});
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const byKind = (kind: string) => packages.find((p) => p.kind === kind)!;
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

/** The simulator's record as the files carry it: no BSSJZT (API only), plus the file-only correction fields. */
function expectedFromFile(record: SimRecord): Record<string, unknown> {
	const truth = canonicalTruth(record) as Record<string, unknown>;
	delete truth.BSSJZT;
	const correction = correctionOf(record);
	return { ...truth, ...correction };
}

async function recordsOf(file: string) {
	const out: DeviceRecord[] = [];
	for await (const { record } of readPackage(file)) out.push(record);
	return out;
}

describe('feeds', () => {
	it('lists every kind with dates from the name, a link and the stated record count', () => {
		expect(new Set(packages.map((p) => p.kind))).toEqual(new Set(['daily', 'weekly', 'monthly', 'full']));
		const daily = byKind('daily');
		expect(daily.name).toMatch(/^UDID_DAY_UPDATE_\d{8}\.zip$/);
		expect(daily.startDate).toBe(daily.endDate);
		expect(daily.recordCount).toBe(site.recordsOf(daily.name).length);
		expect(byKind('monthly')).toMatchObject({ startDate: '2026-10-01', endDate: '2026-10-31' });
		expect(byKind('weekly').startDate < byKind('weekly').endDate).toBe(true);
		expect(packages.every((p) => p.published && p.link.startsWith(site.url))).toBe(true);
	});

	it('filters by the days covered and rejects a malformed date naming the parameter', async () => {
		const recent = await listPackages({ baseUrl: site.url, kinds: ['daily'], from: '2026-11-16' });
		expect(recent.map((p) => p.endDate)).toEqual(['2026-11-16', '2026-11-17']);
		await expect(listPackages({ baseUrl: site.url, from: '16.11.2026' })).rejects.toThrow(/"from".*yyyy-MM-dd/);
	});
});

describe('packages', () => {
	it('reads a whole full release equal to the truth record by record, parts in PART order', async () => {
		const full = byKind('full');
		const result = await ensurePackage(full, { cacheDir });
		expect(result.parts.length).toBeGreaterThan(10);
		expect(result.parts.map((p) => p.part)).toEqual(result.parts.map((_, i) => i + 1));
		const truth = site.recordsOf(full.name);
		expect(full.recordCount).toBe(truth.length);
		const read = await recordsOf(result.file);
		expect(read.length).toBe(truth.length);
		for (let i = 0; i < truth.length; i++) expect(read[i]).toEqual(expectedFromFile(truth[i]));
		expect(new Set(read.map(versionKey)).size).toBe(read.length);
	});

	it('reads daily and weekly packages, and a monthly zip of daily zips through its nested zips', async () => {
		for (const kind of ['daily', 'weekly', 'monthly']) {
			const pkg = byKind(kind);
			const { file, parts } = await ensurePackage(pkg, { cacheDir });
			const truth = site.recordsOf(pkg.name);
			const read = await recordsOf(file);
			expect(read.map(versionKey)).toEqual(truth.map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`));
			if (kind === 'monthly') {
				expect(parts.every((p) => /^UDID_DAY_UPDATE_\d{8}\.zip\/.+PART\d+_Of_\d+/.test(p.entry))).toBe(true);
				expect(new Set(parts.map((p) => p.entry.split('/')[0])).size).toBe(31);
			}
			// each zip's parts say how many they are; days of ~30 records in parts of 16 have two (the two-part
			// day that broke collectors expecting one XML per daily zip)
			const container = (entry: string) => entry.slice(0, entry.lastIndexOf('/') + 1);
			for (const part of parts)
				expect(part.of).toBe(parts.filter((p) => container(p.entry) === container(part.entry)).length);
			expect(parts.some((p) => p.of >= 2)).toBe(true);
		}
	});

	it('shares one transfer between concurrent calls for the same package', async () => {
		const pkg = byKind('weekly');
		const before = site.downloads.length;
		const [a, b] = await Promise.all([downloadPackage(pkg, { cacheDir }), downloadPackage(pkg, { cacheDir })]);
		expect(site.downloads.length - before).toBe(1);
		expect(a).toEqual(b);
		expect(a.fromCache).toBe(false);
	});

	it('reads a part from its listing without the zip directory, and refuses a zip replaced since', async () => {
		const [first, second] = packages.filter((p) => p.kind === 'daily');
		const a = await ensurePackage(first, { cacheDir });
		const b = await ensurePackage(second, { cacheDir });
		const part = a.parts[a.parts.length - 1];
		expect(part.zipEntry?.name).toBe(part.entryName);
		const { zipEntry: _location, ...named } = part;
		const keys = async (from: typeof named) => {
			const out: string[] = [];
			for await (const record of readPart(from)) out.push(versionKey(record));
			return out;
		};
		const viaDirectory = await keys(named);
		expect(viaDirectory.length).toBeGreaterThan(0);
		expect(await keys(part)).toEqual(viaDirectory);
		// the other day's zip in its place: the entry is not where the listing says
		copyFileSync(b.file, a.file);
		await expect(keys(part)).rejects.toThrow(/changed since its parts were listed/);
		// without the listing's location the directory is read again, and the part is not in it
		await expect(keys(named)).rejects.toThrow(/is not in .*list the parts again/);
	});

	it('gives the same record a second time from the cache without fetching', async () => {
		const pkg = byKind('daily');
		await downloadPackage(pkg, { cacheDir });
		const requests = site.downloads.length;
		const again = await downloadPackage(pkg, { cacheDir });
		expect(again.fromCache).toBe(true);
		expect(site.downloads.length).toBe(requests);
	});
});

describe('dirt and header count', () => {
	it('repairs and counts each kind of dirt and loses no record or value', async () => {
		site.setTrouble({ dirt: [...DIRT_KINDS], dirtEvery: 5 });
		const pkg = byKind('weekly');
		const { parts } = await ensurePackage(pkg, { cacheDir });
		const truth = site.recordsOf(pkg.name);
		const read: DeviceRecord[] = [];
		const warnings: string[] = [];
		const totals = { controlCharacters: 0, bareAmpersands: 0, htmlEntities: 0, illegalReferences: 0 };
		for (const part of parts) {
			const reading = readPart(part, { onWarning: (line) => warnings.push(line) });
			const before = read.length;
			for await (const record of reading) read.push(record);
			const dirty = Math.ceil((read.length - before - 1) / 5);
			expect(reading.summary.repairs).toMatchObject({
				controlCharacters: 2 * dirty,
				bareAmpersands: dirty,
				htmlEntities: 2 * dirty,
				illegalReferences: 2 * dirty,
			});
			for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += reading.summary.repairs[key];
		}
		expect(read.length).toBe(truth.length);
		let offset = 0;
		for (const part of parts) {
			const count = Math.min(16, truth.length - offset);
			for (let i = 0; i < count; i++) {
				const expected = truth[offset + i].CPMS as string;
				expect(read[offset + i].CPMS).toBe(i % 5 === 1 ? repairedDirtyValue(expected, DIRT_KINDS) : expected);
			}
			offset += count;
			void part;
		}
		expect(totals.bareAmpersands).toBeGreaterThan(0);
		expect(warnings.some((w) => /control characters illegal in XML removed/.test(w) && /bare & kept/.test(w))).toBe(
			true,
		);
	});

	it('reports a header count that disagrees, and fails on it when asked', async () => {
		site.setTrouble({ headerMismatch: true });
		const { parts } = await ensurePackage(byKind('daily'), { cacheDir });
		const first = parts.find((p) => p.part === 1)!;
		const warnings: string[] = [];
		const reading = readPart(first, { onWarning: (line) => warnings.push(line) });
		let count = 0;
		for await (const record of reading) if (record.deviceRecordKey) count++;
		expect(reading.summary).toMatchObject({ countMatches: false, headerCount: count + 1, devicesRead: count });
		expect(warnings.join('\n')).toMatch(
			/header count mismatch: numberRkeyecordXML says \d+, \d+ device records were read/,
		);
		const strict = readPart(first, { failOnCountMismatch: true });
		const kept: DeviceRecord[] = [];
		await expect(
			(async () => {
				for await (const record of strict) kept.push(record);
			})(),
		).rejects.toMatchObject({ failure: 'count' });
		expect(kept.length).toBe(count);
	});
});

describe('downloads in trouble', () => {
	it('a truncated zip is a clear error and leaves no file in the cache', async () => {
		site.setTrouble({ truncateAt: 0.7 });
		const error = await downloadPackage(byKind('full'), { cacheDir, ...fast }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UdidReleaseError);
		expect((error as UdidReleaseError).failure).toBe('zip');
		expect((error as Error).message).toMatch(/not a readable zip.*nothing was kept/);
		expect(readdirSync(cacheDir)).toEqual([]);
	});

	it('resumes a download cut at 60 % without fetching the finished bytes again', async () => {
		const pkg = byKind('full');
		const size = (await import('node:fs')).statSync(await site.packageFile(pkg.name)).size;
		site.setTrouble({ cutAt: 0.6 });
		const progress: number[] = [];
		const result = await downloadPackage(pkg, { cacheDir, ...fast, onProgress: (p) => progress.push(p.received) });
		expect(result.attempts).toBe(2);
		expect(result.restarts).toBe(0);
		expect(result.bytesFetched).toBe(size);
		const [first, second] = site.downloads.slice(-2);
		expect(first.cut).toBe(true);
		expect(second).toMatchObject({ status: 206, range: `bytes=${first.bytesSent}-` });
		expect(first.bytesSent + second.bytesSent).toBe(size);
		expect(progress[progress.length - 1]).toBe(size);
		expect((await recordsOf(result.file)).length).toBe(site.recordsOf(pkg.name).length);
	});

	it('restarts from zero when a Range request is answered 200, and the result is intact', async () => {
		const pkg = byKind('full');
		const size = (await import('node:fs')).statSync(await site.packageFile(pkg.name)).size;
		site.setTrouble({ cutAt: 0.6, ignoreRange: true });
		const result = await downloadPackage(pkg, { cacheDir, ...fast });
		expect(result.restarts).toBe(1);
		expect(site.downloads[site.downloads.length - 1]).toMatchObject({ status: 200, bytesSent: size });
		expect(result.bytesFetched).toBeGreaterThan(size);
		expect(existsSync(`${result.file}.partial`)).toBe(false);
		expect((await recordsOf(result.file)).length).toBe(site.recordsOf(pkg.name).length);
	});
});

describe('stopping early', () => {
	it('a reader that takes one record and stops leaves no file open behind it', async () => {
		// parts of ~2 MB: larger than one read, so the zip's streams are still open when the reader stops
		const big = await startReleaseSite({
			perDay: 1000,
			partSize: 1000,
			dailyCount: 1,
			monthlyCount: 0,
			weeklyCount: 0,
			now: () => NOW,
		});
		try {
			const [daily] = await listPackages({ baseUrl: big.url, kinds: ['daily'] });
			const { parts } = await ensurePackage(daily, { cacheDir });
			const openFiles = () => readdirSync('/proc/self/fd').length;
			const first = async () => {
				for await (const record of readPart(parts[0])) return record;
				return undefined;
			};
			const expected = big.recordsOf(daily.name)[0].deviceRecordKey;
			expect((await first())?.deviceRecordKey).toBe(expected);
			await new Promise((resolve) => setTimeout(resolve, 50));
			const before = openFiles();
			for (let i = 0; i < 30; i++) expect((await first())?.deviceRecordKey).toBe(expected);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(openFiles() - before).toBeLessThan(5);
		} finally {
			await big.close();
		}
	});
});
