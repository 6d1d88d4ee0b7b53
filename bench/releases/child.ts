/**
 * One measurement of the release benchmark in a fresh process (run.ts forks it with --expose-gc):
 *   stream  every part of a package: zip on disk → readPart → shapeRecord (flat, code names) → counted, discarded;
 *           CPU of the whole process (inflate threads included). No GC is forced here: a forced full GC between
 *           parts left concurrent sweeping that billed ~7 µs a record to the next part (measured).
 *   parts   the same reading with a GC after each part and the RSS then (memory must not grow with the parts).
 *   dom     the same parts the popular way: inflate the whole part into a string, fast-xml-parser DOM, walk devices.
 *   memory  one big part through the streaming path; peak RSS growth over the level after a warm-up.
 */
import { XMLParser } from 'fast-xml-parser';
import { listParts, readPart, type ReleasePart } from '../../nodes/udid/releases';
import { openZip } from '../../nodes/udid/releases/zip';
import { shapeRecord, type ShapeOptions } from '../../nodes/udid/shape';

export interface ChildInput {
	mode: 'stream' | 'parts' | 'dom' | 'memory';
	zipFile: string;
	/** dom: read only these part numbers (1-based indexes into the part list). */
	partIndexes?: number[];
	/** memory: a small package read first so JIT and buffers are warm before the baseline. */
	warmupZip?: string;
}

export interface ChildResult {
	records: number;
	parts: number;
	cpuMs: number;
	wallMs: number;
	/** RSS after a GC following each part (parts mode). */
	rssAfterPartsMB: number[];
	baselineRssMB: number;
	peakRssMB: number;
	repairs: number;
}

const FLAT: ShapeOptions = { layout: 'flat', fieldNames: 'code', decodeValues: false, normalizeTypes: false };
const MB = 2 ** 20;

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

async function streamPart(part: ReleasePart): Promise<{ records: number; repairs: number }> {
	let records = 0;
	let items = 0;
	const reading = readPart(part);
	// as the n8n and Node-RED shells read: a chunk's records per await
	for await (const batch of reading.batches()) {
		for (const record of batch) {
			items += shapeRecord(record, FLAT).length;
			records++;
		}
	}
	if (items !== records) throw new Error('flat layout must give one item per record');
	const r = reading.summary.repairs;
	return { records, repairs: r.controlCharacters + r.bareAmpersands + r.htmlEntities + r.illegalReferences };
}

async function domPart(part: ReleasePart): Promise<number> {
	const zip = await openZip(part.zipFile);
	try {
		const entry = zip.entries.find((e) => e.name === part.entryName)!;
		const chunks: Buffer[] = [];
		for await (const chunk of await zip.openEntryStream(entry)) chunks.push(chunk as Buffer);
		const xml = Buffer.concat(chunks).toString('utf8');
		const doc = new XMLParser({ processEntities: true, htmlEntities: true, parseTagValue: false }).parse(xml);
		const devices = doc?.udid?.devices?.device;
		return Array.isArray(devices) ? devices.length : devices ? 1 : 0;
	} finally {
		zip.close();
	}
}

async function main(input: ChildInput): Promise<ChildResult> {
	if (input.warmupZip) for (const part of await listParts(input.warmupZip)) await streamPart(part);
	const all = await listParts(input.zipFile);
	const parts = input.partIndexes ? input.partIndexes.map((i) => all[i]) : all;
	gc();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const rssAfterParts: number[] = [];
	let records = 0;
	let repairs = 0;
	let cpuMicros = 0;
	let wallMs = 0;
	for (const part of parts) {
		// CPU of the reading only: the forced GC between parts (for the RSS series) is not part of the cost
		const cpu = process.cpuUsage();
		const started = performance.now();
		if (input.mode === 'dom') records += await domPart(part);
		else {
			const done = await streamPart(part);
			records += done.records;
			repairs += done.repairs;
		}
		const used = process.cpuUsage(cpu);
		cpuMicros += used.user + used.system;
		wallMs += performance.now() - started;
		peak = Math.max(peak, process.memoryUsage().rss);
		if (input.mode === 'parts') {
			gc();
			rssAfterParts.push(Math.round((process.memoryUsage().rss / MB) * 10) / 10);
		}
	}
	clearInterval(sampler);
	return {
		records,
		parts: parts.length,
		cpuMs: cpuMicros / 1000,
		wallMs,
		rssAfterPartsMB: rssAfterParts,
		baselineRssMB: baseline / MB,
		peakRssMB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / MB,
		repairs,
	};
}

process.once('message', (message: { input: ChildInput }) => {
	main(message.input).then(
		(result) => process.send!({ result }, () => process.exit(0)),
		(error: unknown) =>
			process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
				process.exit(1),
			),
	);
});
process.send!({ ready: true });
