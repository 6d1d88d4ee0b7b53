/**
 * What n8n holds per item, in real n8n: one `n8n execute` process per (layout, size) runs a Sync Day of exactly N
 * records (simulator at 0 ms) with successful executions not saved, and its peak RSS (VmHWM) is polled. The CLI
 * prints the run as JSON at the end, as the server would serialise it into its database: the figures include one
 * serialisation of the output. MB per 10,000 records is the slope between the two sizes, so the boot of n8n
 * (the intercept) cancels out; the records that fit in 1 GiB follow from slope and intercept.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { onCleanup } from './lib/proc';
import { executeMeasured, measuredOptions, parseRunOutput, perDayForExactly, round } from './lib/measure';
import type { N8n } from './lib/n8n';
import { check, equal, log } from './lib/report';
import type { WorkflowFile } from './lib/workflows';
import { serverMemory, writeServerWorkflows } from './memory-server';

type Owner = Parameters<typeof serverMemory>[1];

const DAY = '2025-03-04';
const LAYOUTS = ['flat', 'nested', 'relational'] as const;
/**
 * Records per run, per layout. Relational emits ~6.6 items per record; at 20,000 records (~130,000 items) the
 * node fails in n8n with "Maximum call stack size exceeded" (returnData.push(...out) in actions/router.ts spreads
 * every item as an argument), so its larger size stays below ~100,000 items.
 */
const SIZES: Record<(typeof LAYOUTS)[number], number[]> = process.env.NMPA_E2E_MEMORY_SIZES
	? (Object.fromEntries(LAYOUTS.map((l) => [l, process.env.NMPA_E2E_MEMORY_SIZES!.split(',').map(Number)])) as Record<
			(typeof LAYOUTS)[number],
			number[]
		>)
	: { flat: [5000, 20_000], nested: [5000, 20_000], relational: [5000, 12_000] };
const ALL_SIZES = [...new Set(Object.values(SIZES).flat())].sort((a, b) => a - b);
const BUDGET_MIB = 1024;

export interface LayoutMemory {
	/** records → { peak RSS MiB, items emitted, … } */
	runs: Record<string, { peakRssMiB: number; items: number; seconds: number; rssBeforeMiB?: number }>;
	mibPer10kRecords: number;
	mibPer10kItems: number;
	interceptMiB: number;
	/** Records one execution can emit before n8n's RSS reaches 1 GiB (at this machine's figures). */
	recordsUnder1GiB: number;
	/** Records whose own share (the slope, without n8n's idle memory) stays within 1 GiB. */
	recordsPer1GiBOwn: number;
}

const workflowId = (layout: string, records: number) =>
	`NmpaUdidMem${layout[0].toUpperCase()}${String(Math.round(records / 1000)).padStart(3, '0')}k`.slice(0, 16);
const credentialId = (records: number) => `NmpaUdidMem${String(records).padStart(5, '0')}`.slice(0, 16);

function memoryWorkflow(layout: string, records: number): WorkflowFile {
	return {
		id: workflowId(layout, records),
		name: `NMPA UDID – memory, ${layout}, ${records} records`,
		nodes: [
			{
				id: 'd0a80001-0000-4000-a000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'd0a80001-0000-4000-a000-000000000002',
				name: 'Sync Day',
				type: 'n8n-nodes-nmpa-udid.nmpaUdid',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					...{ resource: 'device', operation: 'syncDay', date: DAY, returnAll: true },
					options: measuredOptions(layout),
				},
				credentials: { nmpaUdidApi: { id: credentialId(records), name: `NMPA UDID (memory ${records})` } },
			},
		],
		connections: { Start: { main: [[{ node: 'Sync Day', type: 'main', index: 0 }]] } },
		settings: {
			executionOrder: 'v1',
			timezone: 'Asia/Shanghai',
			saveDataSuccessExecution: 'none',
			saveManualExecutions: false,
		},
		active: false,
	};
}

/** Items of "Sync Day" in the printed run. */
function itemCount(output: string): number {
	const run = parseRunOutput<{
		data: { resultData: { runData: Record<string, Array<{ data?: { main?: unknown[][] } }>> } };
	}>(output);
	return (run.data.resultData.runData['Sync Day'] ?? []).reduce((n, r) => n + (r.data?.main?.[0]?.length ?? 0), 0);
}

