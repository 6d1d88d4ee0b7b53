/**
 * The content checks ("linters") that the GS1 Barcode Syntax Dictionary names for AI components, implemented
 * from their definitions in the GS1 General Specifications. Linters that need reference lists this package does
 * not carry (ISO 3166 and ISO 4217 codes, GS1 Company Prefix lengths for "key"/"keyoff1", IBAN, AIDC media types,
 * importer index, coupon and package-type code lists) are not applied: the component still gets its length and
 * character-set checks. test/unit/identifiers/gs1-dictionary.test.ts fails if the dictionary names a new one.
 */
import { hhmmProblem, parseYymmdd, parseYyyymmdd } from './dates';
import { gmnCheckCharacters, gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check';
import { quote } from './types';

export interface LinterOutcome {
	problem: string | null;
	/** ISO yyyy-MM-dd for the date linters. */
	isoDate: string | null;
}

type Linter = (part: string, now: Date) => LinterOutcome;

const ok: LinterOutcome = { problem: null, isoDate: null };
const fail = (problem: string): LinterOutcome => ({ problem, isoDate: null });
const when = (bad: boolean, problem: string): LinterOutcome => (bad ? fail(problem) : ok);

function range(part: string, max: number, unit: string): LinterOutcome {
	return when(Number(part) > max, `${unit} ${part} is not 00-${String(max).padStart(2, '0')}`);
}

function date(check: ReturnType<typeof parseYymmdd>): LinterOutcome {
	return check.ok ? { problem: null, isoDate: check.iso } : fail(check.problem);
}

const LINTERS: Readonly<Record<string, Linter>> = {
	csum: (part) =>
		hasValidGs1CheckDigit(part)
			? ok
			: fail(`check digit is ${part.slice(-1)} but should be ${gs1CheckDigit(part.slice(0, -1))}`),
	csumalpha: (part) => {
		const expected = part.length > 2 ? gmnCheckCharacters(part.slice(0, -2)) : undefined;
		if (expected !== undefined && expected === part.slice(-2)) return ok;
		return fail(`check character pair is ${quote(part.slice(-2))} but should be ${quote(expected ?? '?')}`);
	},
	// DD = 00 means the last day of the month in the AIs that use yymmd0 (GS1 General Specifications 3.4.x).
	yymmd0: (part, now) => date(parseYymmdd(part, now, true)),
	yymmdd: (part, now) => date(parseYymmdd(part, now, false)),
	yyyymmdd: (part) => date(parseYyyymmdd(part)),
	hhmm: (part) => when(hhmmProblem(part) !== null, hhmmProblem(part) ?? ''),
	hhmi: (part) => when(hhmmProblem(part) !== null, hhmmProblem(part) ?? ''),
	hh: (part) => range(part, 23, 'hour'),
	mi: (part) => range(part, 59, 'minute'),
	ss: (part) => range(part, 59, 'second'),
	yesno: (part) => when(part !== '0' && part !== '1', `${quote(part)} is not 0 (no) or 1 (yes)`),
	zero: (part) => when(part !== '0', `${quote(part)} must be 0`),
	nonzero: (part) => when(/^0+$/.test(part), `${quote(part)} must not be zero`),
	winding: (part) => when(!['0', '1', '9'].includes(part), `winding direction ${quote(part)} is not 0, 1 or 9`),
	hyphen: (part) => when(part !== '-', `${quote(part)} must be "-"`),
	nozeroprefix: (part) => when(part.length > 1 && part.startsWith('0'), `${quote(part)} must not start with 0`),
	hasnondigit: (part) => when(/^\d*$/.test(part), `${quote(part)} must contain a character other than a digit`),
	iso5218: (part) =>
		when(!['0', '1', '2', '9'].includes(part), `sex code ${quote(part)} is not 0, 1, 2 or 9 (ISO/IEC 5218)`),
	pcenc: (part) => when(/%(?![0-9A-Fa-f]{2})/.test(part), `${quote(part)} has a "%" not followed by two hex digits`),
	pieceoftotal: (part) => {
		const piece = Number(part.slice(0, part.length / 2));
		const total = Number(part.slice(part.length / 2));
		return when(
			piece === 0 || total === 0 || piece > total,
			`piece ${piece} of total ${total} is not a valid piece number`,
		);
	},
	posinseqslash: (part) => {
		const match = /^([1-9])\/([1-9])$/.exec(part);
		return when(
			!match || Number(match[1]) > Number(match[2]),
			`${quote(part)} is not a position in a sequence such as "1/2"`,
		);
	},
	latitude: (part) => when(Number(part) > 1_800_000_000, `latitude ${quote(part)} exceeds 1800000000`),
	longitude: (part) => when(Number(part) > 3_600_000_000, `longitude ${quote(part)} exceeds 3600000000`),
};

/** The outcome of one named linter on a component; undefined when this package does not implement it. */
export function runLinter(name: string, part: string, now: Date): LinterOutcome | undefined {
	return LINTERS[name]?.(part, now);
}

export const IMPLEMENTED_LINTERS: readonly string[] = Object.keys(LINTERS);
