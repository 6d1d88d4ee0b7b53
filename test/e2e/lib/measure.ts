/**
 * What the measuring parts of the e2e share: simulator days of an exact size, peak RSS of a child process, the
 * machine and load, and the `e2e` key of test/bench/results.json (read-modify-write: the bench's keys stay).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { baseCount, dayOf, generatorContext } from '../../simulator/generator';
import type { N8n } from './n8n';
import { freePort, startProcess, stopProcess } from './proc';

export const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.json');

/** perDay for which `date` holds exactly `wanted` records under `seed` (each day varies ±10% around perDay). */
export function perDayForExactly(date: string, wanted: number, seed = 1): number {
	const day = dayOf(generatorContext(seed), date);
	for (let p = Math.floor(wanted / 1.1) - 2; p <= Math.ceil(wanted / 0.9) + 2; p++)
		if (baseCount(day, p) === wanted) return p;
	throw new Error(`no perDay gives exactly ${wanted} records on ${date} (seed ${seed})`);
}

/**
 * The Sync Day options of a measured run: the layout, and the memory guard off (maxRecordsPerExecution 0, the
 * option of the core's memory guard; a node without that option ignores it), since measuring past it is the point.
 */
export const measuredOptions = (layout: string) => ({ layout, maxRecordsPerExecution: 0 });

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The machine, its load right now, and the n8n / Node versions that ran the measurement. */
export function machine(n8nVersion: string, nodeBin: string): Record<string, unknown> {
	const cpu = cpus();
	const nodeVersion =
		spawnSync(nodeBin, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim() || 'unknown';
	return {
		cpuModel: cpu[0]?.model ?? 'unknown',
		cores: cpu.length,
		totalMemoryMB: Math.round(totalmem() / 1048576),
		loadAverage: loadavg().map((x) => round(x, 2)),
		n8n: n8nVersion,
		node: nodeVersion,
		date: new Date().toISOString(),
	};
}

/** Peak resident set (VmHWM) of a live process in MiB, or undefined once it is gone. */
function peakRssMiB(pid: number): number | undefined {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

export interface MeasuredRun {
	code: number | string;
	/** stdout and stderr, as written to the log file. */
	output: string;
	seconds: number;
	/** The highest VmHWM seen while the process ran (polled every 50 ms; VmHWM never goes down). */
	peakRssMiB: number;
}

/** Runs a command to completion (output to `logFile`, stopped after `timeoutMs`) while polling its peak RSS. */
export async function runMeasured(
	name: string,
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	logFile: string,
	timeoutMs: number,
): Promise<MeasuredRun> {
	const t0 = Date.now();
	const proc = startProcess(name, command, args, { env, logFile });
	let peak = 0;
	const poll = setInterval(() => {
		if (proc.child.pid !== undefined) peak = Math.max(peak, peakRssMiB(proc.child.pid) ?? 0);
	}, 50);
	const timer = setTimeout(() => void stopProcess(proc, 5000), timeoutMs);
	const code = await proc.exited;
	clearInterval(poll);
	clearTimeout(timer);
	try {
		// leftovers of its group (the task runner)
		if (proc.child.pid !== undefined) process.kill(-proc.child.pid, 'SIGKILL');
	} catch {
		/* the group is gone */
	}
	return { code, output: readFileSync(logFile, 'utf8'), seconds: (Date.now() - t0) / 1000, peakRssMiB: round(peak) };
}

/**
 * The run JSON that `n8n execute --rawOutput` prints after its log lines (from the first line that is exactly "{"
 * to the last that is "}"). Its stdout must go to a file: through a pipe, n8n exits before tens of MB are flushed.
 */
export function parseRunOutput<T>(output: string): T {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	if (start < 0 || end <= start) throw new Error(`n8n execute printed no run JSON:\n${lines.slice(-30).join('\n')}`);
	return JSON.parse(lines.slice(start, end).join('\n')) as T;
}

/** `n8n execute --id=<id> --rawOutput` of an instance, stdout to a log file, peak RSS polled. */
export async function executeMeasured(
	n8n: N8n,
	id: string,
	logFile: string,
	timeoutMs = 10 * 60_000,
): Promise<MeasuredRun> {
	const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) });
	return await runMeasured(
		`n8n execute ${id}`,
		n8n.options.tools.node,
		[n8n.options.tools.n8nBin, 'execute', `--id=${id}`, '--rawOutput'],
		env,
		logFile,
		timeoutMs,
	);
}

/** Sets results.json's `e2e.<key>` and keeps everything else in the file. */
export function recordResult(key: string, value: unknown): void {
	const all = existsSync(RESULTS_FILE)
		? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)
		: {};
	const e2e = (all.e2e ?? {}) as Record<string, unknown>;
	e2e[key] = value;
	all.e2e = e2e;
	writeFileSync(RESULTS_FILE, JSON.stringify(all, null, '\t') + '\n');
}