/** One simulator per size (exactly that many records on DAY), their credentials, the workflows of both methods. */
async function prepare(n8n: N8n, work: string, frozen: Date): Promise<void> {
	const sims = await Promise.all(
		ALL_SIZES.map((n) => startSimulator({ port: 0, perDay: perDayForExactly(DAY, n), now: () => frozen })),
	);
	sims.forEach((s) => onCleanup('memory simulator', () => s.close()));
	for (const [i, s] of sims.entries())
		equal(`memory simulator ${i + 1}: ${DAY} holds ${ALL_SIZES[i]} records`, s.dayRecords(DAY).length, ALL_SIZES[i]);
	await n8n.importCredentials(
		sims.map((s, i) => ({
			id: credentialId(ALL_SIZES[i]),
			name: `NMPA UDID (memory ${ALL_SIZES[i]})`,
			type: 'nmpaUdidApi',
			data: {
				appId: DEFAULT_APP.appId,
				appSecret: DEFAULT_APP.appSecret,
				tyshxydm: DEFAULT_APP.creditCodes[0],
				environment: 'production',
				baseUrl: s.url,
				legacyTls: false,
				ignoreSslIssues: false,
			},
		})),
	);
	const dir = join(work, 'memory-workflows');
	mkdirSync(dir, { recursive: true });
	for (const layout of LAYOUTS)
		for (const n of SIZES[layout])
			writeFileSync(join(dir, `${workflowId(layout, n)}.json`), JSON.stringify(memoryWorkflow(layout, n)));
	writeServerWorkflows(dir, SIZES, credentialId, DAY);
	await n8n.cli('import:workflow --separate (memory)', ['import:workflow', '--separate', `--input=${dir}`]);
}

async function cliRuns(n8n: N8n, layout: (typeof LAYOUTS)[number]): Promise<LayoutMemory['runs']> {
	const runs: LayoutMemory['runs'] = {};
	for (const n of SIZES[layout]) {
		const id = workflowId(layout, n);
		const logFile = join(n8n.options.logsDir, `memory-${id}.log`);
		const measured = await executeMeasured(n8n, id, logFile);
		const items = measured.code === 0 ? itemCount(measured.output) : -1;
		check(`${layout}, ${n} records: n8n execute succeeded and emitted items (${items})`, items >= n, {
			code: measured.code,
			logFile,
		});
		runs[String(n)] = { peakRssMiB: measured.peakRssMiB, items, seconds: round(measured.seconds) };
		log(
			`  ${layout.padEnd(10)} ${String(n).padStart(6)} records → ${String(items).padStart(6)} items, ` +
				`peak RSS ${measured.peakRssMiB} MiB (${round(measured.seconds)} s)`,
		);
	}
	return runs;
}

export interface MemoryResult {
	/** `n8n execute`, one fresh process per run. */
	execute: Record<string, LayoutMemory>;
	/** `n8n start`, one fresh server per layout, webhook runs, executions saved (n8n's default). */
	server?: Record<string, LayoutMemory>;
}

export async function memoryPerItem(n8n: N8n, work: string, frozen: Date, owner: Owner): Promise<MemoryResult> {
	await prepare(n8n, work, frozen);
	const execute: Record<string, LayoutMemory> = {};
	for (const layout of LAYOUTS) {
		execute[layout] = summarise(await cliRuns(n8n, layout));
		logSummary(`n8n execute, ${layout}`, execute[layout]);
	}
	if (process.env.NMPA_E2E_MEMORY_SERVER === '0') return { execute };
	const serverRuns = await serverMemory(n8n, owner, SIZES);
	const server: Record<string, LayoutMemory> = {};
	for (const layout of LAYOUTS) {
		const runs = Object.fromEntries(
			Object.entries(serverRuns[layout] ?? {}).map(([n, r]) => [n, { ...r, items: execute[layout].runs[n].items }]),
		);
		if (Object.keys(runs).length < 2) continue;
		server[layout] = summarise(runs);
		logSummary(`n8n start, ${layout}`, server[layout]);
	}
	return { execute, server };
}

function logSummary(label: string, m: LayoutMemory): void {
	log(
		`  ${label}: ${m.mibPer10kRecords} MiB per 10,000 records (${m.mibPer10kItems} per 10,000 items), ` +
			`~${m.recordsUnder1GiB} records under 1 GiB of RSS, ~${m.recordsPer1GiBOwn} within 1 GiB of its own`,
	);
}

function summarise(runs: LayoutMemory['runs']): LayoutMemory {
	const sizes = Object.keys(runs)
		.map(Number)
		.sort((a, b) => a - b);
	const [lo, hi] = [sizes[0], sizes[sizes.length - 1]];
	const slopePerRecord = (runs[hi].peakRssMiB - runs[lo].peakRssMiB) / (hi - lo);
	const slopePerItem = (runs[hi].peakRssMiB - runs[lo].peakRssMiB) / (runs[hi].items - runs[lo].items);
	const intercept = runs[lo].peakRssMiB - slopePerRecord * lo;
	return {
		runs,
		mibPer10kRecords: round(slopePerRecord * 10_000),
		mibPer10kItems: round(slopePerItem * 10_000),
		interceptMiB: round(intercept),
		recordsUnder1GiB: slopePerRecord > 0 ? Math.floor((BUDGET_MIB - intercept) / slopePerRecord / 1000) * 1000 : -1,
		recordsPer1GiBOwn: slopePerRecord > 0 ? Math.floor(BUDGET_MIB / slopePerRecord / 1000) * 1000 : -1,
	};
}
