import { ParameterError } from '../../nodes/udid/parameter-error';
import { concurrencyFrom } from '../../nodes/udid/params';

/** The "Concurrency" setting every shell reads: Auto by default, a fixed number kept from older workflows. */
describe('concurrencyFrom', () => {
	it.each([
		[undefined, 'auto'],
		[null, 'auto'],
		['', 'auto'],
		[' Auto ', 'auto'],
		['auto', 'auto'],
		[1, 1],
		[8, 8],
		['3', 3],
	] as const)('%j gives %j', (value, expected) => {
		expect(concurrencyFrom(value)).toBe(expected);
	});

	it.each([0, 9, 2.5, 'fast', '9', true])('%j is refused with the parameter name and the accepted form', (value) => {
		expect(() => concurrencyFrom(value)).toThrow(ParameterError);
		expect(() => concurrencyFrom(value)).toThrow(
			/^Parameter "Concurrency": .* Accepted: Auto, or a whole number from 1 to 8$/,
		);
		expect(() => concurrencyFrom(value, undefined, 'concurrency')).toThrow(/^Parameter "concurrency"/);
	});
});
