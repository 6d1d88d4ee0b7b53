/**
 * 1. Paging throughput: one day of exactly 10,000 records (500 pages) with 50 ms simulated latency, through
 * UdidClient + fetchAllPages at concurrency 1, 2, 4, 8, against the ideal (pages × latency / concurrency) and a
 * plain sequential loop of HTTP requests (what a hand-built HTTP Request-node pagination does). Runs in the
 * bench's main process; the simulator runs in its own process (the other core), with its whole-day cache warm.
 */
import { loadavg } from 'node:os';
import { request } from 'undici';
import { UdidClient } from '../nodes/udid/client/client';
import { TokenCache } from '../nodes/udid/client/token-cache';
import { fetchAllPages } from '../nodes/udid/paging';
import { DEFAULT_APP } from '../test/simulator';
import type { BenchResult } from './lib';
import { PAGE_SIZE, PAGING_DAY, SEED, check, fmtMs, median, perDayForExactly, round } from './lib';
import { SimProcess } from './sim-process';

const LATENCY_MS = 50;
const WANTED_RECORDS = 10_000;
/** Repeats per concurrency at 50 ms; the slow ones once, to keep the whole bench within a few minutes. */
const REPEATS: Record<number, number> = { 1: 1, 2: 1, 4: 3, 8: 2 };

function makeClient(url: string): UdidClient {
	return new UdidClient({
		baseUrl: url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
	});
}

const cpuMicros = () => {
	const u = process.cpuUsage();
	return u.user + u.system;
};

interface Run {
	wallMs: number;
	records: number;
	clientCpuMs: number;
	simCpuMs: number;
}

async function measure(sim: SimProcess, body: () => Promise<number>): Promise<Run> {
	const simBefore = await sim.cpuMicros();
	const cpuBefore = cpuMicros();
	const t0 = performance.now();
	const records = await body();
	const wallMs = performance.now() - t0;
	const clientCpuMs = (cpuMicros() - cpuBefore) / 1000;
	const simCpuMs = ((await sim.cpuMicros()) - simBefore) / 1000;
	return { wallMs, records, clientCpuMs, simCpuMs };
}

/** UdidClient + fetchAllPages over the day; returns the number of records emitted. */
async function clientWalk(client: UdidClient, concurrency: number): Promise<number> {
	const query = { requestType: 'day' as const, rangeValue: PAGING_DAY };
	let records = 0;
	for await (const batch of fetchAllPages({
		fetchPage: (page, signal) => client.getSharingPage(query, page, signal),
		concurrency,
	}))
		records += batch.records.length;
	return records;
}

/**
 * A hand-built pagination: for page 1..N, POST the form field `params` (JSON), JSON.parse, push the device rows.
 * No decoding of quirks, no validation, no join of child rows. N comes from the first answer.
 */
async function plainLoop(url: string, accessToken: string): Promise<number> {
	const records: unknown[] = [];
	let total = 1;
	for (let page = 1; page <= total; page++) {
		const params = { accessToken, requestType: '1', rangeValue: PAGING_DAY, currentPageNumber: String(page) };
		const res = await request(`${url}/sharing/get`, {
			method: 'POST',
			body: `params=${encodeURIComponent(JSON.stringify(params))}`,
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
		});
		const answer = JSON.parse(await res.body.text()) as {
			returnCode: number;
			totalPageCount: string;
			dataSet: { deviceInfo: unknown[] };
		};
		if (answer.returnCode !== 1) throw new Error(`plain loop: returnCode ${answer.returnCode} on page ${page}`);
		total = Number(answer.totalPageCount);
		records.push(...answer.dataSet.deviceInfo);
	}
	return records.length;
}

