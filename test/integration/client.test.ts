import { UdidClient } from '../../nodes/udid/client/client';
import { UdidApiError, UdidTransportError } from '../../nodes/udid/client/errors';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { TokenCache } from '../../nodes/udid/client/token-cache';
import { fetchAllPages } from '../../nodes/udid/paging';
import type { DeviceRecord } from '../../nodes/udid/records';
import { DEFAULT_SHAPE } from '../../nodes/udid/shape';
import { SyncStoppedError, runSync } from '../../nodes/udid/sync';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { canonicalTruth, keysOf, syncAll } from '../helpers/sync';

const DAY = '2026-11-20';
const MONTH = '2026-10';
let sim: Simulator;
const logs: string[] = [];

function client(overrides: Partial<ConstructorParameters<typeof UdidClient>[0]> = {}) {
	return new UdidClient({
		baseUrl: sim.url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
		timeoutMs: 2_000,
		retry: { retries: 6, baseDelayMs: 5, maxDelayMs: 40 },
		log: (message, meta) => logs.push(`${message} ${JSON.stringify(meta ?? {})}`),
		...overrides,
	});
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (e) {
		logs.push(String((e as Error).message));
		return e as Error;
	}
	throw new Error('expected a failure');
}

beforeAll(async () => {
	sim = await startSimulator({ port: 0, seed: 11, perDay: 230, now: () => new Date('2026-11-28T04:00:00Z') });
});
afterAll(async () => {
	await sim.close();
	await closeSharedDispatchers();
});
beforeEach(() => {
	sim.setFaults({ rate: 0 });
	sim.setVariant({});
	sim.resetQuota();
});

describe('P001 and P002', () => {
	it('tests connectivity and reports latency', async () => {
		const result = await client().testConnection();
		expect(result.returnCode).toBe(1);
		expect(result.latencyMs).toBeGreaterThanOrEqual(0);
	});

	it('obtains a token without exposing it, with remaining visits and expiry', async () => {
		const info = await client().getTokenInfo();
		expect(info).not.toHaveProperty('accessToken');
		expect(info.origin).toBe('issued');
		expect(info.todayRemainVisitCount).toBeGreaterThan(0);
		expect(info.expiresAt).toBeGreaterThan(Date.now());
	});

	it('code 3 for a wrong secret and code 12 for a registrant without authorisation, not retried', async () => {
		const before = sim.stats.requests.token;
		const wrong = await failure(client({ appSecret: 'not-the-secret' }).getTokenInfo());
		expect(wrong).toBeInstanceOf(UdidApiError);
		expect(wrong).toMatchObject({ returnCode: 3, retryable: false });
		expect(sim.stats.requests.token - before).toBe(1);
		const unauthorised = await failure(client({ creditCode: '91350100M000100Y43' }).getTokenInfo());
		expect(unauthorised).toMatchObject({ returnCode: 12 });
		expect(unauthorised.message).toMatch(/declaration authorisation/);
	});

	it('code 9 reuses the token the answer carries, so a second process works without looping', async () => {
		const first = client({ creditCode: DEFAULT_APP.creditCodes[1] });
		const second = client({ creditCode: DEFAULT_APP.creditCodes[1] });
		await first.getTokenInfo();
		const before = sim.stats.requests.token;
		const info = await second.getTokenInfo();
		expect(info.origin).toBe('reused');
		expect(sim.stats.requests.token - before).toBe(1);
		const page = await second.getSharingPage({ requestType: 'day', rangeValue: DAY }, 1);
		expect(page.records.length).toBeGreaterThan(0);
	});

	it('concurrent callers share one token request', async () => {
		const c = client({ creditCode: DEFAULT_APP.creditCodes[2] });
		const before = sim.stats.requests.token;
		await Promise.all(
			Array.from({ length: 10 }, (_, i) => c.getSharingPage({ requestType: 'day', rangeValue: DAY }, (i % 3) + 1)),
		);
		expect(sim.stats.requests.token - before).toBe(1);
	});
});

