import type { ChildTable } from '../fields';
import { CHILD_ARRAYS, CHILD_TABLES, CONTACT_LIST_KEY } from '../fields';
import type { DeviceRecord, Row } from '../records';
import { NESTED_KEY, canonicalRow } from '../records';
import type { Endpoint } from './errors';
import { UdidApiError, UdidTransportError } from './errors';
import { dataSetSchema, deviceKeysSchema, envelopeSchema, pageCountsSchema, recordKeySchema } from './schemas';

export interface DecodedPage {
	totalPageCount: number;
	totalRecordCount: number;
	/** The page the server says it answered (it echoes the request even when the page is empty). */
	currentPageNumber: number;
	records: DeviceRecord[];
	/** Device rows that lacked what we rely on (deviceRecordKey, versionNumber); reported, never silently dropped. */
	rejected: Array<{ index: number; reason: string }>;
}

const ENVELOPE_KEYS = [
	'returnCode',
	'returnMsg',
	'errorCode',
	'errorMsg',
	'accessToken',
	'expiresIn',
	'currentTime',
	'todayRemainVisitCount',
	'totalPageCount',
	'totalRecordCount',
	'currentPageNumber',
	'dataSet',
];
const DATASET_KEYS = ['deviceInfo', ...CHILD_TABLES.map((t) => CHILD_ARRAYS[t].dataSetKey)];

/** Renames the known keys of an object to their canonical spelling, whatever case the answer used. */
export function canonicalTopLevel(obj: Record<string, unknown>, known: readonly string[] = ENVELOPE_KEYS): Record<string, unknown> {
	const lower = new Map(known.map((k) => [k.toLowerCase(), k]));
	const out: Record<string, unknown> = {};
	for (const key in obj) out[lower.get(key.toLowerCase()) ?? key] = obj[key];
	return out;
}

/** Validates the common part of every answer and throws a typed error for any return code but 1 (and 9 when allowed). */
export function checkEnvelope(endpoint: Endpoint, answer: Record<string, unknown>, okCodes: readonly number[] = [1]) {
	const parsed = envelopeSchema.safeParse(answer);
	if (!parsed.success) {
		throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answer has no usable returnCode (${parsed.error.issues[0]?.message ?? 'invalid'})`);
	}
	const env = parsed.data;
	if (!okCodes.includes(env.returnCode)) {
		throw new UdidApiError(endpoint, env.returnCode, env.returnMsg, env.errorCode, env.errorMsg || undefined);
	}
	return env;
}

export function decodePage(endpoint: Endpoint, rawAnswer: Record<string, unknown>): DecodedPage {
	const answer = canonicalTopLevel(rawAnswer);
	checkEnvelope(endpoint, answer);
	const counts = pageCountsSchema.safeParse(answer);
	if (!counts.success) throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answer has malformed page counts`);
	const rawDataSet = answer.dataSet && typeof answer.dataSet === 'object' ? canonicalTopLevel(answer.dataSet as Record<string, unknown>, DATASET_KEYS) : answer.dataSet;
	const dataSet = dataSetSchema.safeParse(rawDataSet);
	if (!dataSet.success) throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answer has a malformed dataSet (${dataSet.error.issues[0]?.path.join('.')})`);

	const { records, rejected } = decodeDevices(dataSet.data.deviceInfo);
	joinChildren(records, dataSet.data as unknown as Record<string, Array<Record<string, unknown>>>);
	return {
		totalPageCount: counts.data.totalPageCount ?? 0,
		totalRecordCount: counts.data.totalRecordCount ?? records.length,
		currentPageNumber: counts.data.currentPageNumber ?? 0,
		records,
		rejected,
	};
}

function decodeDevices(rows: Array<Record<string, unknown>>) {
	const records: DeviceRecord[] = [];
	const rejected: DecodedPage['rejected'] = [];
	rows.forEach((raw, index) => {
		const row = canonicalRow('device', raw);
		const checked = deviceKeysSchema.safeParse({ deviceRecordKey: row.deviceRecordKey, versionNumber: row.versionNumber, contactList: row[CONTACT_LIST_KEY] });
		if (!checked.success) {
			const issue = checked.error.issues[0];
			rejected.push({ index, reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` });
			return;
		}
		// `row` is our own fresh copy: completing it in place avoids copying ~50 fields once more
		const record = row as DeviceRecord;
		record.deviceRecordKey = checked.data.deviceRecordKey;
		record.versionNumber = checked.data.versionNumber;
		record.contactList = checked.data.contactList.map((c) => canonicalRow('contact', c) as Row);
		record.packingList = [];
		record.storageList = [];
		record.clinicalList = [];
		records.push(record);
	});
	return { records, rejected };
}

/**
 * Child arrays are flat lists for the whole page, joined by deviceRecordKey only. When one page holds several
 * versions of a record (D002), the rows cannot be told apart by version: each of those versions gets the
 * distinct rows of all of them (identical rows once), which the README states as a limit of the API.
 */
function joinChildren(records: DeviceRecord[], dataSet: Record<string, Array<Record<string, unknown>>>) {
	if (records.length === 0) return;
	const byKey = new Map<string, DeviceRecord[]>();
	for (const r of records) {
		const list = byKey.get(r.deviceRecordKey);
		if (list) list.push(r);
		else byKey.set(r.deviceRecordKey, [r]);
	}
	const seenShared = new Set<string>();
	for (const table of CHILD_TABLES as readonly ChildTable[]) {
		for (const raw of dataSet[CHILD_ARRAYS[table].dataSetKey] ?? []) {
			const row = canonicalRow(table, raw) as Row;
			const key = recordKeySchema.safeParse(row.deviceRecordKey);
			if (!key.success) continue;
			row.deviceRecordKey = key.data;
			const owners = byKey.get(key.data);
			if (!owners) continue;
			if (owners.length > 1) {
				const identity = `${table}|${JSON.stringify(row)}`;
				if (seenShared.has(identity)) continue;
				seenShared.add(identity);
			}
			for (const owner of owners) owner[NESTED_KEY[table]].push(row);
		}
	}
}
