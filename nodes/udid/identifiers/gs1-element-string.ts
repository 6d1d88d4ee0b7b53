/**
 * Raw GS1 element strings as scanners send them: AI + value pairs, a variable-length value ended by GS (FNC1).
 * Includes the heuristics that point at a separator the scanner probably dropped.
 */
import { type AiDefinition, matchAiAt } from './gs1-ai';
import { type CheckedElement, checkElement, describeElement } from './gs1-element';
import type { Gs1Reading } from './gs1-result';
import { quote } from './types';

export const GS = '\u001d';

/**
 * Where to look for an AI swallowed by a variable-length value, most telling first: AIs whose content is
 * checked (check digit, date), then the usual UDI production identifiers, then anything but the
 * company-internal 90-99, which accept any text and so would "fit" everywhere.
 */
const SELF_CHECKING_AIS: ReadonlySet<string> = new Set(['00', '01', '02', '11', '12', '13', '15', '16', '17']);
const COMMON_LABEL_AIS: ReadonlySet<string> = new Set([
	'10',
	'21',
	'22',
	'30',
	'37',
	'235',
	'240',
	'241',
	'250',
	'7240',
]);
const SWALLOWED_AI_TIERS: ReadonlyArray<(ai: string) => boolean> = [
	(ai) => SELF_CHECKING_AIS.has(ai),
	(ai) => COMMON_LABEL_AIS.has(ai),
	(ai) => !ai.startsWith('9'),
];

type Swallowed = { offset: number; ai: AiDefinition };

function unknownAiProblem(data: string, position: number): string {
	const shown = data.slice(position, position + 4);
	const more = data.length > position + 4 ? '…' : '';
	return `no known GS1 Application Identifier at character ${position + 1}: ${quote(shown)}${more}`;
}

function scanIsClean(data: string, now: Date): boolean {
	const scan = scanElementString(data, now, false);
	return scan.problems.length === 0 && scan.elements.every((element) => element.problems.length === 0);
}

/**
 * The first place inside a variable-length value from which the rest reads as valid element strings and
 * starts with an AI that `accepts`, i.e. where a dropped GS/FNC1 separator probably was.
 */
function findSwallowedAi(
	value: string,
	now: Date,
	accepts: (ai: string) => boolean,
	searchLimit: number,
): Swallowed | undefined {
	const lastOffset = Math.min(value.length - 2, searchLimit);
	for (let offset = 1; offset <= lastOffset; offset++) {
		const ai = matchAiAt(value, offset);
		if (ai && accepts(ai.ai) && scanIsClean(value.slice(offset), now)) return { offset, ai };
	}
	return undefined;
}

function findSwallowedAiByTier(value: string, now: Date, searchLimit: number): Swallowed | undefined {
	for (const accepts of SWALLOWED_AI_TIERS) {
		const found = findSwallowedAi(value, now, accepts, searchLimit);
		if (found) return found;
	}
	return undefined;
}

function addSeparatorHints(element: CheckedElement, now: Date, scan: Gs1Reading): void {
	const { definition, value } = element;
	if (value.length > definition.maxLength) {
		const swallowed = findSwallowedAiByTier(value, now, definition.maxLength);
		if (swallowed && element.problems.length > 0) {
			element.problems[0] +=
				` — a GS/FNC1 separator is probably missing after ${quote(value.slice(0, swallowed.offset))}, ` +
				`before AI (${swallowed.ai.ai})`;
		}
		return;
	}
	// Only checked AIs here: the value is within its length, so anything weaker would flag ordinary lots.
	const swallowed = findSwallowedAi(value, now, SWALLOWED_AI_TIERS[0], value.length);
	if (swallowed) {
		const head = quote(value.slice(0, swallowed.offset));
		scan.warnings.push(
			`${describeElement(definition, value)} contains what looks like AI (${swallowed.ai.ai}) ${swallowed.ai.label} ` +
				`after ${head}; if the scanner dropped a GS/FNC1 separator, the ${definition.label} is only ${head}`,
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
export function scanElementString(data: string, now: Date, withHints: boolean): Gs1Reading {
	const scan: Gs1Reading = { elements: [], problems: [], warnings: [] };
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