describe('D001 day and month', () => {
	it('a synced day equals the simulator ground truth exactly, record by record', async () => {
		const records = await syncAll(client(), { requestType: 'day', rangeValue: DAY }, { concurrency: 4 });
		const truth = sim.dayRecords(DAY);
		expect(records.length).toBe(truth.length);
		expect(keysOf(records).duplicates).toBe(0);
		expect(records.map((r) => ({ ...r }))).toEqual(truth.map(canonicalTruth));
	});

	it('a synced month equals the ground truth', async () => {
		const records = await syncAll(client(), { requestType: 'month', rangeValue: MONTH }, { concurrency: 8 });
		expect(keysOf(records)).toEqual(keysOf(sim.monthRecords(MONTH)));
	});

	it('an empty or future day gives no records and no error', async () => {
		expect(await syncAll(client(), { requestType: 'day', rangeValue: '2026-12-25' })).toEqual([]);
	});

	it('sends the optional dataType and filters only when set', async () => {
		const truth = sim.dayRecords(DAY);
		const di = String(truth[3].ZXXSDYCPBS);
		const records = await syncAll(client(), { requestType: 'day', rangeValue: DAY, filters: { zxxsdycpbs: di } });
		expect(records.map((r) => r.ZXXSDYCPBS)).toEqual(truth.filter((r) => r.ZXXSDYCPBS === di).map((r) => r.ZXXSDYCPBS));
		const changed = await syncAll(client(), { requestType: 'day', rangeValue: DAY, dataType: 'changed' });
		expect(changed.length).toBeLessThan(truth.length);
	});

	it('code 8 names the parameter and is not retried', async () => {
		const err = await failure(client().getSharingPage({ requestType: 'day', rangeValue: '2026-13-45' }, 1));
		expect(err).toMatchObject({ returnCode: 8, retryable: false });
		expect(err.message).toMatch(/rangeValue/);
	});
});

describe('D002 and D003', () => {
	it('version history equals the ground truth for several keys over several pages', async () => {
		const truth = sim.dayRecords(DAY);
		const keys = truth
			.filter((r) => Number(r.versionNumber) > 1)
			.slice(0, 12)
			.map((r) => r.deviceRecordKey);
		expect(keys.length).toBeGreaterThan(0);
		const c = client();
		const records = [];
		for await (const batch of fetchAllPages({ fetchPage: (page, signal) => c.getHistoryPage(keys, page, signal) }))
			records.push(...batch.records);
		expect(keysOf(records)).toEqual(keysOf(keys.flatMap((k) => sim.historyOf(k))));
	});

	it('looks one DI up, and an unknown DI is an answer with errorCode 4 or no record', async () => {
		const truth = sim.dayRecords(DAY)[0];
		const page = await client().getSingle(String(truth.ZXXSDYCPBS));
		expect(page.records[0]).toMatchObject({ deviceRecordKey: sim.findByDi(String(truth.ZXXSDYCPBS))!.deviceRecordKey });
		const unknown = await client()
			.getSingle('06999999999997')
			.then(
				(p) => p.records.length,
				(e: UdidApiError) => `errorCode ${e.errorCode}`,
			);
		expect([0, 'errorCode 4']).toContain(unknown);
	});
});

