/**
 * 3. Memory of a 100,000-record sync through the node in n8n-core's WorkflowExecute (test/helpers/engine.ts),
 * against a simulator in another process. Run with --expose-gc (the bench forks it so), once per mode:
 *
 * 'peak' (the brief's method): heapUsed sampled every 5 ms and on every page; peak − baseline − retained items.
 *   Also one page's size: its body string, its JSON.parse result and its DecodedPage, each measured retained.
 * 'live': the same sync with a full GC every `gcEvery` pages before sampling, so uncollected garbage is out of
 *   the figure and what remains is what the node keeps beyond the items produced so far.
 */
import '../test/setup-env';
import { request } from 'undici';
import type { IDataObject } from 'n8n-workflow';
import { UdidClient } from '../nodes/udid/client/client';
import type { DecodedPage } from '../nodes/udid/client/page';
import { TokenCache } from '../nodes/udid/client/token-cache';
import { versionKey } from '../nodes/udid/records';
import { captured, runWorkflow, udidWorkflow } from '../test/helpers/engine';
import { DEFAULT_APP } from '../test/simulator';
import { childMain, silenceEngineLogger, gc, round } from './lib';

export interface MemoryInput {
	/** 'peak': run A and the page sizes; 'live': run B. Each in a fresh process, as the first sync after a start. */
	mode: 'peak' | 'live';
	url: string;
	from: string;
	to: string;
	expectedRecords: number;
	warmupDay: string;
	gcEvery: number;
	sampleMs: number;
}

silenceEngineLogger();

