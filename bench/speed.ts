/**
 * Adaptive concurrency ("auto", the default) against fixed levels, 500 pages of 50 ms, in one run:
 *   (a) a rate-limiting simulator that answers code 10 above 4 calls in flight: Auto's time within 1.3× of the
 *       best fixed level and at most 3 % of its calls answered 10;
 *   (b) a fast simulator (no limit): Auto vs fixed 2, 4 and 8.
 * Every Auto run starts from a fresh budget (as the first sync of a credential in a new process does), with the
 * client's default retry settings, so a code 10 costs what it costs a user. The day goes through runSync, the
 * sync core every shell (n8n node and trigger, Node-RED) calls, with the default flat items.
 */
import { loadavg } from 'node:os';
import { UdidClient } from '../nodes/udid/client/client';
import { AdaptiveConcurrency } from '../nodes/udid/client/concurrency';
import { TokenCache } from '../nodes/udid/client/token-cache';
import type { ConcurrencySetting } from '../nodes/udid/paging';
import { DEFAULT_SHAPE } from '../nodes/udid/shape';
import { runSync } from '../nodes/udid/sync';
import { DEFAULT_APP } from '../test/simulator';
import type { BenchResult } from './lib';
import { PAGING_DAY, SEED, check, fmtMs, median, perDayForExactly, round } from './lib';
import { SimProcess } from './sim-process';

const LATENCY_MS = 50;
const LIMIT_IN_FLIGHT = 4;
const SETTINGS: ConcurrencySetting[] = [2, 4, 8, 'auto'];
/** Runs per setting; fixed 8 against the limit of 4 takes ~70 s (code 10 retries back off), so once there. */
const REPEATS: Record<string, number> = { 2: 1, 4: 2, 8: 2, auto: 3 };
const REPEATS_RATE_LIMITED: Record<string, number> = { ...REPEATS, 8: 1 };

interface Walk {
	setting: ConcurrencySetting;
	wallMs: number;
	records: number;
	calls: number;
	code10: number;
	/** Auto only: the level at the end and the highest reached. */
	level?: number;
	peak?: number;
	error?: string;
}

async function walk(sim: SimProcess, simId: number, url: string, setting: ConcurrencySetting): Promise<Walk> {
	const budget = new AdaptiveConcurrency();
	const client = new UdidClient({
		baseUrl: url,
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		creditCode: DEFAULT_APP.creditCodes[0],
		tokenCache: new TokenCache(),
		concurrency: budget,
	});
	await client.getTokenInfo(); // the token is not part of the timing
	const before = await sim.stats(simId);
	let records = 0;
	let error: string | undefined;
	const t0 = performance.now();
	try {
		const plan = { kind: 'days', days: [PAGING_DAY] } as const;
		const sink = { records: (rows: unknown[]) => void (records += rows.length) };
		await runSync(client, plan, { shape: DEFAULT_SHAPE, concurrency: setting }, sink);
	} catch (e) {
		error = (e as Error).message;
	}
	const wallMs = performance.now() - t0;
	const after = await sim.stats(simId);
	const calls = after.requests.data + after.requests.token - before.requests.data - before.requests.token;
	const code10 = after.rateLimited - before.rateLimited;
	return {
		setting,
		wallMs,
		records,
		calls,
		code10,
		...(setting === 'auto' ? { level: budget.level, peak: budget.peak } : {}),
		error,
	};
}

type Scenario = Record<string, Walk[]>;

interface ScenarioSpec {
	name: string;
	simId: number;
	url: string;
	records: number;
	repeats: Record<string, number>;
}

async function scenario(sim: SimProcess, spec: ScenarioSpec, log: (line: string) => void): Promise<Scenario> {
	const { name, simId, url, records } = spec;
	const out: Scenario = {};
	for (const setting of SETTINGS) {
		const key = String(setting);
		out[key] = [];
		for (let i = 0; i < spec.repeats[key]; i++) {
			const w = await walk(sim, simId, url, setting);
			if (!w.error && w.records !== records) w.error = `${w.records} records, expected ${records}`;
			out[key].push(w);
			const extra = w.peak !== undefined ? `, level ${w.level} (peak ${w.peak})` : '';
			log(
				`speed ${name}: ${key} run ${i + 1}: ${w.error ? `FAILED after ${fmtMs(w.wallMs)}: ${w.error}` : fmtMs(w.wallMs)}, ${w.code10}/${w.calls} answered 10${extra}`,
			);
		}
	}
	return out;
}

function summary(walks: Walk[]) {
	const ok = walks.filter((w) => !w.error);
	return {
		runsWallMs: walks.map((w) => round(w.wallMs, 1)),
		failedRuns: walks.length - ok.length,
		medianWallMs: ok.length ? round(median(ok.map((w) => w.wallMs)), 1) : null,
		calls: walks.map((w) => w.calls),
		code10: walks.map((w) => w.code10),
		code10Share: round(
			walks.reduce((s, w) => s + w.code10, 0) /
				Math.max(
					1,
					walks.reduce((s, w) => s + w.calls, 0),
				),
			4,
		),
		...(walks[0]?.peak !== undefined ? { levelAtEnd: walks.map((w) => w.level), peak: walks.map((w) => w.peak) } : {}),
		errors: walks.flatMap((w) => (w.error ? [w.error.slice(0, 160)] : [])),
	};
}

