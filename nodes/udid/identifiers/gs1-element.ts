/** Checks one AI value against its syntax dictionary entry: length, character set per component, linters. */
import type { AiComponent, AiDefinition } from './gs1-ai';
import { CSET82 } from './gs1-check';
import { runLinter } from './gs1-linters';
import { quote } from './types';

const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=';
const ALPHABETS: Readonly<Record<AiComponent['charset'], readonly [string, string]>> = {
	N: ['0123456789', 'a digit'],
	X: [CSET82, 'in GS1 character set 82'],
	Y: [CSET39, 'in GS1 character set 39'],
	Z: [CSET64, 'in GS1 character set 64'],
};

export interface CheckedElement {
	definition: AiDefinition;
	value: string;
	/** Problems with the value itself, each prefixed with the AI and the value. */
	problems: string[];
	isoDate: string | null;
}

export function describeElement(definition: AiDefinition, value: string): string {
	return `AI (${definition.ai}) ${definition.label} ${quote(value)}`;
}

function charsetProblem(charset: AiComponent['charset'], value: string): string | null {
	const [alphabet, name] = ALPHABETS[charset];
	for (const character of value) {
		if (!alphabet.includes(character)) return `contains ${JSON.stringify(character)}, which is not ${name}`;
	}
	return null;
}

function lengthProblem(definition: AiDefinition, value: string): string | null {
	const length = value.length;
	if (length === 0) return 'is empty';
	const unit = definition.numeric ? 'digits' : 'characters';
	if (definition.fixedLength) {
		return length === definition.maxLength ? null : `must be ${definition.maxLength} ${unit}, got ${length}`;
	}
	if (length > definition.maxLength) return `${length} ${unit} exceed the maximum of ${definition.maxLength}`;
	if (length < definition.minLength)
		return `must be ${definition.minLength}-${definition.maxLength} ${unit}, got ${length}`;
	return null;
}

/**
 * Cuts a value of valid total length into its components, each taking its own length (the last, variable one
 * the rest). Optional components are skipped once the data is used up; a fixed component that gets fewer
 * characters than its length is a problem (e.g. 7 digits for AI 423, whose components are 3 digits each).
 */
function splitComponents(definition: AiDefinition, value: string): { parts: string[]; problem: string | null } {
	const parts: string[] = [];
	let position = 0;
	for (const [index, component] of definition.components.entries()) {
		if (position >= value.length) break;
		const fixed = component.minLength === component.maxLength;
		const part = value.slice(position, fixed ? position + component.maxLength : value.length);
		if (fixed && part.length < component.maxLength) {
			return { parts, problem: `component ${index + 1} must be ${component.maxLength} characters, got ${part.length}` };
		}
		parts.push(part);
		position += part.length;
	}
	return { parts, problem: null };
}

function componentProblems(
	definition: AiDefinition,
	value: string,
	now: Date,
): { problems: string[]; isoDate: string | null } {
	const { parts, problem } = splitComponents(definition, value);
	const problems = problem === null ? [] : [problem];
	let isoDate: string | null = null;
	parts.forEach((part, index) => {
		const component = definition.components[index];
		const charsetIssue = charsetProblem(component.charset, part);
		if (charsetIssue !== null) {
			problems.push(charsetIssue);
			return;
		}
		for (const linter of component.linters) {
			const outcome = runLinter(linter, part, now);
			if (outcome?.problem) {
				problems.push(outcome.problem);
				break;
			}
			if (outcome?.isoDate && definition.isDate) isoDate = outcome.isoDate;
		}
	});
	return { problems, isoDate };
}

export function checkElement(definition: AiDefinition, value: string, now: Date): CheckedElement {
	let problems: string[] = [];
	let isoDate: string | null = null;
	const lengthIssue = lengthProblem(definition, value);
	if (lengthIssue !== null) {
		problems.push(lengthIssue);
		const charsetIssue = definition.numeric ? charsetProblem('N', value) : null;
		if (charsetIssue !== null) problems.push(charsetIssue);
	} else {
		({ problems, isoDate } = componentProblems(definition, value, now));
	}
	const prefix = describeElement(definition, value);
	return { definition, value, problems: problems.map((problem) => `${prefix}: ${problem}`), isoDate };
}
