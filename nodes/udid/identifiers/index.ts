import { parseNormalizedAhm } from './ahm';
import { parseNormalizedGs1 } from './gs1';
import { parseNormalizedMa } from './ma';
import { inputAsString, normalizeInput } from './normalize';
import {
	type IdentifierFormat,
	type IdentifierResult,
	type ParseOptions,
	MAX_INPUT_LENGTH,
	invalidResult,
} from './types';

export type { IdentifierElement, IdentifierFormat, IdentifierResult, ParseOptions } from './types';
export { parseAhm } from './ahm';
export { type Gs1Format, type Gs1Result, gmnCheckCharacters, parseGs1 } from './gs1';
export { AI_DEFINITIONS, type AiComponent, type AiDefinition, getAiDefinition, matchAiAt } from './gs1-ai';
export { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check';
export { maCheckCharacter, parseMa } from './ma';
export { type UsccResult, usccCheckCharacter, validateUscc } from './uscc';

type DetectedFormat = Exclude<IdentifierFormat, 'gs1-digital-link' | 'gtin'>;

/** Which parser a normalised input belongs to; GS1 covers element strings, Digital Link URIs and bare GTINs. */
function detectFormat(text: string): DetectedFormat {
	if (/^https?:\/\//i.test(text)) return 'gs1';
	if (text.startsWith('MA.')) return 'ma';
	if (text.startsWith('MF')) return 'ahm';
	if (/^[\d(\uff08\u001d\u241d^<{[]/.test(text)) return 'gs1';
	return 'unknown';
}

/**
 * Parses anything a scanner or a label gives for a medical device UDI — GS1 (bracketed, raw with FNC1/GS,
 * with AIM symbology identifier, Digital Link URI, bare GTIN), MA (IDcode) or AHM — into one uniform,
 * JSON-safe result. Never throws for any string input.
 */
export function parseIdentifier(input: string, options: ParseOptions = {}): IdentifierResult {
	const original = inputAsString(input);
	const now = options.now ?? new Date();
	const { text, symbologyId } = normalizeInput(original);
	if (text === '') return invalidResult('unknown', original, 'input is empty', symbologyId);
	if (text.length > MAX_INPUT_LENGTH)
		return invalidResult('unknown', original, `input is longer than ${MAX_INPUT_LENGTH} characters`, symbologyId);
	switch (detectFormat(text)) {
		case 'gs1':
			return parseNormalizedGs1(original, text, symbologyId, now);
		case 'ma':
			return parseNormalizedMa(original, text, symbologyId, now);
		case 'ahm':
			return parseNormalizedAhm(original, text, symbologyId, now);
		default:
			return invalidResult('unknown', original, 'not a recognised GS1, MA (IDcode) or AHM code', symbologyId);
	}
}
