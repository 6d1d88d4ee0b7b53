/**
 * From the release files' spelling to the canonical record D001 gives, through the one field dictionary:
 * lower-case tags become API codes (qxlb → CPLX, cplb → HCHZSB, versionStauts → versionStatus), 是/否 and value
 * labels become the API's codes, and correction* fields (files only) are kept. An unknown label passes
 * unchanged and is counted as a warning; an unknown tag is kept under its own name and counted too.
 */
import type { FieldDef, TableName } from '../fields';
import { API_ONLY_DEVICE_FIELDS, codeForLabel, FIELDS, FILE_ONLY_FIELDS, FILE_TAG_ALIASES, findField } from '../fields';
import { TagTable } from './tag-table';

export type ChildKind = 'contact' | 'packing' | 'storage' | 'clinical';

/** Container tags of a device and the record list they fill (`contactList` / `packingList` / ...). */
type ListKey = 'contactList' | 'packingList' | 'storageList' | 'clinicalList';
export const LIST_TAGS: ReadonlyMap<string, { table: ChildKind; key: ListKey }> = new Map([
	['contactList', { table: 'contact', key: 'contactList' }],
	['packingList', { table: 'packing', key: 'packingList' }],
	['storageList', { table: 'storage', key: 'storageList' }],
	['clinicalList', { table: 'clinical', key: 'clinicalList' }],
] as const);

export interface FileField {
	code: string;
	def?: FieldDef;
	/** Exact label → code (是 → 1, 器械 → 1) for a field with coded values: the parser's one-lookup fast path. */
	labels?: ReadonlyMap<string, string>;
	/** A small number per field code of the dictionary (0 .. FIELD_IDS - 1); none for an unknown tag. */
	id?: number;
}

let fieldIds = 0;

function fileField(def: FieldDef | undefined, code = def!.code): FileField {
	const id = fieldIds++;
	if (def?.values === undefined) return { code, def, id };
	const labels = new Map<string, string>();
	for (const [value, label] of Object.entries(def.values)) if (!(label.zh in def.values)) labels.set(label.zh, value);
	return { code, def, labels, id };
}

/** Tag → canonical field per table, built once from the dictionary; unknown tags are memoised as themselves. */
const TAGS = new Map<TableName, Map<string, FileField>>();
for (const table of Object.keys(FIELDS) as TableName[]) {
	const map = new Map<string, FileField>();
	for (const def of FIELDS[table]) {
		const field = fileField(def);
		map.set(def.code, field);
		map.set(def.code.toLowerCase(), field);
	}
	TAGS.set(table, map);
}
const DEVICE_TAGS = TAGS.get('device')!;
for (const def of FILE_ONLY_FIELDS) DEVICE_TAGS.set(def.code, fileField(def));
for (const [tag, code] of Object.entries(FILE_TAG_ALIASES)) {
	// one FileField (and id) per code, whatever its spelling in the files
	const field = DEVICE_TAGS.get(code) ?? fileField(findField('device', code), code);
	DEVICE_TAGS.set(tag, field);
	DEVICE_TAGS.set(tag === 'versionstauts' ? 'versionStauts' : tag.toUpperCase(), field);
}

/** How many field ids there are (every FileField of the dictionary has one below this). */
export const FIELD_IDS = fieldIds;

/** The device fields a release file carries, in the dictionary's order (which is the files' order too). */
export const FILE_DEVICE_FIELDS: readonly FileField[] = [
	...FIELDS.device.filter((def) => !API_ONLY_DEVICE_FIELDS.includes(def.code)),
	...FILE_ONLY_FIELDS,
].map((def) => DEVICE_TAGS.get(def.code)!);

/** Device field tags known to the dictionary, by hash: the parser's hot path (list containers are not fields). */
export const DEVICE_FIELD_TAGS = new TagTable(new Map([...DEVICE_TAGS].filter(([tag]) => !LIST_TAGS.has(tag))));

/** Field tags of the rows of each list, by hash. */
export const ROW_FIELD_TAGS: Readonly<Record<ChildKind, TagTable>> = {
	contact: new TagTable(TAGS.get('contact')!),
	packing: new TagTable(TAGS.get('packing')!),
	storage: new TagTable(TAGS.get('storage')!),
	clinical: new TagTable(TAGS.get('clinical')!),
};

export interface MappingWarnings {
	/** `FIELD: value` → how often a value label the dictionary does not know passed unchanged. */
	unknownLabels: Map<string, number>;
	/** Tags the dictionary does not know, kept under their own name → how often. */
	unknownTags: Map<string, number>;
}

export function emptyWarnings(): MappingWarnings {
	return { unknownLabels: new Map(), unknownTags: new Map() };
}

function bump(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

/** The canonical field for a tag of `table`; an unknown tag maps to itself and is counted. */
export function fieldOfTag(table: TableName, tag: string, warnings: MappingWarnings): FileField {
	const map = TAGS.get(table)!;
	let field = map.get(tag);
	if (field) return field;
	field = map.get(tag.toLowerCase());
	if (field) {
		map.set(tag, field);
		return field;
	}
	bump(warnings.unknownTags, table === 'device' ? tag : `${table}.${tag}`);
	return { code: tag };
}

const LIST_SEPARATOR = /[,，、]/;

/** apiValue with the exact-label lookup first (the common case: 是, 否, 器械, 耗材). */
export function fieldValue(field: FileField, value: string, warnings: MappingWarnings): string {
	if (field.labels === undefined || value === '') return value;
	return field.labels.get(value) ?? apiValue(field.def, value, warnings);
}

/** The API's code for a file value: 是 → 1, 器械 → 1 (CPLX), 一维码,二维码 → 1,2 (BSZT); others unchanged. */
export function apiValue(def: FieldDef | undefined, value: string, warnings: MappingWarnings): string {
	if (def === undefined || def.values === undefined || value === '') return value;
	if (def.values[value] !== undefined) return value;
	if (def.type === 'codeList') {
		let changed = false;
		const codes = value.split(LIST_SEPARATOR).map((part) => {
			const item = part.trim();
			const code = def.values![item] !== undefined ? item : codeForLabel(def, item);
			if (code === undefined) bump(warnings.unknownLabels, `${def.code}: ${item}`);
			else changed = true;
			return code ?? item;
		});
		return changed ? codes.join(',') : value;
	}
	const code = codeForLabel(def, value.trim());
	if (code !== undefined) return code;
	bump(warnings.unknownLabels, `${def.code}: ${value}`);
	return value;
}

/** One line per kind of warning, most frequent first, for logs and summaries. */
export function describeWarnings(warnings: MappingWarnings, limit = 10): string[] {
	const lines: string[] = [];
	const list = (map: Map<string, number>, what: string) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, limit)
			.forEach(([key, count]) => lines.push(`${what} ${key} (${count}×)`));
	list(warnings.unknownLabels, 'value label not in the field dictionary, passed unchanged:');
	list(warnings.unknownTags, 'tag not in the field dictionary, kept under its own name:');
	return lines;
}
