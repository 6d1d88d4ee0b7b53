/**
 * Library comparison behind nodes/udid/releases: zip readers and streaming XML parsers on one realistic part
 * (a simulator day of ~5,000 records written as the release files spell them, with the spec's dirt in 1 record of
 * 50). Candidates that are not installed are skipped; install them for a run with
 *   npm i --no-save yauzl unzipper fflate saxes sax htmlparser2 yazl
 *   npx ts-node --transpile-only bench/releases/compare-libs.ts
 * Each candidate runs in this process one after another, three rounds, median CPU time; RSS growth is measured
 * against the level before the candidate ran (after a GC when --expose-gc is on).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { PartRecordParser } from '../../nodes/udid/releases/part-parser';
import { totalRepairs } from '../../nodes/udid/releases/text-repair';
import { XmlScanner } from '../../nodes/udid/releases/xml-scanner';
import { Dataset } from '../../test/simulator/dataset';
import { deviceXml, DIRT_KINDS, PART_TAIL, partHead } from '../../test/simulator/releases/xml';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
function optional(name: string): any {
	try {
		return require(name);
	} catch {
		return undefined;
	}
}

const DAY = '2025-03-03';

function makePart(): { xml: string; records: number } {
	const dataset = new Dataset({ seed: 1, perDay: 5000, now: () => new Date('2026-01-01T00:00:00Z') });
	const records = dataset.dayRecords(DAY);
	let xml = partHead(records.length);
	records.forEach((record, i) => (xml += deviceXml(record, i % 50 === 7 ? DIRT_KINDS : [])));
	return { xml: xml + PART_TAIL, records: records.length };
}

async function writeZip(xml: string, file: string): Promise<void> {
	const yazl = optional('yazl');
	if (!yazl) throw new Error('yazl is needed to write the test zip (npm i --no-save yazl)');
	const zip = new yazl.ZipFile();
	zip.addBuffer(Buffer.from(xml, 'utf8'), 'UDID_DAY_UPDATE_PART1_Of_1_2025-03-03.xml');
	zip.end();
	await pipeline(zip.outputStream, createWriteStream(file));
}

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

interface Row {
	candidate: string;
	cpuMs: number;
	rssGrowthMB: number;
	result: string;
}

async function measure(candidate: string, run: () => Promise<string> | string): Promise<Row> {
	const times: number[] = [];
	let result = '';
	gc();
	const rssBefore = process.memoryUsage().rss;
	let peak = rssBefore;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	for (let round = 0; round < 3; round++) {
		const start = process.cpuUsage();
		try {
			result = await run();
		} catch (error) {
			result = `error: ${(error as Error).message.split('\n')[0].slice(0, 80)}`;
		}
		const used = process.cpuUsage(start);
		times.push((used.user + used.system) / 1000);
		peak = Math.max(peak, process.memoryUsage().rss);
	}
	clearInterval(timer);
	times.sort((a, b) => a - b);
	return { candidate, cpuMs: Math.round(times[1]), rssGrowthMB: Math.round((peak - rssBefore) / 2 ** 20), result };
}

/** Zip readers: inflate the one entry as a stream, count bytes and check the CRC-32 against the directory. */
function zipCandidates(file: string): Array<[string, () => Promise<string>]> {
	const yauzl = optional('yauzl');
	const unzipper = optional('unzipper');
	const fflate = optional('fflate');
	const out: Array<[string, () => Promise<string>]> = [];
	if (yauzl) out.push(['yauzl 3 (native zlib)', () => viaYauzl(yauzl, file)]);
	if (unzipper) out.push(['unzipper (native zlib)', () => viaUnzipper(unzipper, file)]);
	if (fflate) out.push(['fflate Unzip (JS inflate)', () => viaFflate(fflate, file)]);
	return out;
}

function viaYauzl(yauzl: any, file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		yauzl.open(file, { lazyEntries: true }, (error: Error, zip: any) => {
			if (error) return reject(error);
			zip.on('entry', (entry: any) => {
				zip.openReadStream(entry, (err: Error, stream: Readable) => {
					if (err) return reject(err);
					let crc = 0;
					let bytes = 0;
					stream.on('data', (chunk: Buffer) => ((crc = crc32(chunk, crc)), (bytes += chunk.length)));
					stream.on('end', () => resolve(`${bytes} B, crc ${crc === entry.crc32 ? 'ok' : 'BAD'}`));
					stream.on('error', reject);
				});
			});
			zip.readEntry();
		});
	});
}

async function viaUnzipper(unzipper: any, file: string): Promise<string> {
	const directory = await unzipper.Open.file(file);
	const entry = directory.files[0];
	let crc = 0;
	let bytes = 0;
	for await (const chunk of entry.stream() as Readable) {
		crc = crc32(chunk as Buffer, crc);
		bytes += (chunk as Buffer).length;
	}
	return `${bytes} B, crc ${crc === entry.crc32 ? 'ok' : 'BAD'}`;
}

