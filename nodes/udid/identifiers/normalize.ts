/** AIM symbology identifier: "]" + symbology character + modifier character (ISO/IEC 15424). */
const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;

export interface NormalizedInput {
	/** The data without surrounding whitespace and without the symbology identifier. */
	text: string;
	symbologyId: string | null;
}

/** Turns whatever the caller passed into a string (n8n may hand over numbers or null) and strips scanner noise. */
export function normalizeInput(input: unknown): NormalizedInput {
	const text = inputAsString(input).trim();
	const match = SYMBOLOGY_ID.exec(text);
	if (!match) return { text, symbologyId: null };
	return { text: text.slice(match[0].length).trim(), symbologyId: match[0] };
}

export function inputAsString(input: unknown): string {
	return typeof input === 'string' ? input : input === null || input === undefined ? '' : String(input);
}
