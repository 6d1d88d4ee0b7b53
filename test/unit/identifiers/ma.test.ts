import { maCheckCharacter, parseMa, withMaCheckDigit } from '../../../nodes/udid/identifiers/ma';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseMa(input, { now });

const EXAMPLE = 'MA.156.M0.100350.01004YA10017.SLMSAGAAAC.M210628.LAY21062803.E220628.V220627.C3';

/** Builds a code whose check characters come from our own implementation, to test everything around them. */
function withChecks(diWithoutCheck: string, production: string[]): string {
	const di = diWithoutCheck + maCheckCharacter(diWithoutCheck);
	if (production.length === 0) return di;
	const productionText = '.' + production.join('.');
	return `${di}${productionText}.C${maCheckCharacter(productionText)}`;
}

describe('maCheckCharacter', () => {
	// Check characters printed in MA codes from unrelated public sources (see the comment in ma.ts).
	it.each([
		['MA.156.M0.100350.01004YA1001', '7'],
		['.SLMSAGAAAC.M210628.LAY21062803.E220628.V220627', '3'],
		['MA.156.M0.100011.2cscp02', '3'], // lower-case letters after "g": value gap at 43/44
		['.Ste002.M200206.L343432.D555555.E200228.V200307', '9'],
		['MA.156.M0.100204.1335176', '4'],
		['.Sx00008.M220117.L20220117.D20220118.E220130.V220117', '3'],
	])('%s → %s', (data, check) => {
		expect(maCheckCharacter(data)).toBe(check);
	});

	it('is undefined for characters outside the MA character table', () => {
		expect(maCheckCharacter('MA.156.批')).toBeUndefined();
		expect(maCheckCharacter('A B')).toBeUndefined();
	});
});