describe('tokens expiring and quota', () => {
	it('code 4 mid-sync refreshes the token once and the sync completes exactly', async () => {
		const c = client();
		const query = { requestType: 'day' as const, rangeValue: DAY };
		const records = [];
		let expired = false;
		for await (const batch of fetchAllPages({
			fetchPage: (page, signal) => c.getSharingPage(query, page, signal),
			concurrency: 2,
		})) {
			records.push(...batch.records);
			if (!expired && batch.page === 3) {
				sim.expireTokens();
				expired = true;
			}
		}
		expect(keysOf(records)).toEqual(keysOf(sim.dayRecords(DAY)));
		expect(logs.some((l) => /code 4/.test(l))).toBe(true);
	});

	it('code 11 stops the sync, keeps what was fetched and names the page to resume from', async () => {
		const c = client();
		await c.getTokenInfo();
		const query = { requestType: 'day' as const, rangeValue: DAY };
		const got: DeviceRecord[] = [];
		let err: unknown;
		try {
			for await (const batch of fetchAllPages({
				fetchPage: (page, signal) => c.getSharingPage(query, page, signal),
				concurrency: 1,
			})) {
				got.push(...batch.records);
				if (batch.page === 4) sim.setRemainingVisits(DEFAULT_APP.appId, 0);
			}
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(UdidApiError);
		expect(err).toMatchObject({ returnCode: 11, retryable: false });
		// the same stop through the sync core: the resume point and the count travel on a SyncStoppedError
		sim.resetQuota();
		let pages = 0;
		const rows: unknown[] = [];
		const stop = await failure(
			runSync(
				c,
				{ kind: 'days', days: [DAY] },
				{ shape: DEFAULT_SHAPE, concurrency: 1 },
				{
					records: (batch) => {
						rows.push(...batch);
						if (++pages === 4) sim.setRemainingVisits(DEFAULT_APP.appId, 0);
					},
				},
			),
		);
		expect(stop).toBeInstanceOf(SyncStoppedError);
		expect(stop).toMatchObject({
			fetchedRecords: rows.length,
			resumePoint: { rangeValue: DAY, page: 5, knownTotal: sim.dayRecords(DAY).length },
		});
		expect((stop as SyncStoppedError).cause).toMatchObject({ returnCode: 11, retryable: false });
		expect(rows).toHaveLength(got.length);
		sim.resetQuota();
		const rest = await syncAll(c, query, { startPage: 5 });
		expect(keysOf([...got, ...rest])).toEqual(keysOf(sim.dayRecords(DAY)));
	});

	it('code 10 from the rate limit is retried with back-off until the call goes through', async () => {
		sim.injectFault('code10', { count: 2 });
		const page = await client().getSharingPage({ requestType: 'day', rangeValue: DAY }, 1);
		expect(page.records.length).toBeGreaterThan(0);
	});
});

describe('answer variants', () => {
	it.each([
		['string codes', { stringCodes: true }],
		['lower-case keys', { lowerCaseKeys: true }],
		['double-encoded token', { doubleEncodedToken: true }],
		['every answer double-encoded', { doubleEncodedAll: true }],
		['BOM', { bom: true }],
		['all at once', { stringCodes: true, lowerCaseKeys: true, doubleEncodedAll: true, bom: true }],
	])('%s: the day still equals the ground truth', async (_name, variant) => {
		sim.setVariant(variant);
		const records = await syncAll(client(), { requestType: 'day', rangeValue: DAY }, { concurrency: 3 });
		sim.setVariant({});
		expect(records.map((r) => ({ ...r }))).toEqual(sim.dayRecords(DAY).map(canonicalTruth));
	});
});

describe('faults', () => {
	it.each(['code5', 'code6', 'code10', 'http502', 'reset', 'html', 'truncated'] as const)(
		'%s is retried and the day is complete',
		async (kind) => {
			sim.injectFault(kind, { count: 2 });
			sim.injectFault(kind, { count: 1, endpoint: 'token' });
			const records = await syncAll(client(), { requestType: 'day', rangeValue: DAY }, { concurrency: 2 });
			expect(keysOf(records)).toEqual(keysOf(sim.dayRecords(DAY)));
		},
	);

	it('a slow answer past the timeout is abandoned and retried', async () => {
		sim.setFaults({ rate: 0, slowMs: 5_000 });
		sim.injectFault('slow', { count: 1 });
		const started = Date.now();
		const records = await syncAll(client({ timeoutMs: 300 }), { requestType: 'day', rangeValue: DAY });
		expect(keysOf(records)).toEqual(keysOf(sim.dayRecords(DAY)));
		expect(Date.now() - started).toBeLessThan(4_000);
	});

	it.each([
		['code7', 7],
		['code8', 8],
	] as const)('%s fails at once with the server message', async (kind, code) => {
		sim.injectFault(kind, { count: 1 });
		const err = await failure(client().getSharingPage({ requestType: 'day', rangeValue: DAY }, 1));
		expect(err).toMatchObject({ returnCode: code, retryable: false });
	});

	it('gives up after the retries with a typed transport error', async () => {
		sim.injectFault('http502', { count: 10 });
		const err = await failure(
			client({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).getSharingPage(
				{ requestType: 'day', rangeValue: DAY },
				1,
			),
		);
		expect(err).toBeInstanceOf(UdidTransportError);
		expect(err).toMatchObject({ failure: 'http', httpStatus: 502 });
		sim.setFaults({ rate: 0 });
	});

	it('random faults at 25 % over a month: nothing lost, nothing twice', async () => {
		sim.setFaults({ rate: 0.25, kinds: ['code5', 'code6', 'code10', 'http502', 'reset', 'html', 'truncated'] });
		const records = await syncAll(
			client({ retry: { retries: 10, baseDelayMs: 1, maxDelayMs: 10 } }),
			{ requestType: 'month', rangeValue: '2026-09' },
			{ concurrency: 4 },
		);
		sim.setFaults({ rate: 0 });
		const result = keysOf(records);
		expect(result.duplicates).toBe(0);
		expect(result).toEqual(keysOf(sim.monthRecords('2026-09')));
	});

	it('records published during paging are not missed and not duplicated', async () => {
		const day = '2026-11-18';
		sim.publishDuringPaging(day, { afterPage: 3, count: 27 });
		const before = sim.dayRecords(day).length;
		const records = await syncAll(client(), { requestType: 'day', rangeValue: day }, { concurrency: 2 });
		const truth = sim.dayRecords(day);
		expect(truth.length).toBe(before + 27);
		expect(keysOf(records)).toEqual(keysOf(truth));
	});
});

describe('secrets', () => {
	it('no log line or error message captured in this file holds the app secret or a token', () => {
		const secrets = [DEFAULT_APP.appSecret, ...sim.issuedTokens()];
		expect(sim.issuedTokens().length).toBeGreaterThan(0);
		expect(logs.length).toBeGreaterThan(0);
		for (const line of logs) for (const secret of secrets) expect(line.includes(secret)).toBe(false);
	});
});
