import { UdidApiError } from '../../nodes/udid/client/errors';
import type { DecodedPage } from '../../nodes/udid/client/page';
import type { PageBatch, PagingSummary } from '../../nodes/udid/paging';
import { fetchAllPages } from '../../nodes/udid/paging';
import { versionKey } from '../../nodes/udid/records';
import { fakeRecord, pageOf } from '../helpers/fake-client';

const record = fakeRecord;

/** A newest-first list served 20 a page, which tests can grow at the head between page requests. */
function fakeDay(count: number) {
	const list = Array.from({ length: count }, (_, i) => record(`old${count - i}`));
	const requested: number[] = [];
	let hooks: Array<(page: number) => void> = [];
	const fetchPage = async (page: number): Promise<DecodedPage> => {
		requested.push(page);
		hooks.forEach((h) => h(page));
		await new Promise((r) => setTimeout(r, Math.random() * 3));
		return pageOf(list, page);
	};
	return { list, requested, fetchPage, onPage: (h: (page: number) => void) => (hooks = [...hooks, h]) };
}

async function collect(gen: AsyncGenerator<PageBatch, PagingSummary>) {
	const batches: PageBatch[] = [];
	for (;;) {
		const step = await gen.next();
		if (step.done) return { batches, summary: step.value, records: batches.flatMap((b) => b.records) };
		batches.push(step.value);
	}
}

describe('fetchAllPages', () => {
	it.each([1, 2, 4, 8])('walks every page in order at concurrency %i, each record once', async (concurrency) => {
		const day = fakeDay(205);
		const { batches, records, summary } = await collect(fetchAllPages({ fetchPage: day.fetchPage, concurrency }));
		expect(batches.map((b) => b.page)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
		expect(records.map(versionKey)).toEqual(day.list.map(versionKey));
		expect(summary).toMatchObject({ pagesDone: 11, totalPages: 11, recordsEmitted: 205, totalRecords: 205 });
		expect(summary.nextPage).toBeUndefined();
	});

	it('an empty day is one request and no records', async () => {
		const day = fakeDay(0);
		const { records, summary } = await collect(fetchAllPages({ fetchPage: day.fetchPage }));
		expect(records).toEqual([]);
		expect(day.requested).toEqual([1]);
		expect(summary.recordsEmitted).toBe(0);
	});

	it('stops at the limit and says where to continue', async () => {
		const day = fakeDay(100);
		const cut = await collect(fetchAllPages({ fetchPage: day.fetchPage, limit: 30, concurrency: 1 }));
		expect(cut.records).toHaveLength(30);
		expect(cut.summary.nextPage).toBe(2);
		const boundary = await collect(fetchAllPages({ fetchPage: fakeDay(100).fetchPage, limit: 40, concurrency: 1 }));
		expect(boundary.records).toHaveLength(40);
		expect(boundary.summary.nextPage).toBe(3);
		const resumed = await collect(fetchAllPages({ fetchPage: day.fetchPage, startPage: 3 }));
		expect(resumed.records.map(versionKey)).toEqual(day.list.slice(40).map(versionKey));
	});

	it('records published at the head during the sync are picked up by re-reading page 1, without duplicates', async () => {
		const day = fakeDay(95);
		let published = 0;
		day.onPage((page) => {
			if (page === 3 && published === 0) {
				published = 25;
				for (let i = 1; i <= 25; i++) day.list.unshift(record(`new${i}`));
			}
		});
		const { records, batches } = await collect(fetchAllPages({ fetchPage: day.fetchPage, concurrency: 2 }));
		const keys = records.map(versionKey);
		expect(new Set(keys).size).toBe(keys.length);
		expect(new Set(keys)).toEqual(new Set(day.list.map(versionKey)));
		expect(batches.some((b) => b.reread)).toBe(true);
	});

	it("a failure keeps what was emitted and rethrows the page's error untouched (sync/walk.ts names the resume page)", async () => {
		const day = fakeDay(100);
		const seen: string[] = [];
		const failing = async (page: number, signal: AbortSignal) => {
			if (page === 4) throw new UdidApiError('sharing', 11, '当日访问次数已用完');
			return day.fetchPage(page);
			void signal;
		};
		const gen = fetchAllPages({ fetchPage: failing, concurrency: 3 });
		let error: unknown;
		try {
			for await (const batch of gen) seen.push(...batch.records.map(versionKey));
		} catch (e) {
			error = e;
		}
		expect(seen).toHaveLength(60);
		expect(error).toBeInstanceOf(UdidApiError);
		expect(error).not.toHaveProperty('resumePoint');
		expect(error).not.toHaveProperty('fetchedRecords');
	});

	it('a resumed walk re-reads the head when records were published since the stopped walk began', async () => {
		const day = fakeDay(100);
		const first = await collect(fetchAllPages({ fetchPage: day.fetchPage, limit: 45 }));
		for (let i = 1; i <= 7; i++) day.list.unshift(record(`late${i}`));
		const rest = await collect(
			fetchAllPages({ fetchPage: day.fetchPage, startPage: first.summary.nextPage, knownTotalRecords: 100 }),
		);
		const union = new Set([...first.records, ...rest.records].map(versionKey));
		expect(union).toEqual(new Set(day.list.map(versionKey)));
		// without the known total the late records would be missed
		const blind = await collect(fetchAllPages({ fetchPage: fakeDay(100).fetchPage, startPage: 3 }));
		expect(blind.batches.some((b) => b.reread)).toBe(false);
	});

	it('skips versions emitted by an earlier run, without counting them against the limit', async () => {
		const day = fakeDay(30);
		const seen = new Set(day.list.slice(0, 10).map(versionKey));
		const { records, summary } = await collect(
			fetchAllPages({ fetchPage: day.fetchPage, alreadyEmitted: (key) => seen.has(key), limit: 20 }),
		);
		expect(records).toHaveLength(20);
		expect(summary.duplicatesSkipped).toBe(10);
	});
});
