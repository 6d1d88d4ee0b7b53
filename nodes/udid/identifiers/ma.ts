import { parseYymmdd, parseYyyymmdd } from './dates';
import { inputAsString, normalizeInput } from './normalize';
import {
	type IdentifierElement,
	type IdentifierResult,
	type ParseOptions,
	MAX_INPUT_LENGTH,
	emptyResult,
	invalidResult,
	quote,
} from './types';

/*
 * MA code (IDcode): UDI issued under the ISO/IEC 15459 issuing agency code "MA" (中关村工信二维码技术研究院, ZIIOT).
 *
 *   MA.156.M0.100350.01004YA10017.SLMSAGAAAC.M210628.LAY21062803.E220628.V220627.C3
 *   └──────────────── DI ───────────────┘ └──────────── production identifiers ───────────┘ └ check
 *
 * DI (产品标识), per the 《医疗器械唯一标识 MA(IDcode)编码手册》 as quoted in NMPA's UDI Q&A: "MA", country code
 * (3 digits, 156 = China), industry code (2 characters, M0 = medical devices), registrant code (6 digits), and
 * the product code: packaging level (1 character) + item code + one check digit. The DI is therefore the first
 * five dot-separated parts, check digit included; this is also the form the NMPA UDID database stores.
 *
 * Production identifiers (生产标识), each ".<letter><value>": S serial, M production date (P in the older
 * rules), L batch, D sterilisation batch, E expiry date (失效日期), V valid-until date (有效期); dates are
 * YYMMDD or YYYYMMDD. The final ".C<digit>" is a check character over the production identifiers.
 *
 * Check characters — no official text of the algorithm could be found, so this is the algorithm of the
 * public MA-code printing client code "UDITool.GenVerifyCode" (the comment there cites exactly the example
 * above), which a second public project (IdCodeChecker) describes in nearly the same way:
 *   1. each character becomes a number: 0-9 → 0-9, A-Z → 10-35, a-g → 36-42, h-z → 45-63 (43 and 44 are
 *      skipped in the published table), - . @ $ , * + % / # ! ^ ~ → 64-76;
 *   2. the decimal digits of these numbers are written one after another;
 *   3. from the right, every second digit starting with the second-rightmost is doubled (digit sum taken if
 *      over 9) and all digits are added up — Luhn, except that the rightmost digit is not doubled;
 *   4. the check digit is (10 - sum mod 10) mod 10.
 * The DI check digit is computed over the DI without its last character ("MA.156.M0.100350.01004YA1001" → 7),
 * the .C check over the production identifiers with their leading dot (".SLMSAGAAAC…V220627" → 3).
 * Checked against MA codes printed in four unrelated public code bases: it reproduces 6 of their 7 check
 * characters (three of those codes use lower-case letters after "g", which also confirms the 43/44 gap). The
 * one miss is the DI of a unit-test fixture whose product code is an obvious placeholder; that fixture's .C
 * check does match. IdCodeChecker's own variant (skip every "9", double the rightmost digit) reproduces only
 * 1 of the 7, and its author marks it obsolete.
 *
 * Because the algorithm is inferred, not published, a check character that does not match it is a warning, never
 * a reason to call the code invalid: the NMPA database's answer is the truth about a DI. The simulator makes its
 * MA codes with withMaCheckDigit below, so the two cannot disagree.
 */

/** Said in every check-character warning, so a reader knows why a mismatch does not block anything. */
const NOT_AUTHORITATIVE =
	'the MA check algorithm is inferred from public examples, not published, so the code is still accepted';

const CHARACTER_VALUES: ReadonlyMap<string, number> = buildCharacterValues();

function buildCharacterValues(): Map<string, number> {
	const values = new Map<string, number>();
	for (let digit = 0; digit < 10; digit++) values.set(String(digit), digit);
	for (let letter = 0; letter < 26; letter++) {
		values.set(String.fromCharCode(65 + letter), 10 + letter);
		values.set(String.fromCharCode(97 + letter), letter < 7 ? 36 + letter : 38 + letter);
	}
	[...'-.@$,*+%/#!^~'].forEach((symbol, index) => values.set(symbol, 64 + index));
	return values;
}

