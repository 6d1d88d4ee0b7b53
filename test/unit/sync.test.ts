import { UdidApiError } from '../../nodes/udid/client/errors';
import { DEFAULT_SHAPE } from '../../nodes/udid/shape';
import type { SyncOptions, SyncPlan, SyncPosition, SyncProgress, SyncRow, SyncSink } from '../../nodes/udid/sync';
import { SyncStoppedError, SyncTooLargeError, runSync } from '../../nodes/udid/sync';
import { fakeClient, fakeRecord, recordsNamed } from '../helpers/fake-client';

const A = '2026-11-18';
const B = '2026-11-19';
const C = '2026-11-20';

function collector() {
	const rows: SyncRow[] = [];
	const positions: SyncPosition[] = [];
	const progress: SyncProgress[] = [];
	const warnings: string[] = [];
	const sink: SyncSink = {
		records: (batch, at) => {
			rows.push(...batch);
			positions.push(at);
		},
		progress: (p) => progress.push(p),
		warn: (message) => warnings.push(message),
	};
	return {
		rows,
		positions,
		progress,
		warnings,
		sink,
		keys: () => rows.map((r) => `${r.deviceRecordKey}#${r.versionNumber}`),
	};
}

const days = (...list: string[]): SyncPlan => ({ kind: 'days', days: list });
const options = (more: Partial<SyncOptions> = {}): SyncOptions => ({ shape: DEFAULT_SHAPE, concurrency: 2, ...more });

async function stopOf(promise: Promise<unknown>): Promise<SyncStoppedError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof SyncStoppedError) return error;
		throw error;
	}
	throw new Error('expected the sync to stop');
}

describe('runSync over days', () => {
	it('walks every day in order, each page with rows delivered once with its position, and reports progress', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30), [B]: recordsNamed('b', 0), [C]: recordsNamed('c', 45) });
		const out = collector();
		const result = await runSync(fake.client, days(A, B, C), options(), out.sink);
		expect(result).toEqual({ emitted: 75, complete: true });
		expect(out.keys()).toEqual(
			[...recordsNamed('a', 30), ...recordsNamed('c', 45)].map((r) => `${r.deviceRecordKey}#1`),
		);
		expect(out.positions.map((p) => `${p.rangeValue}#${p.page}`)).toEqual([
			`${A}#1`,
			`${A}#2`,
			`${C}#1`,
			`${C}#2`,
			`${C}#3`,
		]);
		const finals = out.progress.filter((p) => p.final);
		expect(finals.map((p) => [p.rangeValue, p.walk, p.walks, p.recordsEmitted, p.emittedTotal])).toEqual([
			[A, 1, 3, 30, 30],
			[B, 2, 3, 0, 30],
			[C, 3, 3, 45, 75],
		]);
		expect(finals[0].remainingVisits).toBe(1234);
	});

	it('one limit across the plan; the result says where the next run continues', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30), [B]: recordsNamed('b', 30) });
		const inside = await runSync(fake.client, days(A, B), options({ limit: 45 }), collector().sink);
		expect(inside).toEqual({ emitted: 45, complete: false, next: { rangeValue: B, page: 1, knownTotal: 30 } });
		const boundary = await runSync(fake.client, days(A, B), options({ limit: 30 }), collector().sink);
		expect(boundary).toEqual({ emitted: 30, complete: false, next: { rangeValue: B, page: 1 } });
		const exact = await runSync(fake.client, days(A, B), options({ limit: 60 }), collector().sink);
		expect(exact).toEqual({ emitted: 60, complete: true });
	});

	it('resumes at a resume point: earlier days skipped, growth since the stopped walk began re-read', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30), [B]: recordsNamed('b', 60) });
		const first = collector();
		const cut = await runSync(fake.client, days(A, B), options({ limit: 50 }), first.sink);
		const bList = recordsNamed('b', 60);
		for (let i = 1; i <= 5; i++) bList.unshift(fakeRecord(`late${i}`));
		const grown = fakeClient({ [A]: recordsNamed('a', 30), [B]: bList });
		const rest = collector();
		const result = await runSync(grown.client, days(A, B), options({ resumeFrom: cut.next }), rest.sink);
		expect(result.complete).toBe(true);
		expect(grown.requests.some((r) => r.startsWith(A))).toBe(false);
		expect(new Set([...first.keys(), ...rest.keys()])).toEqual(
			new Set([...recordsNamed('a', 30), ...bList].map((r) => `${r.deviceRecordKey}#1`)),
		);
	});

	it('a resume point outside the plan is refused', async () => {
		const fake = fakeClient({ [A]: [] });
		await expect(
			runSync(fake.client, days(A), options({ resumeFrom: { rangeValue: B, page: 2 } }), collector().sink),
		).rejects.toThrow(/Parameter "resumeFrom": 2026-11-19 is not part of this sync/);
	});

	it('a failure stops with the cause untouched, the records kept and the first page not delivered', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30), [B]: recordsNamed('b', 100) });
		const quota = new UdidApiError('sharing', 11, '当日访问次数已用完');
		fake.failOn((what, page) => (what === B && page === 4 ? quota : undefined));
		const out = collector();
		const stop = await stopOf(runSync(fake.client, days(A, B), options({ concurrency: 3 }), out.sink));
		expect(stop.cause).toBe(quota);
		expect(quota).not.toHaveProperty('resumePoint');
		expect(stop).toMatchObject({ fetchedRecords: 90, resumePoint: { rangeValue: B, page: 4, knownTotal: 100 } });
		expect(stop.message).toBe(quota.message);
		expect(out.rows).toHaveLength(90);
	});

	it("a failure on a walk's first page resumes at that page, with no known total", async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30) });
		fake.failOn(() => new UdidApiError('sharing', 5, ''));
		const stop = await stopOf(runSync(fake.client, days(A), options({ startPage: 2 }), collector().sink));
		expect(stop).toMatchObject({ fetchedRecords: 0, resumePoint: { rangeValue: A, page: 2 } });
		expect(stop.resumePoint).not.toHaveProperty('knownTotal');
	});

	it('skipped rows reach the sink as a warning', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 3) });
		const original = fake.client.getSharingPage.bind(fake.client);
		fake.client.getSharingPage = async (query, page, signal) => ({
			...(await original(query, page, signal)),
			rejected: [{ index: 0, reason: 'no deviceRecordKey' }],
		});
		const out = collector();
		await runSync(fake.client, days(A), options(), out.sink);
		expect(out.warnings).toEqual([`${A} page 1: 1 device rows without deviceRecordKey/versionNumber were skipped`]);
	});
});

