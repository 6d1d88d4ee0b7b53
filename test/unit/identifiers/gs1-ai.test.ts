import { AI_DEFINITIONS, getAiDefinition, matchAiAt } from '../../../nodes/udid/identifiers/gs1-ai';

function definition(ai: string) {
	const found = getAiDefinition(ai);
	if (!found) throw new Error(`AI ${ai} missing`);
	return found;
}

describe('GS1 AI table', () => {
	it('is prefix-free, so AIs can be read without a length table', () => {
		const ais = [...AI_DEFINITIONS.keys()];
		const clashes = ais.filter((ai) => ais.some((other) => other !== ai && other.startsWith(ai)));
		expect(clashes).toEqual([]);
	});

	it('holds every AI that matters on healthcare labels', () => {
		const required = [
			'00',
			'01',
			'02',
			'10',
			'11',
			'12',
			'13',
			'15',
			'16',
			'17',
			'20',
			'21',
			'22',
			'235',
			'240',
			'241',
			'242',
			'243',
			'250',
			'251',
			'253',
			'254',
			'30',
			'37',
			'400',
			'401',
			'402',
			'403',
			'7003',
			'7240',
			'8003',
			'8004',
			'8006',
			'8013',
			'8020',
			'90',
			'91',
			'95',
			'99',
		];
		for (let ai = 410; ai <= 417; ai++) required.push(String(ai));
		for (let ai = 420; ai <= 427; ai++) required.push(String(ai));
		for (const stem of ['390', '391', '392', '393']) for (let n = 0; n <= 9; n++) required.push(`${stem}${n}`);
		for (let n = 0; n <= 3; n++) required.push(`394${n}`);
		for (let n = 0; n <= 5; n++)
			required.push(`395${n}`, `310${n}`, `320${n}`, `330${n}`, `337${n}`, `356${n}`, `369${n}`);
		expect(required.filter((ai) => !AI_DEFINITIONS.has(ai))).toEqual([]);
	});

	it('has no measure AI with a decimal position above 5 and none for undefined stems', () => {
		for (const ai of ['3106', '3109', '3170', '3380', '3580', '3944', '3956'])
			expect(getAiDefinition(ai)).toBeUndefined();
	});

	it('marks exactly the prefixes of figure 7.8.5-2 as predefined length (dictionary flag "*")', () => {
		// Figure 7.8.5-2 lists 00-04; 03 (MTO GTIN) is the one of them the syntax dictionary defines now.
		const predefinedPrefixes = new Set([
			'00',
			'01',
			'02',
			'03',
			'11',
			'12',
			'13',
			'15',
			'16',
			'17',
			'20',
			'31',
			'32',
			'33',
			'34',
			'35',
			'36',
			'41',
		]);
		for (const item of AI_DEFINITIONS.values()) {
			expect([item.ai, item.predefinedLength]).toEqual([item.ai, predefinedPrefixes.has(item.ai.slice(0, 2))]);
		}
	});

	it.each([
		// ai, fixed, min, max, numeric, isDate, predefined
		['00', true, 18, 18, true, false, true],
		['01', true, 14, 14, true, false, true],
		['10', false, 1, 20, false, false, false],
		['17', true, 6, 6, true, true, true],
		['11', true, 6, 6, true, true, true],
		['20', true, 2, 2, true, false, true],
		['21', false, 1, 20, false, false, false],
		['235', false, 1, 28, false, false, false],
		['242', false, 1, 6, true, false, false],
		['253', false, 13, 30, false, false, false],
		['30', false, 1, 8, true, false, false],
		['3103', true, 6, 6, true, false, true],
		['3922', false, 1, 15, true, false, false],
		['3932', false, 4, 18, true, false, false],
		['410', true, 13, 13, true, false, true],
		['421', false, 4, 12, false, false, false],
		['422', true, 3, 3, true, false, false],
		['423', false, 3, 15, true, false, false],
		['7003', true, 10, 10, true, false, false],
		['7240', false, 1, 20, false, false, false],
		['8003', false, 14, 30, false, false, false],
		['8006', true, 18, 18, true, false, false],
		['8013', false, 1, 25, false, false, false],
		['8020', false, 1, 25, false, false, false],
		['90', false, 1, 30, false, false, false],
		['97', false, 1, 90, false, false, false],
	] as const)(
		'AI %s: fixed %s, length %i-%i, numeric %s, date %s, predefined %s',
		(ai, fixed, min, max, numeric, isDate, predefined) => {
			const item = definition(ai);
			expect([
				item.fixedLength,
				item.minLength,
				item.maxLength,
				item.numeric,
				item.isDate,
				item.predefinedLength,
			]).toEqual([fixed, min, max, numeric, isDate, predefined]);
		},
	);

	it('gives messages a plain label', () => {
		expect(definition('17').label).toBe('expiry date');
		expect(definition('17').title).toBe('USE BY or EXPIRY');
		expect(definition('3103').label).toBe('net weight (kg) with 3 decimals');
	});
});

describe('matchAiAt', () => {
	it.each([
		['0109506000134352', 0, '01'],
		['2351234', 0, '235'],
		['3103000189', 0, '3103'],
		['xx17201225', 2, '17'],
		['8006123', 0, '8006'],
		['712ABC', 0, '712'],
	])('finds the AI in %s at %i: %s', (data, position, ai) => {
		expect(matchAiAt(data, position)?.ai).toBe(ai);
	});

	it.each([['2399'], ['23'], ['A1'], ['1'], [''], ['3106'], ['0']])('finds no AI in %j', (data) => {
		expect(matchAiAt(data, 0)).toBeUndefined();
	});
});
