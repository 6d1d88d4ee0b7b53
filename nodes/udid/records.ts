import type { ChildTable, TableName } from './fields';
import { CONTACT_LIST_KEY, FIELDS, canonicalKey } from './fields';

/** A row of a child table or a contact, with canonical keys and string values as the API sends them. */
export type Row = Record<string, string>;

/** One device identifier version with its children joined (canonical keys, see fields.ts). */
export interface DeviceRecord {
	deviceRecordKey: string;
	versionNumber: number;
	contactList: Row[];
	packingList: Row[];
	storageList: Row[];
	clinicalList: Row[];
	[field: string]: unknown;
}

export const NESTED_KEY: Readonly<Record<ChildTable, 'packingList' | 'storageList' | 'clinicalList'>> = {
	packing: 'packingList',
	storage: 'storageList',
	clinical: 'clinicalList',
};

/** The key that identifies a version: the same record seen twice while paging has the same one. */
export function versionKey(record: { deviceRecordKey: string; versionNumber: number }): string {
	return `${record.deviceRecordKey}#${record.versionNumber}`;
}

/** Counts the object-valued fields canonicalRow saw (lists, or anything the regulator nests), across calls. */
export interface NestedCount {
	count: number;
}

/**
 * Canonical keys (upper-case API codes) and scalar values as strings; nested arrays are left to the caller.
 * A row that already is canonical (the usual answer) is returned as it is: it is the caller's own, fresh from
 * JSON.parse, and copying ~50 fields per record was most of the decoding cost. `nested`, when given, is
 * increased by the number of object-valued fields (so a caller knows whether the row holds text only).
 */
export function canonicalRow(
	table: TableName,
	raw: Record<string, unknown>,
	nested?: NestedCount,
): Record<string, unknown> {
	const objects = table === 'device' ? canonicalDeviceObjects(raw) : canonicalObjects(table, raw);
	if (objects >= 0) {
		if (nested) nested.count += objects;
		return raw;
	}
	const out: Record<string, unknown> = {};
	for (const key in raw) {
		const value = raw[key];
		if (nested && value !== null && typeof value === 'object') nested.count++;
		out[canonicalKey(table, key)] =
			value === null || value === undefined ? '' : typeof value === 'object' ? value : String(value);
	}
	return out;
}

/** Canonical spellings per table: one Set lookup per key instead of a dictionary search (hot path). */
const CANONICAL = Object.fromEntries(
	(Object.keys(FIELDS) as TableName[]).map((table) => [
		table,
		new Set(FIELDS[table].map((def) => def.code).concat(table === 'device' ? [CONTACT_LIST_KEY] : [])),
	]),
) as Record<TableName, Set<string>>;

/**
 * The keys of the last row found canonical, per table. Rows of one answer come in one key order, and keys from
 * JSON.parse are internalised strings, so comparing with this list costs a pointer comparison per key.
 */
const lastCanonicalKeys: Record<TableName, string[]> = {
	device: [],
	contact: [],
	packing: [],
	storage: [],
	clinical: [],
};

/** The number of object-valued fields of a canonical row (text and objects only), or -1 when it is not one. */
function canonicalObjects(table: TableName, row: Record<string, unknown>): number {
	const known = CANONICAL[table];
	const verified = lastCanonicalKeys[table];
	let objects = 0;
	let index = 0;
	let sameKeys = true;
	for (const key in row) {
		const value = row[key];
		if (typeof value !== 'string') {
			if (value === null || typeof value !== 'object') return -1;
			objects++;
		}
		if (key !== verified[index]) {
			sameKeys = false;
			if (!known.has(key) && canonicalKey(table, key) !== key) return -1;
		}
		index++;
	}
	if (!sameKeys || index !== verified.length) lastCanonicalKeys[table] = Object.keys(row);
	return objects;
}

/**
 * canonicalObjects for device rows, the same loop in a function of its own: V8 keeps the loads of one function
 * fast while they see few object layouts, and device rows (~50 fields) would share them with four other tables.
 */
function canonicalDeviceObjects(row: Record<string, unknown>): number {
	const known = CANONICAL.device;
	const verified = lastCanonicalKeys.device;
	let objects = 0;
	let index = 0;
	let sameKeys = true;
	for (const key in row) {
		const value = row[key];
		if (typeof value !== 'string') {
			if (value === null || typeof value !== 'object') return -1;
			objects++;
		}
		if (key !== verified[index]) {
			sameKeys = false;
			if (!known.has(key) && canonicalKey('device', key) !== key) return -1;
		}
		index++;
	}
	if (!sameKeys || index !== verified.length) lastCanonicalKeys.device = Object.keys(row);
	return objects;
}

/**
 * Decoded records that are the caller's own and hold only text besides their lists carry this hidden mark: the
 * flat layout turns such a record into its item in place instead of copying ~50 fields (see shape.ts). A
 * non-enumerable symbol, so JSON, Object.keys, spreads and n8n's copies never see it; a WeakSet cost more (GC).
 */
const SHAPEABLE_IN_PLACE = Symbol('shapeableInPlace');
type Marked = { [SHAPEABLE_IN_PLACE]?: boolean };

/** Marks a freshly decoded record whose only object-valued fields are its lists. */
export function markShapeableInPlace(record: DeviceRecord): void {
	Object.defineProperty(record, SHAPEABLE_IN_PLACE, { value: true, writable: true });
}

/** Takes the mark back (a child row with nested values joined later). */
export function unmarkShapeableInPlace(record: DeviceRecord): void {
	const marked = record as Marked;
	if (marked[SHAPEABLE_IN_PLACE] === true) marked[SHAPEABLE_IN_PLACE] = undefined;
}

/** True once per marked record: the caller may now turn it into its item. */
export function takeShapeableInPlace(record: DeviceRecord): boolean {
	const marked = record as Marked;
	if (marked[SHAPEABLE_IN_PLACE] !== true) return false;
	marked[SHAPEABLE_IN_PLACE] = false;
	return true;
}

/** A record already turned into its flat item cannot be shaped again (its lists are JSON text now). */
export function wasShapedInPlace(record: object): boolean {
	return (record as Marked)[SHAPEABLE_IN_PLACE] === false;
}
