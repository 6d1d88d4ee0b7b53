import { gmnCheckCharacters, parseGs1 } from '../../../nodes/udid/identifiers/gs1';

const GS = '\u001d';
const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseGs1(input, { now });

describe('parseGs1: human-readable form with brackets', () => {
	it('reads the GS1 General Specifications example (01)(17)(10)', () => {
		const result = parse('(01)09506000134352(17)201225(10)ABC123');
		expect(result).toMatchObject({
			valid: true,
			format: 'gs1',
			di: '09506000134352',
			lot: 'ABC123',
			serial: null,
			productionDate: null,
			expiryDate: '2020-12-25',
			reason: null,
			ais: { '01': '09506000134352', '17': '201225', '10': 'ABC123' },
		});
		expect(result.elements).toEqual([
			{ key: '01', name: 'GTIN', value: '09506000134352' },
			{ key: '17', name: 'expiry date', value: '201225' },
			{ key: '10', name: 'batch/lot number', value: 'ABC123' },
		]);
	});

	it('reads production date and a measure, (01)(11)(3103)', () => {
		const result = parse('(01)09506000117843(11)141231(3103)000189');
		expect(result).toMatchObject({ valid: true, di: '09506000117843', productionDate: '2014-12-31', expiryDate: null });
		expect(result.ais['3103']).toBe('000189');
	});

	it('reads an SSCC, which is not a device identifier', () => {
		expect(parse('(00)106141412345678908')).toMatchObject({
			valid: true,
			di: null,
			ais: { '00': '106141412345678908' },
		});
	});

	it('reads a Chinese UDI label with serial number', () => {
		expect(parse('(01)06901234567892(11)240101(17)270100(10)A1B2(21)0001')).toMatchObject({
			valid: true,
			di: '06901234567892',
			productionDate: '2024-01-01',
			expiryDate: '2027-01-31',
			lot: 'A1B2',
			serial: '0001',
		});
	});

	it.each([
		['(01)09506000134352(17)200200', '2020-02-29'],
		['(01)09506000134352(17)210200', '2021-02-28'],
		['(01)09506000134352(17)251100', '2025-11-30'],
	])('turns DD=00 into the last day of the month: %s', (input, expiryDate) => {
		expect(parse(input)).toMatchObject({ valid: true, expiryDate });
	});

	it('applies the century window relative to the reference date', () => {
		expect(parseGs1('(17)760101', { now: new Date('2025-01-01T00:00:00Z') }).expiryDate).toBe('1976-01-01');
		expect(parseGs1('(17)760101', { now: new Date('2026-01-01T00:00:00Z') }).expiryDate).toBe('2076-01-01');
	});

	it('tolerates spaces, line ends, full-width brackets and a symbology identifier', () => {
		const expected = { valid: true, di: '09506000134352', expiryDate: '2020-12-25', lot: 'ABC123' };
		expect(parse('  (01) 09506000134352 (17) 201225 (10) ABC123\r\n')).toMatchObject(expected);
		expect(parse('（01）09506000134352（17）201225（10）ABC123')).toMatchObject(expected);
		expect(parse(']C1(01)09506000134352(17)201225(10)ABC123')).toMatchObject({ ...expected, symbologyId: ']C1' });
	});

	it('keeps brackets that do not enclose digits as data', () => {
		expect(parse('(01)09506000134352(10)AB(C)1')).toMatchObject({ valid: true, lot: 'AB(C)1' });
	});
});

