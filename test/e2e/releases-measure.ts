/**
 * `n8n execute --id … --rawOutput` under /usr/bin/time, for the release comparison: the run as JSON (like
 * N8n.execute, but through a file) plus the peak RSS of the n8n process and the wall time.
 */
import { readFileSync } from 'node:fs';
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

/**
 * The run's JSON goes to a file, not a pipe: n8n exits without draining a pipe, which cuts a large run short
 * (tens of MB for 5,000 records in five nodes). `exec` makes the measured process n8n itself.
 */
export async function timedExecute(
	ctx: { n8n: N8n; logs: string; tools: { node: string; n8nBin: string } },
	id: string,
	timeoutMs = 600_000,
): Promise<TimedRun> {
	const n = ++count;
	const outFile = join(ctx.logs, `execute-timed-${n}-${id}.json`);
	const rssFile = join(ctx.logs, `execute-timed-${n}-${id}.rss`);
	const env = {
		...ctx.n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) }),
		NMPA_E2E_OUT: outFile,
	};
	const script = 'exec "$0" "$@" > "$NMPA_E2E_OUT"';
	const args = [
		'-f',
		'%M',
		'-o',
		rssFile,
		'sh',
		'-c',
		script,
		ctx.tools.node,
		ctx.tools.n8nBin,
		'execute',
		`--id=${id}`,
		'--rawOutput',
	];
	const result = await run(`n8n execute ${id} (timed)`, '/usr/bin/time', args, {
		env,
		timeoutMs,
		check: false,
		logFile: join(ctx.logs, `execute-timed-${n}-${id}.log`),
	});
	const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
	const maxRssMb = Number.isFinite(rssKb) ? Math.round(rssKb / 1024) : NaN;
	log(
		`  n8n execute --id=${id}: exit ${result.code} in ${result.seconds.toFixed(1)}s, peak RSS ${maxRssMb} MB (output: ${outFile})`,
	);
	const lines = readFileSync(outFile, 'utf8').split('\n');
	const start = lines.indexOf('{');
	if (start < 0)
		throw new Error(
			`n8n execute --id=${id} printed no run JSON (exit ${result.code}):\n${result.stderr.split('\n').slice(-40).join('\n')}`,
		);
	let end = lines.length;
	while (end > start && lines[end - 1] !== '}') end--;
	return { run: JSON.parse(lines.slice(start, end).join('\n')) as ExecutionRun, maxRssMb, seconds: result.seconds };
}
