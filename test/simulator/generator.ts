/**
 * Makes device versions. Records are built by walking the field dictionary (fields.ts), so a field the
 * dictionary gains is generated too (by its type) without touching this file; the fields where realism
 * matters have their own makers below.
 *
 * A record is a pure function of (seed, day, index): it has its own PRNG stream, so any page of any day can
 * be generated without the rest of the day, and record keys and DIs lead back to (day, index).
 */
import { FIELDS, type FieldDef, type TableName } from '../../nodes/udid/fields';
import { addDays, dayOrdinal } from './china-time';
import {
	gs1Body,
	gtin14,
	maCode,
	parseItem,
	parseRecordKey,
	recordKey,
	registrationNumber,
	scrambleItem,
	unscrambleItem,
	ybbmCode,
} from './codes';
import { buildCompanies, pickCompany, type Company, type CompanyPool } from './companies';
import { hash2, hashString, Random, unit } from './prng';
import type { DeviceRecord, WireRow } from './types';
import { PRODUCTS, STERILISATION, type ModelChoice, type ProductTemplate } from './products';
import { GIVEN_PINYIN, SURNAMES_PINYIN } from './vocabulary';

export interface GeneratorContext {
	seed: number;
	seedHash: number;
	companies: CompanyPool;
}

export function generatorContext(seed: number): GeneratorContext {
	return { seed, seedHash: hashString(`seed|${seed}`), companies: buildCompanies(seed) };
}

export interface Day {
	date: string;
	ordinal: number;
	/** Seeds everything about the day. */
	hash: number;
}

export function dayOf(ctx: GeneratorContext, date: string): Day {
	const ordinal = dayOrdinal(date);
	return { date, ordinal, hash: hash2(ctx.seedHash, ordinal) };
}

/** How many records the generator publishes on a day: perDay ±10%, fixed by the seed. */
export function baseCount(dayInfo: Day, perDay: number): number {
	return Math.round(perDay * (0.9 + 0.2 * unit(hash2(dayInfo.hash, 0x7fffffff))));
}

/** Milliseconds after China-time midnight at which record `index` of `count` is published (increasing in index). */
export function publishOffset(dayInfo: Day, index: number, count: number): number {
	return floor(((index + unit(hash2(dayInfo.hash ^ 0x5bd1e995, index))) * 86_400_000) / count);
}

/** Everything one record's fields are derived from. */
interface Draft {
	r: Random;
	key: string;
	date: string;
	version: number;
	firstDate: string;
	product: ProductTemplate;
	company: Company;
	choice: ModelChoice;
	gs1: boolean;
	body12: string;
	item: number;
	di: string;
	useUnits: number;
	/** A second DI of the product (its use-unit DI): used where a record names a DI other than the sales unit's. */
	otherDi: string;
	sameAsRegistration: boolean;
	directSame: boolean;
	registration: string;
	contactCount: number;
	/** Values of the child row being built. */
	row: Record<string, string>;
}

type Maker<T = string> = (d: Draft) => T;

const { floor } = Math; // see prng.ts on globals inside jest

const yesNo = (value: boolean) => (value ? '1' : '0');
const isIvd = (d: Draft) => d.product.kind === 'ivd';
const isEquipment = (d: Draft) => d.product.kind === 'equipment';

const CARRIERS = [
	['1', 60],
	['1,2', 15],
	['2', 20],
	['1,2,3', 3],
	['3', 1],
	['4', 1],
] as const;
const TRADE_NAME = [
	[0, 40],
	[1, 35],
	[2, 25],
] as const;
const REUSE_COUNTS = ['', '200', '500', '1000'];
const NO_MR_INFO = ['3'];

