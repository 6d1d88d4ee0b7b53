import type { ChildTable, DerivedColumn, FieldDef, TableName } from './fields';
import { CHILD_TABLES, CONTACT_LIST_KEY, DERIVED_COLUMNS, FIELDS, KEY_FIELDS } from './fields';
import type { DeviceRecord, Row } from './records';
import { NESTED_KEY, takeShapeableInPlace, wasShapedInPlace } from './records';

export type Layout = 'flat' | 'nested' | 'relational';
export type FieldNaming = 'code' | 'english' | 'chinese';

export interface ShapeOptions {
	layout: Layout;
	fieldNames: FieldNaming;
	/** Add a readable label next to every coded value (CPLX, HCHZSB, CGZMRAQXGXX, BSZT, yes/no). */
	decodeValues: boolean;
	/** Numbers as numbers, yes/no as booleans, dates as ISO yyyy-MM-dd, empty strings as null. */
	normalizeTypes: boolean;
}

export type ShapedValue = string | number | boolean | null | ShapedValue[] | { [key: string]: ShapedValue };
export type Shaped = Record<string, ShapedValue>;

export const DEFAULT_SHAPE: ShapeOptions = {
	layout: 'flat',
	fieldNames: 'code',
	decodeValues: false,
	normalizeTypes: false,
};

const LABEL_SUFFIX: Record<FieldNaming, string> = { code: '_label', english: 'Label', chinese: '（说明）' };

function nameOf(def: FieldDef, naming: FieldNaming): string {
	if ((KEY_FIELDS as readonly string[]).includes(def.code)) return def.code;
	return naming === 'code' ? def.code : naming === 'english' ? def.camel : def.zh;
}

function derivedName(column: DerivedColumn, naming: FieldNaming): string {
	return naming === 'code' ? column : DERIVED_COLUMNS[column][naming === 'english' ? 'camel' : 'zh'];
}

interface Column {
	name: string;
	label: string;
	def: FieldDef;
}

/** Output columns per table and naming mode, computed once: shaping runs per record and must stay cheap. */
const COLUMNS = Object.fromEntries(
	(Object.keys(FIELDS) as TableName[]).map((table) => [
		table,
		Object.fromEntries(
			(['code', 'english', 'chinese'] as const).map((naming) => [
				naming,
				new Map(
					FIELDS[table].map((def): [string, Column] => [
						def.code,
						{ name: nameOf(def, naming), label: nameOf(def, naming) + LABEL_SUFFIX[naming], def },
					]),
				),
			]),
		),
	]),
) as Record<TableName, Record<FieldNaming, Map<string, Column>>>;

function namesFor(table: TableName, naming: FieldNaming): Map<string, Column> {
	return COLUMNS[table][naming];
}

function labelOf(def: FieldDef, raw: string, naming: FieldNaming): string {
	const lang = naming === 'english' ? 'en' : 'zh';
	const parts =
		def.type === 'codeList'
			? raw
					.split(/[,，]/)
					.map((s) => s.trim())
					.filter(Boolean)
			: [raw.trim()];
	return parts.map((p) => def.values?.[p]?.[lang] ?? p).join(', ');
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

function normalizeValue(def: FieldDef | undefined, value: string): ShapedValue {
	if (value === '') return null;
	switch (def?.type) {
		case 'integer':
			return INTEGER.test(value.trim()) ? Number(value) : value;
		case 'decimal':
			return DECIMAL.test(value.trim()) ? Number(value) : value;
		case 'yesNo':
			return value === '1' ? true : value === '0' ? false : value;
		case 'date':
			return isoDate(value);
		default:
			return value;
	}
}

/** yyyy-MM-dd from the forms dates take in answers (yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, yyyyMMdd, yyyy/M/d). */
function isoDate(value: string): string {
	const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:[ T].*)?$/.exec(value.trim());
	return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : value;
}

