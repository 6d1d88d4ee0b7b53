/**
 * Hand-written checks of the few fields decoding relies on, run once per row: the same rules as the zod schemas
 * in schemas.ts (recordKeySchema, intLike, the row lists of dataSetSchema), which test/unit/row-checks.test.ts
 * compares them with value by value. zod cost ~3 µs per record here, most of it result objects; these allocate
 * nothing on the good path.
 */

/** A record key: text that is not blank (trimmed), or a finite number (as text). Like recordKeySchema. */
export function recordKeyOf(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? undefined : trimmed;
	}
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

const INTEGER_TEXT = /^-?\d+$/;

/** A whole number given as a number or as text ("3", " 3 "). Like intLike. */
export function integerOf(value: unknown): number | undefined {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return INTEGER_TEXT.test(trimmed) ? Number(trimmed) : undefined;
	}
	return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function isRow(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A list of row objects; null, absent and '' mean none. Returns the list itself (not a copy), or the index of
 * the first element that is not an object (-1 when the value is not a list at all).
 */
export function rowListOf(value: unknown): Array<Record<string, unknown>> | { badIndex: number } {
	if (value === null || value === undefined || value === '') return [];
	if (!Array.isArray(value)) return { badIndex: -1 };
	for (let i = 0; i < value.length; i++) if (!isRow(value[i])) return { badIndex: i };
	return value as Array<Record<string, unknown>>;
}

export interface RowLists {
	deviceInfo: Array<Record<string, unknown>>;
	[dataSetKey: string]: Array<Record<string, unknown>>;
}

/**
 * The dataSet of a page: null, absent or '' mean an empty page; otherwise an object whose lists are lists of
 * row objects. Returns the lists, or the path of what is malformed (e.g. "deviceInfo.3").
 */
export function rowListsOf(dataSet: unknown, keys: readonly string[]): RowLists | { badPath: string } {
	const lists: RowLists = { deviceInfo: [] };
	for (const key of keys) lists[key] = [];
	if (dataSet === null || dataSet === undefined || dataSet === '') return lists;
	if (!isRow(dataSet)) return { badPath: '' };
	const object = dataSet;
	for (const key of keys) {
		const list = rowListOf(object[key]);
		if ('badIndex' in list) return { badPath: list.badIndex < 0 ? key : `${key}.${list.badIndex}` };
		lists[key] = list;
	}
	return lists;
}
