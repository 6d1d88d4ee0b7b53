/**
 * AIM symbology identifiers (ISO/IEC 15424; GS1 General Specifications 5.1.2): what the identifier promises
 * about the data. EAN/UPC and ITF-14 carry a fixed number of digits, so a short read is a misread.
 */
import { parseGs1 } from '../../../nodes/udid/identifiers/gs1';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseGs1(input, { now });
const GS = '\u001d';

describe('AIM symbology identifier: digit counts of EAN/UPC and ITF-14', () => {
	it.each([
		[']E0 EAN-13: 13 digits', ']E09506000134352', '09506000134352'],
		[']E0 UPC-A as 13 digits', ']E00036000291452', '00036000291452'],
		[']E4 EAN-8: 8 digits', ']E496385074', '00000096385074'],
		[']I1 ITF-14: 14 digits', ']I109506000134352', '09506000134352'],
	])('%s → GTIN', (_, input, di) => {
		expect(parse(input)).toMatchObject({ valid: true, format: 'gtin', di, warnings: [] });
	});

	it.each([
		[
			']E0 with 12 digits (a short read, not a GTIN-12)',
			']E0950600013435',
			'symbology identifier ]E0 (EAN-13, UPC-A or UPC-E) carries exactly 13 digits, got 12 digits',
		],
		[']E0 with 14 digits', ']E009506000134352', 'carries exactly 13 digits, got 14 digits'],
		[']E0 with an element string', ']E0(01)09506000134352', 'carries exactly 13 digits, got "(01)09506000134352"'],
		[']E4 with 7 digits', ']E49638507', 'symbology identifier ]E4 (EAN-8) carries exactly 8 digits, got 7 digits'],
		[']E4 with 13 digits', ']E49506000134352', ']E4 (EAN-8) carries exactly 8 digits, got 13 digits'],
		[']I1 with 13 digits', ']I19506000134352', ']I1 (ITF-14) carries exactly 14 digits, got 13 digits'],
		[
			']E3 with 16 digits (13 + a 3-digit add-on does not exist)',
			']E39506000134352123',
			'carries exactly 15 or 18 digits, got 16 digits',
		],
		[']E1 add-on alone', ']E112', ']E1 (EAN/UPC two-digit add-on alone) holds no GTIN'],
		[']E2 add-on alone', ']E212345', ']E2 (EAN/UPC five-digit add-on alone) holds no GTIN'],
	])('%s is invalid', (_, input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, di: null, reason: expect.stringContaining(reason) });
	});

	it('still checks the check digit of a read of the right length', () => {
		expect(parse(']E09506000134353')).toMatchObject({
			valid: false,
			reason: 'GTIN "9506000134353": check digit is 3 but should be 2',
		});
	});

	it.each([
		[']E3 with a two-digit add-on', ']E3950600013435212', '12'],
		[']E3 with a five-digit add-on', ']E3950600013435212345', '12345'],
	])('%s: the GTIN is the first 13 digits and the add-on is reported', (_, input, addOn) => {
		expect(parse(input)).toMatchObject({
			valid: true,
			di: '09506000134352',
			warnings: [`the ${addOn.length}-digit add-on "${addOn}" is not part of the GTIN and was ignored`],
		});
	});
});

describe('AIM symbology identifier: GS1 element strings', () => {
	it.each([[']C1'], [']e0'], [']d2'], [']Q3'], [']J1']])(
		'%s announces element strings (FNC1 first): no warning',
		(id) => {
			expect(parse(`${id}0109506000134352${'10'}L1${GS}21S1`)).toMatchObject({ valid: true, warnings: [] });
		},
	);

	it('14 digits after a GS1 identifier are an element string, not a bare GTIN', () => {
		expect(parse(']d209506000134352')).toMatchObject({ valid: false, format: 'gs1' });
	});

	it.each([[']d1'], [']Q1'], [']C0']])(
		'element strings after the non-GS1 identifier %s are read, with a warning',
		(id) => {
			const result = parse(`${id}0109506000134352${'10'}L1`);
			expect(result).toMatchObject({ valid: true, di: '09506000134352', lot: 'L1' });
			expect(result.warnings).toEqual([
				`symbology identifier ${id} does not announce GS1 data (no FNC1 in first position); the data was read as GS1 element strings anyway`,
			]);
		},
	);
});