/** Copies one row into `out` under the mode's names, with labels and normalised values as asked. */
function shapeRow(
	table: TableName,
	row: Record<string, unknown>,
	options: ShapeOptions,
	out: Shaped,
	skipRecordKey = false,
): Shaped {
	const columns = namesFor(table, options.fieldNames);
	for (const code in row) {
		if (skipRecordKey && code === 'deviceRecordKey') continue;
		const value = row[code];
		if (typeof value === 'object' && value !== null) continue; // nested lists are placed by the layout
		const column = columns.get(code);
		const name = column ? column.name : code;
		const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
		out[name] = options.normalizeTypes
			? normalizeValue(column?.def, text)
			: code === 'versionNumber'
				? Number(value)
				: text;
		if (options.decodeValues && column?.def.values && text !== '')
			out[column.label] = labelOf(column.def, text, options.fieldNames);
	}
	return out;
}

/** Child rows without their deviceRecordKey (the device they hang under carries it). */
function shapeRows(table: TableName, rows: readonly Row[], options: ShapeOptions): Shaped[] {
	return rows.map((row) => shapeRow(table, row, options, {}, true));
}

const SUMMARY: Record<ChildTable, (row: Row) => string> = {
	packing: (r) => `${r.CPBZJB || '?'} ${r.BZCPBS || ''} = ${r.BZNHXYJCPBSSL || '?'} × ${r.BZNHXYJBZCPBS || ''}`.trim(),
	storage: (r) => `${r.CCHCZTJ || ''} ${r.ZDZ ?? ''}~${r.ZGZ ?? ''} ${r.JLDW || ''}`.trim(),
	clinical: (r) => `${r.LCSYCCLX || ''} ${r.CCZ ?? ''} ${r.CCDW || ''}`.trim(),
};

/** One item per device version; every value a scalar. Child lists as JSON text plus a readable summary. */
export function toFlatItem(record: DeviceRecord, options: ShapeOptions): Shaped {
	const out = shapeRow('device', record, options, {});
	const naming = options.fieldNames;
	for (const [code, { name }] of namesFor('contact', naming)) {
		const values = record.contactList.map((c) => c[code] ?? '').filter((v) => v !== '');
		out[name] = options.normalizeTypes && values.length === 0 ? null : values.join('; ');
	}
	out[derivedName(CONTACT_LIST_KEY, naming)] = JSON.stringify(shapeRows('contact', record.contactList, options));
	for (const table of CHILD_TABLES) {
		const key = NESTED_KEY[table];
		const rows = record[key];
		out[derivedName(`${table}Summary` as DerivedColumn, naming)] = rows.map(SUMMARY[table]).join('; ');
		out[derivedName(key, naming)] = JSON.stringify(shapeRows(table, rows, options));
	}
	return out;
}

const CONTACT_CODES = FIELDS.contact.map((def) => def.code);

/**
 * toFlatItem with code names, without copying: the record's own fields are already what the item holds (text
 * under API codes, versionNumber a number), so only the derived columns are added and the lists replaced by
 * their JSON text. The record must hold only text besides its lists (decodePage marks such records).
 */
function flatInPlace(record: DeviceRecord): Shaped {
	const out = record as unknown as Shaped;
	const contacts = record.contactList;
	for (const code of CONTACT_CODES) out[code] = joinColumn(contacts, code);
	out[CONTACT_LIST_KEY] = rowsJson(contacts);
	for (const table of CHILD_TABLES) {
		const key = NESTED_KEY[table];
		const rows = record[key];
		out[`${table}Summary`] = summaryOf(table, rows);
		out[key] = rowsJson(rows);
	}
	return out;
}

/** The non-empty values of one contact column, joined with "; " (by join: no rope of small strings kept). */
function joinColumn(rows: readonly Row[], code: string): string {
	if (rows.length === 1) return rows[0][code] ?? '';
	const values: string[] = [];
	for (const row of rows) {
		const value = row[code];
		if (value !== undefined && value !== '') values.push(value);
	}
	return values.join('; ');
}

function summaryOf(table: ChildTable, rows: readonly Row[]): string {
	return rows.length === 1 ? SUMMARY[table](rows[0]) : rows.map(SUMMARY[table]).join('; ');
}

/**
 * The rows as the flat layout's JSON text, exactly JSON.stringify(shapeRows(table, rows, DEFAULT_SHAPE)) (the
 * tests hold it to that) but written directly: no copy of each row, and no JSON.stringify call for the values
 * that need no escaping, which is nearly all of them. The pieces are joined once: a text built with `+=` is a
 * rope of small strings that V8 keeps as it is in the item (Node 24 measured 2× the heap and 2.5× the CPU).
 */