const DEVICE_MAKERS: Record<string, Maker> = {
	deviceRecordKey: (d) => d.key,
	versionNumber: (d) => `${d.version}`,
	versionTime: (d) => d.date,
	versionStatus: (d) => (d.version === 1 ? '新增' : '更新'),
	ZXXSDYCPBS: (d) => d.di,
	BSSJZT: () => '1',
	ZXXSDYZSYDYDSL: (d) => `${d.useUnits}`,
	SYDYCPBS: (d) => (d.useUnits > 1 ? d.otherDi : ''),
	CPBSBMTXMC: (d) => (d.gs1 ? 'GS1' : 'MA码（IDcode）'),
	SFYBTZJBS: (d) => yesNo(!!d.product.directMarking),
	BTCPBSYZXXSDYCPBSSFYZ: (d) => (d.product.directMarking ? yesNo(d.directSame) : ''),
	BTCPBS: (d) => (d.product.directMarking ? (d.directSame ? d.di : d.otherDi) : ''),
	CPBSFBRQ: (d) => d.firstDate,
	BSZT: (d) => d.r.weighted(CARRIERS),
	SFYZCBAYZ: (d) => yesNo(d.sameAsRegistration),
	ZCBACPBS: (d) => (d.sameAsRegistration ? (d.r.chance(0.7) ? '' : d.di) : d.otherDi),
	CPMCTYMC: (d) => d.product.name,
	SPMC: (d) => {
		const kind = d.r.weighted(TRADE_NAME);
		return kind === 0 ? '' : kind === 1 ? d.product.name : `${d.company.brand} ${d.product.name}`;
	},
	GGXH: (d) => d.choice.model,
	SFWBLZTLCP: (d) => yesNo(!!d.product.kit),
	CPMS: (d) => d.product.description,
	CPHHHBH: (d) => (d.r.chance(0.5) ? '' : `${d.company.initials}-${d.r.digits(4)}-${d.r.digits(2)}`),
	CPLX: (d) => (isIvd(d) ? '2' : '1'),
	FLBM: (d) => d.product.flbm,
	YFLBM: (d) => (d.r.chance(0.5) ? d.product.yflbm : ''),
	YLQXZCRBARMC: (d) => d.company.name,
	YLQXZCRBARYWMC: (d) => (d.company.foreign || d.r.chance(0.7) ? d.company.nameEn : ''),
	TYSHXYDM: (d) => d.company.uscc,
	ZCZBHHZBAPZBH: (d) => d.registration,
	HCHZSB: (d) => yesNo(isEquipment(d)),
	SFBJWYCXSY: (d) => yesNo(!d.product.reusable),
	ZDCFSYCS: (d) => (!d.product.reusable ? '0' : isEquipment(d) ? '' : d.r.pick(REUSE_COUNTS)),
	SFWWJBZ: (d) => yesNo(!!d.product.sterile),
	SYQSFXYJXMJ: (d) => yesNo(!!d.product.sterilizeBeforeUse),
	MJFS: (d) =>
		d.product.sterile ? STERILISATION[d.product.sterile] : d.product.sterilizeBeforeUse ? '高温高压蒸汽灭菌' : '',
	YBBM: (d) => {
		if (isEquipment(d) || d.r.chance(isIvd(d) ? 0.7 : 0.3)) return '';
		const category = isIvd(d) ? '22' : d.product.flbm.slice(0, 2);
		return d.r.chance(0.85) ? ybbmCode(category, d.r) : `${ybbmCode(category, d.r)},${ybbmCode(category, d.r)}`;
	},
	CGZMRAQXGXX: (d) => d.r.pick(d.product.mr ?? NO_MR_INFO),
	TSCCHCZTJ: (d) => (d.product.specialStorage && d.r.chance(0.7) ? d.product.specialStorage : ''),
	TSCCSM: (d) => (d.choice.sizes.length && d.r.chance(0.1) ? '具体尺寸见产品标签。' : ''),
	SCBSSFBHPH: (d) => yesNo(!isEquipment(d)),
	SCBSSFBHXLH: (d) => yesNo(isEquipment(d) || !!d.product.directMarking),
	SCBSSFBHSCRQ: (d) => yesNo(d.r.chance(0.9)),
	SCBSSFBHSXRQ: (d) => yesNo(!!d.product.sterile || isIvd(d)),
	QTXXDWZLJ: (d) => (d.r.chance(0.3) ? `https://www.${d.company.domain}` : ''),
	TSRQ: (d) => (d.r.chance(0.03) ? addDays(d.date, d.r.int(30, 720)) : ''),
};

