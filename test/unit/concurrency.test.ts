import type { AttemptOutcome } from '../../nodes/udid/client/concurrency';
import { AdaptiveConcurrency, ConcurrencyRegistry, classifyAttempt } from '../../nodes/udid/client/concurrency';
import { UdidApiError, UdidTransportError } from '../../nodes/udid/client/errors';
import type { DecodedPage } from '../../nodes/udid/client/page';
import { MAX_CONCURRENCY, fetchAllPages } from '../../nodes/udid/paging';

/** A controller on a fake clock, and helpers that play whole rounds of answers at the current level. */
function setup(options: { holdMs?: number } = {}) {
	let clock = 0;
	const changes: string[] = [];
	const c = new AdaptiveConcurrency({
		now: () => clock,
		holdMs: options.holdMs ?? 10_000,
		onChange: (ch) => changes.push(`${ch.from}>${ch.to} ${ch.reason}`),
	});
	const advance = (ms: number) => (clock += ms);
	/** Takes every slot of the current level, answers each with `outcome` after `latencyMs`, frees the slots. */
	const round = async (outcome: AttemptOutcome = 'healthy', latencyMs = 50) => {
		const level = c.level;
		const releases = await Promise.all(Array.from({ length: level }, () => c.acquire()));
		const attempts = releases.map(() => c.begin());
		advance(latencyMs);
		attempts.forEach((a) => a.end(outcome));
		releases.forEach((r) => r());
		return level;
	};
	return { c, changes, advance, round };
}

describe('AdaptiveConcurrency', () => {
	it('starts at 2 and grows by one per healthy window while the level is used, up to the cap and no further', async () => {
		const { c, round } = setup();
		expect(c.level).toBe(2);
		const levels: number[] = [];
		for (let i = 0; i < 20; i++) levels.push(await round());
		expect(levels.slice(0, 8)).toEqual([2, 3, 4, 5, 6, 7, 8, 8]);
		expect(Math.max(...levels)).toBe(MAX_CONCURRENCY);
		expect(c.level).toBe(MAX_CONCURRENCY);
		expect(c.peak).toBe(MAX_CONCURRENCY);
	});

	it('does not grow on healthy answers when fewer requests than the level were in flight', async () => {
		const { c, advance } = setup();
		for (let i = 0; i < 30; i++) {
			const release = await c.acquire(); // one page at a time: the level of 2 is never used
			const attempt = c.begin();
			advance(50);
			attempt.end('healthy');
			release();
		}
		expect(c.level).toBe(2);
	});

	it.each<[string, unknown]>([
		['code 10', new UdidApiError('sharing', 10, '访问过于频繁')],
		['HTTP 429', new UdidTransportError('sharing', 'http', '', 429)],
		['HTTP 503', new UdidTransportError('sharing', 'http', '', 503)],
		['a connection reset', new UdidTransportError('sharing', 'network', 'ECONNRESET')],
		['a timeout', new UdidTransportError('sharing', 'timeout', '')],
	])('halves the level on %s', async (_name, error) => {
		const { c, round, changes } = setup();
		while (c.level < 8) await round();
		expect(classifyAttempt(error)).toBe('overloaded');
		const attempt = c.begin();
		expect(attempt.end(classifyAttempt(error))).toBe(true);
		expect(c.level).toBe(4);
		expect(changes[changes.length - 1]).toBe('8>4 overload');
	});

	it.each<[string, unknown]>([
		['code 5', new UdidApiError('sharing', 5, '')],
		['code 7', new UdidApiError('sharing', 7, '')],
		['HTTP 502', new UdidTransportError('sharing', 'http', '', 502)],
		['an HTML page', new UdidTransportError('sharing', 'html', '')],
		['a cancellation', new UdidTransportError('sharing', 'aborted', '')],
	])('leaves the level alone on %s', async (_name, error) => {
		const { c, round } = setup();
		await round();
		expect(classifyAttempt(error)).toBe('neutral');
		c.begin().end(classifyAttempt(error));
		expect(c.level).toBe(3);
	});

	it('lowers the level once for a burst of overload answers sent at the same level', async () => {
		const { c, round } = setup();
		while (c.level < 8) await round();
		const burst = Array.from({ length: 8 }, () => c.begin());
		const lowered = burst.map((a) => a.end('overloaded'));
		expect(lowered.filter(Boolean)).toHaveLength(1);
		expect(c.level).toBe(4);
		// an attempt begun after the decrease counts again
		expect(c.begin().end('overloaded')).toBe(true);
		expect(c.level).toBe(2);
		c.begin().end('overloaded');
		expect(c.level).toBe(1);
		expect(c.begin().end('overloaded')).toBe(false); // never below 1
		expect(c.level).toBe(1);
	});

	it('lowers the level by a quarter when the latency of a window jumps', async () => {
		const { c, round, changes } = setup();
		while (c.level < 8) await round('healthy', 50);
		await round('healthy', 400);
		expect(c.level).toBe(6);
		expect(changes[changes.length - 1]).toBe('8>6 latency');
		// jitter below the threshold does not count
		const { c: calm, round: calmRound } = setup();
		for (let i = 0; i < 12; i++) await calmRound('healthy', i % 2 ? 60 : 45);
		expect(calm.level).toBe(8);
	});

	it('keeps a failed level as a ceiling for the hold time, then probes it again with a doubled hold', async () => {
		const { c, round, advance, changes } = setup({ holdMs: 10_000 });
		while (c.level < 5) await round();
		c.begin().end('overloaded'); // the server allows 4
		expect(c.level).toBe(2);
		for (let i = 0; i < 50; i++) await round(); // 50 healthy windows of 50 ms: 2.5 s, within the hold
		expect(c.level).toBe(4);
		advance(10_000);
		await round();
		expect(c.level).toBe(5); // the hold is over: probe
		c.begin().end('overloaded');
		expect(c.level).toBe(2);
		advance(15_000); // more than the first hold, less than the doubled one
		for (let i = 0; i < 10; i++) await round();
		expect(c.level).toBe(4);
		advance(10_000);
		await round();
		expect(c.level).toBe(5);
		// a healthy window at the old ceiling forgets it: growth continues
		for (let i = 0; i < 5; i++) await round();
		expect(c.level).toBe(8);
		expect(changes.filter((ch) => ch.endsWith('overload'))).toEqual(['5>2 overload', '5>2 overload']);
	});

	it('learns from the size of a burst: each further refusal of it lowers the ceiling by one', async () => {
		const { c, round } = setup();
		while (c.level < 6) await round();
		const burst = Array.from({ length: 6 }, () => c.begin());
		burst[4].end('overloaded'); // 6 in flight, the server allows 4: two refusals
		burst[5].end('overloaded');
		expect(c.level).toBe(3);
		for (let i = 0; i < 20; i++) await round();
		expect(c.level).toBe(4);
	});

	it('restarts from the initial level after a long idle time', async () => {
		const { c, round, advance } = setup();
		while (c.level < 6) await round();
		advance(61_000);
		const release = await c.acquire();
		expect(c.level).toBe(2);
		release();
	});

	it('hands out slots in order and never more than the level; an aborted wait leaves the queue', async () => {
		const { c } = setup();
		const order: number[] = [];
		const first = await c.acquire();
		const second = await c.acquire();
		expect(c.inFlight).toBe(2);
		const abort = new AbortController();
		const waiting = [
			c.acquire().then((r) => (order.push(3), r)),
			c.acquire(abort.signal),
			c.acquire().then((r) => (order.push(5), r)),
		];
		abort.abort(new Error('cancelled'));
		await expect(waiting[1]).rejects.toThrow('cancelled');
		first();
		second();
		const [third, , fifth] = await Promise.all([waiting[0], Promise.resolve(undefined), waiting[2]]);
		expect(order).toEqual([3, 5]);
		expect(c.inFlight).toBe(2);
		third();
		(fifth as () => void)();
		expect(c.inFlight).toBe(0);
	});
});

