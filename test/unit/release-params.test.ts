/** The release surface's parameter readers: kinds, dates, the site URL, the cache folder and choosing parts. */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { selectParts } from '../../nodes/NmpaUdid/actions/release/package';
import { cacheDirFrom, kindsFrom, optionalDay, siteSettingsFrom } from '../../nodes/shared/releases';
import type { ReleasePart } from '../../nodes/udid/releases';

const part = (entry: string, n: number, of: number): ReleasePart => ({
	package: 'P.zip',
	part: n,
	of,
	entry,
	bytes: 1,
	compressedBytes: 1,
	zipFile: '/x',
	entryName: entry.replace(/^.*\//, ''),
});

describe('release parameters', () => {
	it('reads kinds and rejects none or an unknown one, naming the parameter', () => {
		expect(kindsFrom(['daily', 'full', 'daily'])).toEqual(['daily', 'full']);
		expect(kindsFrom('weekly, monthly')).toEqual(['weekly', 'monthly']);
		expect(() => kindsFrom([])).toThrow(
			/Parameter "Package Kinds": no kind is chosen\. Accepted: one or more of daily, weekly, monthly, full/,
		);
		expect(() => kindsFrom(['yearly'])).toThrow(/"yearly" is not a kind/);
	});

	it('reads an optional day, cutting a date-time to its day', () => {
		expect(optionalDay('', 'From')).toBeUndefined();
		expect(optionalDay('2026-11-16T08:00:00+08:00', 'From')).toBe('2026-11-16');
		expect(() => optionalDay('2026-13-45', 'To')).toThrow(/Parameter "To": "2026-13-45" is not a date/);
	});

	it('reads the site URL and the TLS switches', () => {
		expect(siteSettingsFrom({})).toEqual({ baseUrl: undefined, http: { legacyTls: false, ignoreCertificate: false } });
		expect(siteSettingsFrom({ baseUrl: 'http://127.0.0.1:8090/', ignoreSslIssues: true }).baseUrl).toBe(
			'http://127.0.0.1:8090',
		);
		expect(() => siteSettingsFrom({ baseUrl: 'ftp://mirror' })).toThrow(/Parameter "Download Site URL"/);
	});

	it('resolves the cache folder like n8n resolves its user folder', () => {
		const saved = process.env.N8N_USER_FOLDER;
		try {
			process.env.N8N_USER_FOLDER = '/data/n8n';
			expect(cacheDirFrom({})).toBe('/data/n8n/.n8n/nmpa-udid-releases');
			delete process.env.N8N_USER_FOLDER;
			expect(cacheDirFrom({})).toBe(join(homedir(), '.n8n', 'nmpa-udid-releases'));
			expect(cacheDirFrom({ cacheFolder: '~/udid' })).toBe(join(homedir(), 'udid'));
			expect(cacheDirFrom({ cacheFolder: '/srv/udid' })).toBe('/srv/udid');
		} finally {
			if (saved === undefined) delete process.env.N8N_USER_FOLDER;
			else process.env.N8N_USER_FOLDER = saved;
		}
	});

	it('chooses parts by entry or PART number, and explains an ambiguous or unknown one', () => {
		const parts = [
			part('D1.zip/A_PART1_Of_2.xml', 1, 2),
			part('D1.zip/A_PART2_Of_2.xml', 2, 2),
			part('D2.zip/B_PART1_Of_1.xml', 1, 1),
		];
		expect(selectParts(parts, '', 'P.zip')).toHaveLength(3);
		expect(selectParts(parts, '2', 'P.zip')).toEqual([parts[1]]);
		expect(selectParts(parts, 'D2.zip/B_PART1_Of_1.xml', 'P.zip')).toEqual([parts[2]]);
		expect(() => selectParts(parts, '1', 'P.zip')).toThrow(
			/P\.zip has 2 parts numbered 1 \(one per nested daily zip\)/,
		);
		expect(() => selectParts(parts, '7', 'P.zip')).toThrow(
			/Parameter "Part": P\.zip has no part "7" \(it has 3: 1, 2, 1\)/,
		);
	});

	it('keeps the Release Trigger free of imports from the action node (shared glue lives in nodes/shared)', () => {
		const dir = join(__dirname, '..', '..', 'nodes', 'NmpaUdidReleaseTrigger');
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
			expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/from '\.\.\/NmpaUdid\//);
		}
	});
});
