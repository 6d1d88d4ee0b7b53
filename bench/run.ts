/**
 * `npm run bench`: paging throughput, client CPU per record, memory of a 100k-record sync in n8n's engine,
 * and token requests of concurrent executions, all against the simulator on loopback, in one run.
 *
 *   npx ts-node --transpile-only bench/run.ts [--only=paging,speed,cpu,memory,tokens] [--no-write]
 *
 * With --only, the rows of the other groups already in results.json are kept (a group's rows are replaced).
 * With --cpu-baseline=/path/to/other/checkout, the CPU row also records compare-cpu.ts against that checkout.
 *
 * Writes test/bench/results.json and bench/RESULTS.md (the Markdown table, also printed). The simulator runs in
 * its own process for paging and memory (sim-process.ts); CPU, memory and tokens run in fresh child processes.
 * bench/compare-cpu.ts is the A/B tool for a core change (this checkout against another one).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CpuInput } from './cpu-child';
import type { BenchResult } from './lib';
import { BENCH_DIR, check, fmtBytes, fmtMs, machineInfo, planRange, round, runChild } from './lib';
import type { MemoryInput } from './memory-child';
import { pagingBenchmarks } from './paging';
import { SimProcess } from './sim-process';
import { speedBenchmarks } from './speed';
import type { TokensInput } from './tokens-child';

const ROOT = join(BENCH_DIR, '..');
const args = process.argv.slice(2);
const only = args
	.find((a) => a.startsWith('--only='))
	?.slice(7)
	.split(',');
const write = !args.includes('--no-write');
/** --cpu-baseline=/path/to/other/checkout: also run compare-cpu.ts against it (before/after ratio in one run). */
const cpuBaseline = args.find((a) => a.startsWith('--cpu-baseline='))?.slice(15);
const enabled = (name: string) => !only || only.includes(name);
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const MEMORY_DAYS = 10;
const MEMORY_FROM = '2025-04-01';
const CPU_FROM = '2025-05-01';
const TOKENS_FROM = '2025-06-01';

async function cpuBenchmark(): Promise<BenchResult> {
	const input: CpuInput = { records: 100_000, perDay: 10_000, from: CPU_FROM, runs: 3 };
	type Out = Awaited<ReturnType<(typeof import('./cpu-child'))['main']>>;
	const r = {
		...(await runChild<Out>('cpu-child.ts', input, ['--expose-gc', '--max-old-space-size=4096'])),
		loadAverageAfter: loadavg().map((x) => round(x, 2)),
	};
	const target = 20;
	const s = r.stagesOneDay.usPerRecord;
	const baseline = cpuBaseline ? await compareWithBaseline(cpuBaseline) : undefined;
	return {
		id: 'cpu.perRecord',
		name: `Client CPU per record: decode + validate + join + de-dupe + flatten (${r.records.toLocaleString('en')} records, no HTTP)`,
		raw: { ...r, ...(baseline ? { baseline } : {}) },
		ratios: {
			ofTarget: round(r.retainCpuMedianUsPerRecord / target, 2),
			discardOfTarget: round(r.discardUsPerRecord / target, 2),
		},
		target: { text: 'under 20 µs per record (process CPU time)', value: target, unit: 'µs/record', compare: '<=' },
		value: r.retainCpuMedianUsPerRecord,
		unit: 'µs/record',
		met: check('<=', r.retainCpuMedianUsPerRecord, target),
		notes:
			`process CPU time (all threads), median of ${r.runs} runs after warm-up, items kept as the node keeps them; ` +
			`wall time ${r.retainMedianUsPerRecord} µs (min ${r.retainMinUsPerRecord}; one run with items dropped: ${r.discardUsPerRecord} µs); ` +
			`one day by stage: JSON.parse ${s.parse}, decodePage ${s.decodePage}, de-dupe ${s.fetchAllPagesDedupe}, toFlatItem ${s.toFlatItem} µs; ` +
			`floor (JSON.parse + one bare copy per record, kept): ${s.floorParseAndCopy} µs` +
			(baseline
				? `; before/after in one run (compare-cpu, ${baseline.records} records, ${baseline.rounds} alternating rounds): ` +
					`${baseline.otherCpuUsPerRecord} → ${baseline.thisCpuUsPerRecord} µs CPU (${baseline.otherOfThisCpu}× less), ` +
					`wall ${baseline.otherUsPerRecord} → ${baseline.thisUsPerRecord} µs, baseline ${baseline.checkout}`
				: ''),
	};
}

/** compare-cpu.ts against another checkout, in a child: this checkout's pipeline against the baseline's. */
interface BaselineComparison {
	checkout: string;
	records: number;
	rounds: number;
	thisUsPerRecord: number;
	otherUsPerRecord: number;
	thisCpuUsPerRecord: number;
	otherCpuUsPerRecord: number;
	otherOfThisCpu: number;
}

