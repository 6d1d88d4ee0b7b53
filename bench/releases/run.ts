/**
 * npm run bench:releases [-- --records 1000000 --parts 200 --dom-parts 20 --memory-records 50000 --runs 3]
 *
 * Builds simulator packages on disk (cached in the temp folder between runs), then in fresh child processes:
 *   1. throughput: every part of a ~records/parts package, zip on disk → shaped flat items (counted, discarded),
 *      CPU µs per record (target ≤ 15), the median of `runs` fresh processes (this machine is shared: single runs
 *      of the same code spread over ±0.7 µs); then the same parts again with a GC and the RSS after each (memory
 *      must not grow with the parts read);
 *   2. the same measure for a whole-part DOM parse with fast-xml-parser on `dom-parts` of the parts, spread evenly
 *      (the DOM path is several times slower; all 200 parts would take minutes on a shared machine), and the ratio;
 *   3. peak RSS growth reading one part of `memory-records` records (target ≤ 64 MB).
 * Writes test/bench/results.json under "releases" (read-modify-write; other keys kept).
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../test/simulator/china-time';
import { Dataset } from '../../test/simulator/dataset';
import type { SimPackage } from '../../test/simulator/releases';
import { writePackage } from '../../test/simulator/releases';
import type { ChildInput, ChildResult } from './child';

const RESULTS = join(__dirname, '..', '..', 'test', 'bench', 'results.json');
const FIRST = '2024-01-01';
const NOW = new Date('2026-01-01T00:00:00Z');

function flag(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const value = Number(process.argv[i + 1]);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--${name} needs a positive whole number, got "${process.argv[i + 1]}"`);
	return value;
}

/** A full release of `days` days of about `perDay` records each in `parts` parts; cached by its shape. */
async function buildPackage(
	label: string,
	perDay: number,
	days: number,
	parts: number,
): Promise<{ file: string; records: number }> {
	const dataset = new Dataset({ seed: 1, perDay, now: () => NOW, cacheRecords: perDay * 2 });
	const dayList = Array.from({ length: days }, (_, i) => addDays(FIRST, i));
	const records = dayList.reduce((sum, day) => sum + dataset.dayList(day).total, 0);
	const partSize = Math.ceil(records / parts);
	const name = `UDID_FULL_RELEASE_${addDays(FIRST, days).replace(/-/g, '')}.zip`;
	const file = join(tmpdir(), 'udid-release-bench', `${label}-${perDay}x${days}-${partSize}`, name);
	if (!existsSync(file)) {
		const started = Date.now();
		const pkg: SimPackage = { kind: 'full', name, days: dayList, published: NOW };
		await writePackage(dataset, pkg, file, {
			partSize,
			trouble: { dirt: ['ampersand', 'htmlEntity', 'control', 'illegalRef'], dirtEvery: 500 },
		});
		console.log(`built ${file}: ${records} records in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
	return { file, records };
}

function runChild(input: ChildInput): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const child = fork(join(__dirname, 'child.ts'), [], {
			execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
			env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
		});
		let result: ChildResult | undefined;
		let error: string | undefined;
		child.on('message', (m: { ready?: boolean; result?: ChildResult; error?: string }) => {
			if (m.ready) child.send({ input });
			if (m.result) result = m.result;
			if (m.error) error = m.error;
		});
		child.on('exit', (code) =>
			result ? resolve(result) : reject(new Error(`bench child (${input.mode}) exited ${code}: ${error ?? ''}`)),
		);
	});
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
	const wanted = flag('records', 1_000_000);
	const parts = flag('parts', 200);
	const domParts = Math.min(parts, flag('dom-parts', 20));
	const memoryRecords = flag('memory-records', 50_000);
	const runs = flag('runs', 3);
	const load = loadavg();
	const main = await buildPackage('throughput', Math.ceil(wanted / parts), parts, parts);
	const big = await buildPackage('memory', memoryRecords, 1, 1);
	const warm = await buildPackage('warmup', 200, 1, 1);

	const streams: ChildResult[] = [];
	for (let i = 0; i < runs; i++) streams.push(await runChild({ mode: 'stream', zipFile: main.file, warmupZip: warm.file }));
	const perRecord = (r: ChildResult) => (r.cpuMs * 1000) / r.records;
	const stream = [...streams].sort((a, b) => perRecord(a) - perRecord(b))[Math.floor((runs - 1) / 2)];
	const series = await runChild({ mode: 'parts', zipFile: main.file, warmupZip: warm.file });
	const indexes = Array.from({ length: domParts }, (_, i) => Math.floor((i * stream.parts) / domParts));
	const dom = await runChild({ mode: 'dom', zipFile: main.file, partIndexes: indexes, warmupZip: warm.file });
	const memory = await runChild({ mode: 'memory', zipFile: big.file, warmupZip: warm.file });

	const streamUs = (stream.cpuMs * 1000) / stream.records;
	const domUs = (dom.cpuMs * 1000) / dom.records;
	const afterParts = series.rssAfterPartsMB;
	const tenth = Math.max(1, Math.floor(afterParts.length / 10));
	const early = afterParts.slice(0, tenth).reduce((a, b) => a + b, 0) / tenth;
	const late = afterParts.slice(-tenth).reduce((a, b) => a + b, 0) / tenth;
	const releases = {
		date: new Date().toISOString(),
		machine: {
			node: process.version,
			cores: cpus().length,
			cpuModel: cpus()[0]?.model,
			loadAverageAtStart: load,
			loadAverageAtEnd: loadavg(),
		},
		ran: {
			records: stream.records,
			parts: stream.parts,
			domParts: dom.parts,
			domRecords: dom.records,
			memoryPartRecords: memory.records,
			requested: { records: wanted, parts },
		},
		throughput: {
			streamCpuUsPerRecord: round(streamUs),
			streamRunsCpuUsPerRecord: streams.map((r) => round(perRecord(r))),
			streamWallSeconds: round(stream.wallMs / 1000, 1),
			domCpuUsPerRecord: round(domUs),
			domOverStreamRatio: round(domUs / streamUs),
			target: '≤ 15 µs CPU per record, zip on disk to shaped flat items',
			met: streamUs <= 15,
			repairsCounted: stream.repairs,
		},
		memory: {
			onePartRecords: memory.records,
			peakRssGrowthMB: round(memory.peakRssMB - memory.baselineRssMB, 1),
			target: '≤ 64 MB peak RSS growth for one 50,000-record part',
			met: memory.peakRssMB - memory.baselineRssMB <= 64,
			rssAfterFirstTenthOfPartsMB: round(early, 1),
			rssAfterLastTenthOfPartsMB: round(late, 1),
			growthAcrossPartsMB: round(late - early, 1),
			streamPeakRssGrowthMB: round(stream.peakRssMB - stream.baselineRssMB, 1),
			domPeakRssGrowthMB: round(dom.peakRssMB - dom.baselineRssMB, 1),
		},
	};
	const results = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
	results.releases = releases;
	writeFileSync(RESULTS, JSON.stringify(results, null, '\t') + '\n');
	console.log(JSON.stringify(releases, null, 2));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