/** The MA check digit for `data` (see the comment above), or undefined when a character has no value. */
export function maCheckCharacter(data: string): string | undefined {
	let digits = '';
	for (const character of data) {
		const value = CHARACTER_VALUES.get(character);
		if (value === undefined) return undefined;
		digits += String(value);
	}
	let sum = 0;
	for (let index = digits.length - 1, fromRight = 0; index >= 0; index--, fromRight++) {
		let digit = digits.charCodeAt(index) - 48;
		if (fromRight % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return String((10 - (sum % 10)) % 10);
}

/** A DI body ("MA.156.M0.100350.01004YA1001") with the check digit of maCheckCharacter appended. */
export function withMaCheckDigit(diWithoutCheck: string): string {
	const check = maCheckCharacter(diWithoutCheck);
	if (check === undefined) throw new Error(`MA code: ${quote(diWithoutCheck)} has a character without a check value`);
	return diWithoutCheck + check;
}

type SegmentKind = 'serial' | 'productionDate' | 'lot' | 'sterilisationLot' | 'expiryDate' | 'validUntil' | 'check';

const SEGMENTS: Readonly<Record<string, { kind: SegmentKind; name: string; isDate: boolean }>> = {
	S: { kind: 'serial', name: 'serial number', isDate: false },
	M: { kind: 'productionDate', name: 'production date', isDate: true },
	P: { kind: 'productionDate', name: 'production date (older "P" form)', isDate: true },
	L: { kind: 'lot', name: 'batch/lot number', isDate: false },
	D: { kind: 'sterilisationLot', name: 'sterilisation batch number', isDate: false },
	E: { kind: 'expiryDate', name: 'expiry date (失效日期)', isDate: true },
	V: { kind: 'validUntil', name: 'valid-until date (有效期)', isDate: true },
	C: { kind: 'check', name: 'check character', isDate: false },
};

interface ProductionSegment {
	key: string;
	kind: SegmentKind;
	name: string;
	value: string;
	isoDate: string | null;
}

export function parseMa(input: string, options: ParseOptions = {}): IdentifierResult {
	const original = inputAsString(input);
	const { text, symbologyId } = normalizeInput(original);
	return parseNormalizedMa(original, text, symbologyId, options.now ?? new Date());
}

function firstDisallowedCharacter(text: string): { character: string; position: number } | undefined {
	let position = 0;
	for (const character of text) {
		position++;
		if (!CHARACTER_VALUES.has(character)) return { character, position };
	}
	return undefined;
}

function diStructureProblems(parts: string[]): string[] {
	const [, country, industry, registrant, product] = parts;
	const problems: string[] = [];
	if (!/^\d{3}$/.test(country)) problems.push(`country code ${quote(country)} must be 3 digits`);
	if (!/^[0-9A-Z]{2}$/.test(industry))
		problems.push(`industry code ${quote(industry)} must be 2 upper-case letters or digits`);
	if (!/^[0-9A-Za-z]+$/.test(registrant))
		problems.push(`registrant code ${quote(registrant)} must be letters and digits`);
	if (!/^[0-9A-Za-z]{2,}$/.test(product)) {
		const shape = 'a packaging level, an item code and a check digit (letters and digits)';
		problems.push(`product code ${quote(product)} must be ${shape}`);
	}
	return problems;
}

function diCheckWarning(di: string): string | null {
	const expected = maCheckCharacter(di.slice(0, -1));
	const actual = di.slice(-1);
	if (expected === actual) return null;
	return `MA code: DI check digit is ${actual}, the inferred algorithm gives ${expected}; ${NOT_AUTHORITATIVE}`;
}

function readDate(value: string, now: Date): { iso: string | null; problem: string | null } {
	if (!/^(\d{6}|\d{8})$/.test(value)) return { iso: null, problem: 'must be 6 digits YYMMDD or 8 digits YYYYMMDD' };
	const date = value.length === 8 ? parseYyyymmdd(value) : parseYymmdd(value, now, false);
	return date.ok ? { iso: date.iso, problem: null } : { iso: null, problem: date.problem };
}

function readProductionSegments(parts: string[], now: Date, problems: string[]): ProductionSegment[] {
	const segments: ProductionSegment[] = [];
	parts.forEach((part, index) => {
		const key = part[0];
		const spec = SEGMENTS[key];
		const value = part.slice(1);
		if (spec === undefined) {
			problems.push(`segment ${quote(part)} starts with ${quote(key)}, which is not S, M, P, L, D, E, V or C`);
			return;
		}
		if (segments.some((segment) => segment.key === key)) problems.push(`segment .${key} appears more than once`);
		let isoDate: string | null = null;
		if (value === '') {
			problems.push(`segment .${key} (${spec.name}) is empty`);
		} else if (spec.isDate) {
			const date = readDate(value, now);
			if (date.problem !== null) problems.push(`.${key} ${spec.name} ${quote(value)}: ${date.problem}`);
			isoDate = date.iso;
		} else if (spec.kind === 'check') {
			if (index !== parts.length - 1) problems.push('the .C check segment must be the last one');
			if (!/^\d$/.test(value)) problems.push(`check segment ${quote(part)} must be C followed by one digit`);
		}
		segments.push({ key, kind: spec.kind, name: spec.name, value, isoDate });
	});
	return segments;
}

function productionCheckWarning(productionText: string, segments: ProductionSegment[]): string | null {
	const check = segments.find((segment) => segment.kind === 'check');
	if (check === undefined) return 'MA code: the production identifiers are not followed by a .C check segment';
	const expected = maCheckCharacter(productionText);
	if (expected === check.value) return null;
	return `MA code: check character .C${check.value}, the inferred algorithm gives .C${expected}; ${NOT_AUTHORITATIVE}`;
}

function segmentValue(segments: ProductionSegment[], kind: SegmentKind): ProductionSegment | undefined {
	return segments.find((segment) => segment.kind === kind);
}

/** parseMa for input that normalizeInput has already trimmed and stripped of its symbology identifier. */
export function parseNormalizedMa(
	input: string,
	text: string,
	symbologyId: string | null,
	now: Date,
): IdentifierResult {
	if (!text.startsWith('MA.'))
		return invalidResult('unknown', input, 'not an MA code: it does not start with "MA."', symbologyId);
	const invalid = (problem: string): IdentifierResult => invalidResult('ma', input, `MA code: ${problem}`, symbologyId);
	if (text.length > MAX_INPUT_LENGTH) return invalid(`input is longer than ${MAX_INPUT_LENGTH} characters`);
	const disallowed = firstDisallowedCharacter(text);
	if (disallowed)
		return invalid(
			`character ${JSON.stringify(disallowed.character)} at position ${disallowed.position} is not allowed`,
		);
	const parts = text.split('.');
	if (parts.length < 5)
		return invalid(
			`needs at least 5 dot-separated parts (MA.country.industry.registrant.product), got ${parts.length}`,
		);
	const emptyPart = parts.findIndex((part) => part === '');
	if (emptyPart >= 0) return invalid(`part ${emptyPart + 1} is empty`);

	const result = emptyResult('ma', input, symbologyId);
	const di = parts.slice(0, 5).join('.');
	const problems = diStructureProblems(parts);
	const diIsSound = problems.length === 0;
	if (parts[2] !== 'M0') result.warnings.push(`industry code ${quote(parts[2])} is not M0 (medical devices)`);
	const diWarning = diIsSound ? diCheckWarning(di) : null;
	if (diWarning !== null) result.warnings.push(diWarning);

	const productionParts = parts.slice(5);
	const segmentProblems: string[] = [];
	const segments = readProductionSegments(productionParts, now, segmentProblems);
	const dataSegments = segments.filter((segment) => segment.kind !== 'check');
	if (segments.length > 0 && segmentProblems.length === 0) {
		const productionText = '.' + productionParts.filter((part) => part[0] !== 'C').join('.');
		const checkWarning = productionCheckWarning(productionText, segments);
		if (checkWarning !== null) result.warnings.push(checkWarning);
	}
	problems.push(...segmentProblems);

	result.elements = [
		{ key: 'DI', name: 'device identifier', value: di },
		...segments.map((segment): IdentifierElement => ({ key: segment.key, name: segment.name, value: segment.value })),
	];
	result.di = diIsSound ? di : null;
	if (segmentProblems.length === 0 && dataSegments.length > 0) {
		result.serial = segmentValue(segments, 'serial')?.value ?? null;
		result.lot = segmentValue(segments, 'lot')?.value ?? null;
		result.sterilisationLot = segmentValue(segments, 'sterilisationLot')?.value ?? null;
		result.productionDate = segmentValue(segments, 'productionDate')?.isoDate ?? null;
		// E (失效日期) is the expiry date proper; V (有效期, valid until) stands in when a code has only that.
		result.expiryDate = (segmentValue(segments, 'expiryDate') ?? segmentValue(segments, 'validUntil'))?.isoDate ?? null;
	}
	result.valid = problems.length === 0;
	result.reason = problems.length === 0 ? null : problems.map((problem) => `MA code: ${problem}`).join('; ');
	return result;
}
