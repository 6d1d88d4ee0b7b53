/**
 * A record read from a package and the same version from D001 (the API simulator, same seed) give equal values
 * for every field both carry, in every layout and field naming, with and without decoding and normalising.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UdidClient } from '../../nodes/udid/client/client';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { TokenCache } from '../../nodes/udid/client/token-cache';
import type { DeviceRecord } from '../../nodes/udid/records';
import { versionKey } from '../../nodes/udid/records';
import { ensurePackage, listPackages, readPackage } from '../../nodes/udid/releases';
import { shapeRecord, type FieldNaming, type Layout, type Shaped } from '../../nodes/udid/shape';
import { syncAll } from '../helpers/sync';
import { DEFAULT_APP, startSimulator, type Simulator } from '../simulator';
import { startReleaseSite, type ReleaseSite } from '../simulator/releases';

const NOW = new Date('2026-11-18T04:00:00Z');
let sim: Simulator;
let site: ReleaseSite;
let cacheDir: string;
let fromFile: DeviceRecord[];
/** The package's records afresh: like D001's, they are shaped once (the default flat layout makes each its item). */
let fileDay: () => Promise<DeviceRecord[]>;
let fromApi: Map<string, DeviceRecord>;
/** D001's day afresh: decoded records are shaped once (the default flat layout turns one into its item). */
let apiDay: () => Promise<Map<string, DeviceRecord>>;

beforeAll(async () => {
	sim = await startSimulator({ seed: 7, perDay: 40, now: () => NOW });
	site = await startReleaseSite({ seed: 7, perDay: 40, partSize: 25, dailyCount: 2, now: () => NOW });
	cacheDir = mkdtempSync(join(tmpdir(), 'udid-releases-api-'));
	const [daily] = await listPackages({ baseUrl: site.url, kinds: ['daily'], from: '2026-11-16', to: '2026-11-16' });
	const { file } = await ensurePackage(daily, { cacheDir });
	fileDay = async () => {
		const records: DeviceRecord[] = [];
		for await (const { record } of readPackage(file)) records.push(record);
		return records;
	};
	fromFile = await fileDay();
	const client = new UdidClient({
		baseUrl: sim.url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
		timeoutMs: 5_000,
		retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 },
	});
	apiDay = async () => {
		const api = await syncAll(client, { requestType: 'day', rangeValue: '2026-11-16' });
		return new Map(api.map((r) => [versionKey(r), r]));
	};
	fromApi = await apiDay();
});
afterAll(async () => {
	await Promise.all([sim?.close(), site?.close()]);
	await closeSharedDispatchers();
	rmSync(cacheDir, { recursive: true, force: true });
});

/** JSON list columns (flat layout) compare as data: key order inside a child row is not a difference. */
function comparable(value: unknown): unknown {
	if (typeof value === 'string' && value.startsWith('[')) {
		try {
			return JSON.parse(value);
		} catch {
			return value;
		}
	}
	return value;
}

function commonFieldsDiffer(a: Shaped, b: Shaped): string[] {
	const diffs: string[] = [];
	for (const key of Object.keys(a)) {
		if (!(key in b)) continue;
		if (JSON.stringify(sortKeys(comparable(a[key]))) !== JSON.stringify(sortKeys(comparable(b[key])))) diffs.push(key);
	}
	return diffs;
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value)
				.sort(([x], [y]) => (x < y ? -1 : 1))
				.map(([k, v]) => [k, sortKeys(v)]),
		);
	return value;
}

it('reads the same versions as D001 for the day', () => {
	expect(fromFile.length).toBeGreaterThan(30);
	expect(fromFile.map(versionKey).sort()).toEqual([...fromApi.keys()].sort());
});

it('shapes package records in place once, like decoded API pages; other shapes copy and leave the record', async () => {
	const flat = { layout: 'flat', fieldNames: 'code', decodeValues: false, normalizeTypes: false } as const;
	const [record] = (await fileDay()).filter((r) => r.packingList.length > 0);
	const before = JSON.stringify(record);
	const [english] = shapeRecord(record, { ...flat, fieldNames: 'english' });
	expect(english).not.toBe(record);
	expect(JSON.stringify(record)).toBe(before);
	const [item] = shapeRecord(record, flat);
	expect(item).toBe(record as unknown);
	expect(typeof item.packingList).toBe('string');
	expect(() => shapeRecord(record, flat)).toThrow(/already turned into its item/);
});

const layouts: Layout[] = ['flat', 'nested', 'relational'];
const namings: FieldNaming[] = ['code', 'english', 'chinese'];
describe.each(layouts)('%s layout', (layout) => {
	it.each(namings)(
		'%s names: equal values for every field both carry, raw and decoded+normalised',
		async (fieldNames) => {
			let compared = 0;
			for (const options of [
				{ layout, fieldNames, decodeValues: false, normalizeTypes: false },
				{ layout, fieldNames, decodeValues: true, normalizeTypes: true },
			]) {
				const api = await apiDay();
				for (const record of await fileDay()) {
					const fileItems = shapeRecord(record, options);
					const apiItems = shapeRecord(api.get(versionKey(record))!, options);
					expect(fileItems.length).toBe(apiItems.length);
					fileItems.forEach((item, i) => {
						expect(commonFieldsDiffer(item, apiItems[i])).toEqual([]);
						compared += Object.keys(item).filter((k) => k in apiItems[i]).length;
					});
				}
			}
			// every field but the API-only BSSJZT (and its label) is carried by both
			expect(compared).toBeGreaterThan(fromFile.length * 40);
		},
	);
});
