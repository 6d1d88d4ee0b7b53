/**
 * Turns the text of one release part into canonical DeviceRecords as it streams by: a state machine over the
 * scanner's tags that knows `udid > header > numberRkeyecordXML` and `udid > devices > device > field |
 * xxxList > xxx > field`. Memory holds one record at a time. Every repair and every unknown tag or label is
 * counted; a record without the keys an upsert needs is reported, never dropped silently.
 */
import type { DeviceRecord, Row } from '../records';
import { markShapeableInPlace } from '../records';
import {
	apiValue,
	DEVICE_FIELD_TAGS,
	emptyWarnings,
	fieldOfTag,
	fieldValue,
	LIST_TAGS,
	ROW_FIELD_TAGS,
} from './mapping';
import type { ChildKind, FileField, MappingWarnings } from './mapping';
import { FILE_RECORD_FIELDS, FILE_RECORD_MARKS, newFileRecord } from './record-layout';
import type { TagTable } from './tag-table';
import { decodeText, emptyRepairs, type RepairCounts } from './text-repair';
import { XmlScanner, type ScannerHandler } from './xml-scanner';

export const HEADER_COUNT_TAG = 'numberRkeyecordXML';

export interface PartSummary {
	/** The header's numberRkeyecordXML (sic), undefined when the part has none or it is not a number. */
	headerCount?: number;
	/** Device elements read: emitted records plus rejected ones. */
	devicesRead: number;
	recordsEmitted: number;
	/** Devices without a deviceRecordKey or an integer versionNumber (reported, not emitted). */
	rejected: Array<{ index: number; reason: string }>;
	/** False when the header states a count that differs from devicesRead. */
	countMatches: boolean;
	repairs: RepairCounts;
	warnings: MappingWarnings;
	/** Text outside any device and elements nested deeper than the known structure (count of such values). */
	strayValues: number;
}

export function newSummary(): PartSummary {
	return {
		devicesRead: 0,
		recordsEmitted: 0,
		rejected: [],
		countMatches: true,
		repairs: emptyRepairs(),
		warnings: emptyWarnings(),
		strayValues: 0,
	};
}

interface ListState {
	table: ChildKind;
	tags: TagTable;
	key: ListKey;
	depth: number;
}

type ListKey = 'contactList' | 'packingList' | 'storageList' | 'clinicalList';

const INTEGER = /^\s*\d+\s*$/;

/**
 * The scanner's handler itself (no closures between them: this runs about 75 times a record). Records hold the
 * fields in the dictionary's order (the files' order, see newFileRecord), then contactList, packingList,
 * storageList and clinicalList, whose rows start with their deviceRecordKey like D001's; they hold only text
 * besides their lists, so the flat layout can make each its own item.
 */
export class PartRecordParser implements ScannerHandler {
	readonly summary: PartSummary = newSummary();
	private readonly scanner: XmlScanner;
	private readonly names: string[] = [];
	private deviceDepth = -1;
	private record: Record<string, unknown> | null = null;
	/** The device's key as soon as it is read (rows are created with it first, like D001's). */
	private recordKey: string | undefined;
	private lists: Record<ListKey, Row[]> | null = null;
	private list: ListState | null = null;
	private row: Row | null = null;
	/** Text of the open element (decoded), for elements the fast path did not take. */
	private pending = '';
	private headerText = '';
	/**
	 * Per record: 1 at the ids of the fields newFileRecord holds, 2 once read; `filled` counts the 2s. Undefined
	 * when this part's devices are built key by key instead (its first device lacked fields).
	 */
	private filling: Uint8Array | undefined = new Uint8Array(FILE_RECORD_MARKS.length);
	private filled = 0;

	constructor(private readonly emit: (record: DeviceRecord) => void) {
		this.scanner = new XmlScanner(this);
	}

	write(chunk: string): void {
		this.scanner.write(chunk);
	}

	/** Ends the part: closes what is still open and settles the header check. */
	end(): PartSummary {
		this.scanner.end();
		while (this.names.length) {
			this.summary.repairs.mismatchedTags++;
			this.closeTop();
		}
		const s = this.summary;
		const header = this.headerText.trim();
		if (INTEGER.test(header)) s.headerCount = Number(header);
		s.countMatches = s.headerCount === undefined || s.headerCount === s.devicesRead;
		return s;
	}

	text(raw: string, cdata: boolean): void {
		if (this.names.length) this.pending += cdata ? raw : decodeText(raw, this.summary.repairs);
	}

	bareLessThan(): void {
		this.summary.repairs.bareLessThans++;
	}

	open(name: string): void {
		this.names.push(name);
		this.pending = '';
		const depth = this.names.length;
		if (this.deviceDepth < 0) {
			if (name === 'device') this.startDevice(depth);
			return;
		}
		const rel = depth - this.deviceDepth;
		if (rel === 1) {
			const list = LIST_TAGS.get(name);
			if (list) this.list = { table: list.table, tags: ROW_FIELD_TAGS[list.table], key: list.key, depth };
		} else if (rel === 2 && this.list) {
			// D001's child rows carry their device's key first; contacts carry none
			this.row =
				this.list.table === 'contact' || this.recordKey === undefined ? {} : { deviceRecordKey: this.recordKey };
		}
	}

