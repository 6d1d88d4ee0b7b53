import { parseYymmdd } from './dates';
import { inputAsString, normalizeInput } from './normalize';
import { type IdentifierResult, type ParseOptions, MAX_INPUT_LENGTH, emptyResult, invalidResult, quote } from './types';

/*
 * AHM codes (阿里健康 / 码上放心), the third UDI issuing agency accepted by NMPA and by far the least used.
 * No public specification was found. The structure recognised here is the one a public third-party UDI
 * decoder implements, with the data identifiers named in NMPA's UDI Q&A:
 *
 *   MF<DI>*BA<lot>*SN<serial>*MD<YYMMDD>*BD<YYMMDD>*ED<YYMMDD>*PL<digit>
 *
 * MF device identifier (at most 13 characters after MF), BA batch/lot (the Q&A calls it BN, accepted as
 * well), SN serial, MD production date, BD 保质日期 (best-before date), ED expiry date, PL packaging level.
 * The decoder also reads a lot glued to an all-digit DI ("MF6901234567892BA123*…"); that form is accepted.
 * Anything else is reported as an unknown format rather than guessed at. AHM codes carry no known check
 * character, so only structure and dates can be checked.
 */

type AhmKind = 'lot' | 'serial' | 'productionDate' | 'bestBefore' | 'expiryDate' | 'packagingLevel';

const ELEMENTS: Readonly<Record<string, { kind: AhmKind; name: string }>> = {
	BA: { kind: 'lot', name: 'batch/lot number' },
	BN: { kind: 'lot', name: 'batch/lot number' },
	SN: { kind: 'serial', name: 'serial number' },
	MD: { kind: 'productionDate', name: 'production date' },
	BD: { kind: 'bestBefore', name: 'best-before date (保质日期)' },
	ED: { kind: 'expiryDate', name: 'expiry date' },
	PL: { kind: 'packagingLevel', name: 'packaging level' },
};

const DATE_KINDS: ReadonlySet<AhmKind> = new Set(['productionDate', 'bestBefore', 'expiryDate']);
const NO_CHECK_WARNING = 'AHM codes carry no check character: only the structure and the dates were checked';

interface AhmElement {
	key: string;
	kind: AhmKind;
	name: string;
	value: string;
}

export function parseAhm(input: string, options: ParseOptions = {}): IdentifierResult {
	const original = inputAsString(input);
	const { text, symbologyId } = normalizeInput(original);
	return parseNormalizedAhm(original, text, symbologyId, options.now ?? new Date());
}

/** Splits "MF<DI>" or the glued "MF<digits>BA<lot>" into DI and optional lot element; undefined if neither. */
function readHead(head: string): { di: string; lot: AhmElement | null } | undefined {
	const glued = /^MF(\d{1,13})(BA|BN)(.+)$/.exec(head);
	if (glued) return { di: glued[1], lot: { key: glued[2], ...ELEMENTS[glued[2]], value: glued[3] } };
	const plain = /^MF([0-9A-Za-z]{1,13})$/.exec(head);
	return plain ? { di: plain[1], lot: null } : undefined;
}

function readElement(part: string): AhmElement | undefined {
	const key = part.slice(0, 2);
	const spec = ELEMENTS[key];
	if (spec === undefined || part.length === 2) return undefined;
	return { key, ...spec, value: part.slice(2) };
}

function valueProblem(element: AhmElement, now: Date): { problem: string | null; isoDate: string | null } {
	if (DATE_KINDS.has(element.kind)) {
		const date = parseYymmdd(element.value, now, false);
		return date.ok ? { problem: null, isoDate: date.iso } : { problem: date.problem, isoDate: null };
	}
	if (element.kind === 'packagingLevel')
		return { problem: /^\d$/.test(element.value) ? null : 'must be one digit', isoDate: null };
	return {
		problem: /^[\x21-\x7e]+$/.test(element.value) ? null : 'must be printable ASCII characters without spaces',
		isoDate: null,
	};
}

/** parseAhm for input that normalizeInput has already trimmed and stripped of its symbology identifier. */
export function parseNormalizedAhm(
	input: string,
	text: string,
	symbologyId: string | null,
	now: Date,
): IdentifierResult {
	const unknown = (why: string): IdentifierResult =>
		invalidResult('unknown', input, `not a recognisable AHM code: ${why}`, symbologyId);
	if (!text.startsWith('MF')) return unknown('it does not start with "MF"');
	if (text.length > MAX_INPUT_LENGTH) return unknown(`input is longer than ${MAX_INPUT_LENGTH} characters`);
	const [head, ...rest] = text.split('*');
	const start = readHead(head);
	if (start === undefined)
		return unknown(`${quote(head)} is not MF followed by a device identifier of 1-13 letters and digits`);
	const elements: AhmElement[] = start.lot ? [start.lot] : [];
	for (const part of rest) {
		const element = readElement(part);
		if (element === undefined)
			return unknown(`element ${quote(part)} does not start with BA, BN, SN, MD, BD, ED or PL followed by a value`);
		elements.push(element);
	}

	const result = emptyResult('ahm', input, symbologyId);
	const problems: string[] = [];
	const isoDates = new Map<AhmKind, string>();
	const seen = new Set<AhmKind>();
	for (const element of elements) {
		if (seen.has(element.kind)) problems.push(`${element.name} appears more than once`);
		seen.add(element.kind);
		const { problem, isoDate } = valueProblem(element, now);
		if (problem !== null) problems.push(`${element.key} ${element.name} ${quote(element.value)}: ${problem}`);
		if (isoDate !== null) isoDates.set(element.kind, isoDate);
	}
	const soundValue = (kind: AhmKind): string | null => {
		const element = elements.find((candidate) => candidate.kind === kind);
		return element && valueProblem(element, now).problem === null ? element.value : null;
	};
	result.di = start.di;
	result.lot = soundValue('lot');
	result.serial = soundValue('serial');
	result.productionDate = isoDates.get('productionDate') ?? null;
	result.expiryDate = isoDates.get('expiryDate') ?? null;
	result.elements = [
		{ key: 'MF', name: 'device identifier', value: start.di },
		...elements.map(({ key, name, value }) => ({ key, name, value })),
	];
	result.valid = problems.length === 0;
	result.reason = problems.length === 0 ? null : problems.map((problem) => `AHM code: ${problem}`).join('; ');
	result.warnings = [NO_CHECK_WARNING];
	return result;
}
