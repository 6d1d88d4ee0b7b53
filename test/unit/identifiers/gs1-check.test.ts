import { gs1CheckDigit, hasValidGs1CheckDigit } from '../../../nodes/udid/identifiers/gs1-check';

describe('gs1CheckDigit', () => {
	it.each([
		['0950600013435', 2], // GTIN-14 09506000134352
		['690123456789', 2], // GTIN-13 6901234567892
		['9638507', 4], // GTIN-8 96385074
		['10614141234567890', 8], // SSCC 106141412345678908
		['00000000000000000', 0],
	])('%s → %i', (digits, check) => {
		expect(gs1CheckDigit(digits)).toBe(check);
	});
});

describe('hasValidGs1CheckDigit', () => {
	it('accepts valid keys of every length', () => {
		for (const key of ['09506000134352', '6901234567892', '96385074', '036000291452', '106141412345678908']) {
			expect([key, hasValidGs1CheckDigit(key)]).toEqual([key, true]);
		}
	});

	it.each([['09506000134353'], ['0950600013435A'], ['1'], [''], [' 6901234567892']])('rejects %j', (key) => {
		expect(hasValidGs1CheckDigit(key)).toBe(false);
	});
});
