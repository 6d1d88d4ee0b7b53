import { createHash } from 'node:crypto';
import { AI_DEFINITIONS, getAiDefinition, parseSyntaxDictionary } from '../../../nodes/udid/identifiers/gs1-ai';
import { IMPLEMENTED_LINTERS } from '../../../nodes/udid/identifiers/gs1-linters';
import {
	GS1_SYNTAX_DICTIONARY,
	GS1_SYNTAX_DICTIONARY_SOURCE,
} from '../../../nodes/udid/identifiers/gs1-syntax-dictionary';

function definition(ai: string) {
	const found = getAiDefinition(ai);
	if (!found) throw new Error(`AI ${ai} missing`);
	return found;
}

/** Linters that need reference data this package does not carry; docs/en/identifiers.md lists them. */
const NOT_APPLIED = [
	'couponcode',
	'couponposoffer',
	'iban',
	'importeridx',
	'iso3166',
	'iso3166999',
	'iso3166alpha2',
	'iso4217',
	'key',
	'keyoff1',
	'mediatype',
	'packagetype',
];

describe('the GS1 Barcode Syntax Dictionary as shipped', () => {
	it('is the recorded version, unedited (SHA-256 of the text)', () => {
		expect(createHash('sha256').update(GS1_SYNTAX_DICTIONARY).digest('hex')).toBe(GS1_SYNTAX_DICTIONARY_SOURCE.sha256);
		expect(GS1_SYNTAX_DICTIONARY_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
	});

	it('keeps its Apache-2.0 licence notice and copyright lines', () => {
		expect(GS1_SYNTAX_DICTIONARY).toContain('Licensed under the Apache License, Version 2.0');
		expect(GS1_SYNTAX_DICTIONARY).toContain('Copyright (c) 2021-2025 GS1 AISBL');
	});

	it('yields every AI of every entry line, ranges expanded', () => {
		const entries = GS1_SYNTAX_DICTIONARY.split('\n').filter((line) => /^\d/.test(line));
		expect(entries).toHaveLength(219);
		expect(AI_DEFINITIONS.size).toBe(536);
		for (const ai of ['3100', '3105', '3695', '3909', '7039', '716', '91', '99', '03', '8014'])
			expect(AI_DEFINITIONS.has(ai)).toBe(true);
	});

	it('names only linters that are implemented or deliberately not applied', () => {
		const named = new Set(
			[...AI_DEFINITIONS.values()].flatMap((item) => item.components.flatMap((component) => component.linters)),
		);
		expect([...named].filter((name) => !IMPLEMENTED_LINTERS.includes(name) && !NOT_APPLIED.includes(name))).toEqual([]);
	});
});

describe('dictionary attributes as read', () => {
	it('flag "*" is the predefined length and flag "?" the Digital Link data attribute', () => {
		expect([definition('01').predefinedLength, definition('01').dlDataAttribute]).toEqual([true, true]);
		expect([definition('10').predefinedLength, definition('10').dlDataAttribute]).toEqual([false, true]);
		expect([definition('21').predefinedLength, definition('21').dlDataAttribute]).toEqual([false, false]);
		expect([definition('03').predefinedLength, definition('03').dlDataAttribute]).toEqual([true, false]);
	});

	it('req is a list of rules, each a list of alternatives, each a "+" group', () => {
		expect(definition('21').requires).toEqual([[['01'], ['03'], ['8006']]]);
		expect(definition('250').requires).toEqual([[['01'], ['8006']], [['21']]]);
		expect(definition('8030').requires[0]).toContainEqual(['01', '21']);
		expect(definition('3920').requires).toEqual([[['01']], [['30'], ['31nn'], ['32nn'], ['35nn'], ['36nn']]]);
	});

	it('ex lists AIs and patterns', () => {
		expect(definition('01').excludes).toEqual(['255', '37']);
		expect(definition('3103').excludes).toEqual(['310n']);
	});

	it('dlpkey gives the primary keys and their alternative qualifier sequences', () => {
		expect([definition('01').dlPrimaryKey, definition('01').dlQualifierSequences]).toEqual([
			true,
			[['22', '10', '21'], ['235']],
		]);
		expect([definition('00').dlPrimaryKey, definition('00').dlQualifierSequences]).toEqual([true, []]);
		expect(definition('414').dlQualifierSequences).toEqual([['254'], ['7040']]);
		expect(definition('10').dlPrimaryKey).toBe(false);
	});

	it('components keep their linters, optional ones included', () => {
		expect(definition('7011').components).toEqual([
			{ charset: 'N', minLength: 6, maxLength: 6, optional: false, linters: ['yymmdd'] },
			{ charset: 'N', minLength: 4, maxLength: 4, optional: true, linters: ['hhmi'] },
		]);
	});
});

describe('parseSyntaxDictionary', () => {
	it('reads a line with a range, flags, an optional component, attributes and a title with "#"', () => {
		const table = parseSyntaxDictionary(
			'# comment\n\n9990-9991 *? N3,csum [X..5] req=01+21,02 ex=999n dlpkey=10|21 # TITLE # 1\n',
		);
		expect([...table.keys()]).toEqual(['9990', '9991']);
		expect(table.get('9991')).toMatchObject({
			title: 'TITLE # 1',
			predefinedLength: true,
			dlDataAttribute: true,
			minLength: 3,
			maxLength: 8,
			fixedLength: false,
			requires: [[['01', '21'], ['02']]],
			excludes: ['999n'],
			dlPrimaryKey: true,
			dlQualifierSequences: [['10'], ['21']],
		});
	});

	it('refuses a malformed component rather than guessing', () => {
		expect(() => parseSyntaxDictionary('99 Q5')).toThrow('bad component "Q5"');
	});
});
