/**
 * 2. CPU cost of the client side per record, in-process and without HTTP: decodeAnswerBody + decodePage (zod
 * validation, key canonicalisation, child join) + fetchAllPages de-duplication + the flat item (shapeRecord, as
 * the node calls it: a decoded record becomes its item in place), over 100,000
 * records. The answers are built once beforehand with the simulator's own answer code (the exact strings its
 * HTTP server sends), then timed. Run with --expose-gc (the bench forks it so).
 */
import { decodeAnswerBody } from '../nodes/udid/client/decode';
import type { DecodedPage } from '../nodes/udid/client/page';
import { canonicalTopLevel, checkEnvelope, decodePage } from '../nodes/udid/client/page';
import { fetchAllPages } from '../nodes/udid/paging';
import type { DeviceRecord } from '../nodes/udid/records';
import { DEFAULT_SHAPE, shapeRecord } from '../nodes/udid/shape';
import { encodeAnswer, JSON_TYPE, pageAnswer } from '../test/simulator/answers';
import { addDays } from '../test/simulator/china-time';
import { Dataset } from '../test/simulator/dataset';
import { childMain, gc, median, PAGE_SIZE, round, SEED } from './lib';

export interface CpuInput {
	records: number;
	perDay: number;
	from: string;
	runs: number;
}

interface Walk {
	day: string;
	pages: string[];
	records: number;
}

/** The answers of `records` records over consecutive days, as the simulator's server would send them. */
function buildAnswers(input: CpuInput): Walk[] {
	const dataset = new Dataset({ seed: SEED, perDay: input.perDay, now: () => new Date() });
	const walks: Walk[] = [];
	let remaining = input.records;
	for (let day = input.from; remaining > 0; day = addDays(day, 1)) {
		const all = dataset.dayRecords(day);
		const count = Math.min(all.length, remaining);
		const pages: string[] = [];
		for (let from = 0, page = 1; from < count; from += PAGE_SIZE, page++) {
			pages.push(
				encodeAnswer(pageAnswer(all.slice(from, Math.min(count, from + PAGE_SIZE)), count, page, PAGE_SIZE), {}, false),
			);
		}
		walks.push({ day, pages, records: count });
		remaining -= count;
	}
	return walks;
}

/** What UdidClient does with a body once it has it (call() then dataCall()). */
function decodeBody(body: string): DecodedPage {
	const answer = canonicalTopLevel(decodeAnswerBody('sharing', body, JSON_TYPE));
	const code = Number(answer.returnCode);
	if (code === 5 || code === 6 || code === 10) checkEnvelope('sharing', answer);
	return decodePage('sharing', answer);
}

/** Where results go so that the work cannot be optimised away. */
export let sink: unknown;

/**
 * The whole client-side path, as the node runs it: one fetchAllPages walk per day (each de-duplicating its own
 * versions), each record flattened. `retain` keeps the items in an output array as the node does until it returns.
 */
async function pipeline(walks: Walk[], retain: boolean): Promise<number> {
	const out: Array<{ json: unknown; pairedItem: { item: number } }> = [];
	let count = 0;
	for (const walk of walks) {
		const fetchPage = async (page: number) => decodeBody(walk.pages[page - 1]);
		for await (const batch of fetchAllPages({ fetchPage, concurrency: 2 })) {
			for (const record of batch.records) {
				const json = shapeRecord(record, DEFAULT_SHAPE)[0];
				if (retain) out.push({ json, pairedItem: { item: 0 } });
				else sink = json;
				count++;
			}
		}
	}
	sink = out;
	return count;
}

/** Wall time and the process's CPU time (all threads: GC helpers too); on a shared machine the wall clock also
 * counts the time the process waited for a core, so CPU time is the steadier measure of CPU per record. */
async function timed(fn: () => Promise<number>) {
	gc();
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const n = await fn();
	const ms = performance.now() - t0;
	const c = process.cpuUsage(c0);
	return { ms, cpuMs: (c.user + c.system) / 1000, n };
}