const EMAIL_KINDS = [
	[0, 55],
	[1, 20],
	[2, 15],
	[3, 10],
] as const;
const PHONE_KINDS = [
	[0, 35],
	[1, 20],
	[2, 30],
	[3, 15],
] as const;
const MOBILE_PREFIXES = ['13', '15', '18', '19'];

const CONTACT_MAKERS: Record<string, Maker> = {
	QYLXRYX: (d) => {
		const r = d.r;
		switch (r.weighted(EMAIL_KINDS)) {
			case 0:
				return `${r.pick(GIVEN_PINYIN)}.${r.pick(SURNAMES_PINYIN)}@${d.company.domain}`;
			case 1:
				return `${r.int(10000, 9999999)}${r.digits(3)}@qq.com`;
			case 2:
				return `${r.pick(SURNAMES_PINYIN)}${r.pick(GIVEN_PINYIN)}${r.digits(2)}@163.com`;
			default:
				return `service@${d.company.domain}`;
		}
	},
	QYLXRDH: (d) => {
		const r = d.r;
		const area = d.company.place.areaCode;
		const kind = r.weighted(PHONE_KINDS);
		if (kind < 2) return `${kind === 0 ? '0' : '+86-'}${area}-${r.int(2, 8)}${r.digits(7)}`;
		const mobile = r.pick(MOBILE_PREFIXES) + r.digits(9);
		return kind === 2 ? mobile : `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
	},
	QYLXRCZ: (d) => (d.r.chance(0.6) ? '' : `0${d.company.place.areaCode}-${d.r.int(2, 8)}${d.r.digits(7)}`),
};

/** Falls back on the field's type for any field without its own maker. */
function byType(def: FieldDef): Maker {
	const keys = Object.keys(def.values ?? { '1': 0 });
	switch (def.type) {
		case 'yesNo':
			return (d) => yesNo(d.r.chance(0.5));
		case 'code':
			return (d) => d.r.pick(keys);
		case 'codeList':
			return (d) => keys.filter((_, i) => i === 0 || d.r.chance(0.2)).join(',');
		case 'date':
			return (d) => d.date;
		case 'integer':
			return (d) => String(d.r.int(1, 100));
		case 'decimal':
			return (d) => (d.r.int(1, 1000) / 10).toFixed(1);
		default:
			return () => '';
	}
}

/**
 * Compiles a builder that makes one object with the table's fields in dictionary order from an object literal:
 * much faster than 48 computed-key stores per record, and every record gets the same shape.
 */
function compile<T>(entries: ReadonlyArray<readonly [string, Maker<unknown>]>): (d: Draft) => T {
	const makers = entries.map(([, make]) => make);
	const body = `return {${entries.map(([code], i) => `${JSON.stringify(code)}: m[${i}](d)`).join(', ')}};`;
	const build = new Function('m', 'd', body) as (m: Array<Maker<unknown>>, d: Draft) => T;
	return (d) => build(makers, d);
}

function tableEntries(table: TableName, makers: Record<string, Maker>): Array<readonly [string, Maker<unknown>]> {
	return FIELDS[table].map((def) => [def.code, makers[def.code] ?? byType(def)] as const);
}

/** Child rows take their values from `d.row`, set from the product template just before each row is built. */
function childBuilder(table: 'packing' | 'storage' | 'clinical'): (d: Draft) => WireRow {
	const makers: Record<string, Maker> = { deviceRecordKey: (d) => d.key };
	for (const def of FIELDS[table]) {
		if (def.code === 'deviceRecordKey') continue;
		const fallback = byType(def);
		makers[def.code] = (d) => d.row[def.code] ?? fallback(d);
	}
	return compile<WireRow>(tableEntries(table, makers));
}

const buildPacking = childBuilder('packing');
const buildStorage = childBuilder('storage');
const buildClinical = childBuilder('clinical');
const buildContact = compile<WireRow>(tableEntries('contact', CONTACT_MAKERS));

/** Package levels share the sales unit's GTIN body under indicator digits 1-8 (MA codes vary a letter). */
function packageDi(d: Draft, level: number): string {
	return d.gs1 ? gtin14(level, d.body12) : maCode(d.company.maOrg, d.item, level);
}

function packing(d: Draft): WireRow[] {
	const levels = d.product.packs;
	const count = levels.length > 1 && d.r.chance(0.3) ? levels.length - 1 : levels.length;
	const rows: WireRow[] = [];
	for (let i = 0; i < count; i++) {
		const [name, quantities] = levels[i];
		d.row = {
			BZCPBS: packageDi(d, i + 1),
			BZNHXYJBZCPBS: i === 0 ? d.di : packageDi(d, i),
			BZNHXYJCPBSSL: `${d.r.pick(quantities)}`,
			CPBZJB: name,
		};
		rows.push(buildPacking(d));
	}
	return rows;
}

function storage(d: Draft): WireRow[] {
	const rows: WireRow[] = [];
	for (const [CCHCZTJ, ZDZ, ZGZ, JLDW] of d.product.storage) {
		d.row = { CCHCZTJ, ZDZ, ZGZ, JLDW };
		rows.push(buildStorage(d));
	}
	if (d.r.chance(0.2)) {
		const [, ZDZ, ZGZ, JLDW] = d.product.storage[0];
		d.row = { CCHCZTJ: '运输温度', ZDZ, ZGZ, JLDW };
		rows.push(buildStorage(d));
	}
	return rows;
}

function clinical(d: Draft): WireRow[] {
	const rows: WireRow[] = [];
	for (const [LCSYCCLX, CCZ, CCDW] of d.choice.sizes) {
		d.row = { LCSYCCLX, CCZ, CCDW };
		rows.push(buildClinical(d));
	}
	return rows;
}

function contacts(d: Draft): WireRow[] {
	const list: WireRow[] = [];
	for (let i = 0; i < d.contactCount; i++) list.push(buildContact(d));
	return list;
}

const buildRecord = compile<DeviceRecord>([
	...tableEntries('device', DEVICE_MAKERS),
	['contactList', contacts],
	['packing', packing],
	['storage', storage],
	['clinical', clinical],
]);

const PRODUCT_WEIGHTS = PRODUCTS.map((p) => [p, p.weight] as const);
const VERSION_WEIGHTS = [
	[1, 80],
	[2, 12],
	[3, 5],
	[4, 2],
	[5, 1],
] as const;
const CONTACT_COUNTS = [
	[1, 70],
	[2, 25],
	[3, 5],
] as const;

/** Upper half of the item space: second DIs, so they never meet a sales-unit DI. */
const OTHER_DI_OFFSET = 500_000_000;

/**
 * Dates of versions 1..version-1 of a record whose `version` is dated `date`, oldest first. A pure function
 * of the key, so earlier versions can be rebuilt whenever they are asked for.
 */
export function earlierVersionDates(key: string, version: number, date: string): string[] {
	const r = new Random(hashString(`versions|${key}`));
	const dates: string[] = [];
	let current = date;
	for (let v = version - 1; v >= 1; v--) {
		current = addDays(current, -r.int(20, 400));
		dates.unshift(current);
	}
	return dates;
}

/**
 * Record `index` of `dayInfo` as first generated: version 1-5 (a version above 1 has rebuilt earlier versions),
 * or version 1 when `firstVersion` (records published late as new).
 */
export function generateRecord(ctx: GeneratorContext, dayInfo: Day, index: number, firstVersion = false): DeviceRecord {
	const r = new Random(hash2(dayInfo.hash, index));
	const serial = dayInfo.ordinal * 100_000 + index;
	const product = r.weighted(PRODUCT_WEIGHTS);
	const company = pickCompany(ctx.companies, product.kind, r);
	const key = recordKey(ctx.seedHash, dayInfo.ordinal, index);
	const drawn = r.weighted(VERSION_WEIGHTS);
	const version = firstVersion ? 1 : drawn;
	const item = scrambleItem(serial, ctx.seedHash);
	const otherItem = scrambleItem(serial + OTHER_DI_OFFSET, ctx.seedHash);
	const gs1 = !(company.maShare && r.chance(company.maShare));
	const body12 = gs1Body(company.gs1Digit, item);
	const d: Draft = {
		r,
		key,
		date: dayInfo.date,
		version,
		firstDate: version === 1 ? dayInfo.date : earlierVersionDates(key, version, dayInfo.date)[0],
		product,
		company,
		choice: product.model(r),
		gs1,
		body12,
		item,
		di: gs1 ? gtin14(0, body12) : maCode(company.maOrg, item),
		useUnits: r.pick(product.useUnits),
		otherDi: gs1 ? gtin14(0, gs1Body(company.gs1Digit, otherItem)) : maCode(company.maOrg, otherItem, 8),
		sameAsRegistration: r.chance(0.95),
		directSame: r.chance(0.85),
		registration: '',
		contactCount: r.weighted(CONTACT_COUNTS),
		row: {},
	};
	const registration = {
		cls: product.cls,
		category: product.kind === 'ivd' ? '40' : product.flbm.slice(0, 2),
		province: company.place.province,
		filing: company.place.filing,
		foreign: company.foreign,
	};
	d.registration = registrationNumber(registration, r);
	if (r.chance(0.05)) d.registration += ',' + registrationNumber(registration, r);
	return buildRecord(d);
}

/** Where a key generated under this seed was made: (day ordinal, index). */
export function locateKey(ctx: GeneratorContext, key: string): { ordinal: number; index: number } | undefined {
	return parseRecordKey(ctx.seedHash, key);
}

/** Where a sales-unit DI generated under this seed was made (the caller still compares the generated DI). */
export function locateDi(ctx: GeneratorContext, di: string): { ordinal: number; index: number } | undefined {
	const item = parseItem(di);
	if (item === undefined) return undefined;
	const serial = unscrambleItem(item, ctx.seedHash);
	if (serial >= OTHER_DI_OFFSET) return undefined;
	return { ordinal: Math.floor(serial / 100_000), index: serial % 100_000 };
}

/** Copies a record with a new version number and date, and a few values changed the way real changes look. */
export function deriveVersion(base: DeviceRecord, version: number, date: string, salt: string): DeviceRecord {
	const r = new Random(hash2(hashString(base.deviceRecordKey), hashString(`${salt}|${version}`)));
	const copy = { ...base };
	copy.versionNumber = String(version);
	copy.versionTime = date;
	copy.versionStatus = version === 1 ? '新增' : '更新';
	switch (r.int(0, 3)) {
		case 0:
			copy.CPMS = (base.CPMS as string).replace(/。?$/, '，详见说明书。');
			break;
		case 1:
			copy.SPMC = base.SPMC ? '' : base.CPMCTYMC;
			break;
		case 2:
			copy.TSCCHCZTJ = base.TSCCHCZTJ ? '' : '避光、干燥处保存。';
			break;
		default:
			copy.BSZT = base.BSZT === '1' ? '1,2' : '1';
	}
	copy.contactList = base.contactList.map((contact) => ({ ...contact }));
	const first = copy.contactList[0];
	if (first && r.chance(0.5)) first.QYLXRCZ = first.QYLXRCZ ? '' : first.QYLXRDH;
	copy.packing = base.packing.map((row) => ({ ...row }));
	const top = copy.packing[copy.packing.length - 1];
	if (top && r.chance(0.5)) top.BZNHXYJCPBSSL = String(+top.BZNHXYJCPBSSL * 2);
	copy.storage = base.storage.map((row) => ({ ...row }));
	copy.clinical = base.clinical.map((row) => ({ ...row }));
	return copy as DeviceRecord;
}

/** The earlier versions of a record generated with versionNumber > 1, newest first. */
export function earlierVersions(record: DeviceRecord): DeviceRecord[] {
	const version = +record.versionNumber;
	const dates = earlierVersionDates(record.deviceRecordKey, version, record.versionTime);
	const out: DeviceRecord[] = [];
	for (let v = version - 1; v >= 1; v--) out.push(deriveVersion(record, v, dates[v - 1], 'earlier'));
	return out;
}
