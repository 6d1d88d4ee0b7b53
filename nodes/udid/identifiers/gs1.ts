import { hhmmProblem, parseYymmdd, parseYyyymmdd } from './dates';
import { type AiComponent, type AiDefinition, getAiDefinition, matchAiAt } from './gs1-ai';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check';
import { inputAsString, isGs1SymbologyId, normalizeInput } from './normalize';
import { type IdentifierResult, type ParseOptions, MAX_INPUT_LENGTH, emptyResult, invalidResult, quote } from './types';

export type Gs1Format = 'gs1' | 'gs1-digital-link' | 'gtin' | 'unknown';
export type Gs1Result = IdentifierResult & { format: Gs1Format };

const GS = '\u001d';

/**
 * Textual stand-ins for the FNC1 / GS separator that scanner set-up tools, keyboard-wedge mappings and
 * documentation use: the Unicode picture of GS (U+241D), <GS>, {GS}, [GS], the same with FNC1, and "^".
 * None of them can occur in GS1 data ("<", ">" are in character set 82 but the sequences are not plausible
 * data; "{", "}", "[", "]", "^" are not in set 82 at all), so reading them as separators is safe.
 */
const GS_PLACEHOLDERS = /<GS>|\{GS\}|\[GS\]|<FNC1>|\{FNC1\}|\[FNC1\]|\u241d|\^/gi;

const CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=';
/** Alphabet of the GMN check character pair (alphanumeric check characters, GS1 General Specifications section 7.9). */
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const GMN_WEIGHTS = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/**
 * Where to look for an AI swallowed by a variable-length value, most telling first: AIs whose content is
 * checked (check digit, date), then the usual UDI production identifiers, then anything but the
 * company-internal 90-99, which accept any text and so would "fit" everywhere.
 */
const SELF_CHECKING_AIS: ReadonlySet<string> = new Set(['00', '01', '02', '11', '12', '13', '15', '16', '17']);
const COMMON_LABEL_AIS: ReadonlySet<string> = new Set(['10', '21', '22', '30', '37', '235', '240', '241', '250', '7240']);
const SWALLOWED_AI_TIERS: ReadonlyArray<(ai: string) => boolean> = [
	(ai) => SELF_CHECKING_AIS.has(ai),
	(ai) => COMMON_LABEL_AIS.has(ai),
	(ai) => !ai.startsWith('9'),
];

/** GS1 Digital Link primary keys (the identifier a URI is about). */
const DIGITAL_LINK_PRIMARY_KEYS = new Set(['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018']);

/** Short names that GS1 Digital Link 1.0 allowed in the path instead of the numeric AI. */
const DIGITAL_LINK_ALIASES: Readonly<Record<string, string>> = {
	gtin: '01', sscc: '00', gdti: '253', gcn: '255', ginc: '401', gsin: '402', gln: '414', grai: '8003',
	giai: '8004', itip: '8006', cpid: '8010', gmn: '8013', gsrnp: '8017', gsrn: '8018',
	cpv: '22', lot: '10', ser: '21', glnx: '254', cpsn: '8011',
};

interface CheckedElement {
	definition: AiDefinition;
	value: string;
	problems: string[];
	isoDate: string | null;
}

/** The GMN check character pair for the characters before it; undefined for characters outside set 82. */
export function gmnCheckCharacters(body: string): string | undefined {
	if (body.length > GMN_WEIGHTS.length) return undefined;
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		const value = CSET82.indexOf(body[i]);
		if (value < 0) return undefined;
		sum += value * GMN_WEIGHTS[body.length - 1 - i];
	}
	const remainder = sum % 1021;
	return CSET32[remainder >> 5] + CSET32[remainder & 31];
}

export function parseGs1(input: string, options: ParseOptions = {}): Gs1Result {
	const original = inputAsString(input);
	const { text, symbologyId } = normalizeInput(original);
	return parseNormalizedGs1(original, text, symbologyId, options.now ?? new Date());
}

