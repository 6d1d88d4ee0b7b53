/**
 * The NMPA UDID Release Trigger in n8n-core's poll machinery against the simulated download site: each new
 * package of the chosen kinds is emitted exactly once across polls as the site publishes more, the cursor
 * lives in static data, and a manual run samples without moving it.
 */
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import type { IDataObject } from 'n8n-workflow';
import { advanceCursor, readCursor, SEEN_WINDOW_DAYS } from '../../nodes/NmpaUdidReleaseTrigger/cursor';
import { pollReleaseTrigger } from '../helpers/release-engine';
import { startReleaseSite, type ReleaseSite } from '../simulator/releases';

let now = new Date('2026-11-18T04:00:00Z');
let site: ReleaseSite;

beforeAll(async () => {
	site = await startReleaseSite({
		perDay: 10,
		partSize: 16,
		dailyCount: 5,
		monthlyCount: 1,
		weeklyCount: 1,
		now: () => now,
	});
});
afterAll(async () => {
	await site.close();
	await closeSharedDispatchers();
});

const names = (items: Array<{ json: IDataObject }>) => items.map((i) => String(i.json.name));

describe('Release Trigger', () => {
	it('emits each new daily package once across polls as days are published', async () => {
		const parameters = { kinds: ['daily'], startDate: '2026-11-15', options: { baseUrl: site.url } };
		const first = await pollReleaseTrigger(parameters, {});
		expect(first.error).toBeUndefined();
		expect(names(first.items)).toEqual([
			'UDID_DAY_UPDATE_20261115.zip',
			'UDID_DAY_UPDATE_20261116.zip',
			'UDID_DAY_UPDATE_20261117.zip',
		]);
		expect(first.items[0].json).toMatchObject({
			kind: 'daily',
			link: expect.stringContaining(site.url),
			recordCount: expect.any(Number),
		});

		const again = await pollReleaseTrigger(parameters, first.staticData);
		expect(again.items).toEqual([]);
		expect(again.staticData).toEqual(first.staticData);

		now = new Date('2026-11-19T04:00:00Z'); // the site publishes 2026-11-18
		const next = await pollReleaseTrigger(parameters, again.staticData);
		expect(names(next.items)).toEqual(['UDID_DAY_UPDATE_20261118.zip']);
		now = new Date('2026-11-21T04:00:00Z'); // two more days while n8n was down
		const catchUp = await pollReleaseTrigger(parameters, next.staticData);
		expect(names(catchUp.items)).toEqual(['UDID_DAY_UPDATE_20261119.zip', 'UDID_DAY_UPDATE_20261120.zip']);
		expect((await pollReleaseTrigger(parameters, catchUp.staticData)).items).toEqual([]);
	});

	it('samples the newest package in a manual run without touching the cursor', async () => {
		const parameters = { kinds: ['daily', 'monthly'], startDate: '2026-11-20', options: { baseUrl: site.url } };
		const manual = await pollReleaseTrigger(parameters, {}, 'manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.staticData).toEqual({});
	});

	it('fails a poll whose feed cannot be read, moving nothing, and names bad parameters', async () => {
		const down = await pollReleaseTrigger({ kinds: ['daily'], options: { baseUrl: 'http://127.0.0.1:9' } }, {});
		expect(down.error?.message).toMatch(/daily feed at http:\/\/127\.0\.0\.1:9.*could not be read/);
		expect(JSON.stringify(down.staticData)).not.toMatch(/releaseCursor/);
		const bad = await pollReleaseTrigger(
			{ kinds: ['daily'], startDate: 'yesterday', options: { baseUrl: site.url } },
			{},
		);
		expect(bad.error?.message).toMatch(/Parameter "Start Date"/);
	});
});

describe('Release Trigger cursor', () => {
	const pkg = (name: string, endDate: string) => ({
		kind: 'daily' as const,
		name,
		startDate: endDate,
		endDate,
		link: '',
		description: '',
	});

	it('forgets names behind the window but never emits below the watermark', () => {
		let cursor = readCursor(undefined, '2026-01-01');
		cursor = advanceCursor(cursor, [pkg('a', '2026-01-02')]).cursor;
		const later = advanceCursor(cursor, [pkg('a', '2026-01-02'), pkg('b', '2026-06-01')]);
		expect(later.emit.map((p) => p.name)).toEqual(['b']);
		expect(later.cursor.seen).toEqual({ b: '2026-06-01' });
		expect(later.cursor.watermark > '2026-01-02').toBe(true);
		expect(SEEN_WINDOW_DAYS).toBeGreaterThan(31);
		expect(advanceCursor(later.cursor, [pkg('a', '2026-01-02')]).emit).toEqual([]);
	});

	it('starts again from the start date when the stored state is not a cursor', () => {
		expect(readCursor({ v: 2, anything: true }, '2026-05-01')).toEqual({ v: 1, watermark: '2026-05-01', seen: {} });
		expect(readCursor({ v: 1, watermark: '2026-05-02', seen: { a: 'garbage', b: '2026-05-03' } }, 'x')).toEqual({
			v: 1,
			watermark: '2026-05-02',
			seen: { b: '2026-05-03' },
		});
	});
});
