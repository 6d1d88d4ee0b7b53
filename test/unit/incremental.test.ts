import { addDays } from '../../nodes/udid/calendar';
import { UdidApiError } from '../../nodes/udid/client/errors';
import { DEFAULT_SHAPE } from '../../nodes/udid/shape';
import type { IncrementalPollOptions, SyncRow } from '../../nodes/udid/sync';
import { runIncrementalPoll, sampleRecords } from '../../nodes/udid/sync';
import { fakeClient, fakeRecord, recordsNamed } from '../helpers/fake-client';

/** The incremental poll without any shell: the cursor goes in and comes out as plain JSON. */
const TODAY = '2026-11-20';
const days = [addDays(TODAY, -3), addDays(TODAY, -2), addDays(TODAY, -1), TODAY];
const settings = (more: Partial<IncrementalPollOptions> = {}): IncrementalPollOptions => ({
	start: days[0],
	today: TODAY,
	maxDays: 7,
	maxRecords: 1000,
	settleDays: 2,
	shape: DEFAULT_SHAPE,
	addSyncFields: true,
	...more,
});

function collect() {
	const rows: SyncRow[] = [];
	return {
		rows,
		sink: { records: (batch: SyncRow[]) => void rows.push(...batch) },
		keys: () => rows.map((r) => `${r.deviceRecordKey}#${r.versionNumber}`),
	};
}

describe('runIncrementalPoll', () => {
	it('emits every version once across polls; an unchanged open day costs one request', async () => {
		const data = Object.fromEntries(days.map((d, i) => [d, recordsNamed(`d${i}-`, 25)]));
		const fake = fakeClient(data);
		const first = collect();
		const one = await runIncrementalPoll(fake.client, undefined, settings(), first.sink);
		expect(one).toMatchObject({ emitted: 100, days: 4, behindDays: 0, failure: undefined });
		expect(one.cursorState.done).toBe(days[0]);
		expect(first.rows[0]).toMatchObject({ syncDay: days[0], syncBehindDays: 0 });

		data[TODAY].unshift(fakeRecord('late'), fakeRecord('d3-1', 2));
		fake.requests.length = 0;
		const second = collect();
		const two = await runIncrementalPoll(
			fake.client,
			JSON.parse(JSON.stringify(one.cursorState)),
			settings(),
			second.sink,
		);
		expect(second.keys().sort()).toEqual(['d3-1#2', 'late#1']);
		expect(two.emitted).toBe(2);
		// the two unchanged open days: page 1 only; today: every page again, its known versions skipped
		expect(fake.requests.filter((r) => !r.startsWith(TODAY))).toEqual([`${days[1]}#1`, `${days[2]}#1`]);
	});

	it('a failure part-way returns the cursor over what was delivered, and the next poll completes the set', async () => {
		const data = Object.fromEntries(days.map((d, i) => [d, recordsNamed(`d${i}-`, 45)]));
		const fake = fakeClient(data);
		fake.failOn((day, page) => (day === days[1] && page === 2 ? new UdidApiError('sharing', 11, '') : undefined));
		const first = collect();
		const one = await runIncrementalPoll(fake.client, undefined, settings({ concurrency: 1 }), first.sink);
		expect(one.failure).toBeInstanceOf(UdidApiError);
		expect(one.emitted).toBe(65);
		fake.failOn(undefined);
		const second = collect();
		await runIncrementalPoll(fake.client, one.cursorState, settings(), second.sink);
		const all = [...first.keys(), ...second.keys()];
		expect(new Set(all).size).toBe(all.length);
		expect(all).toHaveLength(180);
	});

	it('maxRecords bounds one poll; the next continues', async () => {
		const fake = fakeClient(Object.fromEntries(days.map((d, i) => [d, recordsNamed(`d${i}-`, 30)])));
		const first = collect();
		const one = await runIncrementalPoll(fake.client, undefined, settings({ maxRecords: 50 }), first.sink);
		expect(one.emitted).toBe(50);
		const second = collect();
		await runIncrementalPoll(fake.client, one.cursorState, settings({ maxRecords: 500 }), second.sink);
		expect(new Set([...first.keys(), ...second.keys()]).size).toBe(120);
		expect(first.keys().length + second.keys().length).toBe(120);
	});
});

describe('sampleRecords', () => {
	it('a few rows of today, or of yesterday when today has none, with the sync fields', async () => {
		const yesterday = addDays(TODAY, -1);
		const fake = fakeClient({ [TODAY]: [], [yesterday]: recordsNamed('y', 30) });
		const out = collect();
		expect(
			await sampleRecords(fake.client, { today: TODAY, shape: DEFAULT_SHAPE, addSyncFields: true }, out.sink),
		).toBe(5);
		expect(out.rows).toHaveLength(5);
		expect(out.rows[0]).toMatchObject({ syncDay: yesterday, syncBehindDays: 0 });
	});
});
