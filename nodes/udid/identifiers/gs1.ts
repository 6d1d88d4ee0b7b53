/**
 * GS1 input in any of its forms, each read by its own module and checked against the GS1 Barcode Syntax
 * Dictionary: raw element strings from scanners (gs1-element-string), the bracketed human-readable form
 * (gs1-bracketed), Digital Link URIs (gs1-digital-link) and bare GTINs (here).
 */
import { readBracketed } from './gs1-bracketed';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check';
import { readDigitalLink } from './gs1-digital-link';
import { GS, scanElementString } from './gs1-element-string';
import { type Gs1Reading, type Gs1Result, buildResult } from './gs1-result';
import { isGs1SymbologyId, readDigitSymbology } from './gs1-symbology';
import { inputAsString, normalizeInput } from './normalize';
import { type ParseOptions, MAX_INPUT_LENGTH, emptyResult, invalidResult, quote } from './types';

export { gmnCheckCharacters } from './gs1-check';
export type { Gs1Format, Gs1Result } from './gs1-result';

/**
 * Textual stand-ins for the FNC1 / GS separator that scanner set-up tools, keyboard-wedge mappings and
 * documentation use: the Unicode picture of GS (U+241D), <GS>, {GS}, [GS], the same with FNC1, and "^".
 * None of them can occur in GS1 data ("<", ">" are in character set 82 but the sequences are not plausible
 * data; "{", "}", "[", "]", "^" are not in set 82 at all), so reading them as separators is safe.
 */
const GS_PLACEHOLDERS = /<GS>|\{GS\}|\[GS\]|<FNC1>|\{FNC1\}|\[FNC1\]|\u241d|\^/gi;

export function parseGs1(input: string, options: ParseOptions = {}): Gs1Result {
	const original = inputAsString(input);
	const { text, symbologyId } = normalizeInput(original);
	return parseNormalizedGs1(original, text, symbologyId, options.now ?? new Date());
}

function parseUri(input: string, text: string, symbologyId: string | null, now: Date): Gs1Result {
	const outcome = readDigitalLink(text, now);
	if (!outcome.isDigitalLink) return invalidResult('unknown', input, outcome.reason, symbologyId) as Gs1Result;
	return buildResult('gs1-digital-link', input, symbologyId, outcome.reading);
}

/** A bare GTIN-8/12/13/14 (EAN/UPC scan, typed GTIN): only its check digit to check. */
function parseBareGtin(input: string, digits: string, symbologyId: string | null, warnings: string[] = []): Gs1Result {
	const gtin = digits.padStart(14, '0');
	const result = emptyResult('gtin', input, symbologyId) as Gs1Result;
	result.ais = { '01': gtin };
	result.elements = [{ key: '01', name: 'GTIN', value: gtin }];
	result.warnings = warnings;
	if (!hasValidGs1CheckDigit(gtin)) {
		result.reason = `GTIN ${quote(digits)}: check digit is ${digits.slice(-1)} but should be ${gs1CheckDigit(digits.slice(0, -1))}`;
		return result;
	}
	result.valid = true;
	result.di = gtin;
	return result;
}

/** Element strings after a symbology identifier that does not announce GS1 data are read, with a warning. */
function readRawData(body: string, symbologyId: string | null, now: Date): Gs1Reading {
	const reading = scanElementString(body, now, true);
	if (symbologyId !== null && !isGs1SymbologyId(symbologyId)) {
		reading.warnings.unshift(
			`symbology identifier ${symbologyId} does not announce GS1 data (no FNC1 in first position); ` +
				'the data was read as GS1 element strings anyway',
		);
	}
	return reading;
}

/** parseGs1 for input that normalizeInput has already trimmed and stripped of its symbology identifier. */
export function parseNormalizedGs1(input: string, text: string, symbologyId: string | null, now: Date): Gs1Result {
	if (text === '') return invalidResult('gs1', input, 'input is empty', symbologyId) as Gs1Result;
	if (text.length > MAX_INPUT_LENGTH) {
		return invalidResult('gs1', input, `input is longer than ${MAX_INPUT_LENGTH} characters`, symbologyId) as Gs1Result;
	}
	const digitRead = readDigitSymbology(symbologyId, text);
	if (digitRead !== undefined) {
		if ('problem' in digitRead) return invalidResult('gtin', input, digitRead.problem, symbologyId) as Gs1Result;
		return parseBareGtin(input, digitRead.gtin, symbologyId, digitRead.warnings);
	}
	if (/^https?:\/\//i.test(text)) return parseUri(input, text, symbologyId, now);
	const { data, warnings } = replaceStandIns(text);
	const body = data.replace(/^\u001d+/, '');
	const reading = body.startsWith('(') ? readBracketed(body, now) : undefined;
	if (!reading && !isGs1SymbologyId(symbologyId) && /^(\d{8}|\d{12,14})$/.test(data))
		return parseBareGtin(input, data, symbologyId);
	const result = reading ?? readRawData(body, symbologyId, now);
	result.warnings.unshift(...warnings);
	return buildResult('gs1', input, symbologyId, result);
}

/** Deliberate leniency for keyboard-wedge scanners and typed labels, each reported as a warning. */
function replaceStandIns(text: string): { data: string; warnings: string[] } {
	const warnings: string[] = [];
	const placeholders = [...new Set(text.match(GS_PLACEHOLDERS) ?? [])];
	if (placeholders.length > 0)
		warnings.push(`read ${placeholders.map((p) => JSON.stringify(p)).join(', ')} as the GS/FNC1 separator`);
	if (/[\uff08\uff09]/.test(text)) warnings.push('read the full-width brackets "（" "）" as "(" ")"');
	const data = text
		.replace(GS_PLACEHOLDERS, GS)
		.replace(/\uff08/g, '(')
		.replace(/\uff09/g, ')');
	return { data, warnings };
}
