import type { ChildTable, TableName } from './fields';
import { canonicalKey } from './fields';

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

/**
 * Canonical keys (upper-case API codes) and scalar values as strings; nested arrays are left to the caller.
 * A row that already is canonical (the usual answer) is returned as it is: it is the caller's own, fresh from
 * JSON.parse, and copying ~50 fields per record was most of the decoding cost.
 */
export function canonicalRow(table: TableName, raw: Record<string, unknown>): Record<string, unknown> {
	if (isCanonical(table, raw)) return raw;
	const out: Record<string, unknown> = {};
	for (const key in raw) {
		const value = raw[key];
		out[canonicalKey(table, key)] = value === null || value === undefined ? '' : typeof value === 'object' ? value : String(value);
	}
	return out;
}


function isCanonical(table: TableName, row: Record<string, unknown>): boolean {
	for (const key in row) {
		const value = row[key];
		if (typeof value !== 'string' && (value === null || typeof value !== 'object')) return false;
		if (canonicalKey(table, key) !== key) return false;
	}
	return true;
}
