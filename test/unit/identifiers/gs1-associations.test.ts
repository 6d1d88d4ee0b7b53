/**
 * The syntax dictionary's pairing rules: "req" (a mandatory association with one of the listed AIs or "+" groups;
 * several req attributes must all hold) and "ex" (invalid pairs; an AI is not exclusive of itself). Vectors are
 * built from those definitions with GS1's example keys.
 */
import { parseGs1 } from '../../../nodes/udid/identifiers/gs1';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseGs1(input, { now });
const GTIN = '(01)09506000134352';
const SSCC = '(00)106141412345678908';

describe('GS1 syntax rule "req": an AI needs one of its listed partners', () => {
	it.each([
		[
			'(21) serial alone',
			'(21)SN1',
			'AI (21) serial number requires (01), (03) or (8006) in the same code (GS1 syntax rule "req")',
		],
		['(10) lot alone', '(10)L1', 'AI (10) batch/lot number requires (01), (02), (03), (8006) or (8026)'],
		['(17) expiry alone', '(17)270101', 'AI (17) expiry date requires (01), (02), (03), (255), (8006) or (8026)'],
		['(22) CPV without a GTIN', `${SSCC}(22)V1`, 'AI (22) consumer product variant requires (01)'],
		['(3103) net weight alone', '(3103)000189', 'AI (3103) net weight (kg) with 3 decimals requires (01) or (02)'],
		['(254) GLN extension without (414)', `${GTIN}(254)X`, 'AI (254) GLN extension component requires (414)'],
		['(250) without (21): the second req attribute', `${GTIN}(250)X`, 'AI (250) secondary serial number requires (21)'],
		['(7004) without (10): the second req attribute', `${GTIN}(7004)12`, 'AI (7004) active potency requires (10)'],
		[
			'(8030) with (01) but not (21): the "+" group 01+21',
			`${GTIN}(8030)QUJD`,
			'AI (8030) digital signature requires (00), (01) with (21), (253)',
		],
	])('%s is invalid', (_, input, reason) => {
		const result = parse(input);
		expect(result.valid).toBe(false);
		expect(result.reason).toContain(reason);
	});

	it.each([
		['(21) with (01)', `${GTIN}(21)SN1`],
		['(250) with (01) and (21)', `${GTIN}(21)SN1(250)X`],
		['(7004) with (01) and (10)', `${GTIN}(10)L1(7004)12`],
		['(8030) with the group (01)+(21)', `${GTIN}(21)SN1(8030)QUJD`],
		['(3103) with (01)', `${GTIN}(3103)000189`],
		['(00) SSCC alone (no req)', SSCC],
		['a Chinese UDI label (01)(11)(17)(10)(21)', `${GTIN}(11)240101(17)270100(10)A1B2(21)0001`],
	])('%s is valid', (_, input) => {
		expect(parse(input)).toMatchObject({ valid: true, reason: null });
	});
});

describe('GS1 syntax rule "ex": AIs that must not appear together', () => {
	it.each([
		[
			'(01) with (02)',
			`${GTIN}(02)09506000134352(37)5(00)106141412345678908`,
			'AI (02) GTIN of contained items must not appear together with AI (01) GTIN',
		],
		[
			'(01) with (37)',
			`${GTIN}(37)5`,
			'AI (01) GTIN must not appear together with AI (37) count of trade items (GS1 syntax rule "ex")',
		],
		['(01) with (255)', `${GTIN}(255)0950600013439`, 'must not appear together with AI (255)'],
		[
			'(21) with (235)',
			`${GTIN}(21)S1(235)T1`,
			'AI (21) serial number must not appear together with AI (235) third-party serial extension',
		],
		[
			'two decimal positions of one measure, (3100) and (3101) (ex=310n)',
			`${GTIN}(3100)000001(3101)000001`,
			'AI (3100)',
		],
		['maximum temperature in both scales, (4330) and (4331)', `${SSCC}(4330)000100(4331)000100`, 'AI (4330)'],
	])('%s is invalid', (_, input, reason) => {
		const result = parse(input);
		expect(result.valid).toBe(false);
		expect(result.reason).toContain(reason);
	});

	it('reports a pair once, although each AI of (01)/(02) would exclude the other', () => {
		const reason = parse(`${GTIN}(02)09506000134352(37)5(00)106141412345678908`).reason ?? '';
		expect(reason.match(/must not appear together/g)).toHaveLength(2); // 01+02 and 01+37
	});

	it('an AI is not exclusive of itself: (3100) repeated with the same value stays valid', () => {
		expect(parse(`${GTIN}(3100)000001(3100)000001`)).toMatchObject({ valid: true });
	});
});

describe('UDI: production identifiers without a DI are not a usable UDI', () => {
	it('says so in the reason of a scan that also breaks a req rule', () => {
		expect(parse('(10)L1(21)S1').reason).toMatch(
			/not a usable UDI: it has production identifiers .* but no device identifier, AI \(01\) GTIN$/,
		);
	});

	it('says so in a warning when the code is GS1-valid without (01), e.g. an ITIP with lot and serial', () => {
		const result = parse('(8006)095060001343520102(10)L1(21)S1');
		expect(result).toMatchObject({ valid: true, di: null });
		expect(result.warnings).toEqual([expect.stringContaining('not a usable UDI')]);
	});
});

describe("order of checks, as in GS1's reference engine", () => {
	it('reports broken elements first and pairing rules only once every element is sound', () => {
		expect(parse('(17)231332').reason).toBe('AI (17) expiry date "231332": month 13 is not 01-12');
		expect(parse('(17)231231').reason).toContain('GS1 syntax rule "req"');
	});
});
