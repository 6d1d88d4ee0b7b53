import type { ChildTable } from '../fields';
import { CHILD_ARRAYS, CHILD_TABLES, CONTACT_LIST_KEY } from '../fields';
import type { DeviceRecord, Row } from '../records';
import type { NestedCount } from '../records';
import { NESTED_KEY, canonicalRow, markShapeableInPlace, unmarkShapeableInPlace } from '../records';
import type { Endpoint } from './errors';
import { UdidApiError, UdidTransportError } from './errors';
import { integerOf, recordKeyOf, rowListOf, rowListsOf } from './row-checks';
import { envelopeSchema, pageCountsSchema } from './schemas';

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
export function canonicalTopLevel(
	obj: Record<string, unknown>,
	known: readonly string[] = ENVELOPE_KEYS,
): Record<string, unknown> {
	const lower = lowerCaseMap(known);
	let canonical = true;
	for (const key in obj) if ((lower.get(key) ?? lower.get(key.toLowerCase()) ?? key) !== key) canonical = false;
	if (canonical) return obj; // the usual answer: nothing to rename, no copy
	const out: Record<string, unknown> = {};
	for (const key in obj) out[lower.get(key.toLowerCase()) ?? key] = obj[key];
	return out;
}

/** Lower-case (and canonical) spelling → canonical key, computed once per key list (it runs for every answer). */
const lowerCaseMaps = new WeakMap<readonly string[], Map<string, string>>();
function lowerCaseMap(known: readonly string[]): Map<string, string> {
	let map = lowerCaseMaps.get(known);
	if (!map) {
		map = new Map(known.flatMap((k) => [[k, k] as [string, string], [k.toLowerCase(), k] as [string, string]]));
		lowerCaseMaps.set(known, map);
	}
	return map;
}

/** Validates the common part of every answer and throws a typed error for any return code but 1 (and 9 when allowed). */
export function checkEnvelope(endpoint: Endpoint, answer: Record<string, unknown>, okCodes: readonly number[] = [1]) {
	const parsed = envelopeSchema.safeParse(answer);
	if (!parsed.success) {
		throw new UdidTransportError(
			endpoint,
			'decode',
			`UDID ${endpoint} answer has no usable returnCode (${parsed.error.issues[0]?.message ?? 'invalid'})`,
		);
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
	if (!counts.success)
		throw new UdidTransportError(endpoint, 'decode', `UDID ${endpoint} answer has malformed page counts`);
	const rawDataSet =
		answer.dataSet && typeof answer.dataSet === 'object'
			? canonicalTopLevel(answer.dataSet as Record<string, unknown>, DATASET_KEYS)
			: answer.dataSet;
	const lists = rowListsOf(rawDataSet, DATASET_KEYS);
	if ('badPath' in lists)
		throw new UdidTransportError(
			endpoint,
			'decode',
			`UDID ${endpoint} answer has a malformed dataSet (${lists.badPath})`,
		);

	const { records, rejected } = decodeDevices(lists.deviceInfo);
	joinChildren(records, lists);
	return {
		totalPageCount: counts.data.totalPageCount ?? 0,
		totalRecordCount: counts.data.totalRecordCount ?? records.length,
		currentPageNumber: counts.data.currentPageNumber ?? 0,
		records,
		rejected,
	};
}

/**
 * Each device row becomes its record in place (it is our own, fresh from JSON.parse): the keys we rely on are
 * checked and typed, the lists attached. A row that holds only text besides its lists is marked so that the flat
 * layout can turn it into the item without copying it once more.
 */
function decodeDevices(rows: Array<Record<string, unknown>>) {
	const records: DeviceRecord[] = [];
	const rejected: DecodedPage['rejected'] = [];
	const nested: NestedCount = { count: 0 };
	for (let index = 0; index < rows.length; index++) {
		nested.count = 0;
		const row = canonicalRow('device', rows[index], nested);
		const deviceRecordKey = recordKeyOf(row.deviceRecordKey);
		const versionNumber = integerOf(row.versionNumber);
		const contacts = rowListOf(row[CONTACT_LIST_KEY]);
		if (deviceRecordKey === undefined || versionNumber === undefined || 'badIndex' in contacts) {
			rejected.push({ index, reason: rowProblem(deviceRecordKey, versionNumber, contacts) });
			continue;
		}
		const record = row as DeviceRecord;
		record.deviceRecordKey = deviceRecordKey;
		record.versionNumber = versionNumber;
		if (contacts === row[CONTACT_LIST_KEY]) nested.count--; // the list itself
		for (let i = 0; i < contacts.length; i++) contacts[i] = canonicalRow('contact', contacts[i], nested);
		record.contactList = contacts as Row[];
		record.packingList = [];
		record.storageList = [];
		record.clinicalList = [];
		if (nested.count === 0) markShapeableInPlace(record);
		records.push(record);
	}
	return { records, rejected };
}

function rowProblem(
	key: string | undefined,
	version: number | undefined,
	contacts: ReturnType<typeof rowListOf>,
): string {
	if (key === undefined) return 'deviceRecordKey: not a non-empty text or number';
	if (version === undefined) return 'versionNumber: not a whole number';
	const at = 'badIndex' in contacts && contacts.badIndex >= 0 ? `.${contacts.badIndex}` : '';
	return `contactList${at}: not a list of objects`;
}

/**
 * Child arrays are flat lists for the whole page, joined by deviceRecordKey only. When one page holds several
 * versions of a record (D002), the rows cannot be told apart by version: each of those versions gets the
 * distinct rows of all of them (identical rows once), which the README states as a limit of the API.
 */
function joinChildren(records: DeviceRecord[], lists: Record<string, Array<Record<string, unknown>>>) {
	if (records.length === 0) return;
	const byKey = new Map<string, DeviceRecord[]>();
	for (const r of records) {
		const list = byKey.get(r.deviceRecordKey);
		if (list) list.push(r);
		else byKey.set(r.deviceRecordKey, [r]);
	}
	const seenShared = new Set<string>();
	const nested: NestedCount = { count: 0 };
	for (const table of CHILD_TABLES as readonly ChildTable[]) {
		for (const raw of lists[CHILD_ARRAYS[table].dataSetKey]) {
			nested.count = 0;
			const row = canonicalRow(table, raw, nested) as Row;
			const key = recordKeyOf(row.deviceRecordKey);
			if (key === undefined) continue;
			row.deviceRecordKey = key;
			const owners = byKey.get(key);
			if (!owners) continue;
			if (owners.length > 1) {
				const identity = `${table}|${JSON.stringify(row)}`;
				if (seenShared.has(identity)) continue;
				seenShared.add(identity);
			}
			for (const owner of owners) {
				owner[NESTED_KEY[table]].push(row);
				if (nested.count > 0) unmarkShapeableInPlace(owner); // its flat item drops nested values: copy it
			}
		}
	}
}