async function viaFflate(fflate: any, file: string): Promise<string> {
	const { createReadStream } = await import('node:fs');
	let bytes = 0;
	let crc = 0;
	const unzip = new fflate.Unzip();
	unzip.register(fflate.UnzipInflate);
	unzip.onfile = (entry: any) => {
		entry.ondata = (_e: Error, chunk: Uint8Array) => ((bytes += chunk.length), (crc = crc32(chunk, crc)));
		entry.start();
	};
	for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) unzip.push(chunk as Uint8Array);
	unzip.push(new Uint8Array(0), true);
	return `${bytes} B`;
}

/** XML parsers: stream the text in 64 KB chunks, count <device> elements and text events. */
function xmlCandidates(chunks: string[]): Array<[string, () => string]> {
	const out: Array<[string, () => string]> = [];
	const saxes = optional('saxes');
	const sax = optional('sax');
	const htmlparser2 = optional('htmlparser2');
	if (saxes) out.push(['saxes 6 (strict)', () => viaSaxes(saxes, chunks)]);
	if (sax) out.push(['sax 1 (strict=false)', () => viaSax(sax, chunks, false)]);
	if (sax) out.push(['sax 1 (strict)', () => viaSax(sax, chunks, true)]);
	if (htmlparser2) out.push(['htmlparser2 (xmlMode)', () => viaHtmlparser2(htmlparser2, chunks)]);
	out.push(['own XmlScanner (tokens only)', () => viaOwnScanner(chunks)]);
	out.push(['own PartRecordParser (records)', () => viaOwnParser(chunks)]);
	return out;
}

function viaSaxes(saxes: any, chunks: string[]): string {
	const parser = new saxes.SaxesParser();
	let devices = 0;
	let errors = 0;
	parser.on('opentag', (tag: { name: string }) => tag.name === 'device' && devices++);
	parser.on('text', () => undefined);
	parser.on('error', () => errors++);
	for (const chunk of chunks) parser.write(chunk);
	parser.close();
	return `${devices} devices, ${errors} errors`;
}

function viaSax(sax: any, chunks: string[], strict: boolean): string {
	const parser = sax.parser(strict, { lowercase: false });
	let devices = 0;
	let errors = 0;
	parser.onopentag = (tag: { name: string }) => tag.name.toLowerCase() === 'device' && devices++;
	parser.ontext = () => undefined;
	parser.onerror = () => {
		errors++;
		parser.error = null;
		parser.resume();
	};
	for (const chunk of chunks) parser.write(chunk);
	parser.close();
	return `${devices} devices, ${errors} errors`;
}

function viaHtmlparser2(htmlparser2: any, chunks: string[]): string {
	let devices = 0;
	let texts = 0;
	const parser = new htmlparser2.Parser(
		{ onopentagname: (name: string) => name === 'device' && devices++, ontext: () => texts++ },
		{ xmlMode: true, decodeEntities: false },
	);
	for (const chunk of chunks) parser.write(chunk);
	parser.end();
	return `${devices} devices, ${texts} text events`;
}

function viaOwnScanner(chunks: string[]): string {
	let devices = 0;
	let texts = 0;
	const scanner = new XmlScanner({
		open: (name) => name === 'device' && devices++,
		close: () => undefined,
		leaf: () => texts++,
		text: () => texts++,
		bareLessThan: () => undefined,
	});
	for (const chunk of chunks) scanner.write(chunk);
	scanner.end();
	return `${devices} devices, ${texts} text events`;
}

/** The whole path to canonical records: tokens, repairs (counted), dictionary mapping, header check. */
function viaOwnParser(chunks: string[]): string {
	let records = 0;
	const parser = new PartRecordParser(() => records++);
	for (const chunk of chunks) parser.write(chunk);
	const summary = parser.end();
	return `${records} records, header ${summary.countMatches ? 'matches' : 'differs'}, ${totalRepairs(summary.repairs)} repairs`;
}

async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'udid-libcmp-'));
	try {
		const { xml, records } = makePart();
		const file = join(dir, 'part.zip');
		await writeZip(xml, file);
		const chunks: string[] = [];
		for (let i = 0; i < xml.length; i += 1 << 16) chunks.push(xml.slice(i, i + (1 << 16)));
		console.log(
			`part: ${records} records, ${(Buffer.byteLength(xml) / 2 ** 20).toFixed(1)} MB XML, zip ${(statSync(file).size / 2 ** 20).toFixed(1)} MB`,
		);
		const rows: Row[] = [];
		for (const [name, run] of zipCandidates(file)) rows.push(await measure(name, run));
		for (const [name, run] of xmlCandidates(chunks)) rows.push({ ...(await measure(name, run)) });
		for (const row of rows) {
			const perRecord = ((row.cpuMs * 1000) / records).toFixed(1);
			console.log(
				`${row.candidate.padEnd(28)} ${String(row.cpuMs).padStart(6)} ms CPU  ${perRecord.padStart(6)} µs/record  +${row.rssGrowthMB} MB RSS  ${row.result}`,
			);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

void main();