describe('parseMa', () => {
	it('reads the full example', () => {
		expect(parse(EXAMPLE)).toEqual({
			valid: true,
			format: 'ma',
			input: EXAMPLE,
			symbologyId: null,
			di: 'MA.156.M0.100350.01004YA10017',
			lot: 'AY21062803',
			serial: 'LMSAGAAAC',
			productionDate: '2021-06-28',
			expiryDate: '2022-06-28',
			sterilisationLot: null,
			ais: {},
			elements: [
				{ key: 'DI', name: 'device identifier', value: 'MA.156.M0.100350.01004YA10017' },
				{ key: 'S', name: 'serial number', value: 'LMSAGAAAC' },
				{ key: 'M', name: 'production date', value: '210628' },
				{ key: 'L', name: 'batch/lot number', value: 'AY21062803' },
				{ key: 'E', name: 'expiry date (失效日期)', value: '220628' },
				{ key: 'V', name: 'valid-until date (有效期)', value: '220627' },
				{ key: 'C', name: 'check character', value: '3' },
			],
			reason: null,
			warnings: [],
		});
	});

	it('reads a code with sterilisation batch and lower-case letters', () => {
		expect(parse('MA.156.M0.100011.2cscp023.Ste002.M200206.L343432.D555555.E200228.V200307.C9')).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100011.2cscp023',
			serial: 'te002',
			lot: '343432',
			sterilisationLot: '555555',
			productionDate: '2020-02-06',
			expiryDate: '2020-02-28',
		});
	});

	it('reads a DI on its own', () => {
		expect(parse('MA.156.M0.100204.13351764')).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100204.13351764',
			lot: null,
		});
	});

	it('strips whitespace and a QR symbology identifier', () => {
		expect(parse(` ]Q1${EXAMPLE}\r\n`)).toMatchObject({
			valid: true,
			symbologyId: ']Q1',
			di: 'MA.156.M0.100350.01004YA10017',
		});
	});

	it('reads the older P production date, eight-digit dates, and V as expiry when there is no E', () => {
		const code = withChecks('MA.156.M0.100350.01004YA1001', ['S123', 'P20210628', 'L7', 'V20230627']);
		expect(parse(code)).toMatchObject({
			valid: true,
			productionDate: '2021-06-28',
			expiryDate: '2023-06-27',
			lot: '7',
		});
	});

	// The MA check algorithm is inferred, not published (see ma.ts): a mismatch is a warning, never a rejection.
	const NOT_AUTHORITATIVE =
		'the MA check algorithm is inferred from public examples, not published, so the code is still accepted';

	it('non-authoritative MA .C check: a wrong .C character is a warning and everything is kept', () => {
		const result = parse(EXAMPLE.replace(/C3$/, 'C4'));
		expect(result).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100350.01004YA10017',
			lot: 'AY21062803',
			serial: 'LMSAGAAAC',
			expiryDate: '2022-06-28',
			reason: null,
			warnings: [`MA code: check character .C4, the inferred algorithm gives .C3; ${NOT_AUTHORITATIVE}`],
		});
	});

	it('non-authoritative MA .C check: a changed production identifier shows up as a warning', () => {
		const result = parse(EXAMPLE.replace('LAY21062803', 'LAY21062804'));
		expect(result.valid).toBe(true);
		expect(result.warnings).toEqual([
			expect.stringMatching(/^MA code: check character \.C3, the inferred algorithm gives \.C[0-9];/),
		]);
	});

	it('non-authoritative MA DI check digit: a mismatch keeps the DI, so it can be looked up', () => {
		const result = parse(EXAMPLE.replace('01004YA10017', '01004YA10018'));
		expect(result).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100350.01004YA10018',
			lot: 'AY21062803',
			warnings: [`MA code: DI check digit is 8, the inferred algorithm gives 7; ${NOT_AUTHORITATIVE}`],
		});
	});

	it('non-authoritative MA DI check digit: the README example DI is accepted with a warning', () => {
		expect(parse('MA.156.M0.863718.02821YA72836')).toMatchObject({
			valid: true,
			di: 'MA.156.M0.863718.02821YA72836',
			warnings: [`MA code: DI check digit is 6, the inferred algorithm gives 7; ${NOT_AUTHORITATIVE}`],
		});
	});

	it('non-authoritative MA DI check digit: the third-party placeholder fixture is accepted with a warning', () => {
		expect(parse('MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3')).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100761.21234561',
			serial: 'x00008',
			warnings: [`MA code: DI check digit is 1, the inferred algorithm gives 3; ${NOT_AUTHORITATIVE}`],
		});
	});

	it('non-authoritative MA structure: a product code ending in a letter or without a .C segment is a warning', () => {
		expect(parse('MA.156.M0.100350.0X')).toMatchObject({
			valid: true,
			di: 'MA.156.M0.100350.0X',
			warnings: [expect.stringMatching(/^MA code: DI check digit is X, the inferred algorithm gives \d;/)],
		});
		const noCheck = parse(withChecks('MA.156.M0.100350.01004YA1001', []) + '.SLMSAGAAAC.L1');
		expect(noCheck).toMatchObject({ valid: true, serial: 'LMSAGAAAC', lot: '1' });
		expect(noCheck.warnings).toEqual(['MA code: the production identifiers are not followed by a .C check segment']);
	});

	it('withMaCheckDigit appends the digit that maCheckCharacter computes', () => {
		expect(withMaCheckDigit('MA.156.M0.100350.01004YA1001')).toBe('MA.156.M0.100350.01004YA10017');
		expect(() => withMaCheckDigit('MA.156.批')).toThrow(/no check value|without a check value/);
	});

	it.each([
		['MA.156.M0', 'MA code: needs at least 5 dot-separated parts (MA.country.industry.registrant.product), got 3'],
		['MA.156..100350.01004YA10017', 'MA code: part 3 is empty'],
		['MA.156.M0.100350.01004YA10017.', 'MA code: part 6 is empty'],
		['MA.156.M0.100350.01004YA10017.L批号.C0', 'MA code: character "批" at position 32 is not allowed'],
		['MA.15.M0.100350.01004YA10017', 'MA code: country code "15" must be 3 digits'],
		['MA.156.m0.100350.01004YA10017', 'MA code: industry code "m0" must be 2 upper-case letters or digits'],
		[
			'MA.156.M0.100350.0',
			'MA code: product code "0" must be a packaging level, an item code and a check digit (letters and digits)',
		],
		[
			`${'MA.156.M0.100350.01004YA10017'}.X12.C0`,
			'MA code: segment "X12" starts with "X", which is not S, M, P, L, D, E, V or C',
		],
		[`${'MA.156.M0.100350.01004YA10017'}.M211328.C0`, 'MA code: .M production date "211328": month 13 is not 01-12'],
		[
			`${'MA.156.M0.100350.01004YA10017'}.E2106.C0`,
			'MA code: .E expiry date (失效日期) "2106": must be 6 digits YYMMDD or 8 digits YYYYMMDD',
		],
		[`${'MA.156.M0.100350.01004YA10017'}.S1.S2.C0`, 'MA code: segment .S appears more than once'],
		[`${'MA.156.M0.100350.01004YA10017'}.L.C0`, 'MA code: segment .L (batch/lot number) is empty'],
		[`${'MA.156.M0.100350.01004YA10017'}.C3.L1`, 'MA code: the .C check segment must be the last one'],
		[`${'MA.156.M0.100350.01004YA10017'}.L1.C12`, 'MA code: check segment "C12" must be C followed by one digit'],
	])('rejects %s', (input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, format: 'ma', reason });
	});

	it('warns about an industry other than medical devices', () => {
		const code = withChecks('MA.156.F1.100350.0100', []);
		expect(parse(code)).toMatchObject({ valid: true, warnings: ['industry code "F1" is not M0 (medical devices)'] });
	});

	it('calls anything not starting with "MA." unknown', () => {
		expect(parse('(01)09506000134352')).toMatchObject({ valid: false, format: 'unknown' });
		expect(parse('ma.156.M0.100204.13351764')).toMatchObject({ valid: false, format: 'unknown' });
	});

	it('stays fast on long input', () => {
		const started = Date.now();
		expect(parse(`MA.156.M0.100350.01004YA10017.L${'A'.repeat(8100)}.C0`).warnings).toHaveLength(1);
		expect(parse(`MA.${'1.'.repeat(50_000)}`).reason).toContain('longer than');
		expect(Date.now() - started).toBeLessThan(500);
	});
});