	/** `<name>raw</name>` or `<name/>`: a known field of a device or row on the fast path, else open + text + close. */
	leaf(
		text: string,
		nameStart: number,
		nameEnd: number,
		hash: number,
		check: number,
		valueStart: number,
		valueEnd: number,
		clean: boolean,
	): void {
		const depth = this.names.length;
		if (depth === this.deviceDepth) {
			const field = DEVICE_FIELD_TAGS.find(nameEnd - nameStart, hash, check);
			if (field !== undefined) return this.setField(field, this.fieldText(field, text, valueStart, valueEnd, clean));
		} else if (this.row !== null && depth === this.deviceDepth + 2) {
			const field = this.list!.tags.find(nameEnd - nameStart, hash, check);
			if (field !== undefined) {
				this.row[field.code] = this.fieldText(field, text, valueStart, valueEnd, clean);
				return;
			}
		}
		const name = text.slice(nameStart, nameEnd);
		this.open(name);
		if (valueStart !== valueEnd) this.pending = decodeText(text.slice(valueStart, valueEnd), this.summary.repairs);
		this.close(name);
	}

	private fieldText(field: FileField, text: string, start: number, end: number, clean: boolean): string {
		const raw = start === end ? '' : text.slice(start, end);
		const value = clean ? raw : decodeText(raw, this.summary.repairs);
		return field.labels === undefined ? value : fieldValue(field, value, this.summary.warnings);
	}

	/** A device field (the key is also kept aside: rows are created with it). */
	private setField(field: FileField, value: string): void {
		const record = this.record!;
		const code = field.code;
		const id = field.id;
		if (this.filling !== undefined && id !== undefined && this.filling[id] === 1) {
			this.filling[id] = 2;
			this.filled++;
		}
		if (code === '__proto__') {
			// an unknown tag of that name is kept as a field like any other, not taken for the prototype
			Object.defineProperty(record, code, { value, enumerable: true, writable: true, configurable: true });
			return;
		}
		record[code] = value;
		if (code === 'deviceRecordKey') this.recordKey = value.trim();
	}

	close(name: string): void {
		const names = this.names;
		if (names[names.length - 1] !== name) {
			const at = names.lastIndexOf(name);
			this.summary.repairs.mismatchedTags++;
			if (at < 0) return; // a close tag for nothing open: ignored (counted)
			while (names.length > at + 1) this.closeTop();
		}
		this.closeTop();
	}

	private closeTop(): void {
		const depth = this.names.length;
		const name = this.names.pop()!;
		const text = this.pending;
		this.pending = '';
		if (this.deviceDepth < 0) {
			if (name === HEADER_COUNT_TAG) this.headerText = text;
			else if (text.trim() !== '' && depth > 1) this.summary.strayValues++;
			return;
		}
		const rel = depth - this.deviceDepth;
		if (rel === 0) return this.finishDevice(text);
		const warnings = this.summary.warnings;
		if (rel === 1) {
			if (this.list && this.list.depth === depth) this.list = null;
			else {
				// a field the fast path did not take: unknown, in another case, or holding markup
				const field = fieldOfTag('device', name, warnings);
				this.setField(field, apiValue(field.def, text, warnings));
			}
		} else if (rel === 2 && this.list && this.row) {
			this.lists![this.list.key].push(this.row);
			this.row = null;
		} else if (rel === 3 && this.row) {
			const field = fieldOfTag(this.list!.table, name, warnings);
			this.row[field.code] = apiValue(field.def, text, warnings);
		} else if (text.trim() !== '') {
			this.summary.strayValues++;
		}
	}

	private startDevice(depth: number): void {
		this.deviceDepth = depth;
		if (this.filling !== undefined) {
			this.record = newFileRecord();
			this.filling.set(FILE_RECORD_MARKS);
			this.filled = 0;
		} else this.record = {};
		this.recordKey = undefined;
		this.lists = { contactList: [], packingList: [], storageList: [], clinicalList: [] };
	}

	/** `stray`: text directly inside <device> (between its fields), counted when it is more than white space. */
	private finishDevice(stray: string): void {
		const record = this.record!;
		const lists = this.lists!;
		const s = this.summary;
		const index = s.devicesRead++;
		this.record = null;
		this.lists = null;
		this.deviceDepth = -1;
		this.list = null;
		this.row = null;
		if (stray.trim() !== '') s.strayValues++;
		const key = typeof record.deviceRecordKey === 'string' ? record.deviceRecordKey.trim() : '';
		const rawVersion = typeof record.versionNumber === 'string' ? record.versionNumber : '';
		const version = INTEGER.test(rawVersion) ? Number(rawVersion) : NaN;
		if (key === '' || !Number.isFinite(version)) {
			const reason = key === '' ? 'no deviceRecordKey' : `versionNumber "${rawVersion}" is not an integer`;
			s.rejected.push({ index, reason });
			return;
		}
		if (this.filling !== undefined && this.filled !== FILE_RECORD_FIELDS) {
			// this device lacks fields the files carry: no key without a value; and if the first device did, the
			// part's exporter writes fewer fields, so build its records key by key
			for (const field in record) if (record[field] === undefined) delete record[field];
			if (s.recordsEmitted === 0) this.filling = undefined;
		}
		record.deviceRecordKey = key;
		record.versionNumber = version;
		record.contactList = lists.contactList;
		record.packingList = lists.packingList;
		record.storageList = lists.storageList;
		record.clinicalList = lists.clinicalList;
		// D001 child rows carry the key of their device (set first when the key came before the lists)
		for (const list of [lists.packingList, lists.storageList, lists.clinicalList])
			for (const row of list) if (row.deviceRecordKey !== key) row.deviceRecordKey = key;
		// text only besides the lists: the flat layout may turn it into its item without a copy
		markShapeableInPlace(record as DeviceRecord);
		s.recordsEmitted++;
		this.emit(record as DeviceRecord);
	}
}
