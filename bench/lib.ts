/** Shared helpers of the benchmark: statistics, child processes, the data plan and result records. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../test/simulator/china-time';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { baseCount, dayOf, generatorContext } from '../test/simulator/generator';

export const BENCH_DIR = __dirname;
export const SEED = 1;
export const PAGE_SIZE = 20;

/** Past days (before the simulator's clock, which is the real clock) so every day is complete. */
export const PAGING_DAY = '2025-03-03';
export const RANGE_FROM = '2025-04-01';

export interface BenchResult {
	id: string;
	name: string;
	/** Raw numbers as measured (units in the key names). */
	raw: Record<string, unknown>;
	/** Derived ratios (dimensionless). */
	ratios: Record<string, number>;
	/** The target in words and the number it is checked against, or null when the row is informational. */
	target: { text: string; value: number; unit: string; compare: '<=' | '>=' | '==' } | null;
	/** The measured value compared with the target. */
	value: number;
	unit: string;
	met: boolean | null;
	notes?: string;
}

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(value: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export function check(compare: '<=' | '>=' | '==', value: number, target: number): boolean {
	return compare === '<=' ? value <= target : compare === '>=' ? value >= target : value === target;
}

function packageVersion(name: string): string {
	try {
		return (
			JSON.parse(readFileSync(join(BENCH_DIR, '..', 'node_modules', name, 'package.json'), 'utf8')) as {
				version: string;
			}
		).version;
	} catch {
		return 'unknown';
	}
}

export function machineInfo() {
	const cpu = cpus();
	return {
		node: process.version,
		v8: process.versions.v8,
		platform: `${process.platform} ${process.arch}`,
		cpuModel: cpu[0]?.model ?? 'unknown',
		cores: cpu.length,
		totalMemoryMB: Math.round(totalmem() / 1048576),
		date: new Date().toISOString(),
		loadAverage: loadavg().map((x) => round(x, 2)),
		undici: packageVersion('undici'),
		n8nCore: packageVersion('n8n-core'),
		zod: packageVersion('zod'),
	};
}

/** perDay for which `date` has exactly `wanted` records under SEED (the simulator varies each day ±10%). */
export function perDayForExactly(date: string, wanted: number): number | undefined {
	const day = dayOf(generatorContext(SEED), date);
	for (let p = Math.floor(wanted / 1.1) - 2; p <= Math.ceil(wanted / 0.9) + 2; p++)
		if (baseCount(day, p) === wanted) return p;
	return undefined;
}

/**
 * A start day and perDay for which `days` consecutive days hold exactly `wanted` records together (the total
 * moves in steps of about `days` per unit of perDay, so several start days are tried).
 */
export function planRange(
	firstFrom: string,
	days: number,
	wanted: number,
	tries = 60,
): { from: string; to: string; perDay: number; counts: number[] } | undefined {
	const ctx = generatorContext(SEED);
	const centre = Math.round(wanted / days);
	for (let t = 0; t < tries; t++) {
		const from = addDays(firstFrom, t);
		const list = Array.from({ length: days }, (_, i) => dayOf(ctx, addDays(from, i)));
		for (let d = 0; d < centre * 0.1; d++) {
			for (const p of [centre + d, centre - d]) {
				const counts = list.map((day) => baseCount(day, p));
				if (counts.reduce((a, b) => a + b, 0) === wanted)
					return { from, to: addDays(from, days - 1), perDay: p, counts };
			}
		}
	}
	return undefined;
}

/** Forks a TypeScript child with ts-node (transpile only); extra node flags such as --expose-gc go in `nodeFlags`. */
export function forkTs(file: string, nodeFlags: string[] = [], env: Record<string, string> = {}): ChildProcess {
	return fork(join(BENCH_DIR, file), [], {
		execArgv: [...nodeFlags, '-r', 'ts-node/register/transpile-only'],
		env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

/** Runs a child to completion and returns the payload of its `{ type: 'result' }` message. */
export function runChild<T>(file: string, input: unknown, nodeFlags: string[] = []): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = forkTs(file, nodeFlags);
		let result: T | undefined;
		let failure: string | undefined;
		child.on('message', (m: { type: string; data?: T; error?: string }) => {
			if (m.type === 'ready') child.send({ type: 'input', data: input });
			else if (m.type === 'result') result = m.data;
			else if (m.type === 'error') failure = m.error;
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			if (result !== undefined) resolve(result);
			else reject(new Error(`${file} exited with code ${code}${failure ? `: ${failure}` : ''}`));
		});
	});
}

/** The child side of runChild: waits for the input, runs `main`, sends the result, exits. */
export function childMain<I, O>(main: (input: I) => Promise<O>): void {
	process.once('message', (m: { type: string; data: I }) => {
		if (m.type !== 'input') return;
		main(m.data).then(
			(data) => process.send!({ type: 'result', data }, () => process.exit(0)),
			(error: unknown) => {
				const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
				process.send!({ type: 'error', error: text }, () => process.exit(1));
			},
		);
	});
	process.send!({ type: 'ready' });
}

export function gc(): void {
	const g = (globalThis as { gc?: () => void }).gc;
	if (!g) throw new Error('run with --expose-gc');
	g();
	g();
}

export const fmtMs = (ms: number) =>
	ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
export const fmtBytes = (b: number) =>
	Math.abs(b) >= 1048576
		? `${(b / 1048576).toFixed(1)} MiB`
		: Math.abs(b) >= 1024
			? `${(b / 1024).toFixed(1)} KiB`
			: `${Math.round(b)} B`;

/**
 * The engine helper's logger keeps every line in an array (for test assertions); n8n's real logger writes and
 * forgets. A no-op logger keeps the harness's own retention out of memory and timing figures.
 */
export function silenceEngineLogger(): void {
	const noop = () => undefined;
	const quiet = { error: noop, warn: noop, info: noop, debug: noop, scoped: () => quiet };
	Container.set(Logger, quiet as unknown as Logger);
}
