import type { UdidClient } from '../../nodes/udid/client/client';
import type { DecodedPage } from '../../nodes/udid/client/page';
import type { DeviceRecord } from '../../nodes/udid/records';

export const fakeRecord = (key: string, version = 1): DeviceRecord => ({
	deviceRecordKey: key,
	versionNumber: version,
	contactList: [],
	packingList: [],
	storageList: [],
	clinicalList: [],
});

/** Page `page` of a newest-first list, 20 records a page, as the client decodes it. */
export function pageOf(list: DeviceRecord[], page: number): DecodedPage {
	return {
		totalPageCount: Math.ceil(list.length / 20),
		totalRecordCount: list.length,
		currentPageNumber: page,
		records: list.slice((page - 1) * 20, page * 20),
		rejected: [],
	};
}

/**
 * A UdidClient stand-in serving newest-first lists 20 a page: `days[rangeValue]` for D001, `history[key]` for
 * D002. Tests grow the lists, make pages fail (`failOn`) and read which pages were asked for (`requests`).
 */
export function fakeClient(days: Record<string, DeviceRecord[]>, history: Record<string, DeviceRecord[]> = {}) {
	const requests: string[] = [];
	let failOn: ((what: string, page: number) => Error | undefined) | undefined;
	const serve = async (what: string, list: DeviceRecord[], page: number): Promise<DecodedPage> => {
		requests.push(`${what}#${page}`);
		await new Promise((resolve) => setImmediate(resolve));
		const error = failOn?.(what, page);
		if (error) throw error;
		return pageOf(list, page);
	};
	const client = {
		getSharingPage: (query: { rangeValue: string }, page: number) =>
			serve(query.rangeValue, days[query.rangeValue] ?? [], page),
		getHistoryPage: (keys: readonly string[], page: number) =>
			serve(
				keys.join(','),
				keys.flatMap((k) => history[k] ?? []),
				page,
			),
		lastKnownRemainingVisits: 1234,
	};
	return {
		client: client as unknown as UdidClient,
		requests,
		failOn: (rule: typeof failOn) => (failOn = rule),
	};
}

/** A list of `count` records named `${prefix}${n}`, newest first. */
export const recordsNamed = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => fakeRecord(`${prefix}${count - i}`));
