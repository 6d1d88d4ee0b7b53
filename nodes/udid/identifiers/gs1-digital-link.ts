/**
 * GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax), e.g.
 * https://id.gs1.org/01/09506000134352/10/ABC1/21/12345?17=180426
 *
 * - The GS1 path is the end of the URI's path: /{primary key}/{value} followed by key qualifiers, each as
 *   /{AI}/{value}. Anything before it is the resolver's own path prefix, which may itself look like AIs, so
 *   the start is found by walking back from the end in AI/value pairs until a primary key.
 * - Which qualifiers a primary key takes, and in which order, is the dictionary's `dlpkey` (01 → 22, 10, 21
 *   or 235 alone; 00 none); a qualifier out of order, under the wrong key, or repeated is an error.
 * - Data attributes go in the query string; only AIs with the dictionary's "?" flag may be there, and a key
 *   qualifier may not. Query values are form-encoded: "+" is a space.
 * - No AI may appear twice, and the path has no empty segments and no trailing slash.
 */
import { type AiDefinition, getAiDefinition } from './gs1-ai';
import { checkElement } from './gs1-element';
import { dlPathProblems } from './gs1-digital-link-path';
import type { Gs1Reading } from './gs1-result';
import { quote } from './types';

/** Short names GS1 Digital Link 1.0 allowed in the path instead of the AI; deprecated since URI syntax 1.2. */
const LEGACY_ALIASES: Readonly<Record<string, string>> = {
	gtin: '01',
	sscc: '00',
	gdti: '253',
	gcn: '255',
	ginc: '401',
	gsin: '402',
	gln: '414',
	grai: '8003',
	giai: '8004',
	itip: '8006',
	cpid: '8010',
	gmn: '8013',
	gsrnp: '8017',
	gsrn: '8018',
	cpv: '22',
	lot: '10',
	ser: '21',
	glnx: '254',
	cpsn: '8011',
};

interface Pair {
	ai: string;
	value: string;
}

export type DigitalLinkOutcome =
	{ isDigitalLink: true; reading: Gs1Reading } | { isDigitalLink: false; reason: string };

function decode(part: string): string | undefined {
	try {
		return decodeURIComponent(part);
	} catch {
		return undefined;
	}
}

function aiOf(segment: string): string {
	return LEGACY_ALIASES[segment.toLowerCase()] ?? segment;
}

const isKnownAi = (segment: string): boolean => getAiDefinition(aiOf(segment)) !== undefined;

/** Index of the primary key that starts the GS1 path at the end of `segments`, or -1. */
function findPathStart(segments: string[]): number {
	for (let index = segments.length - 2; index >= 0; index -= 2) {
		const definition = getAiDefinition(aiOf(segments[index]));
		if (!definition) return -1;
		if (definition.dlPrimaryKey) return index;
	}
	return -1;
}

/** Why a path with no GS1 path at its end is not a Digital Link, naming the likeliest slip. */
function explainMissingPath(segments: string[]): string | { broken: string } {
	const last = segments[segments.length - 1];
	if (last !== undefined && isKnownAi(last) && findPathStart(segments.slice(0, -1)) >= 0) {
		return { broken: `Digital Link path ends with AI (${aiOf(last)}) but no value` };
	}
	const key = segments.findIndex(
		(segment, index) => getAiDefinition(aiOf(segment))?.dlPrimaryKey && index + 1 < segments.length,
	);
	for (let index = key + 2; key >= 0 && index < segments.length; index += 2) {
		if (!isKnownAi(segments[index])) {
			return { broken: `Digital Link path segment ${quote(segments[index])} is not a GS1 Application Identifier` };
		}
	}
	return 'URL is not a GS1 Digital Link: its path has no GS1 primary key such as /01/{GTIN}';
}

function readSegments(path: string, problems: string[]): string[] {
	if (path.length > 1 && path.endsWith('/'))
		problems.push('Digital Link path ends with "/" (a GS1 Digital Link path has no trailing slash)');
	const raw = path.split('/').slice(1);
	if (raw.slice(0, -1).some((segment) => segment === ''))
		problems.push('Digital Link path has an empty segment ("//")');
	return raw
		.filter((segment) => segment !== '')
		.map((segment) => {
			const decoded = decode(segment);
			if (decoded === undefined)
				problems.push(`Digital Link path segment ${quote(segment)} has broken percent-encoding`);
			return decoded ?? segment;
		});
}

function aliasWarnings(pathSegments: string[]): string[] {
	return pathSegments
		.filter((segment, index) => index % 2 === 0 && LEGACY_ALIASES[segment.toLowerCase()] !== undefined)
		.map(
			(segment) =>
				`Digital Link path uses the short name ${quote(segment)} for AI (${aiOf(segment)}); ` +
				'short names are deprecated since GS1 Digital Link URI syntax 1.2 and were read as the AI',
		);
}

