/** The release parameters both shells read, and choosing parts: each bad value names its parameter. */
import type { ReleasePart } from '../../../nodes/udid/releases';
import {
	optionalReleaseDay,
	packageNameFrom,
	releaseKindsFrom,
	releaseSiteFrom,
	selectParts,
} from '../../../nodes/udid/releases/locate';

const part = (n: number, of: number, container = ''): ReleasePart => ({
	package: 'P.zip',
	part: n,
	of,
	entry: `${container}UDID_DAY_UPDATE_PART${n}_Of_${of}_2026-11-16.xml`,
	bytes: 1,
	compressedBytes: 1,
	zipFile: '/c/P.zip',
	entryName: `${container}UDID_DAY_UPDATE_PART${n}_Of_${of}_2026-11-16.xml`,
});

describe('release parameters', () => {
	it('reads a package name from a name, a path or a name without .zip, with its kind', () => {
		expect(packageNameFrom('UDID_DAY_UPDATE_20261116', 'package')).toEqual({
			name: 'UDID_DAY_UPDATE_20261116.zip',
			kind: 'daily',
		});
		expect(packageNameFrom('/tmp/x/UDID_MONTH_UPDATE_202610.zip', 'package').kind).toBe('monthly');
		expect(() => packageNameFrom('', 'package')).toThrow(/Parameter "package": is empty\. Accepted: a package name/);
		expect(() => packageNameFrom('UDID_DAILY_2026.zip', 'Package')).toThrow(
			/Parameter "Package": "UDID_DAILY_2026.zip"/,
		);
	});

	it('reads kinds from a list or text, refusing none and unknown ones', () => {
		expect(releaseKindsFrom('daily, full,daily', 'kinds')).toEqual(['daily', 'full']);
		expect(releaseKindsFrom(['weekly'], 'kinds')).toEqual(['weekly']);
		expect(() => releaseKindsFrom('', 'kinds')).toThrow(/no kind is chosen.*daily, weekly, monthly, full/);
		expect(() => releaseKindsFrom('daily,yearly', 'kinds')).toThrow(/"yearly" is not a kind/);
	});

	it('reads an optional day and a site URL', () => {
		expect(optionalReleaseDay('', 'from')).toBeUndefined();
		expect(optionalReleaseDay('2026-11-16T08:00:00+08:00', 'from')).toBe('2026-11-16');
		expect(() => optionalReleaseDay('16.11.2026', 'to')).toThrow(/Parameter "to".*yyyy-MM-dd/);
		expect(releaseSiteFrom({ baseUrl: 'http://127.0.0.1:8090/', legacyTls: true }, 'url')).toEqual({
			baseUrl: 'http://127.0.0.1:8090',
			http: { legacyTls: true, ignoreCertificate: false },
		});
		expect(() => releaseSiteFrom({ baseUrl: 'udi.nmpa.gov.cn' }, 'releaseBaseUrl')).toThrow(/"releaseBaseUrl"/);
	});
});

describe('selectParts', () => {
	const parts = [part(1, 2), part(2, 2)];

	it('chooses by PART number or entry, every part when empty', () => {
		expect(selectParts(parts, '', 'P.zip', 'part')).toEqual(parts);
		expect(selectParts(parts, 2, 'P.zip', 'part')).toEqual([parts[1]]);
		expect(selectParts(parts, parts[0].entry, 'P.zip', 'part')).toEqual([parts[0]]);
	});

	it('refuses an unknown part listing what there is, and a number two nested zips share', () => {
		expect(() => selectParts(parts, 3, 'P.zip', 'part')).toThrow(/"part": P.zip has no part "3" \(it has 2: 1, 2\)/);
		const nested = [part(1, 1, 'a.zip/'), part(1, 1, 'b.zip/')];
		expect(() => selectParts(nested, '1', 'M.zip', 'part')).toThrow(/M.zip has 2 parts numbered 1/);
		expect(selectParts(nested, nested[1].entry, 'M.zip', 'part')).toEqual([nested[1]]);
	});
});
