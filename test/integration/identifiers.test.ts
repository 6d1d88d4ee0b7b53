/**
 * device → getByDi with scanned codes, in n8n's engine against the simulator (which counts its requests):
 * a code that breaks an authoritative rule, or holds no DI, is answered without calling the API; a code that
 * only fails a non-authoritative rule (the MA check character) is looked up, with a warning.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { runWorkflow, udidWorkflow } from '../helpers/engine';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';

const DAY = '2026-11-20';
let sim: Simulator;
let credentials: ICredentialDataDecryptedObject;

beforeAll(async () => {
	sim = await startSimulator({ port: 0, seed: 5, perDay: 170 });
	credentials = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl: sim.url,
	};
	process.env.NMPA_UDID_TIMEOUT_MS = '3000';
});
afterAll(async () => {
	await sim.close();
	await closeSharedDispatchers();
});

const getByDi = (di: string, extra: Parameters<typeof udidWorkflow>[1] = {}) =>
	runWorkflow(udidWorkflow({ resource: 'device', operation: 'getByDi', di } as IDataObject, extra), credentials);
const requestsMade = () => Object.values(sim.stats.requests).reduce((sum, n) => sum + n, 0);

describe('device → getByDi refuses, without a request, codes that are not usable UDIs', () => {
	it.each([
		[
			'GS1 req rule: (21) serial alone has no DI',
			'(21)SN0042',
			/requires \(01\), \(03\) or \(8006\).*not a usable UDI/,
		],
		['GS1 req rule: lot and expiry without a GTIN', `]d21727013110LOT-7A`, /not a usable UDI/],
		[
			'GS1 ex rule: (01) with (02)',
			'(01)09506000134352(02)09506000134352(37)5',
			/must not appear together with AI \(01\)/,
		],
		[
			'DL URI syntax: key qualifier in the query',
			'https://id.gs1.org/01/09506000134352?10=LOT',
			/belongs in the Digital Link path/,
		],
		['AIM symbology identifier: ]E0 carries 13 digits', ']E0950600013435', /\]E0 .* carries exactly 13 digits, got 12/],
		['GS1 valid but no DI: an SSCC alone', '(00)106141412345678908', /holds no device identifier/],
	])('%s', async (_rule, code, message) => {
		const before = requestsMade();
		const { error } = await getByDi(code);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/Parameter "DI or Scanned Code"/);
		expect(error?.message).toMatch(message);
		expect(requestsMade()).toBe(before);
	});

	it('with Continue On Fail, the refusal is an item carrying the reason, still without a request', async () => {
		const before = requestsMade();
		const { output } = await getByDi('(21)SN0042', { continueOnFail: true });
		expect(JSON.stringify(output('UDID')[0].json)).toMatch(/not a usable UDI/);
		expect(requestsMade()).toBe(before);
	});
});

describe('device → getByDi never blocks on the non-authoritative MA check character', () => {
	it('finds a simulated MA device; its DI carries the check digit of the parser, so no warning', async () => {
		const truth = sim.dayRecords(DAY).find((r) => String(r.ZXXSDYCPBS).startsWith('MA.'))!;
		const items = (await getByDi(String(truth.ZXXSDYCPBS))).output('UDID');
		expect(items[0].json).toMatchObject({ found: true, deviceRecordKey: truth.deviceRecordKey, scanFormat: 'ma' });
		expect(items[0].json.scanWarnings).toBeUndefined();
	});

	it('looks up the README example DI although the inferred check digit disagrees, and says so', async () => {
		const before = requestsMade();
		const items = (await getByDi('MA.156.M0.863718.02821YA72836')).output('UDID');
		expect(requestsMade()).toBeGreaterThan(before);
		expect(items[0].json).toMatchObject({
			di: 'MA.156.M0.863718.02821YA72836',
			scanFormat: 'ma',
			scanWarnings: expect.stringMatching(/DI check digit is 6, the inferred algorithm gives 7/),
		});
	});
});