function queryProblem(definition: AiDefinition, primaryKey: AiDefinition): string | null {
	const qualifiers = primaryKey.dlQualifierSequences.flat();
	if (definition.dlPrimaryKey || qualifiers.includes(definition.ai)) {
		const role = definition.dlPrimaryKey
			? 'a primary key'
			: `a key qualifier of (${primaryKey.ai}) ${primaryKey.label}`;
		return `AI (${definition.ai}) ${definition.label} is ${role}: it belongs in the Digital Link path, not the query string`;
	}
	if (!definition.dlDataAttribute) {
		return `AI (${definition.ai}) ${definition.label} is not permitted as a Digital Link data attribute (syntax dictionary flag "?")`;
	}
	return null;
}

/** Query parameters with all-digit names are AIs; others (linkType, context, …) are allowed and ignored. */
function readQuery(query: string, primaryKey: AiDefinition, problems: string[]): Pair[] {
	const pairs: Pair[] = [];
	for (const parameter of query.split('&')) {
		const equals = parameter.indexOf('=');
		if (equals < 0) continue;
		// application/x-www-form-urlencoded, as the standard prescribes for the query: "+" is a space.
		const name = decode(parameter.slice(0, equals).replace(/\+/g, ' '));
		const value = decode(parameter.slice(equals + 1).replace(/\+/g, ' '));
		if (name === undefined || value === undefined) {
			problems.push(`Digital Link query parameter ${quote(parameter)} has broken percent-encoding`);
			continue;
		}
		if (!/^\d+$/.test(name)) continue;
		const definition = getAiDefinition(name);
		const problem = definition
			? queryProblem(definition, primaryKey)
			: `Digital Link query parameter ${quote(name)} is not a known GS1 Application Identifier`;
		if (problem !== null) problems.push(problem);
		else pairs.push({ ai: name, value });
	}
	return pairs;
}

function repeatProblems(pairs: Pair[]): string[] {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const { ai } of pairs) (seen.has(ai) ? repeated : seen).add(ai);
	return [...repeated].map((ai) => `AI (${ai}) appears more than once (a GS1 Digital Link URI gives each AI once)`);
}

function toElements(pairs: Pair[], now: Date, warnings: string[]) {
	return pairs.map((pair) => {
		let value = pair.value;
		if (pair.ai === '01' && /^(\d{8}|\d{12,13})$/.test(value)) {
			value = value.padStart(14, '0');
			warnings.push(`GTIN ${quote(pair.value)} in the Digital Link was padded to the 14-digit form ${quote(value)}`);
		}
		return checkElement(getAiDefinition(pair.ai)!, value, now);
	});
}

/** Splits "scheme://host/path?query#fragment" without normalising the path (URL() would hide "//" and "/."). */
function splitUri(text: string): { path: string; query: string } | undefined {
	const match = /^https?:\/\/[^/?#]+(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/i.exec(text);
	return match ? { path: match[1] ?? '', query: match[2] ?? '' } : undefined;
}

export function readDigitalLink(text: string, now: Date): DigitalLinkOutcome {
	const parts = splitUri(text);
	if (!parts || !URL.canParse(text)) return { isDigitalLink: false, reason: `${quote(text)} is not a valid URL` };
	const problems: string[] = [];
	const segments = readSegments(parts.path, problems);
	const start = findPathStart(segments);
	if (start < 0) {
		const why = explainMissingPath(segments);
		if (typeof why === 'string') return { isDigitalLink: false, reason: why };
		return { isDigitalLink: true, reading: { elements: [], problems: [...problems, why.broken], warnings: [] } };
	}
	const pathSegments = segments.slice(start);
	const pathPairs: Pair[] = [];
	for (let index = 0; index < pathSegments.length; index += 2)
		pathPairs.push({ ai: aiOf(pathSegments[index]), value: pathSegments[index + 1] });
	const primaryKey = getAiDefinition(pathPairs[0].ai)!;
	// Repeats are reported once below, so the order check looks at each qualifier once.
	problems.push(...dlPathProblems(primaryKey, [...new Set(pathPairs.slice(1).map((pair) => pair.ai))]));
	const pairs = [...pathPairs, ...readQuery(parts.query, primaryKey, problems)];
	problems.push(...repeatProblems(pairs));
	const warnings = aliasWarnings(pathSegments);
	return { isDigitalLink: true, reading: { elements: toElements(pairs, now, warnings), problems, warnings } };
}
