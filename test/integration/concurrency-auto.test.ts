import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { UdidClient } from '../../nodes/udid/client/client';
import { AdaptiveConcurrency } from '../../nodes/udid/client/concurrency';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { TokenCache } from '../../nodes/udid/client/token-cache';
import type { ConcurrencySetting } from '../../nodes/udid/paging';
import { fetchAllPages } from '../../nodes/udid/paging';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { RateLimitGate } from '../simulator/rate-limit';
import { keysOf } from '../helpers/sync';

const DAY = '2026-11-20';
let sim: Simulator;

beforeAll(async () => {
	// code 10 above 4 calls in flight, 20 ms per answer, ~3000 records = ~150 pages
	sim = await startSimulator({
		port: 0,
		seed: 5,
		perDay: 3000,
		latencyMs: 20,
		rateLimit: { maxInFlight: 4 },
		now: () => new Date('2026-11-28T04:00:00Z'),
	});
});
afterAll(async () => {
	await sim.close();
	await closeSharedDispatchers();
});

/** One walk over real HTTP; the share of code 10 answers among the calls it made. */
async function walk(setting: ConcurrencySetting) {
	const budget = new AdaptiveConcurrency();
	const client = new UdidClient({
		baseUrl: sim.url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
		concurrency: budget,
		retry: { retries: 8, baseDelayMs: 50, maxDelayMs: 2_000 },
	});
	const before = { calls: sim.stats.requests.data + sim.stats.requests.token, refused: sim.stats.rateLimited };
	const records = [];
	let peak = 0;
	for await (const batch of fetchAllPages({
		fetchPage: (page, signal) => client.getSharingPage({ requestType: 'day', rangeValue: DAY }, page, signal),
		concurrency: setting === 'auto' ? client.concurrency : setting,
	})) {
		records.push(...batch.records);
		peak = batch.progress.peakConcurrency;
	}
	const calls = sim.stats.requests.data + sim.stats.requests.token - before.calls;
	const refused = sim.stats.rateLimited - before.refused;
	return { records, calls, refused, share: refused / calls, peak, level: budget.level };
}

describe('Auto concurrency against a server that answers 10 above 4 calls in flight', () => {
	it('fetches the whole day with at most 3 % of calls answered 10, settling at the allowed level', async () => {
		const truth = keysOf(sim.dayRecords(DAY));
		const auto = await walk('auto');
		expect(keysOf(auto.records)).toEqual(truth);
		expect(auto.calls).toBeGreaterThan(140);
		expect(auto.share).toBeLessThanOrEqual(0.03);
		expect(auto.peak).toBeGreaterThanOrEqual(4);
		expect(auto.level).toBeLessThanOrEqual(4);
		expect(sim.stats.peakInFlight).toBeLessThanOrEqual(4);
	});

	it('is needed: a fixed 8 gets far more answers of code 10 (and still completes through retries)', async () => {
		const fixed = await walk(8);
		expect(keysOf(fixed.records)).toEqual(keysOf(sim.dayRecords(DAY)));
		expect(fixed.share).toBeGreaterThan(0.1);
	});
});

describe('RateLimitGate', () => {
	const response = () => new EventEmitter() as unknown as ServerResponse;

	it('refuses above the calls in flight and admits again when one is answered', () => {
		const gate = new RateLimitGate({ maxInFlight: 2 });
		const [a, b] = [response(), response()];
		expect([gate.admit(a), gate.admit(b), gate.admit(response())]).toEqual([true, true, false]);
		a.emit('close');
		expect(gate.admit(response())).toBe(true);
		expect(gate.refused).toBe(1);
		expect(gate.peakInFlight).toBe(2);
	});

	it('refuses above the calls per rolling second, refused calls not counted', () => {
		const gate = new RateLimitGate({ perSecond: 3 });
		const at = (ms: number) => gate.admit(response(), ms);
		expect([at(0), at(100), at(200), at(300), at(999)]).toEqual([true, true, true, false, false]);
		expect([at(1001), at(1050), at(1150)]).toEqual([true, false, true]);
	});
});
