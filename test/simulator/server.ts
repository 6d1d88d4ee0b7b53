/** The HTTP side: routing, the form-encoded `params` field, faults, latency, and a clean close(). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { encodeAnswer, failure, HTML_PAGES, HTML_TYPE, JSON_TYPE, type ApiAnswer } from './answers';
import { chinaDate } from './china-time';
import { Dataset } from './dataset';
import { DEFAULT_APP } from './defaults';
import { FaultPlan, type EndpointClass } from './faults';
import { connectionTest, getToken, historyGet, parseParams, sharingGet, single, type SimState } from './handlers';
import { Quota } from './quota';
import { RateLimitGate } from './rate-limit';
import { TokenStore } from './tokens';
import type { DeviceRecord, EndpointName, FaultKind, ResolvedSimulatorOptions, Simulator, SimulatorOptions } from './types';

const BASE_PATHS = ['/api/v2', '/api/beta/v2'];

const ENDPOINTS: Readonly<Record<string, { name: EndpointName; cls: EndpointClass }>> = {
	'/connection/test': { name: 'connection', cls: 'connection' },
	'/token/get': { name: 'token', cls: 'token' },
	'/sharing/get': { name: 'data', cls: 'data' },
	'/sharing/history/get': { name: 'history', cls: 'data' },
	'/sharing/single': { name: 'single', cls: 'data' },
};

const CODE_FAULTS: Partial<Record<FaultKind, number>> = { code5: 5, code6: 6, code7: 7, code8: 8, code10: 10 };
const MAX_BODY_BYTES = 1 << 20;

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
		rateLimit: { ...options.rateLimit },
		now: options.now ?? (() => new Date()),
		variant: { ...options.variant },
		faults: { ...options.faults },
		host: options.host ?? '127.0.0.1',
	};
}

interface Answer {
	status: number;
	type: string;
	body: string;
	headers?: Record<string, string>;
	/** Send only the first half of the body (with a matching Content-Length): complete HTTP, broken JSON. */
	truncate?: boolean;
	/** Reset the connection instead of answering. */
	reset?: boolean;
	returnCode?: number;
}

