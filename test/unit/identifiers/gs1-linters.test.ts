/** The syntax dictionary's linters this package implements, from their definitions in the GS1 General Specifications. */
import { parseGs1 } from '../../../nodes/udid/identifiers/gs1';
import { runLinter } from '../../../nodes/udid/identifiers/gs1-linters';

const now = new Date('2025-06-15T00:00:00Z');
const problem = (linter: string, part: string) => runLinter(linter, part, now)?.problem;

describe('linters, one row per rule', () => {
	it.each([
		['csum: GS1 mod-10 check digit', 'csum', '09506000134352', '09506000134353'],
		['csumalpha: GMN check character pair', 'csumalpha', '1987654Ad4X4bL5ttr2310c2K', '1987654Ad4X4bL5ttr2310c2L'],
		['yymmd0: day 00 is the last day of the month', 'yymmd0', '250200', '250230'],
		['yymmdd: day 00 is not a day', 'yymmdd', '250201', '250200'],
		['yyyymmdd: a real calendar date', 'yyyymmdd', '20240229', '20230229'],
		['hhmi: hours 00-23, minutes 00-59', 'hhmi', '2359', '2360'],
		['hh: hours 00-23', 'hh', '23', '24'],
		['mi: minutes 00-59', 'mi', '59', '60'],
		['ss: seconds 00-59', 'ss', '59', '60'],
		['yesno: 0 or 1', 'yesno', '1', '2'],
		['zero: exactly 0', 'zero', '0', '1'],
		['nonzero: not all zeros', 'nonzero', '0010', '0000'],
		['winding: 0, 1 or 9', 'winding', '9', '2'],
		['hyphen: "-"', 'hyphen', '-', '+'],
		['nozeroprefix: no leading zero', 'nozeroprefix', '120', '012'],
		['hasnondigit: not digits only', 'hasnondigit', '12A', '123'],
		['iso5218: sex code 0, 1, 2 or 9', 'iso5218', '9', '3'],
		['pcenc: "%" starts two hex digits', 'pcenc', 'A%20B', 'A%2'],
		['pieceoftotal: piece 1..total', 'pieceoftotal', '0102', '0301'],
		['posinseqslash: position/total', 'posinseqslash', '1/2', '3/2'],
		['latitude: at most 1800000000', 'latitude', '1800000000', '1800000001'],
		['longitude: at most 3600000000', 'longitude', '3600000000', '3600000001'],
	])('%s', (_, linter, good, bad) => {
		expect(problem(linter, good)).toBeNull();
		expect(problem(linter, bad)).toEqual(expect.stringMatching(/\S/));
	});

	it('gives the ISO date of a date linter', () => {
		expect(runLinter('yymmd0', '250200', now)?.isoDate).toBe('2025-02-28');
	});

	it('is undefined for a linter that needs reference data this package does not carry', () => {
		expect(runLinter('iso3166', '156', now)).toBeUndefined();
	});
});

describe('linters in context: each component of an AI gets its own', () => {
	it.each([
		['(8006) ITIP piece 03 of 01', '(8006)095060001343520301', 'piece 3 of total 1 is not a valid piece number'],
		['(4321) dangerous goods flag 2', '(00)106141412345678908(4321)2', '"2" is not 0 (no) or 1 (yes)'],
		['(7011) test-by time 2460', '(01)09506000134352(7011)2501012460', 'hour 24 is not 00-23'],
		[
			'(423) seven digits: the second country code is cut short',
			'(01)09506000134352(423)1561560',
			'component 3 must be 3 characters, got 1',
		],
	])('%s', (_, input, reason) => {
		expect(parseGs1(input, { now })).toMatchObject({ valid: false, reason: expect.stringContaining(reason) });
	});
});
