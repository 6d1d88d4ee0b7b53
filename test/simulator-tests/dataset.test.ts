import { FIELDS } from '../../nodes/udid/fields';
import { hasValidGs1CheckDigit } from '../../nodes/udid/identifiers/gs1-check';
import { validateUscc } from '../../nodes/udid/identifiers/uscc';
import { Dataset } from '../simulator/dataset';
import { DEFAULT_APP } from '../simulator';

const PAST = () => new Date('2024-06-01T00:00:00Z');
const dataset = (seed = 1, perDay = 3600) => new Dataset({ seed, perDay, now: PAST });

describe('generated data', () => {
	const records = dataset().dayRecords('2024-05-10');

	it('is deterministic under the seed and differs between seeds', () => {
		expect(dataset().dayRecords('2024-05-10')).toEqual(records);
		const other = dataset(2).dayRecords('2024-05-10');
		expect(other[0].deviceRecordKey).not.toBe(records[0].deviceRecordKey);
		expect(other.map((r) => r.ZXXSDYCPBS)).not.toEqual(records.slice(0, other.length).map((r) => r.ZXXSDYCPBS));
	});

	it('holds perDay ±10% records a day, varying between days', () => {
		const counts = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'].map((d) => dataset().dayRecords(d).length);
		for (const count of counts) {
			expect(count).toBeGreaterThanOrEqual(3240);
			expect(count).toBeLessThanOrEqual(3960);
		}
		expect(new Set(counts).size).toBeGreaterThan(1);
	});

	it('has every dictionary field, all values strings, children joined by key', () => {
		const problems: string[] = [];
		for (const record of records) {
			const where = record.deviceRecordKey;
			for (const def of FIELDS.device) if (typeof record[def.code] !== 'string') problems.push(`${where} ${def.code}`);
			if (record.contactList.length < 1 || record.contactList.length > 3) problems.push(`${where} contacts`);
			for (const contact of record.contactList) {
				for (const def of FIELDS.contact)
					if (typeof contact[def.code] !== 'string') problems.push(`${where} contact ${def.code}`);
			}
			for (const table of ['packing', 'storage', 'clinical'] as const) {
				for (const row of record[table]) {
					if (row.deviceRecordKey !== where) problems.push(`${where} ${table} key`);
					for (const def of FIELDS[table])
						if (typeof row[def.code] !== 'string') problems.push(`${where} ${table} ${def.code}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('uses unique 32-hex keys and unique DIs', () => {
		const keys = new Set(records.map((r) => r.deviceRecordKey));
		const dis = new Set(records.map((r) => r.ZXXSDYCPBS));
		expect(keys.size).toBe(records.length);
		expect(dis.size).toBe(records.length);
		for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
		const nextDay = dataset().dayRecords('2024-05-11');
		expect(nextDay.some((r) => keys.has(r.deviceRecordKey) || dis.has(r.ZXXSDYCPBS))).toBe(false);
	});

	it('makes valid GS1 GTIN-14s with Chinese prefixes, about 10% MA codes, and a matching coding system', () => {
		const gs1 = records.filter((r) => r.CPBSBMTXMC === 'GS1');
		const ma = records.filter((r) => r.CPBSBMTXMC === 'MA码（IDcode）');
		expect(gs1.length + ma.length).toBe(records.length);
		expect(ma.length / records.length).toBeGreaterThan(0.03);
		expect(ma.length / records.length).toBeLessThan(0.2);
		const badGs1 = gs1.filter(
			(r) =>
				!/^069\d{11}$/.test(r.ZXXSDYCPBS) ||
				!hasValidGs1CheckDigit(r.ZXXSDYCPBS) ||
				(r.SYDYCPBS !== '' && !hasValidGs1CheckDigit(r.SYDYCPBS as string)),
		);
		expect(badGs1).toEqual([]);
		// 9 item digits and the check digit of the parser's MA implementation (codes.ts maCode)
		expect(ma.filter((r) => !/^MA\.156\.M0\.\d{6}\.0\d{4}YA\d{6}$/.test(r.ZXXSDYCPBS))).toEqual([]);
	});

	it('builds packing hierarchies from the sales unit upwards with valid package DIs', () => {
		const packed = records.filter((r) => r.packing.length > 0 && r.CPBSBMTXMC === 'GS1');
		expect(packed.length).toBeGreaterThan(records.length / 2);
		const problems: string[] = [];
		for (const r of packed) {
			r.packing.forEach((row, i) => {
				if (!hasValidGs1CheckDigit(row.BZCPBS)) problems.push(`${row.BZCPBS} check digit`);
				if (row.BZCPBS[0] !== String(i + 1) || row.BZCPBS.slice(1, 13) !== r.ZXXSDYCPBS.slice(1, 13))
					problems.push(`${row.BZCPBS} level`);
				if (row.BZNHXYJBZCPBS !== (i === 0 ? r.ZXXSDYCPBS : r.packing[i - 1].BZCPBS))
					problems.push(`${row.BZCPBS} contains`);
				if (!(+row.BZNHXYJCPBSSL > 0)) problems.push(`${row.BZCPBS} quantity`);
			});
		}
		expect(problems).toEqual([]);
	});

	it('gives registrants valid credit codes, including the demo app codes', () => {
		expect(records.filter((r) => !validateUscc(r.TYSHXYDM).valid)).toEqual([]);
		for (const code of DEFAULT_APP.creditCodes) expect(validateUscc(code)).toEqual({ valid: true, code });
		const week = ['2024-04-01', '2024-04-02', '2024-04-03'].flatMap((d) => dataset().dayRecords(d));
		expect(week.some((r) => r.TYSHXYDM === DEFAULT_APP.creditCodes[0])).toBe(true);
	});

	it('looks like the real database', () => {
		const names = new Set(records.map((r) => r.CPMCTYMC));
		expect(names.size).toBeGreaterThan(15);
		expect(records.every((r) => /有限公司|公司|株式会社/.test(r.YLQXZCRBARMC))).toBe(true);
		expect(records.every((r) => /^(国械注[准进]|国械备|.械注准|.+械备)\d{8,11}(,.+)?$/.test(r.ZCZBHHZBAPZBH))).toBe(
			true,
		);
		expect(
			records.every((r) => r.YBBM === '' || (r.YBBM as string).split(',').every((code) => /^C\d{26}$/.test(code))),
		).toBe(true);
		expect(records.every((r) => /^\d{2}-\d{2}-\d{2}$|^6840-\d{3}$/.test(r.FLBM as string))).toBe(true);
		expect(records.every((r) => r.versionTime === '2024-05-10' && r.CPBSFBRQ <= '2024-05-10')).toBe(true);
		const versions = records.map((r) => +r.versionNumber);
		expect(versions.filter((v) => v === 1).length / versions.length).toBeGreaterThan(0.7);
		expect(Math.max(...versions)).toBeLessThanOrEqual(5);
		expect(records.every((r) => r.versionStatus === (r.versionNumber === '1' ? '新增' : '更新'))).toBe(true);
		const emails = records.flatMap((r) => r.contactList.map((c) => c.QYLXRYX));
		expect(emails.every((e) => /^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/.test(e))).toBe(true);
		expect(records.some((r) => r.storage.some((s) => s.JLDW === '℃'))).toBe(true);
		expect(records.some((r) => r.clinical.some((c) => c.CCDW === 'mm'))).toBe(true);
	});

	it('rebuilds earlier versions with earlier dates and the same key and DI', () => {
		const ds = dataset();
		const updated = records.find((r) => +r.versionNumber >= 3)!;
		const history = ds.versionsOf(updated.deviceRecordKey);
		expect(history.map((r) => +r.versionNumber)).toEqual(
			[...Array(+updated.versionNumber).keys()].map((i) => +updated.versionNumber - i),
		);
		expect(history[0]).toEqual(updated);
		for (let i = 1; i < history.length; i++) {
			expect(history[i].versionTime < history[i - 1].versionTime).toBe(true);
			expect(history[i].deviceRecordKey).toBe(updated.deviceRecordKey);
			expect(history[i].ZXXSDYCPBS).toBe(updated.ZXXSDYCPBS);
		}
		expect(history[history.length - 1].versionStatus).toBe('新增');
		expect(history[history.length - 1].versionTime).toBe(updated.CPBSFBRQ);
	});

	it('finds any generated DI and key without the day being cached', () => {
		const ds = dataset();
		const sample = records[1234];
		expect(ds.findByDi(sample.ZXXSDYCPBS)).toEqual(sample);
		expect(ds.versionsOf(sample.deviceRecordKey)[0]).toEqual(sample);
		expect(ds.findByDi('06912345678905')).toBeUndefined();
		expect(ds.versionsOf('0123456789abcdef0123456789abcdef')).toEqual([]);
	});
});