describe('parseGs1: raw element strings from scanners', () => {
	const expected = {
		valid: true,
		format: 'gs1',
		di: '09506000134352',
		expiryDate: '2020-12-25',
		lot: 'ABC123',
		serial: 'XYZ',
	};

	it.each([
		['GS1-128 with ]C1', `]C10109506000134352172012251${'0ABC123'}${GS}21XYZ`, ']C1'],
		['GS1 DataMatrix with ]d2', `]d2010950600013435217201225${'10ABC123'}${GS}21XYZ`, ']d2'],
		['GS1 QR with ]Q3', `]Q3010950600013435217201225${'10ABC123'}${GS}21XYZ`, ']Q3'],
		['GS1 DataBar with ]e0', `]e0010950600013435217201225${'10ABC123'}${GS}21XYZ`, ']e0'],
		['GS1 DotCode with ]J1', `]J1010950600013435217201225${'10ABC123'}${GS}21XYZ`, ']J1'],
		['no symbology identifier', `010950600013435217201225${'10ABC123'}${GS}21XYZ`, null],
		['a leading FNC1 as GS', `${GS}010950600013435217201225${'10ABC123'}${GS}21XYZ`, null],
		['a GS after a predefined-length AI', `0109506000134352${GS}17201225${GS}10ABC123${GS}21XYZ`, null],
		['CR LF and spaces around', ` \t010950600013435217201225${'10ABC123'}${GS}21XYZ\r\n`, null],
	])('reads %s', (_, input, symbologyId) => {
		expect(parse(input)).toMatchObject({ ...expected, symbologyId });
	});

	it.each([['<GS>'], ['<gs>'], ['{GS}'], ['[GS]'], ['<FNC1>'], ['^'], ['\u241d']])(
		'reads the textual separator %s',
		(placeholder) => {
			expect(parse(`010950600013435217201225${'10ABC123'}${placeholder}21XYZ`)).toMatchObject(expected);
		},
	);

	it('reads a variable field followed by a date after a separator', () => {
		expect(parse(`010950600013435210ABC123${GS}17201225`)).toMatchObject({
			valid: true,
			lot: 'ABC123',
			expiryDate: '2020-12-25',
		});
	});

	it('reads a fixed-length AI that is not predefined (7003) followed directly by another AI', () => {
		const result = parse('0109506000134352700325063014301' + '0ABC');
		expect(result).toMatchObject({ valid: true, lot: 'ABC' });
		expect(result.ais['7003']).toBe('2506301430');
	});

	it('reads the 8006 ITIP and 8013 GMN', () => {
		expect(parse(`8006095060001343520102${GS}80131987654Ad4X4bL5ttr2310c2K`)).toMatchObject({
			valid: true,
			ais: { '8006': '095060001343520102', '8013': '1987654Ad4X4bL5ttr2310c2K' },
		});
	});

	it('takes a lot that swallowed a following date as it stands, but warns', () => {
		const result = parse('0109506000134352' + '10ABC123' + '17201225');
		expect(result).toMatchObject({ valid: true, lot: 'ABC12317201225', expiryDate: null });
		expect(result.warnings).toEqual([
			'AI (10) batch/lot number "ABC12317201225" contains what looks like AI (17) expiry date after "ABC123"; ' +
				'if the scanner dropped a GS/FNC1 separator, the batch/lot number is only "ABC123"',
		]);
	});

	it('does not warn about ordinary lot numbers', () => {
		for (const lot of ['A2020', 'LOT2024', '12345678', '20240117', 'X1712']) {
			expect([lot, parse(`0109506000134352${'10'}${lot}`).warnings]).toEqual([lot, []]);
		}
	});
});

describe('parseGs1: bare GTINs', () => {
	it.each([
		['6901234567892', '06901234567892'],
		['09506000134352', '09506000134352'],
		['036000291452', '00036000291452'],
		['96385074', '00000096385074'],
	])('reads %s as GTIN %s', (input, di) => {
		expect(parse(input)).toMatchObject({ valid: true, format: 'gtin', di, ais: { '01': di } });
	});

	it('reads an EAN-13 scan with ]E0', () => {
		expect(parse(']E06901234567892')).toMatchObject({
			valid: true,
			format: 'gtin',
			di: '06901234567892',
			symbologyId: ']E0',
		});
	});

	it('checks the check digit', () => {
		expect(parse('6901234567893')).toMatchObject({
			valid: false,
			format: 'gtin',
			di: null,
			reason: 'GTIN "6901234567893": check digit is 3 but should be 2',
		});
	});

	it('does not treat 14 digits after a GS1 symbology identifier as a bare GTIN', () => {
		expect(parse(']d209506000134352')).toMatchObject({ valid: false, format: 'gs1' });
	});
});

