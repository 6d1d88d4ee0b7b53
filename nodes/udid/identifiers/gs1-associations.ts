/**
 * The GS1 Barcode Syntax Dictionary's pairing rules between AIs: `req` (an AI needs one of the listed AIs or
 * groups beside it, e.g. a serial number needs a GTIN) and `ex` (two AIs must not appear together, e.g. a GTIN
 * and the GTIN of contained items). The dictionary asks for them to be evaluated over all data read from an
 * item; a scan is what we have, so they are evaluated over the scan.
 */
import { type AiDefinition, aiMatchesPattern, getAiDefinition } from './gs1-ai';

/** UDI production identifiers (UDI-PI): lot, serial, production date, expiry date (and expiry date with time). */
const PRODUCTION_IDENTIFIERS = ['10', '11', '17', '21', '7003'];

function name(ai: string): string {
	const definition = getAiDefinition(ai);
	return definition ? `(${ai}) ${definition.label}` : `(${ai})`;
}

function describeAlternative(group: readonly string[]): string {
	return group.map((pattern) => `(${pattern})`).join(' with ');
}

function listAlternatives(rule: ReadonlyArray<readonly string[]>): string {
	const names = rule.map(describeAlternative);
	return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function isPresent(pattern: string, present: readonly string[]): boolean {
	return present.some((ai) => aiMatchesPattern(ai, pattern));
}

function requiresProblems(definition: AiDefinition, present: readonly string[]): string[] {
	return definition.requires
		.filter((rule) => !rule.some((group) => group.every((pattern) => isPresent(pattern, present))))
		.map(
			(rule) => `AI ${name(definition.ai)} requires ${listAlternatives(rule)} in the same code (GS1 syntax rule "req")`,
		);
}

function excludesProblems(definition: AiDefinition, present: readonly string[], reported: Set<string>): string[] {
	const problems: string[] = [];
	for (const other of present) {
		if (other === definition.ai || !definition.excludes.some((pattern) => aiMatchesPattern(other, pattern))) continue;
		const pair = [definition.ai, other].sort().join('+');
		if (reported.has(pair)) continue;
		reported.add(pair);
		problems.push(`AI ${name(definition.ai)} must not appear together with AI ${name(other)} (GS1 syntax rule "ex")`);
	}
	return problems;
}

/** Every broken req/ex rule among the distinct AIs of one code, in the order the AIs appear. */
export function associationProblems(ais: readonly string[]): string[] {
	const present = [...new Set(ais)];
	const reported = new Set<string>();
	const problems: string[] = [];
	for (const ai of present) {
		const definition = getAiDefinition(ai);
		if (!definition) continue;
		problems.push(...excludesProblems(definition, present, reported), ...requiresProblems(definition, present));
	}
	return problems;
}

/** Production identifiers without a GTIN: GS1-valid or not, such a scan cannot identify a device. */
export function missingDiProblem(ais: readonly string[]): string | null {
	if (ais.includes('01') || !ais.some((ai) => PRODUCTION_IDENTIFIERS.includes(ai))) return null;
	return 'not a usable UDI: it has production identifiers (lot, serial or dates) but no device identifier, AI (01) GTIN';
}
