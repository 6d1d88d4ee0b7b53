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
		else if (earlier !== value) problems.push(`AI (${definition.ai}) appears twice with different values ${quote(earlier)} and ${quote(value)}`);
	}
	return problems;
}

function soundValue(elements: CheckedElement[], ai: string): CheckedElement | undefined {
	const element = elements.find((candidate) => candidate.definition.ai === ai);
	return element && element.problems.length === 0 ? element : undefined;
}

/**
 * Problems in two stages, as GS1's reference engine does: first each element and the form itself; only when
 * those are sound, the pairing rules (req/ex) and whether the code can identify a device at all.
 */
function collectProblems(reading: Gs1Reading): string[] {
	const { elements } = reading;
	const problems = [...elements.flatMap((element) => element.problems), ...reading.problems, ...conflictingRepeats(elements)];
	if (elements.length === 0 && problems.length === 0) return ['no GS1 data found'];
	if (problems.length > 0) return problems;
	const ais = elements.map((element) => element.definition.ai);
	const noDi = missingDiProblem(ais);
	return [...associationProblems(ais), ...(noDi === null ? [] : [noDi])];
}

export function buildResult(format: Gs1Format, input: string, symbologyId: string | null, reading: Gs1Reading): Gs1Result {
	const { elements } = reading;
	const result = emptyResult(format, input, symbologyId) as Gs1Result;
	for (const { definition, value } of elements) {
		if (!(definition.ai in result.ais)) result.ais[definition.ai] = value;
		result.elements.push({ key: definition.ai, name: definition.label, value });
	}
	const problems = collectProblems(reading);
	result.di = soundValue(elements, '01')?.value ?? null;
	result.lot = soundValue(elements, '10')?.value ?? null;
	result.serial = soundValue(elements, '21')?.value ?? null;
	result.productionDate = soundValue(elements, '11')?.isoDate ?? null;
	result.expiryDate = soundValue(elements, '17')?.isoDate ?? null;
	result.valid = problems.length === 0;
	result.reason = problems.length === 0 ? null : problems.join('; ');
	result.warnings = reading.warnings;
	return result;
}
