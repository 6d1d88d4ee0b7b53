import { decodeAnswerBody } from '../../nodes/udid/client/decode';
import { decodePage } from '../../nodes/udid/client/page';
import { markShapeableInPlace, type DeviceRecord } from '../../nodes/udid/records';
import { DEFAULT_SHAPE, shapeRecord, toFlatItem } from '../../nodes/udid/shape';
import { encodeAnswer, pageAnswer } from '../simulator/answers';
import { Dataset } from '../simulator/dataset';
import type { AnswerVariant } from '../simulator/types';

const dataset = new Dataset({ seed: 7, perDay: 400, now: () => new Date('2026-11-28T04:00:00Z') });
const day = dataset.dayRecords('2026-11-20');

const decode = (body: string) => decodePage('sharing', decodeAnswerBody('sharing', body));

/** The same answer decoded twice: the flat item made in place must equal the one copied field by field. */
function bothWays(body: string) {
	const copied = decode(body).records.map((r) => toFlatItem(r, DEFAULT_SHAPE));
	const inPlace = decode(body).records.map((r) => shapeRecord(r, DEFAULT_SHAPE)[0]);
	return { copied, inPlace };
}

describe('the flat item made in place from a decoded record', () => {
	it.each<[string, AnswerVariant]>([
		['as sent', {}],
		['lower-case keys, string codes', { lowerCaseKeys: true, stringCodes: true }],
	])('equals the copied item for every record of a day (%s)', (_name, variant) => {
		for (let from = 0; from < day.length; from += 20) {
			const body = encodeAnswer(pageAnswer(day.slice(from, from + 20), day.length, 1 + from / 20, 20), variant, false);
			const { copied, inPlace } = bothWays(body);
			expect(inPlace).toEqual(copied);
			inPlace.forEach((item, i) => expect(new Set(Object.keys(item))).toEqual(new Set(Object.keys(copied[i]))));
			expect(JSON.parse(JSON.stringify(inPlace))).toEqual(copied);
		}
	});

	it('equals the copied item when several versions of a record share child rows (D002)', () => {
		const withChildren = day.filter((r) => r.packing.length + r.storage.length + r.clinical.length > 0).slice(0, 3);
		const versions = withChildren.flatMap((r) => [r, { ...r, versionNumber: String(Number(r.versionNumber) + 1) }]);
		const { copied, inPlace } = bothWays(encodeAnswer(pageAnswer(versions, versions.length, 1, 20), {}, false));
		expect(inPlace).toEqual(copied);
		expect(inPlace[0].packingList).toBe(inPlace[1].packingList);
	});

	it('keeps text that looks like a key inside values, and falls back to copying for odd rows', () => {
		const answer = {
			returnCode: 1,
			totalPageCount: 1,
			totalRecordCount: 2,
			dataSet: {
				deviceInfo: [
					{
						deviceRecordKey: 'k1',
						versionNumber: '1',
						CPMCTYMC: '{"deviceRecordKey":"k1",x',
						contactList: [{ QYLXRYX: 'a@b.cn', deviceRecordKey: 'c' }],
					},
					{ deviceRecordKey: 'k2', versionNumber: 2, NEWOBJECT: { a: 1 }, contactList: null },
				],
				packingInfo: [
					{ deviceRecordKey: 'k1', BZCPBS: '{"deviceRecordKey":"k1",', CPBZJB: '盒' },
					{ BZCPBS: '2', deviceRecordKey: 'k1' },
					{ deviceRecordKey: 'k1', NESTED: { deviceRecordKey: 'k1' } },
				],
			},
		};
		const body = JSON.stringify(answer);
		const { copied, inPlace } = bothWays(body);
		expect(inPlace).toEqual(copied);
		expect(JSON.parse(inPlace[0].packingList as string)).toEqual([
			{ BZCPBS: '{"deviceRecordKey":"k1",', CPBZJB: '盒' },
			{ BZCPBS: '2' },
			{},
		]);
		expect(inPlace[1]).not.toHaveProperty('NEWOBJECT');
	});

	it('writes the JSON of child rows exactly as JSON.stringify of the copied rows, whatever they hold', () => {
		const odd = [
			'say "hi"',
			'back\\slash',
			'tab\tnew\nline\u0001',
			'lone \ud800 surrogate',
			'emoji 😀',
			'sep \u2028',
			'中文',
		];
		const record = (): DeviceRecord => ({
			deviceRecordKey: 'k"1',
			versionNumber: 3,
			CPMS: odd.join('|'),
			contactList: [{ QYLXRYX: odd[0], QYLXRDH: '' }, {}],
			packingList: odd.map((text, i) => ({ deviceRecordKey: 'k"1', BZCPBS: text, CPBZJB: String(i) })),
			storageList: [
				{ ZDZ: 5 as unknown as string, ZGZ: null as unknown as string, deviceRecordKey: 'k"1', 'odd"key': 'x' },
				{ deviceRecordKey: 'k"1' },
				{ versionNumber: '7', JLDW: undefined as unknown as string, NESTED: { a: 1 } as unknown as string },
			],
			clinicalList: [],
		});
		const marked = record();
		markShapeableInPlace(marked);
		const inPlace = shapeRecord(marked, DEFAULT_SHAPE)[0];
		expect(inPlace).toBe(marked as unknown);
		expect(inPlace).toEqual(toFlatItem(record(), DEFAULT_SHAPE));
	});

	it('shapes a decoded record once; records built by hand are never changed', () => {
		const [record] = decode(encodeAnswer(pageAnswer(day.slice(0, 1), 1, 1, 20), {}, false)).records;
		shapeRecord(record, DEFAULT_SHAPE);
		expect(() => shapeRecord(record, DEFAULT_SHAPE)).toThrow(/already turned into its item/);
		const byHand: DeviceRecord = {
			deviceRecordKey: 'h',
			versionNumber: 1,
			ZXXSDYCPBS: '1',
			contactList: [],
			packingList: [],
			storageList: [],
			clinicalList: [],
		};
		const first = shapeRecord(byHand, DEFAULT_SHAPE)[0];
		expect(shapeRecord(byHand, DEFAULT_SHAPE)[0]).toEqual(first);
		expect(first).not.toBe(byHand);
		expect(byHand.packingList).toEqual([]);
	});

	it('other layouts and names still copy: the decoded record stays usable', () => {
		const [record] = decode(encodeAnswer(pageAnswer(day.slice(0, 1), 1, 1, 20), {}, false)).records;
		const english = shapeRecord(record, { ...DEFAULT_SHAPE, fieldNames: 'english' })[0];
		expect(english).not.toBe(record);
		expect(Array.isArray(record.packingList)).toBe(true);
		expect(shapeRecord(record, DEFAULT_SHAPE)[0]).toBe(record as unknown);
	});
});
