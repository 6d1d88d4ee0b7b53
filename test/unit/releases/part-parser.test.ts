import type { DeviceRecord } from '../../../nodes/udid/records';
import { parsePackageName, parsePartName } from '../../../nodes/udid/releases';
import { PartRecordParser } from '../../../nodes/udid/releases/part-parser';
import { FILE_DEVICE_FIELDS } from '../../../nodes/udid/releases/mapping';
import { newFileRecord } from '../../../nodes/udid/releases/record-layout';
import { decodeText, emptyRepairs } from '../../../nodes/udid/releases/text-repair';

const PART = `<?xml version="1.0" encoding="UTF-8"?>
<udid><header><numberRkeyecordXML>2</numberRkeyecordXML></header>
<devices><device>
  <deviceRecordKey>k1</deviceRecordKey><versionNumber>2</versionNumber><versionTime>2025-08-22</versionTime>
  <versionStauts>变更</versionStauts><zxxsdycpbs>06901234567892</zxxsdycpbs><sfyzcbayz>是</sfyzcbayz>
  <qxlb>体外诊断试剂</qxlb><cplb>设备</cplb><bszt>一维码,二维码</bszt><cpms><![CDATA[a < b & c]]></cpms>
  <correctionNumber>1</correctionNumber><spmc/>
  <packingList><packing><bzcpbs>1690</bzcpbs><cpbzjb>箱</cpbzjb><bznhxyjcpbssl>10</bznhxyjcpbssl></packing></packingList>
  <contactList><contact><qylxrdh>010-1</qylxrdh></contact><contact><qylxrdh>010-2</qylxrdh></contact></contactList>
</device><device><deviceRecordKey>k2</deviceRecordKey><versionNumber>1</versionNumber><qxlb>器具</qxlb>
  <sfwwjbz>否</sfwwjbz><newTag>x</newTag></device></devices></udid>`;

function parse(xml: string, chunk = xml.length) {
	const records: DeviceRecord[] = [];
	const parser = new PartRecordParser((r) => records.push(r));
	for (let i = 0; i < xml.length; i += chunk) parser.write(xml.slice(i, i + chunk));
	return { records, summary: parser.end() };
}

