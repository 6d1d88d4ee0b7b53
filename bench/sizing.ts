/**
 * How big a day and a month of UDID data are, per output layout and field naming: `npm run sizing`.
 *
 * It generates the simulator's records for one day and for one month (seed 1, --per-day records a day, ±10 %
 * per day like the simulator), serialises them page by page as the API sends them, decodes each page with the
 * node's own decoder and shapes it with the node's own shaping, then counts items and bytes:
 * - items: what the node outputs (relational gives one item per table row);
 * - item MB: JSON.stringify of every item's json, which is what n8n serialises into its execution data;
 * - wire MB: the API answers' bodies (what crosses the network);
 * - heap: V8 heap the day's items hold while alive ({ json, pairedItem } as the node emits them), measured with
 *   forced garbage collection, so run it with --expose-gc (the npm script does).
 * Writes the tables to bench/SIZING.md and prints them. No network, no timing: the numbers are sizes.
 *
 *   npm run sizing -- [--per-day 3600] [--day 2025-03-03] [--month 2025-04]
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { decodePage } from '../nodes/udid/client/page';
import type { FieldNaming, Layout, ShapeOptions } from '../nodes/udid/shape';
import { shapeRecord } from '../nodes/udid/shape';
import { pageAnswer } from '../test/simulator/answers';
import { addDays } from '../test/simulator/china-time';
import { baseCount, dayOf, generateRecord, generatorContext } from '../test/simulator/generator';

const SEED = 1;
const PAGE_SIZE = 20;
const MB = 1_000_000;
const LAYOUTS: Layout[] = ['flat', 'nested', 'relational'];
const NAMINGS: FieldNaming[] = ['code', 'english', 'chinese'];

interface Totals {
	records: number;
	pages: number;
	items: number;
	itemBytes: number;
	wireBytes: number;
}

function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function daysOfMonth(month: string): string[] {
	const days: string[] = [];
	for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) days.push(day);
	return days;
}

/** The answer bodies of one day, page by page, as the simulator would send them. */
function* pagesOfDay(date: string, perDay: number): Generator<string> {
	const ctx = generatorContext(SEED);
	const day = dayOf(ctx, date);
	const total = baseCount(day, perDay);
	for (let start = 0, page = 1; start < total; start += PAGE_SIZE, page++) {
		const records = [];
		for (let i = start; i < Math.min(total, start + PAGE_SIZE); i++) records.push(generateRecord(ctx, day, i));
		yield JSON.stringify(pageAnswer(records, total, page, PAGE_SIZE));
	}
}

/** Runs the days through decode and shaping; `keep` receives the items when the caller wants them alive. */
function measure(days: string[], perDay: number, shape: ShapeOptions, keep?: unknown[]): Totals {
	const totals: Totals = { records: 0, pages: 0, items: 0, itemBytes: 0, wireBytes: 0 };
	for (const date of days) {
		for (const body of pagesOfDay(date, perDay)) {
			totals.pages++;
			totals.wireBytes += Buffer.byteLength(body);
			const page = decodePage('sharing', JSON.parse(body) as Record<string, unknown>);
			totals.records += page.records.length;
			for (const record of page.records) {
				for (const json of shapeRecord(record, shape)) {
					totals.items++;
					totals.itemBytes += Buffer.byteLength(JSON.stringify(json));
					keep?.push({ json, pairedItem: { item: 0 } });
				}
			}
		}
	}
	return totals;
}

function heapAfterGc(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc (npm run sizing does)');
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

/** Heap held by one day's items (bytes), between two full collections. */
function heapOfDay(date: string, perDay: number, shape: ShapeOptions): number {
	const before = heapAfterGc();
	const kept: unknown[] = [];
	measure([date], perDay, shape, kept);
	const after = heapAfterGc();
	if (kept.length === 0) throw new Error('no items were kept');
	return after - before;
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

const count = (n: number) => n.toLocaleString('en-US');

/** One row of the table: a layout and naming, its day and month. */
function tableRow(layout: Layout, fieldNames: FieldNaming, d: Totals, m: Totals, heapBytes: number): string {
	const perRecord = (d.itemBytes / d.records).toFixed(0);
	const dayCells = [count(d.items), mb(d.itemBytes), mb(heapBytes)];
	const cells = [layout, fieldNames, ...dayCells, count(m.items), mb(m.itemBytes), perRecord];
	return `| ${cells.join(' | ')} |`;
}

function trafficLine(d: Totals, m: Totals): string {
	return (
		`API traffic: day ${count(d.records)} records, ${d.pages} pages (= visits), ${mb(d.wireBytes)} MB of answers;` +
		` month ${count(m.records)} records, ${count(m.pages)} pages, ${mb(m.wireBytes)} MB.`
	);
}

function machineLine(): string {
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	const memoryMB = Math.round(totalmem() / 1048576);
	const date = new Date().toISOString().slice(0, 10);
	return `Machine: ${cpu}, ${cpus().length} cores, ${memoryMB} MB, Node ${process.version}, ${date}.`;
}

function main(): void {
	const perDay = Number(argument('per-day', '3600'));
	const day = argument('day', '2025-03-03');
	const month = argument('month', '2025-04');
	const monthDays = daysOfMonth(month);
	const rows: string[] = [];
	let traffic = '';
	for (const layout of LAYOUTS) {
		for (const fieldNames of NAMINGS) {
			const shape: ShapeOptions = { layout, fieldNames, decodeValues: false, normalizeTypes: false };
			const d = measure([day], perDay, shape);
			const m = measure(monthDays, perDay, shape);
			rows.push(tableRow(layout, fieldNames, d, m, heapOfDay(day, perDay, shape)));
			// the same for every shape: the answers do not depend on how they are shaped
			traffic = trafficLine(d, m);
			process.stderr.write(`sizing: ${layout}/${fieldNames} done\n`);
		}
	}
	const text = [
		`Sizing run (\`npm run sizing\`): seed ${SEED}, ${perDay} records a day (±10 % per day),` +
			` day ${day}, month ${month}.`,
		machineLine(),
		'',
		traffic,
		'',
		'| layout | field names | items / day | item MB / day | heap MB / day | items / month | item MB / month |' +
			' bytes / record |',
		'|---|---|---|---|---|---|---|---|',
		...rows,
		'',
	].join('\n');
	writeFileSync(join(__dirname, 'SIZING.md'), `# Sizing\n\n${text}`);
	process.stdout.write(text);
}

main();