export async function pagingBenchmarks(
	log: (line: string) => void,
): Promise<{ results: BenchResult[]; info: Record<string, unknown> }> {
	const perDay = perDayForExactly(PAGING_DAY, WANTED_RECORDS) ?? WANTED_RECORDS;
	const sim = await SimProcess.spawn();
	try {
		const common = { seed: SEED, perDay, dailyQuota: 1_000_000_000 };
		const fast = await sim.start({ ...common, latencyMs: 0 });
		const slow = await sim.start({ ...common, latencyMs: LATENCY_MS });
		const records = await sim.dayCount(fast.simId, PAGING_DAY);
		if ((await sim.dayCount(slow.simId, PAGING_DAY)) !== records) throw new Error('the two simulators disagree');
		const pages = Math.ceil(records / PAGE_SIZE);
		log(`paging: ${PAGING_DAY} with perDay ${perDay} holds ${records} records = ${pages} pages`);

		const fastClient = makeClient(fast.url);
		const slowClient = makeClient(slow.url);
		// Tokens are obtained before any timing (one P002 each); the walks measure D001 paging only.
		const fastToken = await fastClient.revealAccessToken();
		const slowToken = await slowClient.revealAccessToken();
		const expect = (run: Run, what: string) => {
			if (run.records !== records) throw new Error(`${what}: ${run.records} records, expected ${records}`);
			return run;
		};

		// Service time at latency 0: what one request costs the simulator (CPU) and the round trip, with no wait.
		await plainLoop(fast.url, fastToken); // warm-up
		await clientWalk(fastClient, 1);
		await clientWalk(fastClient, 4);
		const plain0 = expect(await measure(sim, () => plainLoop(fast.url, fastToken)), 'plain loop, latency 0');
		const client0 = expect(await measure(sim, () => clientWalk(fastClient, 1)), 'client c=1, latency 0');
		const client0c4 = expect(await measure(sim, () => clientWalk(fastClient, 4)), 'client c=4, latency 0');
		log(
			`paging: latency 0: plain ${fmtMs(plain0.wallMs)}, client c=1 ${fmtMs(client0.wallMs)}, c=4 ${fmtMs(client0c4.wallMs)}`,
		);

		const plain50 = expect(await measure(sim, () => plainLoop(slow.url, slowToken)), 'plain loop, latency 50');
		log(`paging: latency ${LATENCY_MS}: plain sequential loop ${fmtMs(plain50.wallMs)}`);
		const byConcurrency: Record<number, Run[]> = {};
		for (const c of [1, 2, 4, 8]) {
			byConcurrency[c] = [];
			for (let i = 0; i < REPEATS[c]; i++) {
				const run = expect(await measure(sim, () => clientWalk(slowClient, c)), `client c=${c}`);
				byConcurrency[c].push(run);
				log(`paging: latency ${LATENCY_MS}: client c=${c} run ${i + 1}: ${fmtMs(run.wallMs)}`);
			}
		}

		const perReq = (run: Run) => ({
			wallMsPerPage: round(run.wallMs / pages, 3),
			clientCpuMsPerPage: round(run.clientCpuMs / pages, 3),
			simCpuMsPerPage: round(run.simCpuMs / pages, 3),
		});
		const serviceRaw = {
			pages,
			plainLoopLatency0: { ...roundRun(plain0), ...perReq(plain0) },
			clientC1Latency0: { ...roundRun(client0), ...perReq(client0) },
			clientC4Latency0: {
				...roundRun(client0c4),
				...perReq(client0c4),
				pagesPerSecond: round((pages / client0c4.wallMs) * 1000, 1),
			},
		};
		const results: BenchResult[] = [
			{
				id: 'paging.service',
				name: 'Simulator service time per request (latency 0)',
				raw: serviceRaw,
				ratios: {
					simCpuShareOfPlainRoundTrip: round(plain0.simCpuMs / plain0.wallMs, 3),
					simCpuShareOfClientRoundTrip: round(client0.simCpuMs / client0.wallMs, 3),
				},
				target: null,
				value: round(plain0.simCpuMs / pages, 3),
				unit: 'ms CPU/request',
				met: null,
				notes: `round trip ${round(plain0.wallMs / pages, 2)} ms (plain) / ${round(client0.wallMs / pages, 2)} ms (client, of which client CPU ${round(client0.clientCpuMs / pages, 2)} ms)`,
			},
		];

		const plainMs = plain50.wallMs;
		results.push({
			id: 'paging.plainLoop',
			name: `Plain sequential HTTP loop, ${pages} pages, ${LATENCY_MS} ms latency`,
			raw: { ...roundRun(plain50), ...perReq(plain50), idealMs: pages * LATENCY_MS },
			ratios: { ofIdeal: round(plainMs / (pages * LATENCY_MS), 3) },
			target: null,
			value: round(plainMs / 1000, 2),
			unit: 's',
			met: null,
			notes: `${round(plainMs / pages, 2)} ms per request: ${LATENCY_MS} ms latency + ${round(plainMs / pages - LATENCY_MS, 2)} ms timer slop, loopback and simulator`,
		});
		for (const c of [1, 2, 4, 8]) {
			const runs = byConcurrency[c];
			const wall = median(runs.map((r) => r.wallMs));
			const idealMs = (pages * LATENCY_MS) / c;
			const rounds = 1 + Math.ceil((pages - 1) / c);
			const floorMs = rounds * LATENCY_MS;
			// The same rounds at what one request really takes here (the plain loop's time per page: latency, timer
			// slop, loopback and the simulator's own work), i.e. the best the simulator allows at this concurrency.
			const simFloorMs = rounds * (plainMs / pages);
			const raw = {
				concurrency: c,
				pages,
				records,
				latencyMs: LATENCY_MS,
				runsWallMs: runs.map((r) => round(r.wallMs, 1)),
				medianWallMs: round(wall, 1),
				idealMs,
				structuralFloorMs: floorMs,
				simulatorFloorMs: round(simFloorMs, 1),
				clientCpuMsPerPage: round(median(runs.map((r) => r.clientCpuMs)) / pages, 3),
				simCpuMsPerPage: round(median(runs.map((r) => r.simCpuMs)) / pages, 3),
			};
			const ratios = {
				ofIdeal: round(wall / idealMs, 3),
				ofStructuralFloor: round(wall / floorMs, 3),
				ofSimulatorFloor: round(wall / simFloorMs, 3),
				speedupVsPlainLoop: round(plainMs / wall, 2),
				pagesPerSecond: round((pages / wall) * 1000, 1),
			};
			if (c === 4) {
				results.push({
					id: 'paging.c4.ideal',
					name: `UdidClient + fetchAllPages, c=4 vs ideal (${pages}×${LATENCY_MS} ms/4)`,
					raw,
					ratios,
					target: { text: 'within 15 % of ideal', value: 1.15, unit: '× ideal', compare: '<=' },
					value: ratios.ofIdeal,
					unit: '× ideal',
					met: check('<=', ratios.ofIdeal, 1.15),
					notes: `${fmtMs(wall)} vs ideal ${fmtMs(idealMs)}; ${ratios.ofSimulatorFloor}× the simulator floor (${rounds} rounds × ${round(plainMs / pages, 1)} ms, the plain loop's time per request)`,
				});
				results.push({
					id: 'paging.c4.plain',
					name: 'UdidClient + fetchAllPages, c=4 vs plain sequential loop',
					raw: { medianWallMs: round(wall, 1), plainLoopWallMs: round(plainMs, 1) },
					ratios: { speedupVsPlainLoop: ratios.speedupVsPlainLoop },
					target: { text: '≥ 3.5× the sequential loop', value: 3.5, unit: '× faster', compare: '>=' },
					value: ratios.speedupVsPlainLoop,
					unit: '× faster',
					met: check('>=', ratios.speedupVsPlainLoop, 3.5),
				});
			} else {
				results.push({
					id: `paging.c${c}`,
					name: `UdidClient + fetchAllPages, c=${c}`,
					raw,
					ratios,
					target: null,
					value: round(wall / 1000, 2),
					unit: 's',
					met: null,
					notes: `${ratios.ofIdeal}× ideal (${fmtMs(idealMs)}), ${ratios.ofSimulatorFloor}× simulator floor, ${ratios.speedupVsPlainLoop}× plain loop`,
				});
			}
		}
		return {
			results,
			info: {
				day: PAGING_DAY,
				perDay,
				records,
				pages,
				latencyMs: LATENCY_MS,
				repeats: REPEATS,
				loadAverageAfter: loadavg().map((x) => round(x, 2)),
			},
		};
	} finally {
		await sim.close();
	}
}

function roundRun(run: Run) {
	return {
		wallMs: round(run.wallMs, 1),
		records: run.records,
		clientCpuMs: round(run.clientCpuMs, 1),
		simCpuMs: round(run.simCpuMs, 1),
	};
}