describe('part parser', () => {
	it('maps file tags and labels to the API codes through the dictionary', () => {
		const { records, summary } = parse(PART);
		expect(records[0]).toMatchObject({
			deviceRecordKey: 'k1',
			versionNumber: 2,
			versionStatus: '变更',
			ZXXSDYCPBS: '06901234567892',
			SFYZCBAYZ: '1',
			CPLX: '2',
			HCHZSB: '1',
			BSZT: '1,2',
			CPMS: 'a < b & c',
			SPMC: '',
			correctionNumber: '1',
			packingList: [{ BZCPBS: '1690', CPBZJB: '箱', BZNHXYJCPBSSL: '10', deviceRecordKey: 'k1' }],
			contactList: [{ QYLXRDH: '010-1' }, { QYLXRDH: '010-2' }],
			storageList: [],
		});
		expect(records[1]).toMatchObject({ SFWWJBZ: '0', CPLX: '器具', newTag: 'x' });
		expect([...summary.warnings.unknownLabels]).toEqual([['CPLX: 器具', 1]]);
		expect([...summary.warnings.unknownTags]).toEqual([['newTag', 1]]);
		expect(summary).toMatchObject({ headerCount: 2, devicesRead: 2, countMatches: true });
	});

	it('gives the same records whatever the chunk boundaries', () => {
		const whole = parse(PART).records;
		for (const size of [1, 2, 3, 7, 64]) expect(parse(PART, size).records).toEqual(whole);
	});

	it('gives the same records and repairs for random chunkings of a larger part with long values and dirt', () => {
		const long = '长'.repeat(3000) + '&amp;' + 'x'.repeat(5000);
		const devices = Array.from(
			{ length: 40 },
			(_, i) =>
				`<device><deviceRecordKey>k${i}</deviceRecordKey><versionNumber>${i}</versionNumber>` +
				`<cpms>${i % 7 === 0 ? long : `描述 ${i} &nbsp; a&b`}</cpms><spmc/><qxlb>器械</qxlb>` +
				`<ggxh><![CDATA[<${i}>]]></ggxh><packingList><packing><bzcpbs>${i}</bzcpbs></packing></packingList>` +
				`<contactList><contact><qylxrdh>0${i}</qylxrdh></contact></contactList></device>\n`,
		);
		const xml = `<udid><header><numberRkeyecordXML>40</numberRkeyecordXML></header><devices>\n${devices.join('')}</devices></udid>`;
		const whole = parse(xml);
		expect(whole.records).toHaveLength(40);
		expect(whole.records[7].CPMS).toBe('长'.repeat(3000) + '&' + 'x'.repeat(5000));
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 20; round++) {
			const records: DeviceRecord[] = [];
			const parser = new PartRecordParser((r) => records.push(r));
			for (let at = 0; at < xml.length;) {
				const size = 1 + Math.floor(random() * (round < 10 ? 40 : 20_000));
				parser.write(xml.slice(at, at + size));
				at += size;
			}
			const summary = parser.end();
			expect(records).toEqual(whole.records);
			expect(summary).toEqual(whole.summary);
		}
	});

	it('gives the same records when a cut falls where a row starts and its first value runs past the next kilobyte', () => {
		const long = 'v'.repeat(5000);
		const xml =
			'<udid><devices><device><deviceRecordKey>k</deviceRecordKey><versionNumber>1</versionNumber>' +
			`<packingList><packing><bzcpbs>${long}</bzcpbs><cpbzjb>盒</cpbzjb></packing></packingList></device></devices></udid>`;
		const whole = parse(xml).records;
		expect(whole[0].packingList[0].BZCPBS).toBe(long);
		const at = xml.indexOf('<packing>');
		for (let cut = at; cut < at + 20; cut++) {
			const records: DeviceRecord[] = [];
			const parser = new PartRecordParser((r) => records.push(r));
			parser.write(xml.slice(0, cut));
			parser.write(xml.slice(cut));
			parser.end();
			expect(records).toEqual(whole);
		}
	});

	it('keeps absent fields absent after the first device set the layout, duplicates and unknown tags included', () => {
		const device = (body: string) => `<device>${body}<packingList/></device>`;
		const xml = `<udid><devices>${[
			device('<deviceRecordKey>a</deviceRecordKey><versionNumber>1</versionNumber><spmc>S</spmc><ggxh>G</ggxh>'),
			device('<deviceRecordKey>b</deviceRecordKey><versionNumber>2</versionNumber><ggxh>G2</ggxh>'),
			device('<deviceRecordKey>c</deviceRecordKey><versionNumber>3</versionNumber><ggxh>1</ggxh><ggxh>2</ggxh>'),
			device('<versionNumber>4</versionNumber><deviceRecordKey>d</deviceRecordKey><extra>x</extra><spmc/><ggxh/>'),
		].join('')}</devices></udid>`;
		const lists = { contactList: [], packingList: [], storageList: [], clinicalList: [] };
		const { records } = parse(xml);
		expect(records).toEqual([
			{ deviceRecordKey: 'a', versionNumber: 1, SPMC: 'S', GGXH: 'G', ...lists },
			{ deviceRecordKey: 'b', versionNumber: 2, GGXH: 'G2', ...lists },
			{ deviceRecordKey: 'c', versionNumber: 3, GGXH: '2', ...lists },
			{ deviceRecordKey: 'd', versionNumber: 4, SPMC: '', GGXH: '', extra: 'x', ...lists },
		]);
		for (const record of records) expect(Object.values(record)).not.toContain(undefined);
		expect(Object.keys(records[1])).toEqual(['deviceRecordKey', 'versionNumber', 'GGXH', ...Object.keys(lists)]);
		// a first device with a tag the dictionary does not know: no layout, same records
		const unknownFirst = xml.replace('<spmc>S</spmc>', '<spmc>S</spmc><odd>o</odd>');
		expect(parse(unknownFirst).records).toEqual([{ ...records[0], odd: 'o' }, ...records.slice(1)]);
	});

	it('builds records with every key the files carry, in the dictionary order, and keeps absent fields absent', () => {
		const tags = FILE_DEVICE_FIELDS.map((f) => f.code);
		expect(Object.keys(newFileRecord())).toEqual([
			...tags,
			'contactList',
			'packingList',
			'storageList',
			'clinicalList',
		]);
		const full = (key: string, skip = '') =>
			`<device>${tags
				.filter((tag) => tag !== skip)
				.map((tag) => `<${tag}>${tag === 'deviceRecordKey' ? key : tag === 'versionNumber' ? '1' : 'v'}</${tag}>`)
				.join('')}<packingList/></device>`;
		const xml = `<udid><devices>${full('a')}${full('b', 'GGXH')}${full('c').replace('<SPMC>v</SPMC>', '<SPMC>1</SPMC><SPMC>2</SPMC><odd>o</odd>').replace('<CPMS>v</CPMS>', '')}</devices></udid>`;
		const { records } = parse(xml);
		expect(records).toHaveLength(3);
		for (const record of records) expect(Object.values(record)).not.toContain(undefined);
		expect(Object.keys(records[0])).toEqual(Object.keys(newFileRecord()));
		expect(records[1]).not.toHaveProperty('GGXH');
		expect(Object.keys(records[1])).toHaveLength(tags.length - 1 + 4);
		expect(records[2]).toMatchObject({ SPMC: '2', odd: 'o' });
		expect(records[2]).not.toHaveProperty('CPMS');
	});

	it('reports a header count that differs and a device without a key, never dropping either silently', () => {
		const xml = PART.replace('<numberRkeyecordXML>2', '<numberRkeyecordXML>5').replace(
			'<deviceRecordKey>k2</deviceRecordKey>',
			'',
		);
		const { records, summary } = parse(xml);
		expect(records.map((r) => r.deviceRecordKey)).toEqual(['k1']);
		expect(summary).toMatchObject({ headerCount: 5, devicesRead: 2, recordsEmitted: 1, countMatches: false });
		expect(summary.rejected).toEqual([{ index: 1, reason: 'no deviceRecordKey' }]);
	});

	it('closes mismatched tags and counts it', () => {
		const { records, summary } = parse(
			'<udid><devices><device><deviceRecordKey>k</deviceRecordKey><versionNumber>1</versionNumber><cpms>x</device></devices></udid>',
		);
		expect(records).toHaveLength(1);
		expect(summary.repairs.mismatchedTags).toBe(1);
	});
});

