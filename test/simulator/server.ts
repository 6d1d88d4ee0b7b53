/** The server: state, routes (api-route.ts for the API), the control surface tests use, and a clean close(). */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { apiRoute } from './api-route';
import { chinaDate } from './china-time';
import { Dataset } from './dataset';
import { DEFAULT_APP } from './defaults';
import { FaultPlan } from './faults';
import type { SimState } from './handlers';
import { dispatcher, type Route } from './http';
import { Quota } from './quota';
import { TokenStore } from './tokens';
import type { DeviceRecord, ResolvedSimulatorOptions, Simulator, SimulatorOptions } from './types';

function resolve(options: SimulatorOptions & { host?: string }): ResolvedSimulatorOptions {
	return {
		seed: options.seed ?? 1,
		perDay: options.perDay ?? 3600,
		pageSize: options.pageSize ?? 20,
		latencyMs: options.latencyMs ?? 0,
		apps: options.apps ?? [DEFAULT_APP],
		tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
		dailyQuota: options.dailyQuota ?? 100_000,
		rateLimitPerSecond: options.rateLimitPerSecond ?? 0,
		now: options.now ?? (() => new Date()),
		variant: { ...options.variant },
		faults: { ...options.faults },
		host: options.host ?? '127.0.0.1',
	};
}

type Trigger = { date: string; afterPage: number; count: number; fired: boolean };

/** The state the endpoint handlers share, with the publishDuringPaging triggers wired in. */
function simulatorState(resolved: ResolvedSimulatorOptions, stats: Simulator['stats'], triggers: Trigger[]): SimState {
	const dataset = new Dataset({ seed: resolved.seed, perDay: resolved.perDay, now: resolved.now });
	return {
		options: resolved,
		dataset,
		tokens: new TokenStore(resolved.tokenTtlSeconds),
		quota: new Quota(resolved.dailyQuota, resolved.rateLimitPerSecond),
		onTokenIssued: () => stats.tokensIssued++,
		beforePage(requestType, rangeValue, page) {
			for (const t of triggers) {
				const covers = requestType === '1' ? t.date === rangeValue : t.date.startsWith(rangeValue + '-');
				if (!t.fired && covers && page > t.afterPage) {
					t.fired = true;
					dataset.publish(t.date, t.count);
				}
			}
		},
	};
}

/** Timers that a close() cancels, and the sockets it destroys. */
class Lifecycle {
	readonly sockets = new Set<Socket>();
	readonly timers = new Set<NodeJS.Timeout>();
	closed = false;

	/** Resolves after `ms` unless the simulator closes first (then it never resolves, and nothing answers). */
	wait = (ms: number) =>
		new Promise<void>((done) => {
			if (ms <= 0) return done();
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				done();
			}, ms);
			this.timers.add(timer);
		});

	close(server: Server): Promise<void> {
		if (this.closed) return Promise.resolve();
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		return new Promise<void>((done) => {
			server.close(() => done());
			for (const socket of this.sockets) socket.destroy();
			server.closeAllConnections();
		});
	}
}

export async function startSimulator(
	options: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<Simulator> {
	const resolved = resolve(options);
	const log = options.log;
	const faults = new FaultPlan(resolved.seed, resolved.faults);
	const stats: Simulator['stats'] = {
		requests: { connection: 0, token: 0, data: 0, history: 0, single: 0 },
		tokensIssued: 0,
		faultsInjected: 0,
	};
	const triggers: Trigger[] = [];
	const state = simulatorState(resolved, stats, triggers);
	const life = new Lifecycle();

	// The site's parts, tried in order; a new part (e.g. another download site) is one more entry here.
	const routes: Route[] = [apiRoute({ state, faults, stats, wait: life.wait, log })];
	const server = createServer(
		dispatcher(routes, { latencyMs: () => resolved.latencyMs, wait: life.wait, isClosed: () => life.closed, log }),
	);
	server.on('connection', (socket) => {
		life.sockets.add(socket);
		socket.on('close', () => life.sockets.delete(socket));
	});
	await new Promise<void>((ready, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, resolved.host, () => {
			server.off('error', fail);
			ready();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const hostForUrl = resolved.host.includes(':')
		? `[${resolved.host}]`
		: resolved.host === '0.0.0.0'
			? '127.0.0.1'
			: resolved.host;
	return {
		url: `http://${hostForUrl}:${port}/api/v2`,
		port,
		options: resolved,
		stats,
		close: () => life.close(server),
		...controls(state, faults, triggers),
	};
}

/** What tests steer the simulator with, and read its ground truth from. */
function controls(
	state: SimState,
	faults: FaultPlan,
	triggers: Trigger[],
): Omit<Simulator, 'url' | 'port' | 'options' | 'stats' | 'close'> {
	const { options: resolved, dataset, tokens, quota } = state;
	const today = () => chinaDate(resolved.now());
	return {
		injectFault(kind, opts = {}) {
			faults.inject(kind, opts.count ?? 1, opts.endpoint ?? 'data');
		},
		setVariant(variant) {
			resolved.variant = { ...variant };
		},
		setFaults(next) {
			resolved.faults = { ...next };
			faults.set(next);
		},
		publishDuringPaging(date, opts) {
			triggers.push({ date, afterPage: opts.afterPage, count: opts.count, fired: false });
		},
		publish(date, count, opts = {}): DeviceRecord[] {
			return dataset.publish(date, count, opts.updates ?? 0);
		},
		expireTokens() {
			tokens.expireAll();
		},
		setRemainingVisits(appId, remaining) {
			quota.setRemaining(appId, today(), remaining);
		},
		resetQuota() {
			quota.reset();
		},
		issuedTokens: () => tokens.all(),
		dayRecords: (date) => dataset.dayRecords(date),
		monthRecords: (month) => dataset.monthRecords(month),
		historyOf: (key) => dataset.versionsOf(key),
		findByDi: (di) => dataset.findByDi(di),
	};
}