describe('one budget per credential, shared by executions', () => {
	it('gives the same controller for the same base URL and appId, another for another credential', () => {
		const registry = new ConcurrencyRegistry();
		const a = registry.for('http://127.0.0.1:1/api/v2/', 'app');
		expect(registry.for('http://127.0.0.1:1/api/v2', 'app')).toBe(a);
		expect(registry.for('http://127.0.0.1:1/api/v2', 'other')).not.toBe(a);
		expect(registry.for('http://127.0.0.1:2/api/v2', 'app')).not.toBe(a);
	});

	it('two walks at once keep their pages in flight within one level, and both ramp the same level', async () => {
		const budget = new AdaptiveConcurrency();
		let inFlight = 0;
		let highest = 0;
		const levels: number[] = [];
		const day =
			(prefix: string) =>
			async (page: number): Promise<DecodedPage> => {
				inFlight++;
				highest = Math.max(highest, inFlight);
				levels.push(budget.level);
				expect(inFlight).toBeLessThanOrEqual(budget.level);
				const attempt = budget.begin();
				await new Promise((r) => setTimeout(r, 2));
				inFlight--;
				attempt.end('healthy');
				const records = Array.from({ length: 20 }, (_, i) => ({
					deviceRecordKey: `${prefix}${page}-${i}`,
					versionNumber: 1,
					contactList: [],
					packingList: [],
					storageList: [],
					clinicalList: [],
				}));
				return { totalPageCount: 40, totalRecordCount: 800, currentPageNumber: page, records, rejected: [] };
			};
		const walk = async (prefix: string) => {
			let records = 0;
			let peak = 0;
			for await (const batch of fetchAllPages({ fetchPage: day(prefix), concurrency: budget })) {
				records += batch.records.length;
				peak = batch.progress.peakConcurrency;
			}
			return { records, peak };
		};
		const [a, b] = await Promise.all([walk('a'), walk('b')]);
		expect(a.records).toBe(800);
		expect(b.records).toBe(800);
		expect(highest).toBeLessThanOrEqual(MAX_CONCURRENCY);
		expect(budget.peak).toBe(MAX_CONCURRENCY);
		expect(Math.max(a.peak, b.peak)).toBe(MAX_CONCURRENCY);
		expect(levels[0]).toBe(2);
	});
});
