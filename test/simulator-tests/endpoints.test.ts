import { CHILD_ARRAYS, CHILD_TABLES } from '../../nodes/udid/fields';
import { startSimulator, type Simulator } from '../simulator';
import { agent, dayParams, manualClock, NOON_2024_05_20, post, postRaw, token } from './helpers';

describe('endpoints over HTTP', () => {
	const clock = manualClock(NOON_2024_05_20);
	let sim: Simulator;
	let accessToken: string;

	beforeAll(async () => {
		sim = await startSimulator({ perDay: 200, now: clock.now, tokenTtlSeconds: 86_400 });
		accessToken = await token(sim);
	});
	afterAll(async () => {
		await sim.close();
		await agent.close();
	});

	it('answers P001 on both base paths without params', async () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
		expect(await post(`${sim.url}/connection/test`)).toEqual({ returnCode: 1, returnMsg: '连通性测试成功' });
		const beta = sim.url.replace('/api/v2', '/api/beta/v2');
		const raw = await postRaw(`${beta}/connection/test`);
		expect(raw.status).toBe(200);
		expect(raw.contentType).toBe('application/json;charset=UTF-8');
	});

	it('answers 405 to other methods and 404 (HTML) to unknown paths', async () => {
		const get = await postRaw(`${sim.url}/sharing/get`, undefined, { method: 'GET' });
		expect(get.status).toBe(405);
		const unknown = await postRaw(`${sim.url}/sharing/all`, {});
		expect(unknown.status).toBe(404);
		expect(unknown.contentType).toMatch(/^text\/html/);
		expect((await postRaw(sim.url.replace('/api/v2', '/api/v1') + '/connection/test')).status).toBe(404);
	});

	it('answers code 8 naming params when it is missing or not JSON', async () => {
		const missing = await post(`${sim.url}/token/get`);
		expect(missing).toMatchObject({ returnCode: 8, errorCode: 3 });
		expect(missing.returnMsg).toContain('params');
		const broken = JSON.parse(
			(await postRaw(`${sim.url}/sharing/get`, undefined, { rawParams: '{"accessToken":' })).text,
		);
		expect(broken).toMatchObject({ returnCode: 8, errorCode: 3 });
		expect(broken.errorMsg).toContain('params');
	});

	it('pages a day: 20 a page, counts as strings, pages concatenate to the ground truth', async () => {
		const date = '2024-05-10';
		const truth = sim.dayRecords(date);
		const first = await post(`${sim.url}/sharing/get`, dayParams(accessToken, date, 1));
		expect(first).toMatchObject({
			returnCode: 1,
			totalRecordCount: String(truth.length),
			totalPageCount: String(Math.ceil(truth.length / 20)),
			currentPageNumber: '1',
		});
		const keys: string[] = [];
		for (let page = 1; page <= +first.totalPageCount; page++) {
			const answer = page === 1 ? first : await post(`${sim.url}/sharing/get`, dayParams(accessToken, date, page));
			const devices = answer.dataSet.deviceInfo as Array<Record<string, unknown>>;
			expect(devices.length).toBe(page < +first.totalPageCount ? 20 : truth.length - 20 * (page - 1));
			keys.push(...devices.map((d) => d.deviceRecordKey as string));
			// children travel in flat arrays for the whole page and join back by key
			for (const table of CHILD_TABLES) {
				const rows = answer.dataSet[CHILD_ARRAYS[table].dataSetKey] as Array<Record<string, string>>;
				const expected = truth.slice(20 * (page - 1), 20 * page).flatMap((r) => r[table]);
				expect(rows).toEqual(expected);
			}
			for (const device of devices) for (const table of CHILD_TABLES) expect(device[table]).toBeUndefined();
		}
		expect(keys).toEqual(truth.map((r) => r.deviceRecordKey));
		const { packing: _packing, storage: _storage, clinical: _clinical, ...info } = truth[0];
		expect(first.dataSet.deviceInfo[0]).toEqual(info);
	});

	it('echoes a page beyond the end with empty arrays', async () => {
		const answer = await post(`${sim.url}/sharing/get`, dayParams(accessToken, '2024-05-10', 99));
		expect(answer.currentPageNumber).toBe('99');
		expect(answer.dataSet).toEqual({ deviceInfo: [], packingInfo: [], storageInfo: [], clinicalInfo: [] });
		expect(+answer.totalRecordCount).toBeGreaterThan(0);
	});

	it('serves months as their days concatenated, newest day first, and nothing after today', async () => {
		const month = sim.monthRecords('2024-05');
		const answer = await post(`${sim.url}/sharing/get`, {
			accessToken,
			requestType: '2',
			rangeValue: '2024-05',
			currentPageNumber: '1',
		});
		expect(answer.totalRecordCount).toBe(String(month.length));
		expect(answer.dataSet.deviceInfo[0].versionTime).toBe('2024-05-20');
		expect(month.map((r) => r.versionTime)).toEqual([...month.map((r) => r.versionTime)].sort().reverse());
		const days = Array.from({ length: 20 }, (_, i) => `2024-05-${String(20 - i).padStart(2, '0')}`);
		expect(month.length).toBe(days.reduce((sum, d) => sum + sim.dayRecords(d).length, 0));
		const future = await post(`${sim.url}/sharing/get`, dayParams(accessToken, '2024-05-21', 1));
		expect(future).toMatchObject({ returnCode: 1, totalRecordCount: '0', totalPageCount: '0', currentPageNumber: '1' });
	});

	it('publishes today’s records over the China-time day', async () => {
		const today = sim.dayRecords('2024-05-20').length;
		const full = sim.dayRecords('2024-05-19').length;
		expect(today).toBeGreaterThan(full * 0.3);
		expect(today).toBeLessThan(full * 0.7);
		clock.advance(6 * 3600_000);
		try {
			const later = sim.dayRecords('2024-05-20');
			expect(later.length).toBeGreaterThan(today);
			expect(later.slice(later.length - today)).toEqual(sim.dayRecords('2024-05-20').slice(later.length - today));
			const answer = await post(`${sim.url}/sharing/get`, dayParams(accessToken, '2024-05-20', 1));
			expect(answer.totalRecordCount).toBe(String(later.length));
		} finally {
			clock.set(NOON_2024_05_20);
		}
		expect(sim.dayRecords('2024-05-20').length).toBe(today);
	});

	it('rejects malformed D001 parameters with code 8 naming the field', async () => {
		const cases: Array<[Record<string, unknown>, string, number]> = [
			[{ requestType: '3' }, 'requestType', 3],
			[{ requestType: undefined }, 'requestType', 1],
			[{ rangeValue: '2024-5-10' }, 'rangeValue', 3],
			[{ rangeValue: '2024-02-30' }, 'rangeValue', 3],
			[{ requestType: '2', rangeValue: '2024-05-10' }, 'rangeValue', 3],
			[{ currentPageNumber: '0' }, 'currentPageNumber', 3],
			[{ currentPageNumber: 'x' }, 'currentPageNumber', 3],
			[{ currentPageNumber: undefined }, 'currentPageNumber', 1],
			[{ dataType: '3' }, 'dataType', 3],
		];
		for (const [change, field, errorCode] of cases) {
			const answer = await post(`${sim.url}/sharing/get`, { ...dayParams(accessToken, '2024-05-10', 1), ...change });
			expect({ field, ...answer }).toMatchObject({ field, returnCode: 8, errorCode });
			expect(answer.returnMsg).toContain(field);
		}
	});

	it('filters D001 by dataType and by exact or fuzzy fields', async () => {
		const truth = sim.dayRecords('2024-05-10');
		const base = dayParams(accessToken, '2024-05-10', 1);
		const changed = await post(`${sim.url}/sharing/get`, { ...base, dataType: '2' });
		expect(changed.totalRecordCount).toBe(String(truth.filter((r) => r.versionStatus === '更新').length));
		const target = truth[7];
		const exact = await post(`${sim.url}/sharing/get`, { ...base, zxxsdycpbs: target.ZXXSDYCPBS });
		expect(exact.dataSet.deviceInfo.map((d: Record<string, string>) => d.deviceRecordKey)).toEqual([
			target.deviceRecordKey,
		]);
		const fuzzy = await post(`${sim.url}/sharing/get`, { ...base, cpmctymc: '口罩' });
		expect(fuzzy.totalRecordCount).toBe(String(truth.filter((r) => r.CPMCTYMC.includes('口罩')).length));
		const byRegistrant = await post(`${sim.url}/sharing/get`, {
			...base,
			ylqxzcrbarmc: target.YLQXZCRBARMC.slice(2, 6),
		});
		expect(
			byRegistrant.dataSet.deviceInfo.some((d: Record<string, string>) => d.deviceRecordKey === target.deviceRecordKey),
		).toBe(true);
		const byNumber = await post(`${sim.url}/sharing/get`, {
			...base,
			zczbhhzbapzbh: target.ZCZBHHZBAPZBH.split(',')[0],
		});
		expect(
			byNumber.dataSet.deviceInfo.some((d: Record<string, string>) => d.deviceRecordKey === target.deviceRecordKey),
		).toBe(true);
	});

	it('answers D002 with every version of the given keys, newest first, skipping unknown keys', async () => {
		const truth = sim.dayRecords('2024-05-10');
		const updated = truth.filter((r) => +r.versionNumber > 1).slice(0, 2);
		const answer = await post(`${sim.url}/sharing/history/get`, {
			accessToken,
			dataSet: [...updated.map((r) => ({ deviceRecordKey: r.deviceRecordKey })), { deviceRecordKey: 'f'.repeat(32) }],
			currentPageNumber: '1',
		});
		const versions = updated.reduce((sum, r) => sum + +r.versionNumber, 0);
		expect(answer).toMatchObject({ returnCode: 1, totalRecordCount: String(versions), totalPageCount: '1' });
		const times = answer.dataSet.deviceInfo.map((d: Record<string, string>) => d.versionTime);
		expect(times).toEqual([...times].sort().reverse());
		expect(sim.historyOf(updated[0].deviceRecordKey).length).toBe(+updated[0].versionNumber);
		const empty = await post(`${sim.url}/sharing/history/get`, { accessToken, dataSet: [], currentPageNumber: '1' });
		expect(empty).toMatchObject({ returnCode: 8, errorCode: 1 });
		expect(empty.returnMsg).toContain('dataSet');
	});

	it('answers D003 with the latest version of a DI, and 7 / errorCode 4 for an unknown one', async () => {
		const record = sim.dayRecords('2024-05-09')[3];
		const answer = await post(`${sim.url}/sharing/single`, { accessToken, primaryDeviceId: record.ZXXSDYCPBS });
		expect(answer).toMatchObject({ returnCode: 1, totalRecordCount: '1', totalPageCount: '1', currentPageNumber: '1' });
		expect(answer.dataSet.deviceInfo[0].deviceRecordKey).toBe(record.deviceRecordKey);
		expect(answer.dataSet.packingInfo).toEqual(record.packing);
		expect(sim.findByDi(record.ZXXSDYCPBS)).toEqual(record);
		const unknown = await post(`${sim.url}/sharing/single`, { accessToken, primaryDeviceId: '06912345678905' });
		expect(unknown).toMatchObject({ returnCode: 7, errorCode: 4, errorMsg: '数据不存在' });
		const missing = await post(`${sim.url}/sharing/single`, { accessToken });
		expect(missing).toMatchObject({ returnCode: 8, errorCode: 1 });
	});

	it('counts requests per endpoint', () => {
		expect(sim.stats.requests.connection).toBeGreaterThanOrEqual(2);
		expect(sim.stats.requests.data).toBeGreaterThan(10);
		expect(sim.stats.requests.history).toBeGreaterThanOrEqual(2);
		expect(sim.stats.requests.single).toBeGreaterThanOrEqual(3);
		expect(sim.stats.tokensIssued).toBe(1);
	});
});
