/**
 * `npm run demo`: starts the simulator, runs examples/daily-sync.json through n8n's execution engine against
 * it, shows a progress bar and writes the items as JSON Lines and CSV. No credentials, no network.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeSharedDispatchers } from '../nodes/udid/client/http';
import { captured, runWorkflow } from '../test/helpers/engine';
import { DEFAULT_APP, startSimulator } from '../test/simulator';
import { toCsv } from './csv';

async function main() {
	const workflowFile = resolve(process.argv[2] ?? join(__dirname, 'daily-sync.json'));
	const outDir = join(__dirname, 'output');
	const sim = await startSimulator({ port: 0, latencyMs: 15 });
	const started = Date.now();
	let shownQuarter = -1;
	captured.onLog = (_level, message) => {
		const m = /page (\d+)\/(\d+), (\d+) records/.exec(message);
		if (!m) return;
		const line = `${bar(+m[1], +m[2])} ${m[1]}/${m[2]} pages, ${m[3]} records`;
		if (process.stdout.isTTY) return void process.stdout.write(`\r${line}`);
		const quarter = Math.floor((4 * +m[1]) / Math.max(1, +m[2])); // logs and pipes get a line per quarter
		if (quarter > shownQuarter) {
			shownQuarter = quarter;
			process.stdout.write(`${line}\n`);
		}
	};
	try {
		const workflow = JSON.parse(readFileSync(workflowFile, 'utf8'));
		const credentials = {
			appId: DEFAULT_APP.appId,
			appSecret: DEFAULT_APP.appSecret,
			tyshxydm: DEFAULT_APP.creditCodes[0],
			environment: 'production',
			baseUrl: sim.url,
		};
		console.log(`Simulator at ${sim.url}; running ${workflowFile}`);
		const { output, error } = await runWorkflow(workflow, credentials);
		process.stdout.write('\n');
		if (error) throw error;
		const last = workflow.nodes[workflow.nodes.length - 1].name as string;
		const items = output(last).map((i) => i.json);
		mkdirSync(outDir, { recursive: true });
		const base = join(
			outDir,
			workflow.name
				.replace(/[^\w-]+/g, '-')
				.replace(/^-|-$/g, '')
				.toLowerCase() || 'output',
		);
		writeFileSync(`${base}.jsonl`, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
		writeFileSync(`${base}.csv`, toCsv(items));
		const days = new Set(items.map((i) => i.versionTime));
		console.log(
			`${items.length} device versions (${[...days].join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${sim.stats.requests.data} data requests, ${sim.stats.tokensIssued} token request(s).`,
		);
		console.log(`Written:\n  ${base}.jsonl\n  ${base}.csv`);
		if (items[0]) console.log(`First item: ${items[0].ZXXSDYCPBS} ${items[0].CPMCTYMC} (${items[0].YLQXZCRBARMC})`);
	} finally {
		await sim.close();
		await closeSharedDispatchers();
	}
}

function bar(done: number, total: number, width = 30): string {
	const filled = total > 0 ? Math.round((done / total) * width) : width;
	return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

main().catch((error) => {
	console.error(`demo failed: ${error?.message ?? error}`);
	process.exit(1);
});