describe('text repair', () => {
	it.each([
		['a\u0001b\u001fc', 'abc', 'controlCharacters', 2],
		['A & B', 'A & B', 'bareAmpersands', 1],
		['1&nbsp;2&middot;3', '1\u00a02\u00b73', 'htmlEntities', 2],
		['x&#1;y&#xFFFE;z&#x41;', 'xyzA', 'illegalReferences', 2],
		['&bogus;', '&bogus;', 'unknownEntities', 1],
		['&amp;&lt;&gt;&quot;&apos;', '&<>"\'', 'bareAmpersands', 0],
	] as const)('%j → %j', (raw, value, counter, count) => {
		const counts = emptyRepairs();
		expect(decodeText(raw, counts)).toBe(value);
		expect(counts[counter]).toBe(count);
	});
});

describe('names', () => {
	it('reads kind and dates from package names and PART numbers from entries', () => {
		expect(parsePackageName('UDID_DAY_UPDATE_20260916.zip')).toEqual({
			kind: 'daily',
			startDate: '2026-09-16',
			endDate: '2026-09-16',
		});
		expect(parsePackageName('UDID_WEEKLY_UPDATE_20260105_20260111.zip')).toMatchObject({
			kind: 'weekly',
			endDate: '2026-01-11',
		});
		expect(parsePackageName('UDID_MONTH_UPDATE_202602.zip')).toEqual({
			kind: 'monthly',
			startDate: '2026-02-01',
			endDate: '2026-02-28',
		});
		expect(parsePackageName('UDID_FULL_RELEASE_20260501.zip')).toMatchObject({ kind: 'full', startDate: '2026-05-01' });
		expect(parsePackageName('report.zip')).toBeUndefined();
		expect(parsePartName('UDID_FULL_DOWNLOAD_PART26_Of_1136_2026-05-01.xml')).toEqual({ part: 26, of: 1136 });
	});
});
