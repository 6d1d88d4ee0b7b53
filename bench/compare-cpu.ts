/**
 * A/B of the client-side CPU per record between this checkout and another one (e.g. a copy with a patch
 * applied), in one process, runs alternating so that load from other processes hits both sides alike:
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/compare-cpu.ts /path/to/other/checkout [rounds]
 *
 * Same pipeline as bench/cpu-child.ts (decodeAnswerBody + decodePage + fetchAllPages de-dupe + shapeRecord flat,
 * items kept), over 20,000 records built with the simulator's answer code.
 */
import { resolve } from 'node:path';
import { encodeAnswer, JSON_TYPE, pageAnswer } from '../test/simulator/answers';
import { addDays } from '../test/simulator/china-time';
import { Dataset } from '../test/simulator/dataset';
import { gc, median, PAGE_SIZE, round, SEED } from './lib';

interface Core {
	decodeAnswerBody: (endpoint: 'sharing', body: string, contentType?: string) => Record<string, unknown>;
	canonicalTopLevel: (obj: Record<string, unknown>) => Record<string, unknown>;
	checkEnvelope: (endpoint: 'sharing', answer: Record<string, unknown>) => unknown;
	decodePage: (endpoint: 'sharing', answer: Record<string, unknown>) => { records: unknown[] };
	fetchAllPages: (o: {
		fetchPage: (page: number) => Promise<unknown>;
		concurrency: number;
	}) => AsyncGenerator<{ records: unknown[] }>;
	shapeRecord: (record: unknown, options: unknown) => unknown[];
	DEFAULT_SHAPE: unknown;
}

function load(root: string): Core {
	/* eslint-disable @typescript-eslint/no-require-imports */
	return {
		...require(resolve(root, 'nodes/udid/client/decode')),
		...require(resolve(root, 'nodes/udid/client/page')),
		...require(resolve(root, 'nodes/udid/paging')),
		...require(resolve(root, 'nodes/udid/shape')),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
}

async function pipeline(core: Core, walks: string[][]): Promise<number> {
	const out: unknown[] = [];
	for (const pages of walks) {
		const fetchPage = async (page: number) => {
			const answer = core.canonicalTopLevel(core.decodeAnswerBody('sharing', pages[page - 1], JSON_TYPE));
			const code = Number(answer.returnCode);
			if (code === 5 || code === 6 || code === 10) core.checkEnvelope('sharing', answer);
			return core.decodePage('sharing', answer);
		};
		for await (const batch of core.fetchAllPages({ fetchPage, concurrency: 2 })) {
			for (const record of batch.records)
				out.push({ json: core.shapeRecord(record, core.DEFAULT_SHAPE)[0], pairedItem: { item: 0 } });
		}
	}
	return out.length;
}

async function main() {
	const other = process.argv[2];
	if (!other) throw new Error('usage: compare-cpu.ts /path/to/other/checkout [rounds]');
	const rounds = Number(process.argv[3] ?? 9);
	const sides = { this: load(resolve(__dirname, '..')), other: load(other) };
	const dataset = new Dataset({ seed: SEED, perDay: 10_000, now: () => new Date() });
	const walks: string[][] = [];
	let records = 0;
	for (let day = '2025-05-01'; records < 20_000; day = addDays(day, 1)) {
		const all = dataset.dayRecords(day).slice(0, 20_000 - records);
		const pages: string[] = [];
		for (let from = 0, page = 1; from < all.length; from += PAGE_SIZE, page++)
			pages.push(encodeAnswer(pageAnswer(all.slice(from, from + PAGE_SIZE), all.length, page, PAGE_SIZE), {}, false));
		walks.push(pages);
		records += all.length;
	}
	for (const core of Object.values(sides)) for (let i = 0; i < 3; i++) await pipeline(core, walks);
	const times: Record<string, number[]> = { this: [], other: [] };
	// CPU time of the process (all threads, GC helpers too) as well as wall time: on a loaded machine the wall
	// clock also counts the time this process waited for a core.
	const cpu: Record<string, number[]> = { this: [], other: [] };
	for (let r = 0; r < rounds; r++) {
		for (const name of r % 2 ? (['other', 'this'] as const) : (['this', 'other'] as const)) {
			gc();
			const c0 = process.cpuUsage();
			const t0 = performance.now();
			const n = await pipeline(sides[name], walks);
			times[name].push(performance.now() - t0);
			const c = process.cpuUsage(c0);
			cpu[name].push((c.user + c.system) / 1000);
			if (n !== records) throw new Error(`${name}: ${n} items of ${records}`);
		}
	}
	const us = (ms: number) => round((ms * 1000) / records, 2);
	const a = median(times.this);
	const b = median(times.other);
	const ca = median(cpu.this);
	const cb = median(cpu.other);
	const cpuUs = {
		thisCpuUsPerRecord: us(ca),
		otherCpuUsPerRecord: us(cb),
		otherOfThisCpu: round(cb / ca, 3),
		// the fastest round of each: the least disturbed by other processes
		thisMinUsPerRecord: us(Math.min(...times.this)),
		otherMinUsPerRecord: us(Math.min(...times.other)),
	};
	console.log(
		JSON.stringify(
			{
				records,
				rounds,
				thisUsPerRecord: us(a),
				otherUsPerRecord: us(b),
				otherOfThis: round(b / a, 3),
				...cpuUs,
				thisRuns: times.this.map(us),
				otherRuns: times.other.map(us),
			},
			null,
			1,
		),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
