/** The human-readable form printed under a barcode: (01)09506000134352(17)201225(10)ABC123. */
import { getAiDefinition } from './gs1-ai';
import { type CheckedElement, checkElement } from './gs1-element';
import type { Gs1Reading } from './gs1-result';
import { quote } from './types';

/**
 * Every "(" + 2-4 digits + ")" is read as an AI, also inside a value: set 82 allows brackets in data, but a
 * bracketed number in a printed UDI is far more often a mistyped AI than part of a lot number.
 */
export function readBracketed(text: string, now: Date): Gs1Reading {
	const elements: CheckedElement[] = [];
	const problems: string[] = [];
	const warnings: string[] = [];
	const matches = [...text.matchAll(/\((\d{2,4})\)/g)];
	if (matches.length === 0 || matches[0].index !== 0) {
		const problem = `expected an Application Identifier in brackets at the start, e.g. "(01)", got ${quote(text)}`;
		return { elements, problems: [problem], warnings: [] };
	}
	matches.forEach((match, index) => {
		const valueStart = match.index + match[0].length;
		const valueEnd = index + 1 < matches.length ? matches[index + 1].index : text.length;
		const raw = text.slice(valueStart, valueEnd).replace(/\u001d/g, '');
		const value = raw.trim();
		if (value !== raw && warnings.length === 0) warnings.push('ignored spaces between the bracketed elements');
		const definition = getAiDefinition(match[1]);
		if (!definition) problems.push(`unknown GS1 Application Identifier (${match[1]})`);
		else elements.push(checkElement(definition, value, now));
	});
	return { elements, problems, warnings };
}
