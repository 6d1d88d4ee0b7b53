export type IdentifierFormat = 'gs1' | 'gs1-digital-link' | 'gtin' | 'ma' | 'ahm' | 'unknown';

/** One data element in the order it appeared in the code. */
export interface IdentifierElement {
	/** GS1 Application Identifier ("17"), MA data identifier letter ("L") or AHM key ("BA"). */
	key: string;
	/** Plain English name, e.g. "expiry date". */
	name: string;
	/** The value exactly as it stands in the code (percent-decoded for Digital Link URIs). */
	value: string;
}

/**
 * The result of parsing one scanned or typed identifier. It is emitted as an n8n output item, so every
 * key is always present and holds plain JSON: strings, booleans, null, arrays and objects — never
 * undefined, never a Date.
 *
 * The convenience fields (di … sterilisationLot) only ever hold values that passed their own checks
 * (a GTIN with a wrong check digit gives `di: null`, an impossible date gives `expiryDate: null`), so
 * an invalid code can still carry the parts of it that are sound; `elements` always holds everything
 * that was read, as written.
 */
export interface IdentifierResult {
	valid: boolean;
	format: IdentifierFormat;
	/** The input exactly as given. */
	input: string;
	/** AIM symbology identifier the scanner put in front of the data (e.g. "]d2"), if any. */
	symbologyId: string | null;
	/** Device identifier: the GTIN-14 for GS1, the DI part for MA (e.g. "MA.156.M0.100350.01004YA10017"), the value after "MF" for AHM. */
	di: string | null;
	lot: string | null;
	serial: string | null;
	/** ISO yyyy-MM-dd. */
	productionDate: string | null;
	/** ISO yyyy-MM-dd. */
	expiryDate: string | null;
	/** MA only (.D segment, 灭菌批号). */
	sterilisationLot: string | null;
	/** GS1 only: AI → raw value. Empty for other formats. */
	ais: Record<string, string>;
	elements: IdentifierElement[];
	/** Why the code is not valid; null when valid. Several problems are joined with "; ". */
	reason: string | null;
	/** Things that do not make the code invalid but that a person should know (e.g. a probably missing separator). */
	warnings: string[];
}

export interface ParseOptions {
	/** Reference date for the two-digit-year century window; defaults to the current date. */
	now?: Date;
}

/** Longest input we look at; GS1 2D symbols hold at most a few thousand characters. */
export const MAX_INPUT_LENGTH = 8192;

export function emptyResult(
	format: IdentifierFormat,
	input: string,
	symbologyId: string | null = null,
): IdentifierResult {
	return {
		valid: false,
		format,
		input,
		symbologyId,
		di: null,
		lot: null,
		serial: null,
		productionDate: null,
		expiryDate: null,
		sterilisationLot: null,
		ais: {},
		elements: [],
		reason: null,
		warnings: [],
	};
}

export function invalidResult(
	format: IdentifierFormat,
	input: string,
	reason: string,
	symbologyId: string | null = null,
): IdentifierResult {
	return { ...emptyResult(format, input, symbologyId), reason };
}

/** Quotes a value for an error message, shortening very long ones so that reasons stay readable. */
export function quote(value: string): string {
	const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
	return JSON.stringify(shown);
}
