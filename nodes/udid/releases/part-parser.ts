/**
 * Turns the text of one release part into canonical DeviceRecords as it streams by: a state machine over the
 * scanner's tags that knows `udid > header > numberRkeyecordXML` and `udid > devices > device > field |
 * xxxList > xxx > field`. Memory holds one record at a time. Every repair and every unknown tag or label is
 * counted; a record without the keys an upsert needs is reported, never dropped silently.
 */
import type { DeviceRecord, Row } from '../records';
import { apiValue, DEVICE_TAG_FIELDS, emptyWarnings, fieldOfTag, LIST_TAGS } from './mapping';
import type { ChildKind, MappingWarnings } from './mapping';
import { decodeText, emptyRepairs, type RepairCounts } from './text-repair';
import { XmlScanner } from './xml-scanner';

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
	rows: Row[];
	depth: number;
}

const INTEGER = /^\s*\d+\s*$/;

export class PartRecordParser {
	readonly summary: PartSummary = newSummary();
	private readonly scanner: XmlScanner;
	private readonly names: string[] = [];
	private deviceDepth = -1;
	private record: Record<string, unknown> | null = null;
	private list: ListState | null = null;
	private row: Row | null = null;
	private text = '';
	private headerText = '';

	constructor(private readonly emit: (record: DeviceRecord) => void) {
		const repairs = this.summary.repairs;
		this.scanner = new XmlScanner({
			open: (name) => this.open(name),
			close: (name) => this.close(name),
			leaf: (name, raw) => this.leaf(name, raw),
			text: (raw, cdata) => {
				if (this.names.length) this.text += cdata ? raw : decodeText(raw, repairs);
			},
			bareLessThan: () => repairs.bareLessThans++,
		});
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

	private open(name: string): void {
		this.names.push(name);
		this.text = '';
		const depth = this.names.length;
		if (this.deviceDepth < 0) {
			if (name === 'device') this.startDevice(depth);
			return;
		}
		const rel = depth - this.deviceDepth;
		if (rel === 1) {
			const list = LIST_TAGS.get(name);
			if (list) this.list = { table: list.table, rows: [], depth };
		} else if (rel === 2 && this.list) {
			this.row = {};
		}
	}

	/** `<name>text</name>`: a device field on the fast path, anything else as open + text + close. */
	private leaf(name: string, raw: string): void {
		if (this.deviceDepth >= 0 && this.names.length === this.deviceDepth && !LIST_TAGS.has(name)) {
			const warnings = this.summary.warnings;
			const field = DEVICE_TAG_FIELDS.get(name) ?? fieldOfTag('device', name, warnings);
			const value = raw === '' ? raw : decodeText(raw, this.summary.repairs);
			this.record![field.code] = field.def?.values === undefined ? value : apiValue(field.def, value, warnings);
			return;
		}
		if (this.row !== null && this.names.length === this.deviceDepth + 2) {
			const warnings = this.summary.warnings;
			const field = fieldOfTag(this.list!.table, name, warnings);
			this.row[field.code] = apiValue(field.def, decodeText(raw, this.summary.repairs), warnings);
			return;
		}
		this.open(name);
		if (raw !== '') this.text = decodeText(raw, this.summary.repairs);
		this.close(name);
	}

	private close(name: string): void {
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
		const text = this.text;
		this.text = '';
		if (this.deviceDepth < 0) {
			if (name === HEADER_COUNT_TAG) this.headerText = text;
			else if (text.trim() !== '' && depth > 1) this.summary.strayValues++;
			return;
		}
		const rel = depth - this.deviceDepth;
		if (rel === 0) return this.finishDevice();
		const record = this.record!;
		if (rel === 1) {
			if (this.list && this.list.depth === depth) {
				const key = LIST_TAGS.get(name)!.key;
				(record[key] as Row[]).push(...this.list.rows);
				this.list = null;
			} else {
				const field = fieldOfTag('device', name, this.summary.warnings);
				record[field.code] = apiValue(field.def, text, this.summary.warnings);
			}
		} else if (rel === 2 && this.list && this.row) {
			this.list.rows.push(this.row);
			this.row = null;
		} else if (rel === 3 && this.row) {
			const field = fieldOfTag(this.list!.table, name, this.summary.warnings);
			this.row[field.code] = apiValue(field.def, text, this.summary.warnings);
		} else if (text.trim() !== '') {
			this.summary.strayValues++;
		}
	}

	private startDevice(depth: number): void {
		this.deviceDepth = depth;
		this.record = { contactList: [], packingList: [], storageList: [], clinicalList: [] };
	}

	private finishDevice(): void {
		const record = this.record!;
		const s = this.summary;
		const index = s.devicesRead++;
		this.record = null;
		this.deviceDepth = -1;
		this.list = null;
		this.row = null;
		const key = typeof record.deviceRecordKey === 'string' ? record.deviceRecordKey.trim() : '';
		const rawVersion = typeof record.versionNumber === 'string' ? record.versionNumber : '';
		const version = INTEGER.test(rawVersion) ? Number(rawVersion) : NaN;
		if (key === '' || !Number.isFinite(version)) {
			const reason = key === '' ? 'no deviceRecordKey' : `versionNumber "${rawVersion}" is not an integer`;
			s.rejected.push({ index, reason });
			return;
		}
		record.deviceRecordKey = key;
		record.versionNumber = version;
		// D001 child rows carry the key of their device; contacts do not
		for (const list of ['packingList', 'storageList', 'clinicalList'] as const) {
			for (const row of record[list] as Row[]) row.deviceRecordKey = key;
		}
		s.recordsEmitted++;
		this.emit(record as DeviceRecord);
	}
}