/** Each stage alone over one day's pages, µs per record (median of `runs`). */
async function stages(walk: Walk, runs: number) {
	const parse: number[] = [];
	const decode: number[] = [];
	const dedupe: number[] = [];
	const flatten: number[] = [];
	const floor: number[] = [];
	for (let i = 0; i < runs; i++) {
		// A floor for comparison: JSON.parse and one bare copy of each device row's scalar fields into a kept object.
		gc();
		const t0 = performance.now();
		const kept: unknown[] = [];
		for (const body of walk.pages) {
			const answer = JSON.parse(body) as { dataSet: { deviceInfo: Array<Record<string, unknown>> } };
			for (const row of answer.dataSet.deviceInfo) {
				const copy: Record<string, unknown> = {};
				for (const key in row) if (typeof row[key] !== 'object') copy[key] = row[key];
				kept.push(copy);
			}
		}
		floor.push(performance.now() - t0);
		kept.length = 0;
		gc();
		let t = performance.now();
		const parsed = walk.pages.map((body) => canonicalTopLevel(decodeAnswerBody('sharing', body, JSON_TYPE)));
		parse.push(performance.now() - t);
		t = performance.now();
		const decoded = parsed.map((answer) => decodePage('sharing', answer));
		decode.push(performance.now() - t);
		t = performance.now();
		const records: DeviceRecord[] = [];
		for await (const batch of fetchAllPages({ fetchPage: async (page) => decoded[page - 1], concurrency: 2 }))
			records.push(...batch.records);
		dedupe.push(performance.now() - t);
		t = performance.now();
		for (const record of records) sink = shapeRecord(record, DEFAULT_SHAPE)[0];
		flatten.push(performance.now() - t);
	}
	const per = (xs: number[]) => round((median(xs) * 1000) / walk.records, 2);
	return {
		records: walk.records,
		usPerRecord: {
			parse: per(parse),
			decodePage: per(decode),
			fetchAllPagesDedupe: per(dedupe),
			toFlatItem: per(flatten),
			floorParseAndCopy: per(floor),
		},
	};
}

export async function main(input: CpuInput) {
	const t0 = performance.now();
	const walks = buildAnswers(input);
	const total = walks.reduce((n, w) => n + w.records, 0);
	const pages = walks.reduce((n, w) => n + w.pages.length, 0);
	const bodyChars = walks.reduce((n, w) => n + w.pages.reduce((m, p) => m + p.length, 0), 0);
	const buildMs = performance.now() - t0;

	// Warm-up: the first two days once each way, so the measured runs see optimised code.
	const head = walks.slice(0, 2);
	await pipeline(head, false);
	await pipeline(head, true);
	const discard: number[] = [];
	const retain: number[] = [];
	const retainCpu: number[] = [];
	// `runs` runs as the node does it (items kept, the headline), and one with the items dropped for comparison.
	for (let i = 0; i < input.runs + 1; i++) {
		const mode = i !== 1;
		const r = await timed(() => pipeline(walks, mode));
		if (r.n !== total) throw new Error(`pipeline emitted ${r.n} of ${total}`);
		(mode ? retain : discard).push(r.ms);
		if (mode) retainCpu.push(r.cpuMs);
	}
	sink = undefined;
	const breakdown = await stages(walks[0], input.runs);
	const us = (ms: number) => round((ms * 1000) / total, 2);
	return {
		records: total,
		pages,
		walks: walks.length,
		avgBodyChars: Math.round(bodyChars / pages),
		buildAnswersMs: round(buildMs, 0),
		runs: input.runs,
		retainUsPerRecordRuns: retain.map(us),
		retainMedianUsPerRecord: us(median(retain)),
		retainMinUsPerRecord: us(Math.min(...retain)),
		retainCpuUsPerRecordRuns: retainCpu.map(us),
		retainCpuMedianUsPerRecord: us(median(retainCpu)),
		discardUsPerRecord: us(median(discard)),
		stagesOneDay: breakdown,
	};
}

if (require.main === module) childMain(main);
