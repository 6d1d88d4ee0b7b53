import { z } from 'zod/v4';

/**
 * zod schemas for what the client relies on. Everything else passes through untouched (looseObject): the
 * regulator adds fields between document versions and a strict schema would break a nightly sync for nothing.
 * Keys are canonicalised before these run (see records.ts), so the schemas name canonical spellings only.
 */

/** Codes and counts arrive as numbers in some answers and as strings ("1", " 50") in others. */
export const intLike = z
	.union([
		z
			.string()
			.trim()
			.regex(/^-?\d+$/, 'an integer'),
		z.number().int(),
	])
	.transform(Number);
const optionalInt = z
	.union([intLike, z.literal(''), z.null(), z.undefined()])
	.transform((v) => (typeof v === 'number' ? v : undefined));
const text = z.unknown().transform((v) => (v === null || v === undefined ? '' : String(v)));

export const envelopeSchema = z.looseObject({
	returnCode: intLike,
	returnMsg: text,
	errorCode: optionalInt,
	errorMsg: text,
});
export type Envelope = z.output<typeof envelopeSchema>;

export const tokenAnswerSchema = z.looseObject({
	accessToken: z.union([z.string(), z.null(), z.undefined()]).transform((v) => (v ? v : undefined)),
	expiresIn: optionalInt,
	currentTime: text,
	todayRemainVisitCount: optionalInt,
});

export const pageCountsSchema = z.looseObject({
	totalPageCount: optionalInt,
	totalRecordCount: optionalInt,
	currentPageNumber: optionalInt,
});

/** A row object, checked but not copied (a loose object schema would copy each row's fields). */
const row = z.custom<Record<string, unknown>>(
	(v) => v !== null && typeof v === 'object' && !Array.isArray(v),
	'an object',
);
const rowList = z.union([z.array(row), z.null(), z.undefined(), z.literal('')]).transform((v) => v || []);

export const dataSetSchema = z
	.union([
		z.looseObject({ deviceInfo: rowList, packingInfo: rowList, storageInfo: rowList, clinicalInfo: rowList }),
		z.null(),
		z.undefined(),
		z.literal(''),
	])
	.transform((v) => v || { deviceInfo: [], packingInfo: [], storageInfo: [], clinicalInfo: [] });

/** A record key: non-empty text (numbers are accepted and turned into text). */
export const recordKeySchema = z.union([z.string().trim().min(1), z.number()]).transform(String);

/**
 * The part of a device row the client relies on. Only these fields are parsed (the row's other ~45 fields pass
 * through untouched): validating the whole row with a loose object schema copied every field and cost more
 * than the rest of decoding together.
 */
export const deviceKeysSchema = z.object({
	deviceRecordKey: recordKeySchema,
	versionNumber: intLike,
	contactList: rowList,
});
