/**
 * The simulator makes its MA codes with the parser's own check-digit implementation (codes.ts → withMaCheckDigit),
 * so a whole simulated day of MA DIs, sales units and package levels, must parse cleanly and be looked up.
 */
import { planLookup } from '../../../nodes/udid/identifiers/lookup';
import { parseMa } from '../../../nodes/udid/identifiers/ma';
import { Dataset } from '../../simulator/dataset';

const dataset = new Dataset({ seed: 1, perDay: 3000, now: () => new Date('2024-06-01T00:00:00Z') });
const records = dataset.dayRecords('2024-05-10');
const maCodes = [
	...new Set(
		records
			.filter((record) => String(record.ZXXSDYCPBS).startsWith('MA.'))
			.flatMap((record) => [String(record.ZXXSDYCPBS), ...record.packing.map((row) => String(row.BZCPBS))]),
	),
];

describe(`the MA codes of one simulated day (${maCodes.length})`, () => {
	it('are a few hundred, as in a real day', () => {
		expect(maCodes.length).toBeGreaterThan(250);
	});

	it('all parse as valid MA DIs without a warning: simulator and parser share one check implementation', () => {
		const unclean = maCodes
			.map((code) => ({ code, result: parseMa(code) }))
			.filter(({ result }) => !result.valid || result.warnings.length > 0);
		expect(unclean).toEqual([]);
	});

	it('none is blocked from lookup, and each is looked up as itself', () => {
		const blocked = maCodes.filter((code) => {
			const plan = planLookup(code);
			return !plan.ok || plan.di !== code;
		});
		expect(blocked).toEqual([]);
	});

	it('a wrong check digit in any of them only warns: the lookup still goes ahead with that DI', () => {
		const flipped = maCodes.map((code) => code.slice(0, -1) + String((Number(code.slice(-1)) + 1) % 10));
		const plans = flipped.map((code) => planLookup(code));
		expect(plans.filter((plan) => !plan.ok)).toEqual([]);
		expect(
			plans.every(
				(plan) => plan.ok && /DI check digit is \d, the inferred algorithm gives \d/.test(plan.scan.scanWarnings ?? ''),
			),
		).toBe(true);
	});
});
