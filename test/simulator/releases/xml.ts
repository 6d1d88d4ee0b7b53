/**
 * Writes the simulator's device versions as the public release files spell them (see the releases spec): lower-case
 * API codes, `versionStauts` (sic), qxlb / cplb for CPLX / HCHZSB with labels, 是/否 for yes/no, BSZT as labels,
 * nested packing / storage / clinical / contact lists, and on request the dirt seen in real parts.
 */
import { API_ONLY_DEVICE_FIELDS, FIELDS, FILE_TAG_ALIASES, type FieldDef } from '../../../nodes/udid/fields';
import type { DeviceRecord, WireRow } from '../types';

/** Kinds of dirt real parts hold: raw control characters, a bare &, HTML entities, references to illegal code points. */
export type DirtKind = 'control' | 'ampersand' | 'htmlEntity' | 'illegalRef';
export const DIRT_KINDS: readonly DirtKind[] = ['control', 'ampersand', 'htmlEntity', 'illegalRef'];

/** The field whose value carries the dirt (free text, present in every record). */
export const DIRTY_FIELD = 'CPMS';

const TAG_OF_CODE = new Map(
	Object.entries(FILE_TAG_ALIASES).map(([tag, code]) => [code, tag === 'versionstauts' ? 'versionStauts' : tag]),
);

function tagOf(def: FieldDef): string {
	return TAG_OF_CODE.get(def.code) ?? (def.code === def.code.toUpperCase() ? def.code.toLowerCase() : def.code);
}

export function escapeXml(value: string): string {
	return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** The value as the files write it: labels instead of codes for yes/no, CPLX, HCHZSB and BSZT. */
export function fileValue(def: FieldDef, value: string): string {
	if (value === '' || !def.values) return value;
	if (def.type === 'yesNo' || def.code === 'CPLX' || def.code === 'HCHZSB') return def.values[value]?.zh ?? value;
	if (def.code === 'BSZT')
		return value
			.split(',')
			.map((code) => def.values![code]?.zh ?? code)
			.join(',');
	return value;
}

/**
 * The dirty spelling of a value and what a tolerant reader makes of it: control characters and references to
 * illegal code points are removed, a bare & is an &, &nbsp; a no-break space.
 */
export function dirtyValue(kind: DirtKind, value: string): { xml: string; repaired: string } {
	const cut = value.length >> 1;
	const head = escapeXml(value.slice(0, cut));
	const tail = escapeXml(value.slice(cut));
	switch (kind) {
		case 'control':
			return { xml: `${head}\u0001${tail}\u001f`, repaired: value };
		case 'ampersand':
			return { xml: `${head} & ${tail}`, repaired: `${value.slice(0, cut)} & ${value.slice(cut)}` };
		case 'htmlEntity':
			return { xml: `${head}&nbsp;${tail}&middot;`, repaired: `${value.slice(0, cut)}\u00a0${value.slice(cut)}\u00b7` };
		default:
			return { xml: `${head}&#1;${tail}&#xFFFE;`, repaired: value };
	}
}

function element(tag: string, xml: string): string {
	return xml === '' ? `<${tag}/>` : `<${tag}>${xml}</${tag}>`;
}

function rowXml(table: 'contact' | 'packing' | 'storage' | 'clinical', row: WireRow): string {
	let xml = `<${table}>`;
	for (const def of FIELDS[table]) {
		if (def.code === 'deviceRecordKey') continue;
		xml += element(def.code.toLowerCase(), escapeXml(row[def.code] ?? ''));
	}
	return xml + `</${table}>`;
}

/** Corrections (纠错) exist only in the files: a small, deterministic share of records carries one. */
export function correctionOf(record: DeviceRecord): {
	correctionNumber: string;
	correctionRemark: string;
	correctionTime: string;
} {
	const corrected = record.deviceRecordKey.charCodeAt(record.deviceRecordKey.length - 1) % 16 === 0;
	return corrected
		? { correctionNumber: '1', correctionRemark: '更正产品描述', correctionTime: record.versionTime }
		: { correctionNumber: '', correctionRemark: '', correctionTime: '' };
}

/** One `<device>` element; `dirt` puts each named kind into the record's CPMS. */
export function deviceXml(record: DeviceRecord, dirt: readonly DirtKind[] = []): string {
	let xml = '<device>';
	for (const def of FIELDS.device) {
		if (API_ONLY_DEVICE_FIELDS.includes(def.code)) continue;
		const value = fileValue(def, record[def.code] as string);
		let text = escapeXml(value);
		if (def.code === DIRTY_FIELD && dirt.length)
			text = dirt.reduce((acc, kind) => acc + dirtyValue(kind, value).xml, '');
		xml += element(tagOf(def), text);
	}
	const correction = correctionOf(record);
	for (const [tag, value] of Object.entries(correction)) xml += element(tag, escapeXml(value));
	xml += `<packingList>${record.packing.map((row) => rowXml('packing', row)).join('')}</packingList>`;
	xml += `<storageList>${record.storage.map((row) => rowXml('storage', row)).join('')}</storageList>`;
	xml += `<clinicalList>${record.clinical.map((row) => rowXml('clinical', row)).join('')}</clinicalList>`;
	xml += `<contactList>${record.contactList.map((row) => rowXml('contact', row)).join('')}</contactList>`;
	return xml + '</device>\n';
}

/** What a tolerant reader should read from CPMS of a record written with `dirt`. */
export function repairedDirtyValue(value: string, dirt: readonly DirtKind[]): string {
	return dirt.map((kind) => dirtyValue(kind, value).repaired).join('');
}

export function partHead(headerCount: number): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<udid><header><numberRkeyecordXML>${headerCount}</numberRkeyecordXML></header>\n<devices>\n`;
}

export const PART_TAIL = '</devices></udid>\n';
