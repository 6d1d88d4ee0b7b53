import { decodeAnswerBody } from '../../nodes/udid/client/decode';
import { UdidApiError, UdidTransportError } from '../../nodes/udid/client/errors';
import { decodePage } from '../../nodes/udid/client/page';

describe('decodeAnswerBody', () => {
	it('reads plain JSON, a BOM and JSON encoded twice', () => {
		expect(decodeAnswerBody('token', '{"returnCode":1}')).toEqual({ returnCode: 1 });
		expect(decodeAnswerBody('token', '\uFEFF{"returnCode":"1"}')).toEqual({ returnCode: '1' });
		const twice = JSON.stringify(JSON.stringify({ returnCode: 1, accessToken: 'x' }));
		expect(decodeAnswerBody('token', twice)).toEqual({ returnCode: 1, accessToken: 'x' });
		expect(decodeAnswerBody('token', '{\\"returnCode\\":1}')).toEqual({ returnCode: 1 });
	});

	it('turns HTML pages, truncated bodies and empty answers into retryable transport errors', () => {
		const html = () => decodeAnswerBody('sharing', '<!DOCTYPE html><html><body><h1>系统维护中</h1></body></html>');
		expect(html).toThrow(UdidTransportError);
		expect(html).toThrow(/HTML page.*系统维护中/);
		for (const body of ['{"returnCode":1,"dataSet":{"deviceInfo":[{"ZXX', '', '   ']) {
			try {
				decodeAnswerBody('sharing', body);
				throw new Error('did not throw');
			} catch (e) {
				expect(e).toBeInstanceOf(UdidTransportError);
				expect((e as UdidTransportError).retryable).toBe(true);
			}
		}
		expect(() => decodeAnswerBody('sharing', '{"a":1}', 'text/html; charset=utf-8')).toThrow(/HTML/);
		expect(() => decodeAnswerBody('sharing', '[1,2]')).toThrow(/not a JSON object/);
	});
});

describe('decodePage', () => {
	const page = (extra: Record<string, unknown>) => ({
		returnCode: '1',
		returnMsg: 'OK',
		totalPageCount: '2',
		totalRecordCount: '21',
		currentPageNumber: '1',
		...extra,
	});

	it('canonicalises lower-case keys, joins children and tolerates missing child arrays', () => {
		const decoded = decodePage('sharing', {
			...page({}),
			dataset: {
				deviceinfo: [
					{
						devicerecordkey: 'k1',
						versionnumber: '2',
						zxxsdycpbs: '06901234567892',
						contactlist: [{ qylxryx: 'a@b.cn' }],
					},
					{ deviceRecordKey: 'k2', versionNumber: 1, ZXXSDYCPBS: 6901234567885, contactList: null },
				],
				packinginfo: [{ devicerecordkey: 'k1', bzcpbs: '16901234567899', cpbzjb: '盒' }],
				storageInfo: null,
			},
		});
		expect(decoded.totalPageCount).toBe(2);
		expect(decoded.totalRecordCount).toBe(21);
		expect(decoded.records).toHaveLength(2);
		const [k1, k2] = decoded.records;
		expect(k1).toMatchObject({ deviceRecordKey: 'k1', versionNumber: 2, ZXXSDYCPBS: '06901234567892' });
		expect(k1.contactList).toEqual([{ QYLXRYX: 'a@b.cn' }]);
		expect(k1.packingList).toEqual([{ deviceRecordKey: 'k1', BZCPBS: '16901234567899', CPBZJB: '盒' }]);
		expect(k2).toMatchObject({
			ZXXSDYCPBS: '6901234567885',
			contactList: [],
			packingList: [],
			storageList: [],
			clinicalList: [],
		});
	});

	it('keeps unknown fields and reports rows without a key instead of dropping them silently', () => {
		const decoded = decodePage(
			'sharing',
			page({
				dataSet: { deviceInfo: [{ deviceRecordKey: 'k', versionNumber: '1', NEWFIELD: 'x' }, { versionNumber: '1' }] },
			}),
		);
		expect(decoded.records[0].NEWFIELD).toBe('x');
		expect(decoded.rejected).toEqual([{ index: 1, reason: expect.stringContaining('deviceRecordKey') }]);
	});

	it('throws a typed API error for every return code but 1', () => {
		for (const code of [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
			try {
				decodePage('sharing', {
					returnCode: String(code),
					returnMsg: '失败',
					errorCode: 3,
					errorMsg: 'rangeValue格式错误',
				});
				throw new Error('did not throw');
			} catch (e) {
				expect(e).toBeInstanceOf(UdidApiError);
				const err = e as UdidApiError;
				expect(err.returnCode).toBe(code);
				expect(err.errorCode).toBe(3);
				expect(err.retryable).toBe([5, 6, 10].includes(code));
				expect(err.message).toContain(`returnCode ${code}`);
				expect(err.message).toContain('rangeValue格式错误');
			}
		}
	});

	it('rejects an answer without a usable return code', () => {
		expect(() => decodePage('sharing', { returnMsg: 'x' })).toThrow(/no usable returnCode/);
		expect(() => decodePage('sharing', { returnCode: 'abc' })).toThrow(UdidTransportError);
	});
});

describe('joining children when one page holds several versions of a record (D002)', () => {
	it('gives each version the distinct rows of all of them, identical rows once', () => {
		const decoded = decodePage('history', {
			returnCode: 1,
			dataSet: {
				deviceInfo: [
					{ deviceRecordKey: 'k', versionNumber: '2' },
					{ deviceRecordKey: 'k', versionNumber: '1' },
					{ deviceRecordKey: 'other', versionNumber: '1' },
				],
				packingInfo: [
					{ deviceRecordKey: 'k', BZCPBS: '1', BZNHXYJCPBSSL: '10' },
					{ deviceRecordKey: 'k', BZCPBS: '1', BZNHXYJCPBSSL: '10' },
					{ deviceRecordKey: 'k', BZCPBS: '2', BZNHXYJCPBSSL: '20' },
					{ deviceRecordKey: 'other', BZCPBS: '3' },
					{ deviceRecordKey: 'other', BZCPBS: '3' },
				],
			},
		});
		const [v2, v1, other] = decoded.records;
		expect(v2.packingList.map((r) => r.BZCPBS)).toEqual(['1', '2']);
		expect(v1.packingList).toEqual(v2.packingList);
		// a single version keeps its rows as sent, duplicates included
		expect(other.packingList).toHaveLength(2);
	});
});
