/**
 * THE field dictionary of the UDID data-sharing API. Every fact about a field lives here: its API code,
 * the table it belongs to, its Chinese label, English camelCase name, type and (for coded fields) value
 * labels. Key canonicalisation, naming modes, type normalisation, label decoding, the relational layout and
 * the simulator's generator all read this table; none keeps its own list.
 */

export type TableName = 'device' | 'contact' | 'packing' | 'storage' | 'clinical';

/**
 * text: free text; integer; decimal (kept as text when it is not a number, e.g. "2-8");
 * yesNo: "1"/"0"; date: yyyy-MM-dd (or a timestamp); code: one coded value; codeList: several coded values
 * separated by commas; textList: several free values separated by commas.
 */
export type FieldType = 'text' | 'integer' | 'decimal' | 'yesNo' | 'date' | 'code' | 'codeList' | 'textList';

export interface ValueLabel {
	zh: string;
	en: string;
}

export interface FieldDef {
	/** Canonical API spelling (upper case for the Chinese short names, camelCase for the English ones). */
	code: string;
	table: TableName;
	/** English camelCase name used by the "English" naming mode. */
	camel: string;
	/** Chinese label used by the "Chinese" naming mode. */
	zh: string;
	type: FieldType;
	values?: Record<string, ValueLabel>;
}

const YES_NO: Record<string, ValueLabel> = {
	'1': { zh: '是', en: 'yes' },
	'0': { zh: '否', en: 'no' },
};

type Row = [code: string, camel: string, zh: string, type: FieldType, values?: Record<string, ValueLabel>];

const DEVICE: Row[] = [
	['deviceRecordKey', 'deviceRecordKey', '数据库记录key', 'text'],
	['versionNumber', 'versionNumber', '版本号', 'integer'],
	['versionTime', 'versionTime', '版本日期', 'date'],
	['versionStatus', 'versionStatus', '版本状态', 'text'],
	['ZXXSDYCPBS', 'primaryDi', '最小销售单元产品标识', 'text'],
	['BSSJZT', 'diDataStatus', '标识数据状态', 'text'],
	['ZXXSDYZSYDYDSL', 'useUnitsPerSalesUnit', '最小销售单元中使用单元的数量', 'integer'],
	['SYDYCPBS', 'useUnitDi', '使用单元产品标识', 'text'],
	['CPBSBMTXMC', 'codingSystem', '产品标识编码体系名称', 'text'],
	['SFYBTZJBS', 'hasDirectMarking', '是否包含本体标识', 'yesNo', YES_NO],
	['BTCPBSYZXXSDYCPBSSFYZ', 'directMarkingSameAsPrimaryDi', '本体标识与最小销售单元产品标识是否一致', 'yesNo', YES_NO],
	['BTCPBS', 'directMarkingDi', '本体产品标识', 'text'],
	['CPBSFBRQ', 'diPublishDate', '标识发布时间', 'date'],
	[
		'BSZT',
		'carriers',
		'标识载体',
		'codeList',
		{
			'1': { zh: '一维码', en: '1-D barcode' },
			'2': { zh: '二维码', en: '2-D barcode' },
			'3': { zh: 'RFID', en: 'RFID' },
			'4': { zh: '其他', en: 'other' },
		},
	],
	['SFYZCBAYZ', 'sameAsRegistrationDi', '是否与注册/备案标识一致', 'yesNo', YES_NO],
	['ZCBACPBS', 'registrationDi', '注册/备案产品标识', 'text'],
	['CPMCTYMC', 'productName', '产品名称/通用名称', 'text'],
	['SPMC', 'tradeName', '商品名称', 'text'],
	['GGXH', 'model', '规格型号', 'text'],
	['SFWBLZTLCP', 'isKit', '是否为包类/组套类产品', 'yesNo', YES_NO],
	['CPMS', 'description', '产品其他描述', 'text'],
	['CPHHHBH', 'catalogueNumber', '产品货号或编号', 'text'],
	[
		'CPLX',
		'productType',
		'产品类型',
		'code',
		{ '1': { zh: '器械', en: 'device' }, '2': { zh: '体外诊断试剂', en: 'IVD reagent' } },
	],
	['FLBM', 'categoryCode', '器械目录分类代码', 'text'],
	['YFLBM', 'formerCategoryCode', '原分类编码', 'text'],
	['YLQXZCRBARMC', 'registrantName', '注册/备案人名称', 'text'],
	['YLQXZCRBARYWMC', 'registrantNameEn', '注册/备案人英文名称', 'text'],
	['TYSHXYDM', 'registrantCreditCode', '统一社会信用代码', 'text'],
	['ZCZBHHZBAPZBH', 'registrationNumbers', '注册/备案证号', 'textList'],
	[
		'HCHZSB',
		'consumableOrEquipment',
		'耗材或者设备',
		'code',
		{ '0': { zh: '耗材', en: 'consumable' }, '1': { zh: '设备', en: 'equipment' } },
	],
	['SFBJWYCXSY', 'singleUse', '标记为一次性使用', 'yesNo', YES_NO],
	['ZDCFSYCS', 'maxReuseCount', '最大重复使用次数', 'integer'],
	['SFWWJBZ', 'suppliedSterile', '是否为已灭菌产品', 'yesNo', YES_NO],
	['SYQSFXYJXMJ', 'sterilizeBeforeUse', '使用前是否需要进行灭菌', 'yesNo', YES_NO],
	['MJFS', 'sterilizationMethod', '灭菌方式', 'text'],
	['YBBM', 'insuranceCodes', '医保耗材分类编码', 'textList'],
	[
		'CGZMRAQXGXX',
		'mrSafety',
		'磁共振安全相关信息',
		'code',
		{
			'0': { zh: '安全', en: 'MR safe' },
			'1': { zh: '条件安全', en: 'MR conditional' },
			'2': { zh: '不安全', en: 'MR unsafe' },
			'3': { zh: '说明书或标签上面不包括MR安全信息', en: 'no MR safety information on label' },
		},
	],
	['TSCCHCZTJ', 'specialStorageConditions', '特殊存储或操作条件', 'text'],
	['TSCCSM', 'specialSizeNote', '特殊使用尺寸说明', 'text'],
	['SCBSSFBHPH', 'piHasLot', '生产标识是否包含批号', 'yesNo', YES_NO],
	['SCBSSFBHXLH', 'piHasSerial', '生产标识是否包含序列号', 'yesNo', YES_NO],
	['SCBSSFBHSCRQ', 'piHasProductionDate', '生产标识是否包含生产日期', 'yesNo', YES_NO],
	['SCBSSFBHSXRQ', 'piHasExpiryDate', '生产标识是否包含失效日期', 'yesNo', YES_NO],
	['QTXXDWZLJ', 'otherInfoUrl', '其他信息的网址链接', 'text'],
	['TSRQ', 'salesStopDate', '停止销售时间', 'date'],
];