function compareWithBaseline(checkout: string): Promise<BaselineComparison> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--expose-gc', '-r', 'ts-node/register/transpile-only', join(BENCH_DIR, 'compare-cpu.ts'), checkout, '11'],
			{
				env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`compare-cpu.ts exited with ${code}`));
			const {
				thisRuns: _a,
				otherRuns: _b,
				...summary
			} = JSON.parse(out) as Omit<BaselineComparison, 'checkout'> & { thisRuns: number[]; otherRuns: number[] };
			resolve({ ...summary, checkout });
		});
	});
}

async function memoryBenchmark(): Promise<BenchResult[]> {
	const wanted = 100_000;
	const plan = planRange(MEMORY_FROM, MEMORY_DAYS, wanted);
	if (!plan) throw new Error('no start day and perDay give exactly 100,000 records over 10 days');
	const sim = await SimProcess.spawn();
	try {
		const { simId, url } = await sim.start({ seed: 1, perDay: plan.perDay, latencyMs: 0, dailyQuota: 1_000_000_000 });
		const input: Omit<MemoryInput, 'mode'> = {
			url,
			from: plan.from,
			to: plan.to,
			expectedRecords: wanted,
			warmupDay: '2025-03-20',
			gcEvery: 250,
			sampleMs: 5,
		};
		type Peak = Extract<Awaited<ReturnType<(typeof import('./memory-child'))['main']>>, { page: unknown }>;
		type Live = Extract<Awaited<ReturnType<(typeof import('./memory-child'))['main']>>, { samples: number }>;
		const a = await runChild<Peak>('memory-child.ts', { ...input, mode: 'peak' }, ['--expose-gc']);
		log(`memory: peak run ${fmtMs(a.wallMs)}; live-set run (full GC every ${input.gcEvery} pages)`);
		const b = await runChild<Live>('memory-child.ts', { ...input, mode: 'live' }, ['--expose-gc']);
		const stats = await sim.stats(simId);
		const p = a.page;
		// The target: one extra copy of a page, i.e. one page in the forms it takes while it is processed.
		const onePage = p.bodyStringHeapBytes + p.parsedJsonHeapBytes + p.decodedPageHeapBytes;
		const pageText = `1 page = ${fmtBytes(onePage)} (body string ${fmtBytes(p.bodyStringHeapBytes)} + JSON.parse ${fmtBytes(p.parsedJsonHeapBytes)} + DecodedPage ${fmtBytes(p.decodedPageHeapBytes)})`;
		const common = {
			loadAverageAfter: loadavg().map((x) => round(x, 2)),
			dataRequests: stats.requests.data,
			page: p,
			onePageBytes: onePage,
			perDay: plan.perDay,
			from: plan.from,
			to: plan.to,
			dayCounts: plan.counts,
		};
		const n = a.records.toLocaleString('en');
		return [
			{
				id: 'memory.rawPeak',
				name: `Memory, ${n}-record syncRange in n8n's engine: (peak heap − baseline − items) / records`,
				raw: { ...common, ...a },
				ratios: {
					extraOfOnePage: round(a.rawExtraBytes / onePage, 1),
					extraOfItems: round(a.rawExtraBytes / a.itemsRetainedBytes, 3),
				},
				target: {
					text: `≤ one page beyond the items: ${pageText} → ${round(onePage / a.records, 2)} B/record`,
					value: round(onePage / a.records, 2),
					unit: 'B/record',
					compare: '<=',
				},
				value: a.rawExtraBytesPerRecord,
				unit: 'B/record',
				met: check('<=', a.rawExtraBytesPerRecord, onePage / a.records),
				notes: `peak ${fmtBytes(a.peakHeap - a.baselineHeap)} over baseline, items ${fmtBytes(a.itemsRetainedBytes)} (${a.itemsBytesPerRecord} B/record); heapUsed without forced GC, so garbage not yet collected counts`,
			},
			{
				id: 'memory.live',
				name: `Memory, same sync, live set (full GC every ${b.gcEvery} pages): max(heap − baseline − items so far)`,
				raw: { ...common, ...b },
				ratios: { extraOfOnePage: round(b.liveExtraMaxBytes / onePage, 1) },
				target: { text: `≤ one page (${fmtBytes(onePage)})`, value: onePage, unit: 'bytes', compare: '<=' },
				value: b.liveExtraMaxBytes,
				unit: 'bytes',
				met: check('<=', b.liveExtraMaxBytes, onePage),
				notes:
					`${fmtBytes(b.liveExtraMaxBytes)} = ${b.liveExtraMaxBytesPerRecord} B/record; fit: ${fmtBytes(b.liveExtraFitConstantBytes)} constant + ${b.liveExtraFitBytesPerRecord} B/record; ` +
					`a de-dup Set entry ≈ ${p.seenSetBytesPerRecord} B per record of the walk being paged (one day or month at a time; range-wide it would be ${fmtBytes(p.seenSetBytesPerRecord * a.records)})`,
			},
			{
				id: 'memory.retainedAfterRun',
				name: 'Heap still used after the execution ends (first sync of the credential in the process)',
				raw: { peakRun: a.retainedAfterRunBytes, liveRun: b.retainedAfterRunBytes, itemsBytes: a.itemsRetainedBytes },
				ratios: {
					ofItems: round(Math.max(a.retainedAfterRunBytes, b.retainedAfterRunBytes) / a.itemsRetainedBytes, 3),
				},
				// Not a target of the brief: the execution's output must not outlive it. One-time state of a credential's
				// first run (client, keep-alive sockets, token, n8n's caches) is allowed for: 1 % of the items' heap.
				target: {
					text: `output not retained: ≤ 1 % of the items' heap (${fmtBytes(a.itemsRetainedBytes / 100)})`,
					value: a.itemsRetainedBytes / 100,
					unit: 'bytes',
					compare: '<=',
				},
				value: Math.max(a.retainedAfterRunBytes, b.retainedAfterRunBytes),
				unit: 'bytes',
				met: check('<=', Math.max(a.retainedAfterRunBytes, b.retainedAfterRunBytes), a.itemsRetainedBytes / 100),
				notes: `${fmtBytes(a.retainedAfterRunBytes)} / ${fmtBytes(b.retainedAfterRunBytes)} (two fresh processes) vs items ${fmtBytes(a.itemsRetainedBytes)}`,
			},
		];
	} finally {
		await sim.close();
	}
}