/** The best fixed level of a scenario: the lowest median time among fixed levels whose runs all completed. */
function bestFixed(s: Scenario) {
	const fixed = SETTINGS.filter((x) => x !== 'auto').map((x) => ({ setting: x, ...summary(s[String(x)]) }));
	const done = fixed.filter((f) => f.failedRuns === 0 && f.medianWallMs !== null);
	return done.sort((a, b) => a.medianWallMs! - b.medianWallMs!)[0];
}

export async function speedBenchmarks(
	log: (line: string) => void,
): Promise<{ results: BenchResult[]; info: Record<string, unknown> }> {
	const perDay = perDayForExactly(PAGING_DAY, 10_000) ?? 10_000;
	const sim = await SimProcess.spawn();
	try {
		const common = { seed: SEED, perDay, dailyQuota: 1_000_000_000, latencyMs: LATENCY_MS };
		const limited = await sim.start({ ...common, rateLimit: { maxInFlight: LIMIT_IN_FLIGHT } });
		const fast = await sim.start(common);
		const records = await sim.dayCount(limited.simId, PAGING_DAY);
		if ((await sim.dayCount(fast.simId, PAGING_DAY)) !== records) throw new Error('the two simulators disagree');
		const loadBefore = loadavg().map((x) => round(x, 2));
		const a = await scenario(
			sim,
			{
				...limited,
				records,
				repeats: REPEATS_RATE_LIMITED,
				name: `rate-limited (10 above ${LIMIT_IN_FLIGHT} in flight)`,
			},
			log,
		);
		const b = await scenario(sim, { ...fast, records, repeats: REPEATS, name: 'fast' }, log);
		const repeats = { rateLimited: REPEATS_RATE_LIMITED, fast: REPEATS };
		const info = {
			day: PAGING_DAY,
			records,
			pages: Math.ceil(records / 20),
			latencyMs: LATENCY_MS,
			repeats,
			loadBefore,
			loadAfter: loadavg().map((x) => round(x, 2)),
		};
		return { results: [...rateLimitedResults(a), fastResult(b)], info };
	} finally {
		await sim.close();
	}
}

function rateLimitedResults(a: Scenario): BenchResult[] {
	const auto = summary(a.auto);
	const best = bestFixed(a);
	const all = Object.fromEntries(Object.entries(a).map(([k, w]) => [k, summary(w)]));
	const ratio = best && auto.medianWallMs !== null ? round(auto.medianWallMs / best.medianWallMs!, 3) : Infinity;
	const fixedText = SETTINGS.filter((x) => x !== 'auto')
		.map(
			(x) =>
				`${x}: ${all[String(x)].medianWallMs === null ? 'failed' : fmtMs(all[String(x)].medianWallMs!)} (${round(all[String(x)].code10Share * 100, 1)} % 10)`,
		)
		.join(', ');
	return [
		{
			id: 'speed.rateLimited.time',
			name: `Auto vs best fixed concurrency, server answers 10 above ${LIMIT_IN_FLIGHT} in flight (500 pages, ${LATENCY_MS} ms)`,
			raw: { byConcurrency: all, bestFixed: best?.setting ?? null },
			ratios: { autoOfBestFixed: ratio },
			target: { text: 'within 1.3× of the best fixed level', value: 1.3, unit: '× best fixed', compare: '<=' },
			value: ratio,
			unit: '× best fixed',
			met: check('<=', ratio, 1.3),
			notes: `Auto ${auto.medianWallMs === null ? 'failed' : fmtMs(auto.medianWallMs)} (median of ${a.auto.length}, fresh budget each, peak ${auto.peak?.join('/')}); fixed ${fixedText}`,
		},
		{
			id: 'speed.rateLimited.code10',
			name: `Share of Auto's calls answered 10, same server`,
			raw: { calls: auto.calls, code10: auto.code10 },
			ratios: { code10Share: auto.code10Share },
			target: { text: '≤ 3 % answered 10', value: 0.03, unit: 'share', compare: '<=' },
			value: auto.code10Share,
			unit: 'share',
			met: check('<=', auto.code10Share, 0.03),
			notes: `${auto.code10.join('/')} of ${auto.calls.join('/')} calls per run`,
		},
	];
}

function fastResult(b: Scenario): BenchResult {
	const all = Object.fromEntries(Object.entries(b).map(([k, w]) => [k, summary(w)]));
	const auto = all.auto.medianWallMs ?? Infinity;
	const of = (k: string) => (all[k].medianWallMs ? round(auto / all[k].medianWallMs!, 3) : Infinity);
	return {
		id: 'speed.fast.auto',
		name: `Auto vs fixed 2/4/8, fast server (no limit, 500 pages, ${LATENCY_MS} ms)`,
		raw: { byConcurrency: all },
		ratios: { autoOfFixed2: of('2'), autoOfFixed4: of('4'), autoOfFixed8: of('8') },
		target: null,
		value: round(auto / 1000, 2),
		unit: 's',
		met: null,
		notes:
			['2', '4', '8']
				.map((k) => `fixed ${k}: ${all[k].medianWallMs === null ? 'failed' : fmtMs(all[k].medianWallMs!)}`)
				.join(', ') + `; Auto peak ${all.auto.peak?.join('/')}`,
	};
}
