import { FIELDS } from '../../nodes/udid/fields';
import type { DeviceRecord } from '../../nodes/udid/records';
import type { ShapeOptions } from '../../nodes/udid/shape';
import { DEFAULT_SHAPE, shapeRecord } from '../../nodes/udid/shape';

const record: DeviceRecord = {
	deviceRecordKey: 'k1',
	versionNumber: 2,
	versionTime: '2026-11-27',
	ZXXSDYCPBS: '06901234567892',
	CPMCTYMC: '一次性使用无菌注射器',
	CPLX: '1',
	HCHZSB: '0',
	BSZT: '1,2',
	CGZMRAQXGXX: '3',
	SFWWJBZ: '1',
	ZDCFSYCS: '0',
	CPBSFBRQ: '2026/11/7',
	TSRQ: '',
	contactList: [
		{ QYLXRYX: 'a@x.cn', QYLXRDH: '021-1' },
		{ QYLXRYX: 'b@x.cn', QYLXRDH: '021-2' },
	],
	packingList: [
		{
			deviceRecordKey: 'k1',
			BZCPBS: '16901234567899',
			BZNHXYJBZCPBS: '06901234567892',
			BZNHXYJCPBSSL: '10',
			CPBZJB: '盒',
		},
	],
	storageList: [{ deviceRecordKey: 'k1', CCHCZTJ: '温度', ZDZ: '2', ZGZ: '30', JLDW: '℃' }],
	clinicalList: [],
};
const opts = (o: Partial<ShapeOptions>): ShapeOptions => ({ ...DEFAULT_SHAPE, ...o });
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

describe('shapeRecord', () => {
	it('flat: every value a scalar, child lists as JSON plus readable columns, keys always present', () => {
		for (const fieldNames of ['code', 'english', 'chinese'] as const) {
			const [item] = shapeRecord(record, opts({ fieldNames }));
			expect(Object.values(item).every(isScalar)).toBe(true);
			expect(item.deviceRecordKey).toBe('k1');
			expect(item.versionNumber).toBe(2);
		}
		const [item] = shapeRecord(record, opts({}));
		expect(item.ZXXSDYCPBS).toBe('06901234567892');
		expect(item.QYLXRYX).toBe('a@x.cn; b@x.cn');
		expect(JSON.parse(item.contactList as string)).toEqual(record.contactList);
		expect(JSON.parse(item.packingList as string)).toEqual([
			{ BZCPBS: '16901234567899', BZNHXYJBZCPBS: '06901234567892', BZNHXYJCPBSSL: '10', CPBZJB: '盒' },
		]);
		expect(item.packingSummary).toBe('盒 16901234567899 = 10 × 06901234567892');
		expect(item.storageSummary).toBe('温度 2~30 ℃');
		expect(item.clinicalSummary).toBe('');
	});

	it('names fields by API code, English camelCase or Chinese label from the one dictionary', () => {
		const [en] = shapeRecord(record, opts({ fieldNames: 'english' }));
		expect(en).toMatchObject({
			primaryDi: '06901234567892',
			productName: '一次性使用无菌注射器',
			contactEmail: 'a@x.cn; b@x.cn',
		});
		const [zh] = shapeRecord(record, opts({ fieldNames: 'chinese' }));
		expect(zh['最小销售单元产品标识']).toBe('06901234567892');
		expect(zh['产品名称/通用名称']).toBe('一次性使用无菌注射器');
		const zhLabels = new Set(FIELDS.device.map((f) => f.zh));
		expect(zhLabels.size).toBe(FIELDS.device.length);
	});

	it('decodes coded values into labels', () => {
		const [code] = shapeRecord(record, opts({ decodeValues: true }));
		expect(code).toMatchObject({
			CPLX_label: '器械',
			HCHZSB_label: '耗材',
			BSZT_label: '一维码, 二维码',
			SFWWJBZ_label: '是',
			CGZMRAQXGXX_label: '说明书或标签上面不包括MR安全信息',
		});
		const [en] = shapeRecord(record, opts({ decodeValues: true, fieldNames: 'english' }));
		expect(en).toMatchObject({
			productTypeLabel: 'device',
			consumableOrEquipmentLabel: 'consumable',
			carriersLabel: '1-D barcode, 2-D barcode',
			suppliedSterileLabel: 'yes',
		});
	});

	it('normalises types on request', () => {
		const [item] = shapeRecord(record, opts({ normalizeTypes: true }));
		expect(item).toMatchObject({ SFWWJBZ: true, ZDCFSYCS: 0, CPBSFBRQ: '2026-11-07', TSRQ: null, versionNumber: 2 });
		const [raw] = shapeRecord(record, opts({}));
		expect(raw).toMatchObject({ SFWWJBZ: '1', ZDCFSYCS: '0', TSRQ: '' });
	});

	it('nested embeds child arrays; relational gives one item per row with table and join keys', () => {
		const [nested] = shapeRecord(record, opts({ layout: 'nested' }));
		expect(nested.packingList).toEqual([
			{ BZCPBS: '16901234567899', BZNHXYJBZCPBS: '06901234567892', BZNHXYJCPBSSL: '10', CPBZJB: '盒' },
		]);
		expect(nested.contactList).toHaveLength(2);
		const rows = shapeRecord(record, opts({ layout: 'relational' }));
		expect(rows.map((r) => r.table)).toEqual(['device', 'contact', 'contact', 'packing', 'storage']);
		for (const row of rows) expect(row).toMatchObject({ deviceRecordKey: 'k1', versionNumber: 2 });
		expect(rows[4]).toMatchObject({ table: 'storage', rowIndex: 1, CCHCZTJ: '温度' });
		const zh = shapeRecord(record, opts({ layout: 'relational', fieldNames: 'chinese' }));
		expect(zh[1]).toMatchObject({ 表: 'contact', 行号: 1, 企业联系人邮箱: 'a@x.cn', deviceRecordKey: 'k1' });
	});
});