async function tokensBenchmark(): Promise<BenchResult> {
	const input: TokensInput = { from: TOKENS_FROM, days: 10, perDay: 30, executions: 20, latencyMs: 10 };
	type Out = Awaited<ReturnType<(typeof import('./tokens-child'))['main']>>;
	const r = { ...(await runChild<Out>('tokens-child.ts', input)), loadAverageAfter: loadavg().map((x) => round(x, 2)) };
	const ok = (w: Out['cold']) => w.failed === 0 && w.wrongItemCounts === 0;
	return {
		id: 'tokens.concurrent',
		name: `Token requests: ${r.executions} concurrent syncRange executions × ${r.days} days, one credential`,
		raw: r,
		ratios: { tokenRequestsPerExecution: round(r.cold.tokenRequests / r.executions, 3) },
		target: { text: 'exactly 1 token request (until expiry)', value: 1, unit: 'requests', compare: '==' },
		value: r.cold.tokenRequests,
		unit: 'token requests',
		met: r.cold.tokenRequests === 1 && r.cold.tokensIssued === 1 && ok(r.cold),
		notes: `${r.cold.tokensIssued} issued, ${r.cold.dataRequests} data requests, ${r.cold.failed} failed; next wave ${r.warm.tokenRequests}; after expiry ${r.afterExpiry.tokenRequests} (${r.afterExpiry.failed} failed)`,
	};
}

/** How each ratio reads in the table. */
const RATIO_LABELS: Record<string, (v: number) => string> = {
	simCpuShareOfPlainRoundTrip: (v) => `${round(v * 100, 0)} % of the plain round trip is simulator CPU`,
	ofIdeal: (v) => `${v}× ideal`,
	ofSimulatorFloor: (v) => `${v}× simulator floor`,
	speedupVsPlainLoop: (v) => `${v}× the plain loop's speed`,
	ofTarget: (v) => `${v}× target`,
	extraOfOnePage: (v) => `${v}× one page`,
	ofItems: (v) => `${round(v * 100, 2)} % of the items`,
	tokenRequestsPerExecution: (v) => `${v} per execution`,
	autoOfBestFixed: (v) => `${v}× the best fixed level's time`,
	code10Share: (v) => `${round(v * 100, 2)} % answered 10`,
	autoOfFixed2: (v) => `${v}× fixed 2's time`,
	autoOfFixed8: (v) => `${v}× fixed 8's time`,
};

const GROUP_OF_ID: Array<[string, string]> = [
	['paging.', 'paging'],
	['speed.', 'speed'],
	['cpu.', 'cpu'],
	['memory.', 'memory'],
	['tokens.', 'tokens'],
];

