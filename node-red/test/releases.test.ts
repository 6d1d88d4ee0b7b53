/** The release operations (no config node) against the simulated download site over real HTTP. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReleaseSite, type ReleaseSite } from '../../test/simulator/releases';
import { helper, loadNode, rowsOf, run, versionKeys, type Msg } from './harness';

const NOW = new Date('2026-11-18T04:00:00Z');
let site: ReleaseSite;
let cacheFolder: string;

beforeAll(async () => {
	site = await startReleaseSite({
		perDay: 30,
		partSize: 16,
		dailyCount: 4,
		monthlyCount: 1,
		weeklyCount: 1,
		now: () => NOW,
	});
});
afterAll(() => site.close());
beforeEach(() => {
	cacheFolder = mkdtempSync(join(tmpdir(), 'nr-udid-releases-'));
	site.setTrouble({});
});
afterEach(async () => {
	await helper.unload();
	rmSync(cacheFolder, { recursive: true, force: true });
});

const siteProps = () => ({ releaseBaseUrl: site.url, cacheFolder });
const dailyNames = () =>
	site
		.packages()
		.filter((p) => p.kind === 'daily')
		.map((p) => p.name);
const simKeys = (name: string, from = 0, to?: number) =>
	site
		.recordsOf(name)
		.slice(from, to)
		.map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`);

describe('nmpa-udid release operations', () => {
	it('lists the packages of the chosen feeds within the dates, from the form or msg', async () => {
		const loaded = await loadNode(undefined, { operation: 'releaseList', ...siteProps() });
		const { summary } = await run(loaded, { kinds: ['daily'], from: '2026-11-16' });
		const listed = loaded.data[0].payload as Msg[];
		expect(listed.map((p) => p.endDate)).toEqual(['2026-11-16', '2026-11-17']);
		expect(listed.every((p) => p.kind === 'daily' && p.link.startsWith(site.url))).toBe(true);
		expect(listed[1].recordCount).toBe(site.recordsOf(listed[1].name).length);
		expect(summary!.payload).toMatchObject({ operation: 'releaseList', kinds: ['daily'], packages: 2 });
		const all = await run(loaded, { kinds: 'daily, weekly, monthly, full' });
		expect(new Set((loaded.data[1].payload as Msg[]).map((p) => p.kind))).toEqual(
			new Set(['daily', 'weekly', 'monthly', 'full']),
		);
		expect(all.summary!.payload.packages).toBe(site.packages().length);
	});

	it('downloads a package into the cache folder and sends one message per part, from the cache the second time', async () => {
		const name = dailyNames()[0];
		const loaded = await loadNode(undefined, { operation: 'releaseParts', ...siteProps() });
		const first = await run(loaded, { package: name });
		const parts = loaded.data.map((m) => m.payload);
		expect(parts.length).toBe(Math.ceil(site.recordsOf(name).length / 16));
		expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1));
		expect(parts.every((p) => p.package === name && p.of === parts.length && p.bytes > 0 && p.entry)).toBe(true);
		expect(loaded.data[0]).toMatchObject({ package: name, part: parts[0].entry });
		expect(first.summary!.payload).toMatchObject({ operation: 'releaseParts', parts: parts.length, fromCache: false });
		const downloads = site.downloads.length;
		const again = await run(loaded, { package: name });
		expect(again.summary!.payload.fromCache).toBe(true);
		expect(site.downloads.length).toBe(downloads);
	});

	it.each(['record', 'page', 'all'])('reads one part equal to the site’s records for it (%s mode)', async (mode) => {
		const name = dailyNames()[1];
		const loaded = await loadNode(undefined, { operation: 'releaseRead', outputMode: mode, ...siteProps() });
		const { summary, caught } = await run(loaded, { package: name, part: 2 });
		expect(caught).toBeUndefined();
		expect(versionKeys(rowsOf(loaded.data))).toEqual(simKeys(name, 16));
		if (mode === 'all') expect(loaded.data.length).toBe(1);
		expect(summary!.payload).toMatchObject({
			operation: 'releaseRead',
			package: name,
			records: simKeys(name, 16).length,
			countMatches: true,
			parts: [{ part: 2, headerCount: simKeys(name, 16).length, countMatches: true }],
		});
	});

	it('reads a package part by part from the messages get parts sends (the fan-out), equal to the site', async () => {
		const name = dailyNames()[0];
		const parts = await loadNode(undefined, { operation: 'releaseParts', ...siteProps() });
		await run(parts, { package: name });
		const plan = parts.data.map(({ _msgid: _id, ...msg }) => msg);
		await helper.unload();
		const reader = await loadNode(undefined, { operation: 'releaseRead', outputMode: 'record', ...siteProps() });
		for (const msg of plan) expect((await run(reader, msg)).caught).toBeUndefined();
		expect(reader.summaries.map((m) => m.payload.parts[0].entry)).toEqual(plan.map((m) => m.payload.entry));
		expect(versionKeys(rowsOf(reader.data))).toEqual(simKeys(name));
	});

	it('reads a whole small package with the shaping options, in batches with where they come from', async () => {
		const name = dailyNames()[2];
		const props = { operation: 'releaseRead', outputMode: 'page', fieldNames: 'english', ...siteProps() };
		const loaded = await loadNode(undefined, props);
		await run(loaded, { package: name });
		expect(loaded.data.map((m) => m.udid.part)).toEqual([1, 2]);
		expect(loaded.data[0].udid).toMatchObject({ package: name, batch: 1, of: 2 });
		const rows = rowsOf(loaded.data);
		expect(rows.length).toBe(site.recordsOf(name).length);
		expect(rows[0]).toHaveProperty('deviceRecordKey');
		expect(Object.keys(rows[0])).not.toContain('ZXXSDYCPBS');
	});

	it('reports the repairs of a dirty part and a header count that differs, keeping every record', async () => {
		site.setTrouble({ dirt: ['ampersand', 'control'], dirtEvery: 5, headerMismatch: true });
		const name = dailyNames()[3];
		const loaded = await loadNode(undefined, { operation: 'releaseRead', outputMode: 'record', ...siteProps() });
		const { summary, caught } = await run(loaded, { package: name, part: '1' });
		expect(caught).toBeUndefined();
		expect(versionKeys(rowsOf(loaded.data))).toEqual(simKeys(name, 0, 16));
		// records 1, 6 and 11 of the part's 16 carry the dirt
		expect(summary!.payload.repairs).toMatchObject({ bareAmpersands: 3, controlCharacters: 6 });
		expect(summary!.payload.countMatches).toBe(false);
		expect(summary!.payload.parts[0]).toMatchObject({ headerCount: 17, devicesRead: 16, countMatches: false });
		expect(summary!.payload.parts[0].warnings.length).toBeGreaterThan(0);
	});

	it('refuses a bad package name or part with an error naming the parameter, and downloads nothing', async () => {
		const loaded = await loadNode(undefined, { operation: 'releaseRead', ...siteProps() });
		const downloads = site.downloads.length;
		const bad = await run(loaded, { package: 'UDID_DAILY_2026.zip' });
		expect(bad.caught!.error.message).toMatch(/Parameter "package": "UDID_DAILY_2026.zip" is not a package name/);
		expect(bad.caught!.error.message).toMatch(/UDID_DAY_UPDATE_20261116\.zip/);
		expect(site.downloads.length).toBe(downloads);
		const noPart = await run(loaded, { package: dailyNames()[0], part: 9 });
		expect(noPart.caught!.error.message).toMatch(/Parameter "part": .* has no part "9" \(it has 2: 1, 2\)/);
		await helper.unload();
		const kinds = await loadNode(undefined, { operation: 'releaseList', ...siteProps() });
		const badKind = await run(kinds, { kinds: 'yearly' });
		expect(badKind.caught!.error.message).toMatch(/Parameter "kinds": "yearly" is not a kind/);
	});

	it('stops a running download when the node is closed, reporting no error', async () => {
		site.setTrouble({});
		const name = site.packages().find((p) => p.kind === 'full')!.name;
		const loaded = await loadNode(undefined, { operation: 'releaseParts', ...siteProps() });
		const outcome = run(loaded, { package: name });
		let settled = false;
		void outcome.then(() => (settled = true));
		await new Promise((r) => setTimeout(r, 20));
		await helper.unload();
		expect(settled).toBe(false);
		expect(loaded.caught).toEqual([]);
		expect(existsSync(join(cacheFolder, name))).toBe(false);
	});
});
