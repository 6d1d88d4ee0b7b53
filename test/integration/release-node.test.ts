/**
 * The release resource of the NMPA UDID node in n8n-core's engine against the simulated download site over
 * real HTTP, with no credential: list, getParts, readPart by package and from an input binary (zip and XML),
 * Limit, layouts, dirt, header mismatch, and the credential being optional for this resource only.
 */
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { listPackages, type ReleasePackage } from '../../nodes/udid/releases';
import { openZip } from '../../nodes/udid/releases/zip';
import { NmpaUdid } from '../../nodes/NmpaUdid/NmpaUdid.node';
import { captured } from '../helpers/engine';
import { releaseWorkflow, runRelease } from '../helpers/release-engine';
import { startReleaseSite, type ReleaseSite } from '../simulator/releases';

const NOW = new Date('2026-11-18T04:00:00Z');
let site: ReleaseSite;
let cacheDir: string;
let packages: ReleasePackage[];
const key = (r: { deviceRecordKey?: unknown; versionNumber?: unknown }) =>
	`${String(r.deviceRecordKey)}#${Number(r.versionNumber)}`;

beforeAll(async () => {
	site = await startReleaseSite({
		perDay: 30,
		partSize: 16,
		dailyCount: 3,
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
	cacheDir = mkdtempSync(join(tmpdir(), 'udid-release-node-'));
	site.setTrouble({});
	captured.logs.length = 0;
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const byKind = (kind: string) => packages.find((p) => p.kind === kind)!;
const siteOptions = () => ({ baseUrl: site.url, cacheFolder: cacheDir });

async function getParts(name: string) {
	const result = await runRelease(releaseWorkflow({ operation: 'getParts', package: name, options: siteOptions() }));
	expect(result.error).toBeUndefined();
	return result.output('UDID').map((i) => i.json);
}

describe('credential', () => {
	it('is required for the API resources and hidden for release and barcode', () => {
		const [credential] = new NmpaUdid().description.credentials!;
		expect(credential).toMatchObject({
			name: 'nmpaUdidApi',
			required: true,
			displayOptions: { hide: { resource: ['barcode', 'release'] } },
		});
	});
});

describe('list', () => {
	it('lists the packages of the chosen kinds in a date range, oldest first, without a credential', async () => {
		const result = await runRelease(
			releaseWorkflow({
				operation: 'list',
				kinds: ['daily', 'monthly'],
				from: '2026-10-15',
				to: '2026-11-16',
				options: { baseUrl: site.url },
			}),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('UDID').map((i) => i.json);
		const expected = packages.filter(
			(p) => ['daily', 'monthly'].includes(p.kind) && p.endDate >= '2026-10-15' && p.startDate <= '2026-11-16',
		);
		expect(items.map((i) => i.name)).toEqual(expected.map((p) => p.name));
		expect(items.map((i) => i.kind)).toContain('monthly');
		expect(items[0]).toMatchObject({
			link: expect.stringContaining(site.url),
			recordCount: expect.any(Number),
			startDate: expect.any(String),
		});
	});

	it('rejects a malformed date and no kind, naming the parameter', async () => {
		const bad = await runRelease(
			releaseWorkflow({ operation: 'list', kinds: ['daily'], from: '16.11.2026', options: { baseUrl: site.url } }),
		);
		expect(bad.error?.message).toMatch(/Parameter "From".*yyyy-MM-dd/);
		const none = await runRelease(releaseWorkflow({ operation: 'list', kinds: [], options: { baseUrl: site.url } }));
		expect(none.error?.message).toMatch(/Parameter "Package Kinds": no kind is chosen/);
		const url = await runRelease(
			releaseWorkflow({ operation: 'list', kinds: ['daily'], options: { baseUrl: 'udi.nmpa.gov.cn' } }),
		);
		expect(url.error?.message).toMatch(/Parameter "Download Site URL"/);
	});
});

describe('getParts', () => {
	it('downloads the full release once and emits one item per part in PART order', async () => {
		const full = byKind('full');
		const parts = await getParts(full.name);
		expect(parts.length).toBeGreaterThan(10);
		expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1));
		expect(parts[0]).toMatchObject({
			package: full.name,
			kind: 'full',
			of: parts.length,
			index: 1,
			count: parts.length,
			fromCache: false,
			bytes: expect.any(Number),
		});
		const downloads = site.downloads.length;
		const again = await getParts(full.name);
		expect(again[0].fromCache).toBe(true);
		expect(site.downloads.length).toBe(downloads);
	});

	it('lists a monthly zip of daily zips by entry, and a daily package of one part with its record count', async () => {
		const monthly = await getParts(byKind('monthly').name);
		expect(monthly.every((p) => /^UDID_DAY_UPDATE_\d{8}\.zip\//.test(String(p.entry)))).toBe(true);
		// days of 30 records in parts of 16: the package's count is no part's count
		const twoParts = await getParts(byKind('daily').name);
		expect(twoParts.map((p) => [p.part, p.of, p.records])).toEqual([
			[1, 2, undefined],
			[2, 2, undefined],
		]);
		const single = await startReleaseSite({
			perDay: 30,
			partSize: 100,
			dailyCount: 1,
			weeklyCount: 0,
			monthlyCount: 0,
			fullReleases: [],
			now: () => NOW,
		});
		try {
			const [pkg] = await listPackages({ baseUrl: single.url });
			expect(pkg.recordCount).toBe(single.recordsOf(pkg.name).length);
			const options = { baseUrl: single.url, cacheFolder: join(cacheDir, 'single') };
			const result = await runRelease(releaseWorkflow({ operation: 'getParts', package: pkg.name, options }));
			expect(result.output('UDID').map((i) => [i.json.part, i.json.of, i.json.records])).toEqual([
				[1, 1, pkg.recordCount],
			]);
		} finally {
			await single.close();
		}
	});

	it('names a package that is neither in the feed nor in the cache', async () => {
		const result = await runRelease(
			releaseWorkflow({ operation: 'getParts', package: 'UDID_DAY_UPDATE_20200101', options: siteOptions() }),
		);
		expect(result.error?.message).toMatch(/UDID_DAY_UPDATE_20200101\.zip is not in the daily feed.*Download Link/);
		const bad = await runRelease(releaseWorkflow({ operation: 'getParts', package: 'latest', options: siteOptions() }));
		expect(bad.error?.message).toMatch(/Parameter "Package": "latest" is not a package name/);
	});
});

describe('readPart', () => {
	it("reads every part of the full release one by one into exactly the simulator's versions", async () => {
		const full = byKind('full');
		const parts = await getParts(full.name);
		const inputItems = parts.map((p) => ({ package: p.package, entry: p.entry }));
		const result = await runRelease(
			releaseWorkflow(
				{ operation: 'readPart', package: '={{ $json.package }}', part: '={{ $json.entry }}', options: siteOptions() },
				{ inputItems },
			),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('UDID');
		const truth = site.recordsOf(full.name).map(key);
		expect(items.map((i) => key(i.json))).toEqual(truth);
		expect(new Set(items.map((i) => i.pairedItem && (i.pairedItem as { item: number }).item)).size).toBe(parts.length);
		expect(typeof items[0].json.ZXXSDYCPBS).toBe('string');
	});

	it('reads the parts of nested daily zips in a monthly package by entry, and refuses an ambiguous PART number', async () => {
		const monthly = byKind('monthly');
		const parts = await getParts(monthly.name);
		const read = async (entry: unknown): Promise<string[]> => {
			const result = await runRelease(
				releaseWorkflow({ operation: 'readPart', package: monthly.name, part: String(entry), options: siteOptions() }),
			);
			expect(result.error).toBeUndefined();
			return result.output('UDID').map((i) => key(i.json));
		};
		const first = await read(parts[0].entry);
		const second = await read(parts[1].entry);
		expect(first.length).toBeGreaterThan(0);
		expect(second.length).toBeGreaterThan(0);
		expect([...first, ...second]).toEqual(
			site
				.recordsOf(monthly.name)
				.slice(0, first.length + second.length)
				.map(key),
		);
		const ambiguous = await runRelease(
			releaseWorkflow({ operation: 'readPart', package: monthly.name, part: '1', options: siteOptions() }),
		);
		expect(ambiguous.error?.message).toMatch(/parts numbered 1 \(one per nested daily zip\)/);
	});

	it('honours Limit across parts and the nested and relational layouts', async () => {
		const weekly = byKind('weekly');
		const limited = await runRelease(
			releaseWorkflow({
				operation: 'readPart',
				package: weekly.name,
				returnAll: false,
				limit: 20,
				options: siteOptions(),
			}),
		);
		expect(limited.output('UDID').map((i) => key(i.json))).toEqual(site.recordsOf(weekly.name).slice(0, 20).map(key));
		const nested = await runRelease(
			releaseWorkflow({
				operation: 'readPart',
				package: weekly.name,
				part: '1',
				options: { ...siteOptions(), layout: 'nested', fieldNames: 'english' },
			}),
		);
		const first = nested.output('UDID')[0].json;
		expect(first).toMatchObject({ primaryDi: expect.any(String), packaging: expect.any(Array) });
		const relational = await runRelease(
			releaseWorkflow({
				operation: 'readPart',
				package: weekly.name,
				part: '1',
				returnAll: false,
				limit: 3,
				options: { ...siteOptions(), layout: 'relational' },
			}),
		);
		const tables = new Set(relational.output('UDID').map((i) => i.json.table));
		expect(tables.has('device')).toBe(true);
		expect(relational.output('UDID').filter((i) => i.json.table === 'device')).toHaveLength(3);
	});

	it('reads a zip and an XML part from an input binary', async () => {
		const daily = byKind('daily');
		const zipFile = await site.packageFile(daily.name);
		const fromZip = await runRelease(
			releaseWorkflow(
				{
					operation: 'readPart',
					inputSource: 'binary',
					binaryPropertyName: 'data',
					options: { cacheFolder: cacheDir },
				},
				{ binary: { path: zipFile, fileName: daily.name, mimeType: 'application/zip' } },
			),
		);
		expect(fromZip.error).toBeUndefined();
		expect(fromZip.output('UDID').map((i) => key(i.json))).toEqual(site.recordsOf(daily.name).map(key));
		// the temporary copy of the zip is gone
		expect(readdirSync(join(cacheDir, 'input'))).toEqual([]);

		const zip = await openZip(zipFile);
		const entry = zip.entries.find((e) => /PART1_Of_/.test(e.name))!;
		const xmlFile = join(cacheDir, 'part1.xml');
		await pipeline(await zip.openEntryStream(entry), createWriteStream(xmlFile));
		zip.close();
		// no name, no MIME type: recognised as XML by its first bytes
		const fromXml = await runRelease(
			releaseWorkflow(
				{ operation: 'readPart', inputSource: 'binary', binaryPropertyName: 'data', options: { layout: 'flat' } },
				{ binary: { path: xmlFile } },
			),
		);
		expect(fromXml.error).toBeUndefined();
		expect(fromXml.output('UDID').map((i) => key(i.json))).toEqual(site.recordsOf(daily.name).slice(0, 16).map(key));

		const missing = await runRelease(
			releaseWorkflow(
				{ operation: 'readPart', inputSource: 'binary', binaryPropertyName: 'file', options: {} },
				{ binary: { path: xmlFile } },
			),
		);
		expect(missing.error?.message).toMatch(
			/Parameter "Input Binary Field": the input item has no binary property "file" \(it has data\)/,
		);
	});

	it('returns every record of a dirty part and counts the repairs (log, hint, summary item)', async () => {
		site.setTrouble({ dirt: ['ampersand', 'control', 'htmlEntity', 'illegalRef'], dirtEvery: 4 });
		const daily = byKind('daily');
		const result = await runRelease(
			releaseWorkflow({
				operation: 'readPart',
				package: daily.name,
				part: '1',
				options: { ...siteOptions(), partSummary: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('UDID').map((i) => i.json);
		const summary = items.pop()!;
		expect(items.map(key)).toEqual(site.recordsOf(daily.name).slice(0, 16).map(key));
		expect(summary).toMatchObject({
			partSummary: true,
			package: daily.name,
			part: 1,
			complete: true,
			countMatches: true,
			devicesRead: 16,
			recordsEmitted: 16,
		});
		expect(summary.repairs).toMatchObject({ bareAmpersands: 4, controlCharacters: 8 });
		expect(captured.logs.some((l) => /^warn NMPA UDID Read Part: .*repaired .*bare & kept as &/.test(l))).toBe(true);
	});

	it('fails clearly on a header count mismatch, and keeps the records read with Continue On Fail', async () => {
		site.setTrouble({ headerMismatch: true });
		const daily = byKind('daily');
		const strict = await runRelease(
			releaseWorkflow({ operation: 'readPart', package: daily.name, part: '1', options: siteOptions() }),
		);
		expect(strict.error?.message).toMatch(/header numberRkeyecordXML says 17 records, 16 were read/);
		expect(strict.error?.description).toMatch(/On Header Count Mismatch/);
		const kept = await runRelease(
			releaseWorkflow(
				{ operation: 'readPart', package: daily.name, part: '1', options: siteOptions() },
				{ continueOnFail: true },
			),
		);
		const items = kept.output('UDID').map((i) => i.json);
		expect(items.slice(0, -1).map(key)).toEqual(site.recordsOf(daily.name).slice(0, 16).map(key));
		expect(items[items.length - 1].error).toMatch(/numberRkeyecordXML/);
		const warned = await runRelease(
			releaseWorkflow({
				operation: 'readPart',
				package: daily.name,
				part: '1',
				options: { ...siteOptions(), onCountMismatch: 'warn' },
			}),
		);
		expect(warned.error).toBeUndefined();
		expect(warned.output('UDID')).toHaveLength(16);
	});

	it('fails clearly on a broken zip in an input binary, and on an unknown part', async () => {
		const daily = byKind('daily');
		const broken = join(cacheDir, 'broken.zip');
		const bytes = readFileSync(await site.packageFile(daily.name));
		writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
		const result = await runRelease(
			releaseWorkflow(
				{ operation: 'readPart', inputSource: 'binary', options: { cacheFolder: cacheDir } },
				{ binary: { path: broken, fileName: 'broken.zip' } },
			),
		);
		expect(result.error?.message).toMatch(/is not a readable zip/);
		const unknown = await runRelease(
			releaseWorkflow({ operation: 'readPart', package: daily.name, part: '99', options: siteOptions() }),
		);
		expect(unknown.error?.message).toMatch(/Parameter "Part": .* has no part "99"/);
	});
});
