/** Turns the checked elements of any GS1 input form into the uniform result, applying the pairing rules. */
import { associationProblems, missingDiProblem } from './gs1-associations';
import type { CheckedElement } from './gs1-element';
import { type IdentifierResult, emptyResult, quote } from './types';

export type Gs1Format = 'gs1' | 'gs1-digital-link' | 'gtin' | 'unknown';
export type Gs1Result = IdentifierResult & { format: Gs1Format };

/** What a reader of one input form found: elements in order, problems with the form itself, warnings. */
export interface Gs1Reading {
	elements: CheckedElement[];
	problems: string[];
	warnings: string[];
}

/**
 * An AI given twice with different values contradicts itself. The same value twice is allowed in element
 * strings (a label may carry it in two symbols); Digital Link forbids any repeat and checks that itself.
 */
function conflictingRepeats(elements: CheckedElement[]): string[] {
	const seen = new Map<string, string>();
	const problems: string[] = [];
	for (const { definition, value } of elements) {
		const earlier = seen.get(definition.ai);
		if (earlier === undefined) seen.set(definition.ai, value);
		else if (earlier !== value)
			problems.push(`AI (${definition.ai}) appears twice with different values ${quote(earlier)} and ${quote(value)}`);
	}
	return problems;
}

function soundValue(elements: CheckedElement[], ai: string): CheckedElement | undefined {
	const element = elements.find((candidate) => candidate.definition.ai === ai);
	return element && element.problems.length === 0 ? element : undefined;
}

/**
 * Problems in two stages, as GS1's reference engine does: first each element and the form itself; only when
 * those are sound, the pairing rules (req/ex). Production identifiers without a GTIN are then named as not a
 * usable UDI: in the reason when a rule is broken anyway (e.g. (21) alone), else as a warning, because such a
 * code can be GS1-valid (an ITIP with lot and serial) while still giving nothing to look up.
 */
function collectProblems(reading: Gs1Reading): { problems: string[]; warnings: string[] } {
	const { elements, warnings } = reading;
	const problems = [
		...elements.flatMap((element) => element.problems),
		...reading.problems,
		...conflictingRepeats(elements),
	];
	if (elements.length === 0 && problems.length === 0) return { problems: ['no GS1 data found'], warnings };
	if (problems.length > 0) return { problems, warnings };
	const ais = elements.map((element) => element.definition.ai);
	const pairing = associationProblems(ais);
	const noDi = missingDiProblem(ais);
	if (noDi === null) return { problems: pairing, warnings };
	return pairing.length > 0
		? { problems: [...pairing, noDi], warnings }
		: { problems: [], warnings: [...warnings, noDi] };
}

export function buildResult(
	format: Gs1Format,
	input: string,
	symbologyId: string | null,
	reading: Gs1Reading,
): Gs1Result {
	const { elements } = reading;
	const result = emptyResult(format, input, symbologyId) as Gs1Result;
	for (const { definition, value } of elements) {
		if (!(definition.ai in result.ais)) result.ais[definition.ai] = value;
		result.elements.push({ key: definition.ai, name: definition.label, value });
	}
	const { problems, warnings } = collectProblems(reading);
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
