/**
 * Leniency that real scanners and typed labels need is kept on purpose, and every one that changes what was
 * given is reported in `warnings` (docs/en/identifiers.md lists them).
 */
import { parseGs1 } from '../../../nodes/udid/identifiers/gs1';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseGs1(input, { now });
const expected = { valid: true, di: '09506000134352', lot: 'L1', serial: 'S1' };

describe('deliberate leniency, reported in warnings', () => {
	it.each([
		['<GS>', '"<GS>"'],
		['{FNC1}', '"{FNC1}"'],
		['^', '"^"'],
		['\u241d', '"␝"'],
	])('keyboard-wedge separator %s is read as GS/FNC1', (placeholder, shown) => {
		const result = parse(`0109506000134352${'10'}L1${placeholder}21S1`);
		expect(result).toMatchObject(expected);
		expect(result.warnings).toEqual([`read ${shown} as the GS/FNC1 separator`]);
	});

	it('full-width brackets from a Chinese input method are read as brackets', () => {
		const result = parse('（01）09506000134352（10）L1（21）S1');
		expect(result).toMatchObject(expected);
		expect(result.warnings).toEqual(['read the full-width brackets "（" "）" as "(" ")"']);
	});

	it('spaces between bracketed elements are ignored', () => {
		const result = parse('(01) 09506000134352 (10) L1 (21) S1');
		expect(result).toMatchObject(expected);
		expect(result.warnings).toEqual(['ignored spaces between the bracketed elements']);
	});

	it('whitespace a scanner adds around the code (CR LF suffix, tab) is removed silently', () => {
		expect(parse('\t(01)09506000134352(10)L1(21)S1\r\n')).toMatchObject({ ...expected, warnings: [] });
	});

	it('a real GS (FNC1) and a leading FNC1 need no warning: they are the standard form', () => {
		expect(parse('\u001d0109506000134352' + '10L1\u001d21S1')).toMatchObject({ ...expected, warnings: [] });
	});
});
