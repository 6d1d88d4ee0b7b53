/**
 * GS1 Application Identifiers as the GS1 Barcode Syntax Dictionary defines them (gs1-syntax-dictionary.ts holds
 * the dictionary verbatim; this module only reads it). Each entry gives the AI's components (character set,
 * length, linters), whether its length is predefined (no FNC1 needed after it), the pairing rules `req`/`ex`, and
 * its GS1 Digital Link role (`dlpkey` primary key with its qualifier sequences, `?` data attribute).
 */
import { aiLabel, expandRange } from './gs1-labels';
import { GS1_SYNTAX_DICTIONARY } from './gs1-syntax-dictionary';

/** N: digits; X: GS1 AI encodable character set 82; Y: character set 39; Z: character set 64 (base64url). */
export type Gs1CharacterSet = 'N' | 'X' | 'Y' | 'Z';

export interface AiComponent {
	charset: Gs1CharacterSet;
	minLength: number;
	maxLength: number;
	optional: boolean;
	/** Names of the dictionary's content checks ("csum", "yymmd0", …), in the order given. */
	linters: readonly string[];
}

export interface AiDefinition {
	ai: string;
	/** GS1 data title, e.g. "USE BY or EXPIRY". */
	title: string;
	/** Plain English used in messages, e.g. "expiry date". */
	label: string;
	/** Dictionary flag "*": the length is predefined and no FNC1 separator is needed after the value. */
	predefinedLength: boolean;
	/** Dictionary flag "?": the AI may be a GS1 Digital Link data attribute (a query parameter). */
	dlDataAttribute: boolean;
	/** Data always has exactly `maxLength` characters. */
	fixedLength: boolean;
	minLength: number;
	maxLength: number;
	/** Digits only. */
	numeric: boolean;
	/** The whole field is a YYMMDD date. */
	isDate: boolean;
	components: readonly AiComponent[];
	/**
	 * `req` rules: every rule must hold; a rule holds when one of its alternatives is present, and an alternative
	 * ("01+21") is present when all of its AI patterns are. Patterns use "n" for any digit ("31nn").
	 */
	requires: ReadonlyArray<ReadonlyArray<readonly string[]>>;
	/** `ex` patterns: AIs that must not appear together with this one (the AI itself excepted). */
	excludes: readonly string[];
	/** `dlpkey`: a GS1 Digital Link primary key. */
	dlPrimaryKey: boolean;
	/** `dlpkey=22,10,21|235`: the alternative ordered qualifier sequences of a primary key (empty for none). */
	dlQualifierSequences: ReadonlyArray<readonly string[]>;
}

const FLAGS = /^[*?!"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;
const COMPONENT = /^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,[a-z0-9]+)*)$/;

function parseComponent(token: string): AiComponent {
	const match = COMPONENT.exec(token);
	if (!match || Boolean(match[1]) !== Boolean(match[5]))
		throw new Error(`GS1 syntax dictionary: bad component "${token}"`);
	const length = Number(match[4]);
	return {
		charset: match[2] as Gs1CharacterSet,
		minLength: match[3] ? 1 : length,
		maxLength: length,
		optional: Boolean(match[1]),
		linters: match[6].split(',').filter((name) => name !== ''),
	};
}

interface Attributes {
	requires: string[][][];
	excludes: string[];
	dlPrimaryKey: boolean;
	dlQualifierSequences: string[][];
}

function parseAttributes(tokens: string[]): Attributes {
	const attributes: Attributes = { requires: [], excludes: [], dlPrimaryKey: false, dlQualifierSequences: [] };
	for (const token of tokens) {
		const [key, value = ''] = token.split('=');
		if (key === 'req') attributes.requires.push(value.split(',').map((group) => group.split('+')));
		else if (key === 'ex') attributes.excludes.push(...value.split(','));
		else if (key === 'dlpkey') {
			attributes.dlPrimaryKey = true;
			if (value !== '')
				attributes.dlQualifierSequences.push(...value.split('|').map((sequence) => sequence.split(',')));
		}
	}
	return attributes;
}

function buildDefinition(
	ai: string,
	flags: string,
	components: AiComponent[],
	attributes: Attributes,
	title: string,
): AiDefinition {
	const required = components.filter((component) => !component.optional);
	const minLength = required.reduce((sum, component) => sum + component.minLength, 0);
	const maxLength = components.reduce((sum, component) => sum + component.maxLength, 0);
	const single = components.length === 1 ? components[0] : undefined;
	return {
		ai,
		title,
		label: aiLabel(ai, title),
		predefinedLength: flags.includes('*'),
		dlDataAttribute: flags.includes('?'),
		fixedLength: minLength === maxLength,
		minLength,
		maxLength,
		numeric: components.every((component) => component.charset === 'N'),
		isDate: single !== undefined && (single.linters.includes('yymmd0') || single.linters.includes('yymmdd')),
		components,
		...attributes,
	};
}

/** Reads one entry line: AIs [Flags] Specification [Attributes...] [# Title]. */
function parseEntry(line: string): AiDefinition[] {
	const hash = line.indexOf('#');
	const title = hash < 0 ? '' : line.slice(hash + 1).trim();
	const tokens = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/);
	const ais = tokens.shift()!;
	const flags = tokens[0] !== undefined && FLAGS.test(tokens[0]) ? tokens.shift()! : '';
	const firstAttribute = tokens.findIndex((token) => token.includes('=') || token === 'dlpkey');
	const specification = firstAttribute < 0 ? tokens : tokens.slice(0, firstAttribute);
	const attributes = parseAttributes(firstAttribute < 0 ? [] : tokens.slice(firstAttribute));
	const components = specification.map(parseComponent);
	return expandRange(ais).map((ai) => buildDefinition(ai, flags, components, attributes, title || ai));
}

export function parseSyntaxDictionary(text: string): Map<string, AiDefinition> {
	const table = new Map<string, AiDefinition>();
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		for (const definition of parseEntry(line)) table.set(definition.ai, definition);
	}
	return table;
}

export const AI_DEFINITIONS: ReadonlyMap<string, AiDefinition> = parseSyntaxDictionary(GS1_SYNTAX_DICTIONARY);

export function getAiDefinition(ai: string): AiDefinition | undefined {
	return AI_DEFINITIONS.get(ai);
}

/** True when `ai` matches a dictionary pattern such as "31nn" (n = any digit) or is equal to it. */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
	if (ai.length !== pattern.length) return false;
	for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
	return true;
}

/**
 * The known AI that starts at `position` in `data`, if any. GS1 AIs form a prefix-free code (no AI is the
 * beginning of another), so the first 2-, 3- or 4-digit match is the only possible one.
 */
export function matchAiAt(data: string, position: number): AiDefinition | undefined {
	for (let length = 2; length <= 4; length++) {
		const code = data.slice(position, position + length);
		if (code.length < length || !/^\d+$/.test(code)) return undefined;
		const definition = AI_DEFINITIONS.get(code);
		if (definition) return definition;
	}
	return undefined;
}
