/** The one-answer operations and the config node's connection test endpoint. */
import { CREDENTIALS, DAY, fixedClock, helper, loadNode, run, withSimulator } from './harness';

const SMALL = { seed: 3, perDay: 30, now: fixedClock };

describe('nmpa-udid single-answer operations', () => {
	afterEach(() => helper.unload());

	it('tests the connection and reports token info without the token', () =>
		withSimulator(SMALL, async (sim) => {
			const test = await loadNode(sim, { operation: 'testConnection' });
			const { summary } = await run(test);
			expect(test.data[0].payload).toMatchObject({ returnCode: 1 });
			expect(summary!.payload).toMatchObject({ operation: 'test', ok: true });
			await helper.unload();
			const token = await loadNode(sim, { operation: 'tokenInfo' });
			await run(token);
			expect(token.data[0].payload).toHaveProperty('todayRemainVisitCount');
			const text = JSON.stringify([token.data, token.summaries]);
			for (const issued of sim.issuedTokens()) expect(text).not.toContain(issued);
			expect(text).not.toContain(CREDENTIALS.appSecret);
		}));

	it('looks up a device by DI, by a whole GS1 scan (adding lot and dates), and answers found=false for an unknown DI', () =>
		withSimulator(SMALL, async (sim) => {
			const gs1 = sim.dayRecords(DAY).find((r) => /^0\d{13}$/.test(r.ZXXSDYCPBS))!;
			const loaded = await loadNode(sim, { operation: 'getByDi' });
			await run(loaded, { di: gs1.ZXXSDYCPBS });
			expect(loaded.data[0].payload).toMatchObject({
				found: true,
				ZXXSDYCPBS: gs1.ZXXSDYCPBS,
				deviceRecordKey: gs1.deviceRecordKey,
			});
			await run(loaded, { payload: `(01)${gs1.ZXXSDYCPBS}(17)270101(10)LOT42` });
			expect(loaded.data[1].payload).toMatchObject({
				found: true,
				scanFormat: expect.stringMatching(/gs1/),
				scanLot: 'LOT42',
				scanExpiryDate: '2027-01-01',
			});
			const unknown = await run(loaded, { di: '06999999999997' });
			expect(unknown.caught?.error).toBeUndefined();
			expect(loaded.data[2].payload).toEqual({ found: false, di: '06999999999997', scanFormat: 'gtin' });
		}));

	it('parses a barcode offline, with no connection configured', async () => {
		const loaded = await loadNode(undefined, { operation: 'parseBarcode' });
		const { summary } = await run(loaded, { payload: '(01)06901234567892(10)A1B2(21)S9' });
		expect(loaded.data[0].payload).toMatchObject({ valid: true, di: '06901234567892', lot: 'A1B2', serial: 'S9' });
		expect(summary!.payload).toMatchObject({ operation: 'parseBarcode', valid: true });
	});
});

describe('the nmpa-udid-config connection test endpoint', () => {
	afterEach(() => helper.unload());

	const post = (body: object) => helper.request().post('/nmpa-udid-config/test').send(body).expect(200);

	it("connects with the dialog's values, and with the saved secret when the editor sends its placeholder", () =>
		withSimulator(SMALL, async (sim) => {
			await loadNode(sim, { operation: 'testConnection' });
			const fresh = await post({ ...CREDENTIALS, baseUrl: sim.url });
			expect(fresh.body).toMatchObject({ ok: true, baseUrl: sim.url, remainingVisits: expect.any(Number) });
			const kept = await post({
				id: 'cfg',
				appId: CREDENTIALS.appId,
				appSecret: '__PWRD__',
				tyshxydm: CREDENTIALS.tyshxydm,
				baseUrl: sim.url,
			});
			expect(kept.body.ok).toBe(true);
			expect(JSON.stringify([fresh.body, kept.body])).not.toContain(CREDENTIALS.appSecret);
		}));

	it('says which field is wrong, and a wrong secret fails with return code 3 without echoing it', () =>
		withSimulator(SMALL, async (sim) => {
			await loadNode(sim, { operation: 'testConnection' });
			const badCode = await post({ ...CREDENTIALS, tyshxydm: '91350100M000100Y44', baseUrl: sim.url });
			expect(badCode.body).toMatchObject({
				ok: false,
				message: expect.stringContaining('Registrant Credit Code (统一社会信用代码)'),
			});
			const wrong = await post({ ...CREDENTIALS, appSecret: 'not-the-secret-123', baseUrl: sim.url });
			expect(wrong.body.ok).toBe(false);
			expect(wrong.body.message).toMatch(/returnCode 3/);
			expect(wrong.text).not.toContain('not-the-secret-123');
			const badUrl = await post({ ...CREDENTIALS, baseUrl: 'ftp://example' });
			expect(badUrl.body.message).toMatch(/Base URL/);
		}));
});