/** parseGs1 for input that normalizeInput has already trimmed and stripped of its symbology identifier. */
export function parseNormalizedGs1(input: string, text: string, symbologyId: string | null, now: Date): Gs1Result {
	if (text === '') return invalidResult('gs1', input, 'input is empty', symbologyId) as Gs1Result;
	if (text.length > MAX_INPUT_LENGTH) {
		return invalidResult('gs1', input, `input is longer than ${MAX_INPUT_LENGTH} characters`, symbologyId) as Gs1Result;
	}
	if (/^https?:\/\//i.test(text)) return parseDigitalLink(input, text, symbologyId, now);
	const data = text.replace(GS_PLACEHOLDERS, GS).replace(/\uff08/g, '(').replace(/\uff09/g, ')');
	const body = data.replace(/^\u001d+/, '');
	if (body.startsWith('(')) return parseParenthesised(input, body, symbologyId, now);
	if (!isGs1SymbologyId(symbologyId) && /^(\d{8}|\d{12,14})$/.test(data)) return parseBareGtin(input, data, symbologyId);
	return parseElementString(input, body, symbologyId, now);
}

// ---------------------------------------------------------------------------------------------------------
// Element checks

function describe(definition: AiDefinition, value: string): string {
	return `AI (${definition.ai}) ${definition.label} ${quote(value)}`;
}

function firstCharacterOutside(value: string, alphabet: string): string | undefined {
	for (const character of value) if (!alphabet.includes(character)) return character;
	return undefined;
}

function charsetProblem(component: AiComponent, value: string): string | null {
	if (component.charset === 'N') {
		const bad = firstCharacterOutside(value, '0123456789');
		return bad === undefined ? null : `contains ${JSON.stringify(bad)}, which is not a digit`;
	}
	const [alphabet, name] =
		component.charset === 'X' ? [CSET82, 'GS1 character set 82'] : component.charset === 'Y' ? [CSET39, 'GS1 character set 39'] : [CSET64, 'GS1 character set 64'];
	const bad = firstCharacterOutside(value, alphabet);
	return bad === undefined ? null : `contains ${JSON.stringify(bad)}, which is not in ${name}`;
}

function lengthProblem(definition: AiDefinition, value: string): string | null {
	const length = value.length;
	if (length === 0) return 'is empty';
	const unit = definition.numeric ? 'digits' : 'characters';
	if (definition.fixedLength) {
		return length === definition.maxLength ? null : `must be ${definition.maxLength} ${unit}, got ${length}`;
	}
	if (length > definition.maxLength) return `${length} ${unit} exceed the maximum of ${definition.maxLength}`;
	if (length < definition.minLength) return `must be ${definition.minLength}-${definition.maxLength} ${unit}, got ${length}`;
	return null;
}

/** Cuts a value of valid total length into its components; a variable-length component takes the rest. */
function splitComponents(definition: AiDefinition, value: string): string[] {
	const parts: string[] = [];
	let position = 0;
	for (const component of definition.components) {
		if (position >= value.length) break;
		const length = component.minLength === component.maxLength ? component.maxLength : value.length - position;
		parts.push(value.slice(position, position + length));
		position += length;
	}
	return parts;
}

interface LinterOutcome {
	problem: string | null;
	isoDate: string | null;
}

function runLinter(component: AiComponent, part: string, now: Date): LinterOutcome {
	switch (component.linter) {
		case 'csum': {
			if (hasValidGs1CheckDigit(part)) return { problem: null, isoDate: null };
			return { problem: `check digit is ${part.slice(-1)} but should be ${gs1CheckDigit(part.slice(0, -1))}`, isoDate: null };
		}
		case 'csumalpha': {
			const expected = part.length > 2 ? gmnCheckCharacters(part.slice(0, -2)) : undefined;
			if (expected !== undefined && expected === part.slice(-2)) return { problem: null, isoDate: null };
			return { problem: `check character pair is ${quote(part.slice(-2))} but should be ${quote(expected ?? '?')}`, isoDate: null };
		}
		case 'yymmd0':
		case 'yymmdd': {
			const date = parseYymmdd(part, now, component.linter === 'yymmd0');
			return date.ok ? { problem: null, isoDate: date.iso } : { problem: date.problem, isoDate: null };
		}
		case 'yyyymmdd': {
			const date = parseYyyymmdd(part);
			return date.ok ? { problem: null, isoDate: date.iso } : { problem: date.problem, isoDate: null };
		}
		case 'hhmm':
			return { problem: hhmmProblem(part), isoDate: null };
		case 'yymmddhh': {
			const date = parseYymmdd(part.slice(0, 6), now, false);
			if (!date.ok) return { problem: date.problem, isoDate: null };
			return { problem: Number(part.slice(6, 8)) > 23 ? `hour ${part.slice(6, 8)} is not 00-23` : null, isoDate: null };
		}
		default:
			return { problem: null, isoDate: null };
	}
}

function checkElement(definition: AiDefinition, value: string, now: Date): CheckedElement {
	const problems: string[] = [];
	let isoDate: string | null = null;
	const lengthIssue = lengthProblem(definition, value);
	if (lengthIssue !== null) {
		problems.push(lengthIssue);
		const charsetIssue = definition.numeric ? charsetProblem(definition.components[0], value) : null;
		if (charsetIssue !== null) problems.push(charsetIssue);
	} else {
		const parts = splitComponents(definition, value);
		parts.forEach((part, index) => {
			const component = definition.components[index];
			const charsetIssue = charsetProblem(component, part);
			if (charsetIssue !== null) {
				problems.push(charsetIssue);
				return;
			}
			const outcome = runLinter(component, part, now);
			if (outcome.problem !== null) problems.push(outcome.problem);
			if (definition.isDate) isoDate = outcome.isoDate;
		});
	}
	return { definition, value, problems: problems.map((problem) => `${describe(definition, value)}: ${problem}`), isoDate };
}

// ---------------------------------------------------------------------------------------------------------
// Raw element strings (scanner output)

interface Scan {
	elements: CheckedElement[];
	problems: string[];
	warnings: string[];
}

function unknownAiProblem(data: string, position: number): string {
	const shown = data.slice(position, position + 4);
	return `no known GS1 Application Identifier at character ${position + 1}: ${quote(shown)}${data.length > position + 4 ? '…' : ''}`;
}

function scanIsClean(data: string, now: Date): boolean {
	const scan = scanElementString(data, now, false);
	return scan.problems.length === 0 && scan.elements.every((element) => element.problems.length === 0);
}

/**
 * The first place inside a variable-length value from which the rest reads as valid element strings and
 * starts with an AI that `accepts`, i.e. where a dropped GS/FNC1 separator probably was.
 */
function findSwallowedAi(value: string, now: Date, accepts: (ai: string) => boolean, searchLimit: number): { offset: number; ai: AiDefinition } | undefined {
	const lastOffset = Math.min(value.length - 2, searchLimit);
	for (let offset = 1; offset <= lastOffset; offset++) {
		const ai = matchAiAt(value, offset);
		if (ai && accepts(ai.ai) && scanIsClean(value.slice(offset), now)) return { offset, ai };
	}
	return undefined;
}

function findSwallowedAiByTier(value: string, now: Date, searchLimit: number): { offset: number; ai: AiDefinition } | undefined {
	for (const accepts of SWALLOWED_AI_TIERS) {
		const found = findSwallowedAi(value, now, accepts, searchLimit);
		if (found) return found;
	}
	return undefined;
}

function addSeparatorHints(element: CheckedElement, now: Date, scan: Scan): void {
	const { definition, value } = element;
	if (value.length > definition.maxLength) {
		const swallowed = findSwallowedAiByTier(value, now, definition.maxLength);
		if (swallowed && element.problems.length > 0) {
			element.problems[0] += ` — a GS/FNC1 separator is probably missing after ${quote(value.slice(0, swallowed.offset))}, before AI (${swallowed.ai.ai})`;
		}
		return;
	}
	// Only checked AIs here: the value is within its length, so anything weaker would flag ordinary lots.
	const swallowed = findSwallowedAi(value, now, SWALLOWED_AI_TIERS[0], value.length);
	if (swallowed) {
		scan.warnings.push(
			`${describe(definition, value)} contains what looks like AI (${swallowed.ai.ai}) ${swallowed.ai.label} after ${quote(value.slice(0, swallowed.offset))}; ` +
				`if the scanner dropped a GS/FNC1 separator, the ${definition.label} is only ${quote(value.slice(0, swallowed.offset))}`,
		);
	}
}

/** A fixed-length value ends after its length (or earlier at a GS, which makes it too short); others at the next GS. */
function findValueEnd(data: string, valueStart: number, definition: AiDefinition): number {
	if (!definition.fixedLength) {
		const separator = data.indexOf(GS, valueStart);
		return separator < 0 ? data.length : separator;
	}
	const end = Math.min(valueStart + definition.maxLength, data.length);
	for (let index = valueStart; index < end; index++) if (data[index] === GS) return index;
	return end;
}

/**
 * Reads AI + value pairs left to right. A fixed-length AI takes exactly its length; a variable-length one
 * runs to the next GS or the end. Linear in the input except for the separator hints, which look at most at
 * one value (at most 90 characters) at a time.
 */
function scanElementString(data: string, now: Date, withHints: boolean): Scan {
	const scan: Scan = { elements: [], problems: [], warnings: [] };
	let position = 0;
	while (position < data.length) {
		if (data[position] === GS) {
			position++;
			continue;
		}
		const definition = matchAiAt(data, position);
		if (!definition) {
			scan.problems.push(unknownAiProblem(data, position));
			break;
		}
		const valueStart = position + definition.ai.length;
		const valueEnd = findValueEnd(data, valueStart, definition);
		const element = checkElement(definition, data.slice(valueStart, valueEnd), now);
		if (withHints && !definition.fixedLength) addSeparatorHints(element, now, scan);
		scan.elements.push(element);
		position = valueEnd;
	}
	return scan;
}

function parseElementString(input: string, data: string, symbologyId: string | null, now: Date): Gs1Result {
	const scan = scanElementString(data, now, true);
	return buildResult('gs1', input, symbologyId, scan.elements, scan.problems, scan.warnings);
}

// ---------------------------------------------------------------------------------------------------------
// Human-readable form: (01)09506000134352(17)201225(10)ABC123

/**
 * Every "(" + 2-4 digits + ")" is read as an AI, also inside a value: set 82 allows brackets in data, but a
 * bracketed number in a printed UDI is far more often a mistyped AI than part of a lot number.
 */
function parseParenthesised(input: string, text: string, symbologyId: string | null, now: Date): Gs1Result {
	const elements: CheckedElement[] = [];
	const problems: string[] = [];
	const aiPattern = /\((\d{2,4})\)/g;
	const matches = [...text.matchAll(aiPattern)];
	if (matches.length === 0 || matches[0].index !== 0) {
		return buildResult('gs1', input, symbologyId, [], [`expected an Application Identifier in brackets at the start, e.g. "(01)", got ${quote(text)}`], []);
	}
	matches.forEach((match, index) => {
		const valueStart = match.index + match[0].length;
		const valueEnd = index + 1 < matches.length ? matches[index + 1].index : text.length;
		const value = text.slice(valueStart, valueEnd).replace(/\u001d/g, '').trim();
		const definition = getAiDefinition(match[1]);
		if (!definition) {
			problems.push(`unknown GS1 Application Identifier (${match[1]})`);
			return;
		}
		elements.push(checkElement(definition, value, now));
	});
	return buildResult('gs1', input, symbologyId, elements, problems, []);
}

// ---------------------------------------------------------------------------------------------------------
// Bare GTIN-8/12/13/14 (EAN/UPC scans, typed GTINs)

function parseBareGtin(input: string, digits: string, symbologyId: string | null): Gs1Result {
	const gtin = digits.padStart(14, '0');
	const result = emptyResult('gtin', input, symbologyId) as Gs1Result;
	result.ais = { '01': gtin };
	result.elements = [{ key: '01', name: 'GTIN', value: gtin }];
	if (!hasValidGs1CheckDigit(gtin)) {
		result.reason = `GTIN ${quote(digits)}: check digit is ${digits.slice(-1)} but should be ${gs1CheckDigit(digits.slice(0, -1))}`;
		return result;
	}
	result.valid = true;
	result.di = gtin;
	return result;
}

// ---------------------------------------------------------------------------------------------------------
// GS1 Digital Link URIs: https://id.gs1.org/01/09506000134352/10/ABC1/21/12345?17=180426

function decodeUriPart(part: string): string | undefined {
	try {
		return decodeURIComponent(part);
	} catch {
		return undefined;
	}
}

function aiForPathSegment(segment: string): string {
	return DIGITAL_LINK_ALIASES[segment.toLowerCase()] ?? segment;
}

interface AiValuePair {
	ai: string;
	value: string;
}

function readDigitalLinkPath(segments: string[], problems: string[]): AiValuePair[] | undefined {
	const start = segments.findIndex((segment, index) => DIGITAL_LINK_PRIMARY_KEYS.has(aiForPathSegment(segment)) && index + 1 < segments.length);
	if (start < 0) return undefined;
	const pairs: AiValuePair[] = [];
	for (let index = start; index < segments.length; index += 2) {
		const ai = aiForPathSegment(segments[index]);
		if (!getAiDefinition(ai)) {
			problems.push(`Digital Link path segment ${quote(segments[index])} is not a GS1 Application Identifier`);
		} else if (index + 1 >= segments.length) {
			problems.push(`Digital Link path ends with AI (${ai}) but no value`);
		} else {
			pairs.push({ ai, value: segments[index + 1] });
		}
	}
	return pairs;
}

/** Query parameters with all-digit names are AIs; others (linkType, context, …) are allowed and ignored. */
function readDigitalLinkQuery(search: string, problems: string[]): AiValuePair[] {
	const pairs: AiValuePair[] = [];
	for (const parameter of search.replace(/^\?/, '').split('&')) {
		if (parameter === '') continue;
		const equals = parameter.indexOf('=');
		const name = decodeUriPart(equals < 0 ? parameter : parameter.slice(0, equals));
		const value = decodeUriPart(equals < 0 ? '' : parameter.slice(equals + 1));
		if (name === undefined || value === undefined) {
			problems.push(`Digital Link query parameter ${quote(parameter)} has broken percent-encoding`);
		} else if (/^\d+$/.test(name)) {
			if (getAiDefinition(name)) pairs.push({ ai: name, value });
			else problems.push(`Digital Link query parameter ${quote(name)} is not a known GS1 Application Identifier`);
		}
	}
	return pairs;
}

function parseDigitalLink(input: string, text: string, symbologyId: string | null, now: Date): Gs1Result {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return invalidResult('unknown', input, `${quote(text)} is not a valid URL`, symbologyId) as Gs1Result;
	}
	const problems: string[] = [];
	const warnings: string[] = [];
	const segments: string[] = [];
	for (const raw of url.pathname.split('/')) {
		if (raw === '') continue;
		const decoded = decodeUriPart(raw);
		if (decoded === undefined) problems.push(`Digital Link path segment ${quote(raw)} has broken percent-encoding`);
		segments.push(decoded ?? raw);
	}
	const pathPairs = readDigitalLinkPath(segments, problems);
	if (pathPairs === undefined) {
		return invalidResult('unknown', input, 'URL is not a GS1 Digital Link: its path has no GS1 primary key such as /01/{GTIN}', symbologyId) as Gs1Result;
	}
	const elements = [...pathPairs, ...readDigitalLinkQuery(url.search, problems)].map((pair) => {
		let value = pair.value;
		if (pair.ai === '01' && /^(\d{8}|\d{12,13})$/.test(value)) {
			value = value.padStart(14, '0');
			warnings.push(`GTIN ${quote(pair.value)} in the Digital Link was padded to the 14-digit form ${quote(value)}`);
		}
		return checkElement(getAiDefinition(pair.ai)!, value, now);
	});
	return buildResult('gs1-digital-link', input, symbologyId, elements, problems, warnings);
}

