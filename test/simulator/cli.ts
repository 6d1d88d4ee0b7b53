/**
 * Runs the simulator until Ctrl-C:
 *   ts-node --transpile-only test/simulator/cli.ts [--port 8089] [--host 127.0.0.1] [--seed 1] [--per-day 3600]
 *     [--latency 0] [--fault-rate 0] [--faults code5,reset,...] [--max-in-flight 0] [--max-per-second 0] [--quiet]
 *     [--releases-port 8090]
 *   --max-in-flight N / --max-per-second N: answer code 10 above N token/data calls in flight / per second.
 */
import { DEFAULT_APP } from './defaults';
import { startReleaseSite } from './releases';
import { startSimulator } from './server';
import { FAULT_KINDS, type FaultKind } from './types';

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
		const eq = arg.indexOf('=');
		if (eq > 0) args.set(arg.slice(2, eq), arg.slice(eq + 1));
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.set(arg.slice(2), argv[++i]);
		else args.set(arg.slice(2), 'true');
	}
	return args;
}

function number(args: Map<string, string>, name: string, fallback: number): number {
	const raw = args.get(name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number, got "${raw}"`);
	return value;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const known = ['port', 'host', 'seed', 'per-day', 'latency', 'fault-rate', 'faults', 'quiet', 'help'];
	known.push('releases-port', 'max-in-flight', 'max-per-second');
	const unknown = [...args.keys()].filter((name) => !known.includes(name));
	if (unknown.length)
		throw new Error(`unknown option --${unknown[0]} (known: ${known.map((k) => '--' + k).join(' ')})`);
	if (args.has('help')) {
		console.log(
			'Usage: cli.ts [--port 8089] [--host 127.0.0.1] [--seed 1] [--per-day 3600] [--latency ms] [--fault-rate 0..1]' +
				' [--faults code5,reset] [--max-in-flight N] [--max-per-second N] [--quiet] [--releases-port 8090]',
		);
		return;
	}
	const kinds = args.get('faults')?.split(',').filter(Boolean) as FaultKind[] | undefined;
	const bad = kinds?.find((kind) => !FAULT_KINDS.includes(kind));
	if (bad) throw new Error(`unknown fault kind "${bad}" (known: ${FAULT_KINDS.join(', ')})`);
	const quiet = args.has('quiet');
	const sim = await startSimulator({
		port: number(args, 'port', 8089),
		host: args.get('host') ?? '127.0.0.1',
		seed: number(args, 'seed', 1),
		perDay: number(args, 'per-day', 3600),
		latencyMs: number(args, 'latency', 0),
		faults: { rate: number(args, 'fault-rate', 0), kinds },
		rateLimit: { maxInFlight: number(args, 'max-in-flight', 0), perSecond: number(args, 'max-per-second', 0) },
		log: quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
	});
	// the bulk-release download site (RSS feeds + packages) from the same seeded data set, on its own port
	const sitePort = args.has('releases-port') ? number(args, 'releases-port', 8090) : undefined;
	const { seed, perDay } = sim.options;
	const site = sitePort === undefined ? undefined : await startReleaseSite({ port: sitePort, seed, perDay });
	if (site) console.log(`  release site ${site.url}/rss/download.html?files=daily|weekly|monthly|full`);
	const o = sim.options;
	console.log(
		[
			'NMPA UDID API simulator',
			`  base URL   ${sim.url}   (also ${sim.url.replace('/api/v2', '/api/beta/v2')})`,
			`  appId      ${DEFAULT_APP.appId}`,
			'  appSecret  the demo value in test/simulator/defaults.ts (DEFAULT_APP.appSecret)',
			`  TYSHXYDM   ${DEFAULT_APP.creditCodes.join(', ')}`,
			`  seed ${o.seed}, about ${o.perDay} records a day, ${o.pageSize} a page, latency ${o.latencyMs} ms` +
				(o.faults.rate ? `, fault rate ${o.faults.rate}` : '') +
				(o.rateLimit.maxInFlight ? `, code 10 above ${o.rateLimit.maxInFlight} in flight` : '') +
				(o.rateLimit.perSecond ? `, code 10 above ${o.rateLimit.perSecond}/s` : ''),
			'  Ctrl-C stops it.',
		].join('\n'),
	);
	const stop = () => {
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
