/** What device → getByDi does with a typed or scanned code, before any request (identifiers/lookup.ts). */
import { planLookup } from '../../../nodes/udid/identifiers/lookup';

const now = new Date('2025-06-15T00:00:00Z');
const plan = (input: string) => planLookup(input, { now });

describe('planLookup', () => {
	it.each([
		['a GTIN-14', '09506000134352', '09506000134352'],
		['a GTIN-13, padded', '9506000134352', '09506000134352'],
		['a GS1 element string', '(01)09506000134352(17)270100(10)L1', '09506000134352'],
		['a Digital Link URI', 'https://id.gs1.org/01/09506000134352/10/L1', '09506000134352'],
		['an MA DI', 'MA.156.M0.100350.01004YA10017', 'MA.156.M0.100350.01004YA10017'],
		['a DI of an issuer this package does not know, passed on as it stands', 'XYZ-123/4', 'XYZ-123/4'],
	])('looks up %s', (_, input, di) => {
		expect(plan(input)).toMatchObject({ ok: true, di });
	});

	it('adds the production data of a scan as scalar scan columns', () => {
		expect(plan('(01)09506000134352(11)240101(17)270100(10)L1(21)S1')).toEqual({
			ok: true,
			di: '09506000134352',
			scan: {
				scanFormat: 'gs1',
				scanLot: 'L1',
				scanSerial: 'S1',
				scanProductionDate: '2024-01-01',
				scanExpiryDate: '2027-01-31',
			},
		});
		expect(plan('MA.156.M0.100011.2cscp023.Ste002.M200206.L343432.D555555.E200228.V200307.C9')).toMatchObject({
			ok: true,
			scan: { scanFormat: 'ma', scanSterilisationLot: '555555', scanSerial: 'te002' },
		});
	});

	it('non-authoritative MA check: goes ahead and carries the warning as scanWarnings', () => {
		expect(plan('MA.156.M0.863718.02821YA72836')).toMatchObject({
			ok: true,
			di: 'MA.156.M0.863718.02821YA72836',
			scan: {
				scanFormat: 'ma',
				scanWarnings: expect.stringContaining('DI check digit is 6, the inferred algorithm gives 7'),
			},
		});
	});

	it.each([
		[
			'GS1 req rule: (21) alone',
			'(21)S1',
			'"(21)S1" is not a valid gs1 code: AI (21) serial number requires (01), (03) or (8006)',
		],
		[
			'GS1 check digit',
			'(01)09506000134353',
			'is not a valid gs1 code: AI (01) GTIN "09506000134353": check digit is 3 but should be 2',
		],
		['GS1 check digit of a bare GTIN', '9506000134353', 'is not a valid gtin code'],
		['no DI: an SSCC', '(00)106141412345678908', 'is a valid gs1 code but holds no device identifier (DI) to look up'],
		['no DI: a GS1-valid ITIP', '(8006)095060001343520102(10)L1', 'holds no device identifier (DI)'],
		[
			'not a DI: text with spaces',
			'hello world',
			'"hello world" is not a DI: not a recognised GS1, MA (IDcode) or AHM code',
		],
		['MA structure (authoritative dates)', 'MA.156.M0.100350.01004YA10017.M211328.C0', 'month 13 is not 01-12'],
	])('refuses %s, naming the rule', (_, input, reason) => {
		const result = plan(input);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});
});