// ---------------------------------------------------------------------------------------------------------
// Result

function duplicateProblems(elements: CheckedElement[]): string[] {
	const seen = new Map<string, string>();
	const problems: string[] = [];
	for (const { definition, value } of elements) {
		const earlier = seen.get(definition.ai);
		if (earlier === undefined) seen.set(definition.ai, value);
		else if (earlier !== value) problems.push(`AI (${definition.ai}) appears twice with different values ${quote(earlier)} and ${quote(value)}`);
	}
	return problems;
}

function soundValue(elements: CheckedElement[], ai: string): CheckedElement | undefined {
	const element = elements.find((candidate) => candidate.definition.ai === ai);
	return element && element.problems.length === 0 ? element : undefined;
}

function buildResult(
	format: Gs1Format,
	input: string,
	symbologyId: string | null,
	elements: CheckedElement[],
	structuralProblems: string[],
	warnings: string[],
): Gs1Result {
	const result = emptyResult(format, input, symbologyId) as Gs1Result;
	for (const { definition, value } of elements) {
		if (!(definition.ai in result.ais)) result.ais[definition.ai] = value;
		result.elements.push({ key: definition.ai, name: definition.label, value });
	}
	const problems = [...elements.flatMap((element) => element.problems), ...structuralProblems, ...duplicateProblems(elements)];
	if (elements.length === 0 && problems.length === 0) problems.push('no GS1 data found');
	result.di = soundValue(elements, '01')?.value ?? null;
	result.lot = soundValue(elements, '10')?.value ?? null;
	result.serial = soundValue(elements, '21')?.value ?? null;
	result.productionDate = soundValue(elements, '11')?.isoDate ?? null;
	result.expiryDate = soundValue(elements, '17')?.isoDate ?? null;
	result.valid = problems.length === 0;
	result.reason = problems.length === 0 ? null : problems.join('; ');
	result.warnings = warnings;
	return result;
}