const CONTACT: Row[] = [
	['QYLXRYX', 'contactEmail', '企业联系人邮箱', 'text'],
	['QYLXRDH', 'contactPhone', '企业联系人电话', 'text'],
	['QYLXRCZ', 'contactFax', '企业联系人传真', 'text'],
];

const PACKING: Row[] = [
	['deviceRecordKey', 'deviceRecordKey', '数据库记录key', 'text'],
	['BZCPBS', 'packageDi', '包装产品标识', 'text'],
	['BZNHXYJBZCPBS', 'containsDi', '包装内含下一级包装产品标识', 'text'],
	['BZNHXYJCPBSSL', 'containsQuantity', '包装内含下一级产品标识数量', 'integer'],
	['CPBZJB', 'packageLevel', '包装级别', 'text'],
];

const STORAGE: Row[] = [
	['deviceRecordKey', 'deviceRecordKey', '数据库记录key', 'text'],
	['CCHCZTJ', 'storageCondition', '储存或操作条件', 'text'],
	['ZDZ', 'storageMin', '最低值', 'decimal'],
	['ZGZ', 'storageMax', '最高值', 'decimal'],
	['JLDW', 'storageUnit', '计量单位', 'text'],
];

const CLINICAL: Row[] = [
	['deviceRecordKey', 'deviceRecordKey', '数据库记录key', 'text'],
	['LCSYCCLX', 'sizeType', '尺寸类型', 'text'],
	['CCZ', 'sizeValue', '尺寸值', 'decimal'],
	['CCDW', 'sizeUnit', '尺寸计量单位', 'text'],
];

function build(table: TableName, rows: Row[]): FieldDef[] {
	return rows.map(([code, camel, zh, type, values]) => ({ code, table, camel, zh, type, values }));
}

export const FIELDS: Readonly<Record<TableName, readonly FieldDef[]>> = {
	device: build('device', DEVICE),
	contact: build('contact', CONTACT),
	packing: build('packing', PACKING),
	storage: build('storage', STORAGE),
	clinical: build('clinical', CLINICAL),
};

export const CHILD_TABLES = ['packing', 'storage', 'clinical'] as const;
export type ChildTable = (typeof CHILD_TABLES)[number];

