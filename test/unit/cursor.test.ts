import { addDays } from '../../nodes/udid/calendar';
import type { Cursor } from '../../nodes/udid/cursor';
import { isSettled, newCursor, planPoll, readCursor, recordDay, seenSet, versionHash } from '../../nodes/udid/cursor';

const TODAY = '2026-11-20';

describe('version hashes', () => {
	it('are 12 hex characters, stable, and differ between versions', () => {
		const a = versionHash('key1#1');
		expect(a).toMatch(/^[0-9a-f]{12}$/);
		expect(versionHash('key1#1')).toBe(a);
		expect(versionHash('key1#2')).not.toBe(a);
	});

	it("a day's seen string reads back as the set of its hashes", () => {
		const hashes = ['k1#1', 'k2#1', 'k2#2'].map(versionHash);
		expect(seenSet({ total: 3, seen: hashes.join('') })).toEqual(new Set(hashes));
		expect(seenSet(undefined)).toEqual(new Set());
		expect(seenSet({ total: null, seen: '' })).toEqual(new Set());
	});
});

describe('planPoll', () => {
	it('a first poll catches up settled days oldest first, then walks the open window', () => {
		const plan = planPoll(newCursor(addDays(TODAY, -10)), TODAY, 3, 2);
		expect(plan.days).toEqual([
			addDays(TODAY, -10),
			addDays(TODAY, -9),
			addDays(TODAY, -8),
			addDays(TODAY, -2),
			addDays(TODAY, -1),
			TODAY,
		]);
		expect(plan.behindDays).toBe(5);
	});

	it('continues after the last finalised day', () => {
		const cursor: Cursor = { ...newCursor('2026-11-01'), done: addDays(TODAY, -3) };
		expect(planPoll(cursor, TODAY, 7, 2)).toEqual({
			days: [addDays(TODAY, -2), addDays(TODAY, -1), TODAY],
			behindDays: 0,
		});
	});

	it('with settle days 0 only today stays open; a start in the future plans nothing', () => {
		expect(planPoll(newCursor(addDays(TODAY, -1)), TODAY, 7, 0).days).toEqual([addDays(TODAY, -1), TODAY]);
		expect(planPoll(newCursor(addDays(TODAY, 1)), TODAY, 7, 2)).toEqual({ days: [], behindDays: 0 });
	});

	it('catches up at least one settled day even with maxDays 0', () => {
		const plan = planPoll(newCursor(addDays(TODAY, -5)), TODAY, 0, 2);
		expect(plan.days[0]).toBe(addDays(TODAY, -5));
		expect(plan.behindDays).toBe(2);
	});

	it('isSettled: older than the window', () => {
		expect(isSettled(addDays(TODAY, -3), TODAY, 2)).toBe(true);
		expect(isSettled(addDays(TODAY, -2), TODAY, 2)).toBe(false);
		expect(isSettled(TODAY, TODAY, 0)).toBe(false);
	});
});

describe('recordDay (settle and finalise)', () => {
	const start = addDays(TODAY, -5);
	const h = (key: string) => versionHash(key);

	it('a complete walk of the next settled day finalises it: done moves, the open entry goes', () => {
		const cursor = newCursor(start);
		recordDay(cursor, start, { addedHashes: [h('a#1')], completeTotal: 1, settled: true });
		expect(cursor).toEqual({ v: 1, start, done: start, open: {} });
	});

	it('a partial walk keeps the day open with what it emitted, and adds to it next time', () => {
		const cursor = newCursor(start);
		recordDay(cursor, start, { addedHashes: [h('a#1')], settled: true });
		expect(cursor.done).toBeNull();
		expect(cursor.open[start]).toEqual({ total: null, seen: h('a#1') });
		recordDay(cursor, start, { addedHashes: [h('b#1')], settled: false });
		expect(cursor.open[start].seen).toBe(h('a#1') + h('b#1'));
	});

	it('a day in the settle window stays open with its total, even when complete', () => {
		const cursor = newCursor(start);
		recordDay(cursor, TODAY, { addedHashes: [h('t#1')], completeTotal: 1, settled: false });
		expect(cursor.open[TODAY]).toEqual({ total: 1, seen: h('t#1') });
		expect(cursor.done).toBeNull();
	});

	it('a settled day after a gap is not finalised until the days before it are', () => {
		const cursor = newCursor(start);
		const next = addDays(start, 1);
		recordDay(cursor, next, { addedHashes: [], completeTotal: 0, settled: true });
		expect(cursor.done).toBeNull();
		expect(cursor.open[next]).toEqual({ total: 0, seen: '' });
		recordDay(cursor, start, { addedHashes: [], completeTotal: 0, settled: true });
		expect(cursor.done).toBe(start);
	});

	it('a later partial walk keeps the total of the last complete one', () => {
		const cursor = newCursor(start);
		recordDay(cursor, TODAY, { addedHashes: [], completeTotal: 7, settled: false });
		recordDay(cursor, TODAY, { addedHashes: [h('x#1')], settled: false });
		expect(cursor.open[TODAY].total).toBe(7);
	});
});

describe('readCursor (static data written by us, by someone else, or garbled)', () => {
	const good = {
		v: 1,
		start: '2026-11-01',
		done: '2026-11-10',
		open: { '2026-11-11': { total: 4, seen: versionHash('k#1') } },
	};

	it('reads back what a poll stored (through JSON), as a copy', () => {
		const stored = JSON.parse(JSON.stringify(good));
		const cursor = readCursor(stored)!;
		expect(cursor).toEqual(good);
		recordDay(cursor, '2026-11-11', { addedHashes: [versionHash('k#2')], settled: false });
		expect(stored.open['2026-11-11'].seen).toBe(versionHash('k#1'));
	});

	it.each([
		['nothing', undefined],
		['a string', 'cursor'],
		['an array', [good]],
		['another version', { ...good, v: 2 }],
		['no start', { ...good, start: undefined }],
		['a start that is not a day', { ...good, start: 'yesterday' }],
		['done as a number', { ...good, done: 20261110 }],
		['done missing', { v: 1, start: '2026-11-01', open: {} }],
		['open missing', { ...good, open: undefined }],
		['open as a list', { ...good, open: [] }],
	])('%s is not a cursor of ours', (_name, value) => {
		expect(readCursor(value)).toBeUndefined();
	});

	it('drops open days that are garbled, keeping the rest', () => {
		const value = {
			...good,
			open: {
				'2026-11-11': { total: 4, seen: versionHash('k#1') },
				'2026-11-12': 'garbage',
				'2026-11-13': { total: -1, seen: '' },
				'2026-11-14': { total: 2, seen: 'not hex at all' },
				'2026-11-15': { total: null, seen: 'abc' },
				'not a day': { total: 1, seen: '' },
				'2026-11-16': { total: null, seen: '' },
			},
		};
		expect(Object.keys(readCursor(value)!.open)).toEqual(['2026-11-11', '2026-11-16']);
	});

	it('a fresh cursor plans from its start', () => {
		expect(newCursor('2026-11-01')).toEqual({ v: 1, start: '2026-11-01', done: null, open: {} });
	});
});