// Hooks: every page the node's client receives, and every record the node shapes into an item.
let onPage: ((page: DecodedPage) => void) | undefined;
let shaped = 0;
const originalGetSharingPage = UdidClient.prototype.getSharingPage;
UdidClient.prototype.getSharingPage = function (this: UdidClient, ...args: Parameters<UdidClient['getSharingPage']>) {
	return originalGetSharingPage.apply(this, args).then((page) => {
		onPage?.(page);
		return page;
	});
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shapeModule = require('../nodes/udid/shape') as { shapeRecord: (...a: unknown[]) => unknown[] };
const originalShape = shapeModule.shapeRecord;
shapeModule.shapeRecord = (...args: unknown[]) => {
	shaped++;
	return originalShape(...args);
};

const heap = () => process.memoryUsage().heapUsed;

/** Retained heap of what `make` returns, per unit: the difference of two collected heaps, divided by `count`. */
async function retainedPer<T>(count: number, make: () => Promise<T[]>): Promise<{ perUnit: number; kept: T[] }> {
	gc();
	const before = heap();
	const kept = await make();
	gc();
	return { perUnit: (heap() - before) / count, kept };
}

async function pageSizes(input: MemoryInput) {
	const client = new UdidClient({
		baseUrl: input.url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
	});
	const token = await client.revealAccessToken();
	const N = 50;
	const pagesOf = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
	const body = async (page: number) => {
		const params = { accessToken: token, requestType: '1', rangeValue: input.from, currentPageNumber: String(page) };
		const res = await request(`${input.url}/sharing/get`, {
			method: 'POST',
			body: `params=${encodeURIComponent(JSON.stringify(params))}`,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		return res.body.text();
	};
	const bodies = await retainedPer(N, async () => {
		const out: string[] = [];
		for (const p of pagesOf(N)) out.push(await body(p));
		return out;
	});
	const utf8Bytes = bodies.kept.reduce((n, s) => n + Buffer.byteLength(s), 0) / N;
	const parsed = await retainedPer(N, async () => bodies.kept.map((s) => JSON.parse(s) as unknown));
	parsed.kept.length = 0;
	const decoded = await retainedPer(N, async () => {
		const out: DecodedPage[] = [];
		for (const p of pagesOf(N))
			out.push(await client.getSharingPage({ requestType: 'day', rangeValue: input.from }, p));
		return out;
	});
	const records = decoded.kept.reduce((n, d) => n + d.records.length, 0);
	bodies.kept.length = 0;
	// What the paging de-duplication keeps per record beyond the record itself: the Set entry and the
	// `${deviceRecordKey}#${versionNumber}` string, built as fetchAllPages builds it (records kept alive meanwhile).
	// 20,000 distinct keys from the 1,000 records (a suffix on the key), each base string flat and kept alive.
	const bases = decoded.kept.flatMap((d) =>
		d.records.flatMap((r) =>
			Array.from({ length: 20 }, (_, i) => ({
				deviceRecordKey: JSON.parse(JSON.stringify(`${r.deviceRecordKey}${i}`)) as string,
				versionNumber: r.versionNumber,
			})),
		),
	);
	decoded.kept.length = 0;
	const seenSet = await retainedPer(bases.length, async () => {
		const seen = new Set<string>();
		for (const r of bases) seen.add(versionKey(r));
		return [seen];
	});
	return {
		recordsPerPage: records / N,
		bodyUtf8Bytes: Math.round(utf8Bytes),
		bodyStringHeapBytes: Math.round(bodies.perUnit),
		parsedJsonHeapBytes: Math.round(parsed.perUnit),
		decodedPageHeapBytes: Math.round(decoded.perUnit),
		seenSetBytesPerRecord: round(seenSet.perUnit, 1),
	};
}

function workflow(input: MemoryInput, extra: IDataObject = {}) {
	// a 100,000-record execution on purpose: the memory guard ("Max Records per Execution") is turned off
	const options = { maxRecordsPerExecution: 0 };
	return udidWorkflow({
		resource: 'device',
		operation: 'syncRange',
		from: input.from,
		to: input.to,
		granularity: 'day',
		options,
		...extra,
	});
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function main(input: MemoryInput) {
	const credentials = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl: input.url,
	};
	// Warm-up: the same operation on a day outside the range, so code is compiled and the engine's lazy parts are
	// loaded before the baseline. It uses the simulator's other base path (/api/beta/v2), i.e. another credential
	// and so another cached client: run A is then the first execution of the measured credential, as the first
	// sync after an n8n restart is.
	const warmCredentials = { ...credentials, baseUrl: input.url.replace('/api/v2', '/api/beta/v2') };
	for (let i = 0; i < 2; i++) {
		const warm = await runWorkflow(
			udidWorkflow({
				resource: 'device',
				operation: 'syncRange',
				from: input.warmupDay,
				to: input.warmupDay,
				returnAll: false,
				limit: 3000,
			}),
			warmCredentials,
		);
		if (warm.error) throw warm.error;
	}
	const page = input.mode === 'peak' ? await pageSizes(input) : undefined;

	/** One sync; returns numbers only, so nothing of the run outlives this frame but what the node keeps. */
	const syncOnce = async (live: boolean, baseline: number) => {
		captured.logs.length = 0;
		captured.uiMessages.length = 0;
		shaped = 0;
		let pages = 0;
		const baselineRss = process.memoryUsage().rss;
		let peak = baseline;
		let peakShaped = 0;
		let peakRss = baselineRss;
		const liveSamples: Array<{ heap: number; shaped: number }> = [];
		const sample = () => {
			const h = heap();
			if (h > peak) {
				peak = h;
				peakShaped = shaped;
			}
		};
		const timer = live
			? undefined
			: setInterval(() => {
					sample();
					const rss = process.memoryUsage().rss;
					if (rss > peakRss) peakRss = rss;
				}, input.sampleMs);
		onPage = () => {
			pages++;
			if (!live) return sample();
			if (pages % input.gcEvery !== 0) return;
			gc();
			liveSamples.push({ heap: heap(), shaped });
		};
		const t0 = performance.now();
		const result = await runWorkflow(workflow(input), credentials);
		const wallMs = performance.now() - t0;
		sample();
		if (timer) clearInterval(timer);
		onPage = undefined;
		if (result.error) throw result.error;
		const records = result.output('UDID').length;
		gc();
		const withItems = heap();
		return {
			baseline,
			baselineRss,
			peak,
			peakShaped,
			peakRss,
			liveSamples,
			records,
			withItems,
			pages,
			wallMs,
			harnessLogLines: captured.logs.length,
		};
	};
	const runOnce = async (live: boolean) => {
		await tick();
		gc();
		const r = await syncOnce(live, heap());
		await tick();
		gc();
		return { ...r, released: heap() };
	};

	const run = await runOnce(input.mode === 'live');
	if (run.records !== input.expectedRecords)
		throw new Error(`memory: synced ${run.records} records, expected ${input.expectedRecords}`);
	const records = run.records;
	const itemsBytes = run.withItems - run.baseline;
	const itemsPerRecord = itemsBytes / records;
	const common = {
		records,
		pages: run.pages,
		concurrency: 2,
		wallMs: round(run.wallMs, 0),
		baselineHeap: run.baseline,
		itemsRetainedBytes: itemsBytes,
		itemsBytesPerRecord: round(itemsPerRecord, 1),
		// Heap still in use once the execution is over and its result dropped (this is the credential's first run).
		retainedAfterRunBytes: run.released - run.baseline,
		harnessLogLines: run.harnessLogLines,
	};
	if (input.mode === 'peak') {
		const rawExtra = run.peak - run.baseline - itemsBytes;
		return {
			...common,
			page: page!,
			peakHeap: run.peak,
			peakAtRecordsShaped: run.peakShaped,
			rawExtraBytes: rawExtra,
			rawExtraBytesPerRecord: round(rawExtra / records, 1),
			// The items present at the peak are those shaped by then; the brief's formula subtracts all of them.
			rawExtraAtPeakBytes: Math.round(run.peak - run.baseline - itemsPerRecord * run.peakShaped),
			peakRssMinusBaseline: run.peakRss - run.baselineRss,
		};
	}
	const extras = run.liveSamples.map((x) => x.heap - run.baseline - itemsPerRecord * x.shaped);
	const max = Math.max(...extras);
	// extra(t) ≈ constant + perRecord × records so far: the constant is what is held for the pages in flight, the
	// slope what is kept per record beyond the items (least squares over the samples).
	const xs = run.liveSamples.map((x) => x.shaped);
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = extras.reduce((a, b) => a + b, 0) / extras.length;
	const slope =
		xs.reduce((acc, x, i) => acc + (x - mx) * (extras[i] - my), 0) / xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
	return {
		...common,
		gcEvery: input.gcEvery,
		samples: run.liveSamples.length,
		liveExtraMaxBytes: Math.round(max),
		liveExtraMaxAtRecordsShaped: run.liveSamples[extras.indexOf(max)]?.shaped,
		liveExtraMaxBytesPerRecord: round(max / records, 2),
		liveExtraFitConstantBytes: Math.round(my - slope * mx),
		liveExtraFitBytesPerRecord: round(slope, 1),
		liveExtraFirstBytes: Math.round(extras[0]),
		liveExtraLastBytes: Math.round(extras[extras.length - 1]),
		liveExtraSeriesKiB: run.liveSamples.map((x, i) => [x.shaped, Math.round(extras[i] / 1024)]),
	};
}

if (require.main === module) childMain(main);