/** Where each child table arrives in `dataSet`, and the name it takes when nested under its device. */
export const CHILD_ARRAYS: Readonly<Record<ChildTable, { dataSetKey: string; nestedKey: string }>> = {
	packing: { dataSetKey: 'packingInfo', nestedKey: 'packingList' },
	storage: { dataSetKey: 'storageInfo', nestedKey: 'storageList' },
	clinical: { dataSetKey: 'clinicalInfo', nestedKey: 'clinicalList' },
};
export const CONTACT_LIST_KEY = 'contactList';

// Canonical and lower-case spellings map to the definition, so the usual lookups need no toLowerCase().
const byTable = new Map<TableName, Map<string, FieldDef>>();
for (const table of Object.keys(FIELDS) as TableName[]) {
	const map = new Map<string, FieldDef>();
	for (const def of FIELDS[table]) {
		map.set(def.code, def);
		map.set(def.code.toLowerCase(), def);
	}
	byTable.set(table, map);
}

/** Looks a field up case-insensitively (real answers use `zxxsdycpbs` as well as `ZXXSDYCPBS`). */
export function findField(table: TableName, name: string): FieldDef | undefined {
	const map = byTable.get(table)!;
	return map.get(name) ?? map.get(name.toLowerCase());
}

/** The canonical spelling of a key, or the key unchanged when the dictionary does not know it. */
export function canonicalKey(table: TableName, name: string): string {
	const def = findField(table, name);
	if (def) return def.code;
	return table === 'device' && name.toLowerCase() === 'contactlist' ? CONTACT_LIST_KEY : name;
}

/**
 * Columns the shaping adds that are not API fields: child lists and their readable summaries (flat layout),
 * the table marker and row index (relational layout). Named here so the three naming modes stay in one table.
 */
export const DERIVED_COLUMNS = {
	contactList: { camel: 'contacts', zh: '企业联系人' },
	packingList: { camel: 'packaging', zh: '包装信息' },
	storageList: { camel: 'storage', zh: '储存或操作信息' },
	clinicalList: { camel: 'clinicalSizes', zh: '临床使用尺寸信息' },
	packingSummary: { camel: 'packagingSummary', zh: '包装信息摘要' },
	storageSummary: { camel: 'storageSummary', zh: '储存或操作信息摘要' },
	clinicalSummary: { camel: 'clinicalSizesSummary', zh: '临床使用尺寸摘要' },
	table: { camel: 'table', zh: '表' },
	rowIndex: { camel: 'rowIndex', zh: '行号' },
} as const;
export type DerivedColumn = keyof typeof DERIVED_COLUMNS;

/**
 * The public bulk release files (公开数据下载) spell the API codes in lower case, except three tags: `qxlb`
 * (器械类别, values 器械 / 体外诊断试剂) carries what the API calls CPLX, `cplb` (产品类别, 耗材 / 设备) what it calls
 * HCHZSB (an inference from the values, see the releases spec), and `versionStauts` (sic) is versionStatus.
 */
export const FILE_TAG_ALIASES: Readonly<Record<string, string>> = {
	qxlb: 'CPLX',
	cplb: 'HCHZSB',
	versionstauts: 'versionStatus',
};

/** API device fields the release files do not carry (no public importer's field list has them). */
export const API_ONLY_DEVICE_FIELDS: readonly string[] = ['BSSJZT'];

/**
 * Device fields only the release files carry (corrections, 纠错). They are not in FIELDS.device, so the API
 * simulator never makes them; shaping passes them through under these names in every naming mode.
 */
export const FILE_ONLY_FIELDS: readonly FieldDef[] = build('device', [
	['correctionNumber', 'correctionNumber', '纠错编号', 'integer'],
	['correctionRemark', 'correctionRemark', '纠错说明', 'text'],
	['correctionTime', 'correctionTime', '纠错时间', 'date'],
]);

const labelCodes = new WeakMap<FieldDef, Map<string, string>>();

/**
 * The code a value label stands for in a coded field (是 → 1, 器械 → 1 for CPLX, 设备 → 1 for HCHZSB, 二维码 → 2
 * for BSZT), read from the field's own value labels; undefined when the label is unknown.
 */
export function codeForLabel(def: FieldDef, label: string): string | undefined {
	let codes = labelCodes.get(def);
	if (!codes) {
		codes = new Map(Object.entries(def.values ?? {}).map(([code, value]) => [value.zh, code]));
		labelCodes.set(def, codes);
	}
	return codes.get(label);
}
/** Join keys keep these exact names in every naming mode, so upserts and joins never depend on the mode. */
export const KEY_FIELDS = ['deviceRecordKey', 'versionNumber'] as const;
