/**
 * GS1 Digital Link Standard: URI Syntax, as this parser applies it. Vectors are built from the standard's rules
 * and the syntax dictionary's dlpkey / "?" attributes, with GS1's example keys (GTIN 09506000134352, SSCC
 * 106141412345678908, GLN 9520123456788).
 */
import { parseGs1 } from '../../../nodes/udid/identifiers/gs1';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseGs1(input, { now });
const GTIN = '09506000134352';
const SSCC = '106141412345678908';
const GLN = '9520123456788';
const GSRN = '952012345678901233';
const ID = 'https://id.gs1.org';

describe('DL URI syntax: qualifier sets and order per primary key (dictionary "dlpkey")', () => {
	it.each([
		['01 with 22, 10, 21 in order', `/01/${GTIN}/22/V1/10/L1/21/S1`],
		['01 with a subset of 22, 10, 21 in order (22, 21)', `/01/${GTIN}/22/V1/21/S1`],
		['01 with 10 only', `/01/${GTIN}/10/L1`],
		['01 with the alternative 235', `/01/${GTIN}/235/TPX1`],
		['00 with no qualifier', `/00/${SSCC}`],
		['414 with 254', `/414/${GLN}/254/EXT1`],
		['8017 with 8019', `/8017/${GSRN}/8019/42`],
	])('accepts %s', (_, path) => {
		expect(parse(`${ID}${path}`)).toMatchObject({ valid: true, format: 'gs1-digital-link', reason: null });
	});

	it.each([
		[
			'22 after 10 (order 22, 10, 21)',
			`/01/${GTIN}/10/L1/22/V1`,
			'Digital Link key qualifiers (10), (22) after (01) GTIN are out of order or mixed',
		],
		['21 before 10', `/01/${GTIN}/21/S1/10/L1`, 'key qualifiers (21), (10) after (01) GTIN are out of order'],
		[
			'235 mixed with 21 (alternatives do not mix)',
			`/01/${GTIN}/21/S1/235/T`,
			'key qualifiers (21), (235) after (01) GTIN are out of order or mixed',
		],
		[
			'10 under 00, which takes no qualifiers',
			`/00/${SSCC}/10/L1`,
			'AI (10) cannot follow primary key (00) SSCC in a Digital Link path: it takes no key qualifiers',
		],
		[
			'99 as a path qualifier',
			`/01/${GTIN}/99/X`,
			'AI (99) cannot follow primary key (01) GTIN in a Digital Link path',
		],
		['17 (a data attribute) in the path', `/01/${GTIN}/17/270101`, 'AI (17) cannot follow primary key (01) GTIN'],
		['254 under 01 (it qualifies 414)', `/01/${GTIN}/254/X`, 'AI (254) cannot follow primary key (01) GTIN'],
	])('refuses %s', (_, path, reason) => {
		const result = parse(`${ID}${path}`);
		expect(result).toMatchObject({ valid: false, format: 'gs1-digital-link' });
		expect(result.reason).toContain(reason);
	});

	it('accepts 8006 with 10 and 21, and warns that an ITIP without (01) is not a usable UDI', () => {
		expect(parse(`${ID}/8006/${GTIN}0102/10/L1/21/S1`)).toMatchObject({
			valid: true,
			di: null,
			warnings: [expect.stringContaining('not a usable UDI')],
		});
	});

	it('names the allowed qualifiers of the key in the reason', () => {
		expect(parse(`${ID}/01/${GTIN}/99/X`).reason).toContain(
			'its key qualifiers are (22), (10), (21) in that order, or (235)',
		);
	});
});

