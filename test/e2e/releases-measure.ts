/**
 * `n8n execute --id … --rawOutput` under /usr/bin/time, for the release comparison: the run as JSON (like
 * N8n.execute) plus the peak RSS of the n8n process and the wall time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionRun, N8n } from './lib/n8n';
import { freePort, run } from './lib/proc';
import { log } from './lib/report';

export interface TimedRun {
	run: ExecutionRun;
	maxRssMb: number;
	seconds: number;
}

let count = 0;

export async function timedExecute(ctx: { n8n: N8n; logs: string; tools: { node: string; n8nBin: string } }, id: string, timeoutMs = 600_000): Promise<TimedRun> {
	const env = ctx.n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) });
	const args = ['-f', 'NMPA_MAX_RSS_KB=%M', ctx.tools.node, ctx.tools.n8nBin, 'execute', `--id=${id}`, '--rawOutput'];
	const result = await run(`n8n execute ${id} (timed)`, '/usr/bin/time', args, { env, timeoutMs, check: false });
	const logFile = join(ctx.logs, `execute-timed-${++count}-${id}.log`);
	writeFileSync(logFile, `exit ${result.code} after ${result.seconds.toFixed(1)}s\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}`);
	const rss = /NMPA_MAX_RSS_KB=(\d+)/.exec(result.stderr);
	log(`  n8n execute --id=${id}: exit ${result.code} in ${result.seconds.toFixed(1)}s, peak RSS ${rss ? Math.round(Number(rss[1]) / 1024) : '?'} MB (log: ${logFile})`);
	const lines = result.stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) throw new Error(`n8n execute --id=${id} printed no run JSON (exit ${result.code}):\n${(result.stderr || result.stdout).split('\n').slice(-40).join('\n')}`);
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	return { run: JSON.parse(lines.slice(start, end).join('\n')) as ExecutionRun, maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN, seconds: result.seconds };
}
