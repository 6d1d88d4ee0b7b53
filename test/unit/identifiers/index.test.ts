import {
	type IdentifierResult,
	parseIdentifier,
	usccCheckCharacter,
	validateUscc,
} from '../../../nodes/udid/identifiers';

const GS = '\u001d';
const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseIdentifier(input, { now });

const RESULT_KEYS = [
	'valid',
	'format',
	'input',
	'symbologyId',
	'di',
	'lot',
	'serial',
	'productionDate',
	'expiryDate',
	'sterilisationLot',
	'ais',
	'elements',
	'reason',
	'warnings',
];

const SAMPLES: ReadonlyArray<readonly [string, IdentifierResult['format'], boolean]> = [
	['(01)06901234567892(17)270101(10)A1B2', 'gs1', true],
	[`]d2010690123456789217270101${'10A1B2'}${GS}21S1`, 'gs1', true],
	[`${GS}0106901234567892`, 'gs1', true],
	['0106901234567892<GS>17270101', 'gs1', true],
	['（01）06901234567892', 'gs1', true],
	['(17)231332', 'gs1', false],
	['https://id.gs1.org/01/09506000134352/10/ABC1/21/12345?17=180426', 'gs1-digital-link', true],
	['http://example.com/01/09506000134353', 'gs1-digital-link', false],
	['https://example.com/about', 'unknown', false],
	['6901234567892', 'gtin', true],
	['6901234567890', 'gtin', false],
	['MA.156.M0.100350.01004YA10017.SLMSAGAAAC.M210628.LAY21062803.E220628.V220627.C3', 'ma', true],
	[']Q1MA.156.M0.100350.01004YA10017', 'ma', true],
	['MA.156.M0.100350.01004YA10017.SLMSAGAAAC.C0', 'ma', true], // .C mismatch: a warning (inferred algorithm)
	['MA.156.M0.100350.01004YA10017.M211328.C0', 'ma', false],
	['MF6901234*BA1*ED270101', 'ahm', true],
	['MF6901234*QQ1', 'unknown', false],
	['hello', 'unknown', false],
	['ABC123', 'unknown', false],
	['', 'unknown', false],
	['   \r\n', 'unknown', false],
];

function hasUndefinedSomewhere(value: unknown): boolean {
	if (value === undefined) return true;
	if (Array.isArray(value)) return value.some(hasUndefinedSomewhere);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasUndefinedSomewhere);
	return false;
}

describe('parseIdentifier', () => {
	it.each(SAMPLES)('detects %j as %s (valid: %s)', (input, format, valid) => {
		const result = parse(input);
		expect([result.format, result.valid]).toEqual([format, valid]);
		expect(result.input).toBe(input);
	});

	it.each(SAMPLES)('gives %j the uniform JSON shape', (input) => {
		const result = parse(input);
		expect(Object.keys(result)).toEqual(RESULT_KEYS);
		expect(hasUndefinedSomewhere(result)).toBe(false);
		expect(JSON.parse(JSON.stringify(result))).toEqual(result);
		if (result.valid) expect(result.reason).toBeNull();
		else expect(result.reason).toEqual(expect.stringMatching(/\S/));
	});

	it('maps every format onto the same fields', () => {
		const pick = ({ di, lot, serial, productionDate, expiryDate }: IdentifierResult) => ({
			di,
			lot,
			serial,
			productionDate,
			expiryDate,
		});
		expect(pick(parse('(01)06901234567892(11)240101(17)270101(10)A1B2(21)S1'))).toEqual({
			di: '06901234567892',
			lot: 'A1B2',
			serial: 'S1',
			productionDate: '2024-01-01',
			expiryDate: '2027-01-01',
		});
		expect(pick(parse('MA.156.M0.100350.01004YA10017.SLMSAGAAAC.M210628.LAY21062803.E220628.V220627.C3'))).toEqual({
			di: 'MA.156.M0.100350.01004YA10017',
			lot: 'AY21062803',
			serial: 'LMSAGAAAC',
			productionDate: '2021-06-28',
			expiryDate: '2022-06-28',
		});
		expect(pick(parse('MF6901234*BA1*SN2*MD240101*ED270101'))).toEqual({
			di: '6901234',
			lot: '1',
			serial: '2',
			productionDate: '2024-01-01',
			expiryDate: '2027-01-01',
		});
	});

	it('explains unknown input', () => {
		expect(parse('hello')).toMatchObject({
			format: 'unknown',
			reason: 'not a recognised GS1, MA (IDcode) or AHM code',
		});
		expect(parse('')).toMatchObject({ format: 'unknown', reason: 'input is empty' });
		expect(parse('9'.repeat(9000)).reason).toBe('input is longer than 8192 characters');
	});

	it('copes with what n8n may hand over instead of a string', () => {
		expect(parseIdentifier(6901234567892 as unknown as string, { now })).toMatchObject({
			valid: true,
			format: 'gtin',
			input: '6901234567892',
			di: '06901234567892',
		});
		expect(parseIdentifier(null as unknown as string, { now })).toMatchObject({
			valid: false,
			input: '',
			reason: 'input is empty',
		});
		expect(parseIdentifier(undefined as unknown as string)).toMatchObject({
			valid: false,
			input: '',
			reason: 'input is empty',
		});
	});

	it('uses the current date when none is given', () => {
		const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
		expect(parseIdentifier(`(17)${yy}0101`).expiryDate).toBe(`${new Date().getUTCFullYear()}-01-01`);
	});

	it('never throws and stays consistent on random input', () => {
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const pieces = [
			'0',
			'1',
			'7',
			'9',
			'(',
			')',
			'01',
			'17',
			'10',
			'21',
			GS,
			'.',
			'*',
			'/',
			'?',
			'=',
			'%',
			'A',
			'x',
			' ',
			'^',
			'MA.',
			'MF',
			'https://a.b/',
			'01/',
			']d2',
			'序',
		];
		for (let run = 0; run < 3000; run++) {
			let input = '';
			const length = Math.floor(random() * 40);
			for (let i = 0; i < length; i++) input += pieces[Math.floor(random() * pieces.length)];
			const result = parse(input);
			expect(Object.keys(result)).toEqual(RESULT_KEYS);
			expect(result.valid === (result.reason === null)).toBe(true);
		}
	});
});

describe('USCC from the identifiers module', () => {
	it('is exported', () => {
		expect(validateUscc('91350100M000100Y43')).toEqual({ valid: true, code: '91350100M000100Y43' });
		expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
	});
});
