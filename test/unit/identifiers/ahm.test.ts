import { parseAhm } from '../../../nodes/udid/identifiers/ahm';

const now = new Date('2025-06-15T00:00:00Z');
const parse = (input: string) => parseAhm(input, { now });
const NO_CHECK = 'AHM codes carry no check character: only the structure and the dates were checked';

describe('parseAhm', () => {
	it('reads a *-separated code', () => {
		expect(parse('MF6901234*BA20230101*SN0001*MD230101*ED250131')).toEqual({
			valid: true,
			format: 'ahm',
			input: 'MF6901234*BA20230101*SN0001*MD230101*ED250131',
			symbologyId: null,
			di: '6901234',
			lot: '20230101',
			serial: '0001',
			productionDate: '2023-01-01',
			expiryDate: '2025-01-31',
			sterilisationLot: null,
			ais: {},
			elements: [
				{ key: 'MF', name: 'device identifier', value: '6901234' },
				{ key: 'BA', name: 'batch/lot number', value: '20230101' },
				{ key: 'SN', name: 'serial number', value: '0001' },
				{ key: 'MD', name: 'production date', value: '230101' },
				{ key: 'ED', name: 'expiry date', value: '250131' },
			],
			reason: null,
			warnings: [NO_CHECK],
		});
	});

	it('reads dates, best-before date, packaging level and the BN spelling of the lot', () => {
		expect(parse('MFA1B2C3*BNL01*MD240229*BD260101*ED260131*PL2')).toMatchObject({
			valid: true,
			di: 'A1B2C3',
			lot: 'L01',
			productionDate: '2024-02-29',
			expiryDate: '2026-01-31',
			warnings: [NO_CHECK],
		});
	});

	it('reads a lot glued to an all-digit DI', () => {
		expect(parse('MF6901234567892BA123*SN9*ED260101')).toMatchObject({
			valid: true,
			di: '6901234567892',
			lot: '123',
			serial: '9',
			expiryDate: '2026-01-01',
		});
	});

	it('reads a bare DI', () => {
		expect(parse(' MF6901234 ')).toMatchObject({ valid: true, di: '6901234', lot: null });
	});

	it.each([
		['MF6901234*MD231332', 'AHM code: MD production date "231332": month 13 is not 01-12'],
		['MF6901234*ED2301', 'AHM code: ED expiry date "2301": must be 6 digits YYMMDD'],
		['MF6901234*ED250100', 'AHM code: ED expiry date "250100": day 00 is not 01-31 for 2025-01'], // DD=00 is a GS1 rule only
		['MF6901234*PL12', 'AHM code: PL packaging level "12": must be one digit'],
		['MF6901234*BA1*BA2', 'AHM code: batch/lot number appears more than once'],
		['MF6901234*SN1 2', 'AHM code: SN serial number "1 2": must be printable ASCII characters without spaces'],
	])('rejects %s', (input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, format: 'ahm', reason });
	});

	it.each([
		['MF', 'not a recognisable AHM code: "MF" is not MF followed by a device identifier of 1-13 letters and digits'],
		[
			'MF69012345678901',
			'not a recognisable AHM code: "MF69012345678901" is not MF followed by a device identifier of 1-13 letters and digits',
		],
		[
			'MF6901234*XX1',
			'not a recognisable AHM code: element "XX1" does not start with BA, BN, SN, MD, BD, ED or PL followed by a value',
		],
		[
			'MF6901234*BA',
			'not a recognisable AHM code: element "BA" does not start with BA, BN, SN, MD, BD, ED or PL followed by a value',
		],
		[
			'MF6901234**SN1',
			'not a recognisable AHM code: element "" does not start with BA, BN, SN, MD, BD, ED or PL followed by a value',
		],
		['MX6901234', 'not a recognisable AHM code: it does not start with "MF"'],
	])('does not guess at %s', (input, reason) => {
		expect(parse(input)).toMatchObject({ valid: false, format: 'unknown', di: null, reason });
	});
});