function rowsJson(rows: readonly Row[]): string {
	if (rows.length === 0) return '[]';
	const parts = new Array<string>(rows.length + 2);
	parts[0] = '[';
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i] as Record<string, unknown>;
		let json = i === 0 ? '{' : ',{';
		let first = true;
		for (const code in row) {
			if (code === 'deviceRecordKey') continue; // the device the rows hang under carries it
			const value = row[code];
			if (typeof value === 'object' && value !== null) continue; // nested values are no columns (shapeRow)
			json += (first ? '' : ',') + jsonKey(code) + jsonValue(code, value);
			first = false;
		}
		parts[i + 1] = `${json}}`;
	}
	parts[rows.length + 1] = ']';
	return parts.join('');
}

/** JSON text of a string: quoted as it is unless it holds what JSON.stringify escapes or checks. */
function jsonString(text: string): string {
	return needsEscaping(text) ? JSON.stringify(text) : `"${text}"`;
}

/** A quote, a backslash, a control character or a surrogate (lone ones are escaped); a loop beat a regex here. */
function needsEscaping(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return true;
	}
	return false;
}

/** `"CODE":` per column code, memoised (a few dozen codes; bounded against odd input). */
const KEY_JSON = new Map<string, string>();

function jsonKey(code: string): string {
	let key = KEY_JSON.get(code);
	if (key === undefined) {
		key = `${jsonString(code)}:`;
		if (KEY_JSON.size < 10_000) KEY_JSON.set(code, key);
	}
	return key;
}

/** A value as shapeRow writes it in the default shape: text, versionNumber a number, nothing as "". */
function jsonValue(code: string, value: unknown): string {
	if (typeof value === 'string') return code === 'versionNumber' ? JSON.stringify(Number(value)) : jsonString(value);
	if (code === 'versionNumber') return JSON.stringify(Number(value));
	return value === undefined || value === null ? '""' : jsonString(String(value));
}

/** One item per device version with child lists embedded as arrays of objects. */
export function toNestedItem(record: DeviceRecord, options: ShapeOptions): Shaped {
	const out = shapeRow('device', record, options, {});
	const naming = options.fieldNames;
	out[derivedName(CONTACT_LIST_KEY, naming)] = shapeRows('contact', record.contactList, options);
	for (const table of CHILD_TABLES)
		out[derivedName(NESTED_KEY[table], naming)] = shapeRows(table, record[NESTED_KEY[table]], options);
	return out;
}

/** One item per row of device / contact / packing / storage / clinical, each with `table` and the join keys. */
export function toRelationalItems(record: DeviceRecord, options: ShapeOptions): Shaped[] {
	const naming = options.fieldNames;
	const tableKey = derivedName('table', naming);
	const rowKey = derivedName('rowIndex', naming);
	const keys = (): Shaped => ({ deviceRecordKey: record.deviceRecordKey, versionNumber: record.versionNumber });
	const items: Shaped[] = [shapeRow('device', record, options, { [tableKey]: 'device', ...keys() })];
	record.contactList.forEach((row, i) =>
		items.push(shapeRow('contact', row, options, { [tableKey]: 'contact', ...keys(), [rowKey]: i + 1 })),
	);
	for (const table of CHILD_TABLES) {
		record[NESTED_KEY[table]].forEach((row, i) =>
			items.push(shapeRow(table, row, options, { [tableKey]: table, ...keys(), [rowKey]: i + 1 }, true)),
		);
	}
	return items;
}

/**
 * Shapes one record into the items of the chosen layout. A record fresh from decodePage is shaped once: in the
 * default flat layout (code names, no labels, no type normalisation) its own object becomes the item.
 */
export function shapeRecord(record: DeviceRecord, options: ShapeOptions): Shaped[] {
	if (wasShapedInPlace(record))
		throw new Error('This UDID record was already turned into its item; decoded records are shaped once');
	if (
		options.layout === 'flat' &&
		options.fieldNames === 'code' &&
		!options.decodeValues &&
		!options.normalizeTypes &&
		takeShapeableInPlace(record)
	) {
		return [flatInPlace(record)];
	}
	switch (options.layout) {
		case 'nested':
			return [toNestedItem(record, options)];
		case 'relational':
			return toRelationalItems(record, options);
		default:
			return [toFlatItem(record, options)];
	}
}