export async function startSimulator(options: SimulatorOptions & { port?: number; host?: string } = {}): Promise<Simulator> {
	const resolved = resolve(options);
	const log = options.log;
	const dataset = new Dataset({ seed: resolved.seed, perDay: resolved.perDay, now: resolved.now });
	const tokens = new TokenStore(resolved.tokenTtlSeconds);
	const quota = new Quota(resolved.dailyQuota, resolved.rateLimitPerSecond);
	const faults = new FaultPlan(resolved.seed, resolved.faults);
	const gate = new RateLimitGate(resolved.rateLimit);
	const stats: Simulator['stats'] = {
		requests: { connection: 0, token: 0, data: 0, history: 0, single: 0 },
		tokensIssued: 0,
		faultsInjected: 0,
		get rateLimited() { return gate.refused; },
		get peakInFlight() { return gate.peakInFlight; },
	};
	const triggers: Array<{ date: string; afterPage: number; count: number; fired: boolean }> = [];
	const state: SimState = {
		options: resolved,
		dataset,
		tokens,
		quota,
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

	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	/** Resolves after `ms` unless the simulator closes first (then it never resolves, and nothing answers). */
	const wait = (ms: number) =>
		new Promise<void>((done) => {
			if (ms <= 0) return done();
			const timer = setTimeout(() => {
				timers.delete(timer);
				done();
			}, ms);
			timers.add(timer);
		});

	function json(answer: ApiAnswer, isToken: boolean): Answer {
		return { status: 200, type: JSON_TYPE, body: encodeAnswer(answer, resolved.variant, isToken), returnCode: answer.returnCode };
	}

	function handle(endpoint: { name: EndpointName }, form: URLSearchParams): ApiAnswer {
		if (endpoint.name === 'connection') return connectionTest();
		const parsed = parseParams(form.get('params'));
		if ('answer' in parsed) return parsed.answer;
		switch (endpoint.name) {
			case 'token':
				return getToken(state, parsed.params);
			case 'data':
				return sharingGet(state, parsed.params);
			case 'history':
				return historyGet(state, parsed.params);
			default:
				return single(state, parsed.params);
		}
	}

	async function answerFor(endpoint: { name: EndpointName; cls: EndpointClass }, form: URLSearchParams): Promise<Answer> {
		const fault = faults.draw(endpoint.cls);
		if (fault) stats.faultsInjected++;
		switch (fault) {
			case 'http502':
				return { status: 502, type: HTML_TYPE, body: HTML_PAGES.badGateway };
			case 'html':
				return { status: 200, type: HTML_TYPE, body: HTML_PAGES.gateway };
			case 'reset':
				return { status: 0, type: '', body: '', reset: true };
			case 'slow':
				await wait(faults.slowMs);
				break;
			case undefined:
			case 'truncated':
				break;
			default:
				return json(failure(CODE_FAULTS[fault]!), endpoint.name === 'token');
		}
		// A truncated answer is cut after the server did its work (a token may have been issued).
		const answer = json(handle(endpoint, form), endpoint.name === 'token');
		return fault === 'truncated' ? { ...answer, truncate: true } : answer;
	}

	/** Path only: a query string could carry params, and tokens must never reach a log. */
	const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

	function route(req: IncomingMessage): { name: EndpointName; cls: EndpointClass } | undefined {
		const path = pathOf(req);
		for (const base of BASE_PATHS) {
			if (path.startsWith(base + '/')) return ENDPOINTS[path.slice(base.length)];
		}
		return undefined;
	}

	function send(req: IncomingMessage, res: ServerResponse, answer: Answer, started: number): void {
		if (closed || res.destroyed) return;
		if (answer.reset) {
			const socket = req.socket;
			if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket.destroy();
			log?.(`${req.method} ${pathOf(req)} → connection reset`);
			return;
		}
		let bytes = Buffer.from(answer.body, 'utf8');
		if (answer.truncate) bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
		res.writeHead(answer.status, { 'Content-Type': answer.type, 'Content-Length': bytes.length, ...answer.headers });
		res.end(bytes);
		const code = answer.returnCode === undefined ? '' : ` returnCode ${answer.returnCode}${answer.truncate ? ' (truncated)' : ''}`;
		log?.(`${req.method} ${pathOf(req)} → ${answer.status}${code} ${Date.now() - started}ms`);
	}

	const server = createServer((req, res) => {
		const started = Date.now();
		const respond = (answer: Answer) => void wait(resolved.latencyMs).then(() => send(req, res, answer, started));
		req.on('error', () => undefined); // a client that goes away mid-request is not the simulator's problem
		const endpoint = route(req);
		if (!endpoint) {
			req.resume();
			return respond({ status: 404, type: HTML_TYPE, body: HTML_PAGES.notFound });
		}
		if (req.method !== 'POST') {
			req.resume();
			return respond({ status: 405, type: HTML_TYPE, body: HTML_PAGES.methodNotAllowed, headers: { Allow: 'POST' } });
		}
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) req.destroy();
			else chunks.push(chunk);
		});
		req.on('end', () => {
			stats.requests[endpoint.name]++;
			if (endpoint.cls !== 'connection' && !gate.admit(res)) return respond(json(failure(10), endpoint.name === 'token'));
			const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
			const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
			// Like a servlet container, a `params` in the query string counts when the body has none.
			if (!form.has('params') && query.has('params')) form.set('params', query.get('params')!);
			answerFor(endpoint, form).then(respond, (error: unknown) => {
				const message = error instanceof Error ? error.message : String(error);
				log?.(`${req.method} ${pathOf(req)} → simulator error: ${message}`);
				respond(json(failure(5), false));
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
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
	const hostForUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host === '0.0.0.0' ? '127.0.0.1' : resolved.host;

	const today = () => chinaDate(resolved.now());

	const simulator: Simulator = {
		url: `http://${hostForUrl}:${port}/api/v2`,
		port,
		options: resolved,
		stats,
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise<void>((done) => {
				server.close(() => done());
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections();
			});
		},
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
	return simulator;
}