describe('parseGs1: errors', () => {
	it.each([
		['(17)231332', 'AI (17) expiry date "231332": month 13 is not 01-12'],
		['(17)230230', 'AI (17) expiry date "230230": day 30 is not 00-28 for 2023-02'],
		['(11)230431', 'AI (11) production date "230431": day 31 is not 00-30 for 2023-04'],
		['(01)09506000134353', 'AI (01) GTIN "09506000134353": check digit is 3 but should be 2'],
		['(01)0950600013435A', 'AI (01) GTIN "0950600013435A": contains "A", which is not a digit'],
		['(01)0950600013435', 'AI (01) GTIN "0950600013435": must be 14 digits, got 13'],
		['(01)', 'AI (01) GTIN "": is empty'],
		['(17)2012', 'AI (17) expiry date "2012": must be 6 digits, got 4'],
		[`(10)${'A'.repeat(21)}`, `AI (10) batch/lot number "${'A'.repeat(21)}": 21 characters exceed the maximum of 20`],
		['(10)AB CD', 'AI (10) batch/lot number "AB CD": contains " ", which is not in GS1 character set 82'],
		['(21)AB#1', 'AI (21) serial number "AB#1": contains "#", which is not in GS1 character set 82'],
		['(21)序列号', 'AI (21) serial number "序列号": contains "序", which is not in GS1 character set 82'],
		['(3103)12345', 'AI (3103) net weight (kg) with 3 decimals "12345": must be 6 digits, got 5'],
		['(00)106141412345678909', 'AI (00) SSCC "106141412345678909": check digit is 9 but should be 8'],
		[
			'(8013)1987654Ad4X4bL5ttr2310c2L',
			'AI (8013) global model number "1987654Ad4X4bL5ttr2310c2L": check character pair is "2L" but should be "2K"',
		],
		['(7003)2506301460', 'AI (7003) expiry date and time "2506301460": minute 60 is not 00-59'],
		['(23)1', 'unknown GS1 Application Identifier (23)'],
		['(01)09506000134352(3106)000100', 'unknown GS1 Application Identifier (3106)'],
		['(10)A(10)B', 'AI (10) appears twice with different values "A" and "B"'],
		[
			'01)09506000134352',
			'AI (01) GTIN ")0950600013435": contains ")", which is not a digit; no known GS1 Application Identifier at character 17: "2"',
		],
		['xx(01)09506000134352', 'no known GS1 Application Identifier at character 1: "xx(0"…'],
	])('%s → %s', (input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, reason });
	});

	it('keeps the sound parts of an invalid code and drops the broken ones', () => {
		const result = parse('(01)09506000134352(17)231332(10)ABC');
		expect(result).toMatchObject({ valid: false, di: '09506000134352', lot: 'ABC', expiryDate: null });
		expect(result.elements.map((element) => element.key)).toEqual(['01', '17', '10']);
	});

	it('accepts a repeated AI with the same value', () => {
		expect(parse('(01)09506000134352(10)A(10)A')).toMatchObject({ valid: true, lot: 'A' });
	});

	it('names an odd length in raw data', () => {
		expect(parse('01095060001343521720122').reason).toBe('AI (17) expiry date "20122": must be 6 digits, got 5');
	});

	it('names an unknown AI in raw data', () => {
		expect(parse('01095060001343522399').reason).toBe('no known GS1 Application Identifier at character 17: "2399"');
	});

	it('names a fixed field cut short by a separator', () => {
		expect(parse(`0109506000${GS}17201225`).reason).toBe('AI (01) GTIN "09506000": must be 14 digits, got 8');
	});

	it('points at the probably missing separator when a lot overflows into a date', () => {
		const result = parse('0109506000134352' + '10LOT1234567890123456' + '17201225');
		expect(result.valid).toBe(false);
		expect(result.reason).toBe(
			'AI (10) batch/lot number "LOT123456789012345617201225": 27 characters exceed the maximum of 20' +
				' — a GS/FNC1 separator is probably missing after "LOT1234567890123456", before AI (17)',
		);
	});

	it('points at the probably missing separator when a lot overflows into a serial number', () => {
		const result = parse('0109506000134352' + '10LOT123456789' + '21SN0000000001');
		expect(result.reason).toContain('a GS/FNC1 separator is probably missing after "LOT123456789", before AI (21)');
	});

	it.each([[''], ['   '], ['\r\n\t']])('refuses empty input %j', (input) => {
		expect(parse(input)).toMatchObject({ valid: false, reason: 'input is empty' });
	});

	it('refuses very long input at once', () => {
		const started = Date.now();
		expect(parse('1'.repeat(100_000)).reason).toBe('input is longer than 8192 characters');
		expect(Date.now() - started).toBeLessThan(200);
	});

	it.each([
		['digits', '01095060001343521'.repeat(480)],
		['an overflowing lot of digits', '10' + '1'.repeat(8000)],
		['an overflowing lot of letters', '10' + 'A'.repeat(8000)],
		['separators', GS.repeat(8000)],
		['predefined AIs without separators', '17201225'.repeat(1000)],
		['variable AIs with separators', `10A${GS}`.repeat(2000)],
	])('stays fast on long %s', (_, input) => {
		const started = Date.now();
		const result = parse(input);
		expect(typeof result.valid).toBe('boolean');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('parseGs1: GS1 Digital Link', () => {
	it('reads the standard example with qualifiers in the path and a date in the query', () => {
		const result = parse('https://id.gs1.org/01/09506000134352/10/ABC1/21/12345?17=180426');
		expect(result).toMatchObject({
			valid: true,
			format: 'gs1-digital-link',
			di: '09506000134352',
			lot: 'ABC1',
			serial: '12345',
			expiryDate: '2018-04-26',
		});
		expect(result.elements.map((element) => element.key)).toEqual(['01', '10', '21', '17']);
	});

	it('reads a custom domain with a measure in the query', () => {
		expect(parse('https://example.com/01/09506000134352?3103=000195')).toMatchObject({
			valid: true,
			di: '09506000134352',
			ais: { '01': '09506000134352', '3103': '000195' },
		});
	});

	it('skips a path prefix and decodes percent-encoding', () => {
		expect(
			parse('https://brand.example.com/products/udi/01/09506000134352/10/AB%2F1%25?linkType=gs1:pip&17=270100'),
		).toMatchObject({
			valid: true,
			lot: 'AB/1%',
			expiryDate: '2027-01-31',
		});
	});

	it('DL URI syntax, query string is form-encoded: "+" is a space and %2B a plus sign', () => {
		expect(parse('https://id.gs1.org/01/09506000134352?99=A%2BB')).toMatchObject({ valid: true, ais: { '99': 'A+B' } });
		expect(parse('https://id.gs1.org/01/09506000134352?99=A+B')).toMatchObject({
			valid: false,
			reason: 'AI (99) company internal information "A B": contains " ", which is not in GS1 character set 82',
		});
	});

	it('accepts the legacy short names', () => {
		expect(parse('https://id.gs1.org/gtin/09506000134352/lot/ABC1/ser/9')).toMatchObject({
			valid: true,
			di: '09506000134352',
			lot: 'ABC1',
			serial: '9',
		});
	});

	it('pads a GTIN-13 to 14 digits and says so', () => {
		const result = parse('HTTPS://ID.GS1.ORG/01/9506000134352');
		expect(result).toMatchObject({ valid: true, di: '09506000134352' });
		expect(result.warnings).toEqual([
			'GTIN "9506000134352" in the Digital Link was padded to the 14-digit form "09506000134352"',
		]);
	});

	it('keeps the symbology identifier of a QR scan', () => {
		expect(parse(']Q1https://id.gs1.org/01/09506000134352')).toMatchObject({ valid: true, symbologyId: ']Q1' });
	});

	it.each([
		['https://id.gs1.org/01/09506000134353', 'AI (01) GTIN "09506000134353": check digit is 3 but should be 2'],
		['https://id.gs1.org/01/09506000134352?17=231332', 'AI (17) expiry date "231332": month 13 is not 01-12'],
		[
			'https://id.gs1.org/01/09506000134352?9999=1',
			'Digital Link query parameter "9999" is not a known GS1 Application Identifier',
		],
		['https://id.gs1.org/01/09506000134352/10', 'Digital Link path ends with AI (10) but no value'],
		[
			'https://id.gs1.org/01/09506000134352/foo/bar',
			'Digital Link path segment "foo" is not a GS1 Application Identifier',
		],
		[
			'https://id.gs1.org/01/09506000134352/10/%E0%A4%A',
			'Digital Link path segment "%E0%A4%A" has broken percent-encoding',
		],
	])('reports %s', (input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, format: 'gs1-digital-link', reason });
	});

	it('calls a URL without a GS1 primary key unknown', () => {
		expect(parse('https://example.com/products/123?id=5')).toMatchObject({
			valid: false,
			format: 'unknown',
			reason: 'URL is not a GS1 Digital Link: its path has no GS1 primary key such as /01/{GTIN}',
		});
		expect(parse('https://')).toMatchObject({ valid: false, format: 'unknown' });
	});
});

describe('gmnCheckCharacters', () => {
	it.each([
		['1987654Ad4X4bL5ttr2310c', '2K'], // GS1 General Specifications example
		['6901234GS1-China123', '5R'], // GS1 China Basic UDI-DI examples
		['6901234GS1-China1234567', 'EH'],
	])('%s → %s', (body, pair) => {
		expect(gmnCheckCharacters(body)).toBe(pair);
	});

	it('refuses characters outside set 82', () => {
		expect(gmnCheckCharacters('ABC#')).toBeUndefined();
	});
});