describe('runSync memory guard (maxRecords)', () => {
	it('stops after the first page of a walk that would pass the maximum, with a resume point at page 2', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 100) });
		const out = collector();
		const stop = await stopOf(runSync(fake.client, days(A), options({ maxRecords: 50, concurrency: 4 }), out.sink));
		expect(stop).toBeInstanceOf(SyncTooLargeError);
		expect(stop).toMatchObject({
			plannedRecords: 100,
			atLeast: false,
			maxRecords: 50,
			fetchedRecords: 20,
			resumePoint: { rangeValue: A, page: 2, knownTotal: 100 },
		});
		expect(stop.message).toBe('this sync would emit 100 records, more than the 50 one run may hold');
		expect(fake.requests).toEqual([`${A}#1`]);
		// resuming with the guard raised fetches every other page once: nothing is read twice
		const rest = collector();
		await runSync(fake.client, days(A), options({ resumeFrom: stop.resumePoint, maxRecords: 200 }), rest.sink);
		expect(fake.requests.filter((r) => r === `${A}#1`)).toHaveLength(1);
		expect([...out.keys(), ...rest.keys()]).toEqual(recordsNamed('a', 100).map((r) => `${r.deviceRecordKey}#1`));
	});

	it('counts what the run emitted before, and says "at least" when later walks were not asked yet', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 30), [B]: recordsNamed('b', 100), [C]: recordsNamed('c', 5) });
		const stop = await stopOf(runSync(fake.client, days(A, B, C), options({ maxRecords: 50 }), collector().sink));
		expect(stop).toMatchObject({
			plannedRecords: 130,
			atLeast: true,
			fetchedRecords: 50,
			resumePoint: { rangeValue: B, page: 2 },
		});
		expect(stop.message).toMatch(/would emit at least 130 records/);
	});

	it('stays out of the way when the limit, a one-page walk or no maximum bounds the run', async () => {
		const fake = fakeClient({ [A]: recordsNamed('a', 100), [B]: recordsNamed('b', 15) });
		expect(
			(await runSync(fake.client, days(A), options({ maxRecords: 50, limit: 50 }), collector().sink)).emitted,
		).toBe(50);
		expect((await runSync(fake.client, days(B), options({ maxRecords: 10 }), collector().sink)).emitted).toBe(15);
		expect((await runSync(fake.client, days(A), options({ maxRecords: 0 }), collector().sink)).emitted).toBe(100);
	});
});

describe('runSync over keys (D002)', () => {
	const keys = Array.from({ length: 45 }, (_, i) => `k${i}`);
	const history = Object.fromEntries(keys.map((k) => [k, [fakeRecord(k, 2), fakeRecord(k, 1)]]));

	it('asks 20 keys per walk and emits every version', async () => {
		const fake = fakeClient({}, history);
		const out = collector();
		const result = await runSync(fake.client, { kind: 'keys', keys }, options(), out.sink);
		expect(result).toEqual({ emitted: 90, complete: true });
		expect(new Set(fake.requests.map((r) => r.split('#')[0].split(',').length))).toEqual(new Set([20, 5]));
		expect(out.positions[0].rangeValue).toBe('history of 20 keys (k0, …)');
	});

	it('a stop in the first key batch names the start page; a later one cannot be resumed by page', async () => {
		const fake = fakeClient({}, history);
		fake.failOn((what, page) =>
			what.startsWith('k0,') && page === 2 ? new UdidApiError('history', 11, '') : undefined,
		);
		const first = await stopOf(
			runSync(fake.client, { kind: 'keys', keys }, options({ concurrency: 1 }), collector().sink),
		);
		expect(first).toMatchObject({ fetchedRecords: 20, startPage: 2 });
		expect(first.resumePoint).toBeUndefined();
		fake.failOn((what) => (what.startsWith('k20,') ? new UdidApiError('history', 11, '') : undefined));
		const later = await stopOf(runSync(fake.client, { kind: 'keys', keys }, options(), collector().sink));
		expect(later).toMatchObject({ fetchedRecords: 40, startPage: undefined, resumePoint: undefined });
	});
});
