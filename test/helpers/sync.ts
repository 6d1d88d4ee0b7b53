import type { SharingQuery, UdidClient } from '../../nodes/udid/client/client';
import { fetchAllPages } from '../../nodes/udid/paging';
import type { DeviceRecord } from '../../nodes/udid/records';
import { versionKey } from '../../nodes/udid/records';
import type { DeviceRecord as SimRecord } from '../simulator/types';

/** A whole D001 walk through the client and the paging primitive: what the node does, without n8n. */
export async function syncAll(
	client: UdidClient,
	query: SharingQuery,
	options: { concurrency?: number; startPage?: number } = {},
) {
	const records: DeviceRecord[] = [];
	for await (const batch of fetchAllPages({
		fetchPage: (page, signal) => client.getSharingPage(query, page, signal),
		...options,
	})) {
		records.push(...batch.records);
	}
	return records;
}

export const simKey = (r: SimRecord) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`;

/** Keys of what was synced, sorted, and whether any was emitted twice. */
export function keysOf(records: Array<DeviceRecord | SimRecord>): { keys: string[]; duplicates: number } {
	const keys = records.map((r) => ('packingList' in r ? versionKey(r as DeviceRecord) : simKey(r as SimRecord)));
	return { keys: [...keys].sort(), duplicates: keys.length - new Set(keys).size };
}

/** The simulator's ground truth in the client's canonical form, to compare whole records. */
export function canonicalTruth(r: SimRecord) {
	const { packing, storage, clinical, contactList, versionNumber, ...device } = r;
	return {
		...device,
		versionNumber: Number(versionNumber),
		contactList,
		packingList: packing,
		storageList: storage,
		clinicalList: clinical,
	};
}