describe('DL URI syntax: the query string carries data attributes only', () => {
	it.each([
		['17 expiry date', `?17=270100`],
		['3103 net weight', `?3103=000195`],
		['99 internal, beside non-AI parameters', `?linkType=gs1:pip&99=X1&context=a`],
	])('accepts %s (dictionary flag "?")', (_, query) => {
		expect(parse(`${ID}/01/${GTIN}${query}`)).toMatchObject({ valid: true });
	});

	it.each([
		[
			'10, a key qualifier of 01',
			'?10=L1',
			'AI (10) batch/lot number is a key qualifier of (01) GTIN: it belongs in the Digital Link path',
		],
		['21, a key qualifier of 01', '?21=S1', 'AI (21) serial number is a key qualifier of (01) GTIN'],
		['01, a primary key', `?01=${GTIN}`, 'AI (01) GTIN is a primary key: it belongs in the Digital Link path'],
		[
			'8011, which lacks the "?" flag',
			'?8011=12',
			'AI (8011) component/part identifier serial number is not permitted as a Digital Link data attribute',
		],
		[
			'an unknown numeric parameter',
			'?9999=1',
			'Digital Link query parameter "9999" is not a known GS1 Application Identifier',
		],
	])('refuses %s', (_, query, reason) => {
		const result = parse(`${ID}/01/${GTIN}${query}`);
		expect(result.valid).toBe(false);
		expect(result.reason).toContain(reason);
	});

	it('decodes the query as a form: "+" is a space, %2B a plus sign', () => {
		expect(parse(`${ID}/01/${GTIN}?99=A%2BB`).ais['99']).toBe('A+B');
		expect(parse(`${ID}/01/${GTIN}?99=A+B`).reason).toContain('"A B": contains " "');
	});

	it('keeps "+" literal in a path segment (only the query is form-encoded)', () => {
		expect(parse(`${ID}/01/${GTIN}/10/A+B`)).toMatchObject({ valid: true, lot: 'A+B' });
	});
});

describe('DL URI syntax: each AI once, no empty segments, no trailing slash', () => {
	it.each([
		['a qualifier twice in the path, same value', `/01/${GTIN}/10/L1/10/L1`, 'AI (10) appears more than once'],
		[
			'an attribute twice in the query, same value',
			`/01/${GTIN}?17=270101&17=270101`,
			'AI (17) appears more than once',
		],
		['an empty segment', `/01/${GTIN}//10/L1`, 'Digital Link path has an empty segment ("//")'],
		['a trailing slash', `/01/${GTIN}/`, 'Digital Link path ends with "/"'],
		['a trailing slash after qualifiers', `/01/${GTIN}/10/L1/`, 'Digital Link path ends with "/"'],
	])('refuses %s', (_, path, reason) => {
		const result = parse(`${ID}${path}`);
		expect(result.valid).toBe(false);
		expect(result.reason).toContain(reason);
	});
});

describe('DL URI syntax: the GS1 path is the one that ends the URI path', () => {
	it('skips a custom prefix whose segments look like a key and a value', () => {
		expect(parse(`https://example.com/01/foo/products/01/${GTIN}/10/ABC`)).toMatchObject({
			valid: true,
			di: GTIN,
			lot: 'ABC',
		});
	});

	it('skips a custom prefix holding another key, and reads the key that starts the final path', () => {
		const result = parse(`https://example.com/00/${SSCC}/01/${GTIN}/21/S1`);
		expect(result).toMatchObject({ valid: true, di: GTIN, serial: 'S1' });
		expect(result.ais['00']).toBeUndefined();
	});

	it('ignores a fragment', () => {
		expect(parse(`${ID}/01/${GTIN}/10/L1#top`)).toMatchObject({ valid: true, lot: 'L1' });
	});
});

describe('DL URI syntax: deliberate leniency, reported in warnings', () => {
	it('upper-case scheme and host are conforming (ABNF literals and host names are case-insensitive): no warning', () => {
		expect(parse(`HTTPS://ID.GS1.ORG/01/${GTIN}`)).toMatchObject({ valid: true, warnings: [] });
	});

	it('pads a GTIN-13 to 14 digits and says so', () => {
		expect(parse(`${ID}/01/9506000134352`).warnings).toEqual([expect.stringContaining('padded to the 14-digit form')]);
	});

	it('reads the deprecated 1.0 short names (gtin, lot, ser) as their AIs, with a warning', () => {
		const result = parse(`${ID}/gtin/${GTIN}/lot/L1/ser/S1`);
		expect(result).toMatchObject({ valid: true, lot: 'L1', serial: 'S1' });
		expect(result.warnings).toHaveLength(3);
		expect(result.warnings[0]).toContain('deprecated since GS1 Digital Link URI syntax 1.2');
	});
});