/** With --only, the earlier rows and info of the groups not run now, so one group can be re-measured alone. */
function keptFromEarlierRun(file: string): { results: BenchResult[]; info: Record<string, unknown>; note?: string } {
	if (!only || !existsSync(file)) return { results: [], info: {} };
	type Earlier = {
		benchmarks?: BenchResult[];
		info?: Record<string, unknown>;
		machine?: ReturnType<typeof machineInfo>;
	};
	const earlier = JSON.parse(readFileSync(file, 'utf8')) as Earlier;
	const groupOf = (id: string) => GROUP_OF_ID.find(([prefix]) => id.startsWith(prefix))?.[1] ?? id;
	const results = (earlier.benchmarks ?? []).filter((r) => !enabled(groupOf(r.id)));
	const info = Object.fromEntries(Object.entries(earlier.info ?? {}).filter(([group]) => !enabled(group)));
	const m = earlier.machine;
	const note =
		results.length && m
			? `Rows of ${[...new Set(results.map((r) => groupOf(r.id)))].join(', ')} are kept from the run of ${m.date.slice(0, 16)} (load ${m.loadAverage[0]} at its start); the rest (${only.join(', ')}) were measured now.`
			: undefined;
	return { results, info: { ...info, ...(note ? { keptFromEarlierRun: note } : {}) }, note };
}

function measured(r: BenchResult): string {
	return r.unit === 'bytes' ? fmtBytes(r.value) : `${r.value} ${r.unit}`;
}

function markdown(results: BenchResult[], machine: ReturnType<typeof machineInfo>, note?: string): string {
	const lines = [
		`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryMB} MB, Node ${machine.node}, ${machine.date.slice(0, 10)}, load average ${machine.loadAverage[0]} at start (simulator on loopback).`,
		...(note ? ['', note] : []),
		'',
		'| Benchmark | Measured | Ratio | Target | Met | Notes |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	for (const r of results) {
		const ratio = Object.entries(r.ratios)
			.filter(([k]) => RATIO_LABELS[k])
			.map(([k, v]) => RATIO_LABELS[k](v))
			.join(', ');
		const target = r.target ? r.target.text : '—';
		const met = r.met === null ? 'info' : r.met ? '✅ yes' : '❌ no';
		lines.push(
			`| ${r.name} | ${measured(r)} | ${ratio || '—'} | ${target} | ${met} | ${(r.notes ?? '').replace(/\|/g, '\\|')} |`,
		);
	}
	return lines.join('\n') + '\n';
}

async function main() {
	const started = performance.now();
	const machine = machineInfo();
	log(`${machine.cpuModel} × ${machine.cores}, Node ${machine.node}`);
	const results: BenchResult[] = [];
	const info: Record<string, unknown> = {};
	if (enabled('paging')) {
		const paging = await pagingBenchmarks(log);
		results.push(...paging.results);
		info.paging = paging.info;
	}
	if (enabled('speed')) {
		log('speed: Auto vs fixed concurrency, rate-limited and fast simulator');
		const speed = await speedBenchmarks(log);
		results.push(...speed.results);
		info.speed = speed.info;
	}
	if (enabled('cpu')) {
		log('cpu: building 100,000 records of answers, then timing');
		results.push(await cpuBenchmark());
	}
	if (enabled('memory')) {
		log('memory: 100,000-record syncRange in the engine (twice)');
		results.push(...(await memoryBenchmark()));
	}
	if (enabled('tokens')) {
		log('tokens: 20 concurrent executions');
		results.push(await tokensBenchmark());
	}
	const totalSeconds = round((performance.now() - started) / 1000, 1);
	const resultsFile = join(ROOT, 'test', 'bench', 'results.json');
	const kept = keptFromEarlierRun(resultsFile);
	const order = (r: BenchResult) => GROUP_OF_ID.findIndex(([prefix]) => r.id.startsWith(prefix));
	results.push(...kept.results);
	results.sort((x, y) => order(x) - order(y));
	Object.assign(info, kept.info);
	const table = markdown(results, machine, kept.note);
	process.stdout.write(`\n${table}\nTotal bench time: ${totalSeconds} s\n`);
	if (write) {
		mkdirSync(join(ROOT, 'test', 'bench'), { recursive: true });
		const json = {
			machine,
			loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
			totalSeconds,
			info,
			benchmarks: results,
		};
		writeFileSync(resultsFile, JSON.stringify(json, null, '\t') + '\n');
		writeFileSync(
			join(BENCH_DIR, 'RESULTS.md'),
			`# Benchmark results\n\nGenerated by \`npm run bench\` (bench/run.ts); raw numbers in test/bench/results.json.\n\n${table}`,
		);
		log('wrote test/bench/results.json and bench/RESULTS.md');
	}
	const missed = results.filter((r) => r.met === false).map((r) => r.id);
	if (missed.length) log(`targets missed: ${missed.join(', ')}`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
