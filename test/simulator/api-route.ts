/** The UDID API's five endpoints under /api/v2 and /api/beta/v2: one handler each, faults drawn first. */
import type { IncomingMessage } from 'node:http';
import { encodeAnswer, failure, HTML_PAGES, HTML_TYPE, JSON_TYPE, type ApiAnswer } from './answers';
import type { EndpointClass, FaultPlan } from './faults';
import { connectionTest, getToken, historyGet, parseParams, sharingGet, single, type SimState } from './handlers';
import type { Answer, Route } from './http';
import { pathOf, readBody } from './http';
import type { RateLimitGate } from './rate-limit';
import type { EndpointName, FaultKind, Simulator } from './types';

const BASE_PATHS = ['/api/v2', '/api/beta/v2'];

type Params = Record<string, unknown>;

interface Endpoint {
	name: EndpointName;
	cls: EndpointClass;
	/** Answers the checked `params` field; the connection test takes none. */
	answer(state: SimState, params: Params): ApiAnswer;
	takesParams: boolean;
}

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
	'/connection/test': { name: 'connection', cls: 'connection', takesParams: false, answer: () => connectionTest() },
	'/token/get': { name: 'token', cls: 'token', takesParams: true, answer: getToken },
	'/sharing/get': { name: 'data', cls: 'data', takesParams: true, answer: sharingGet },
	'/sharing/history/get': { name: 'history', cls: 'data', takesParams: true, answer: historyGet },
	'/sharing/single': { name: 'single', cls: 'data', takesParams: true, answer: single },
};

const CODE_FAULTS: Partial<Record<FaultKind, number>> = { code5: 5, code6: 6, code7: 7, code8: 8, code10: 10 };

function endpointAt(path: string): Endpoint | undefined {
	for (const base of BASE_PATHS) {
		if (path.startsWith(base + '/')) return ENDPOINTS[path.slice(base.length)];
	}
	return undefined;
}

export interface ApiRouteDeps {
	state: SimState;
	faults: FaultPlan;
	/** Code 10 above N token/data calls in flight or per second (the connection test is never limited). */
	gate?: RateLimitGate;
	stats: Simulator['stats'];
	wait(ms: number): Promise<void>;
	log?: (line: string) => void;
}

export function apiRoute(deps: ApiRouteDeps): Route {
	const { state, faults, stats } = deps;
	const json = (answer: ApiAnswer, isToken: boolean): Answer => ({
		status: 200,
		type: JSON_TYPE,
		body: encodeAnswer(answer, state.options.variant, isToken),
		returnCode: answer.returnCode,
	});

	function handle(endpoint: Endpoint, form: URLSearchParams): ApiAnswer {
		if (!endpoint.takesParams) return endpoint.answer(state, {});
		const parsed = parseParams(form.get('params'));
		return 'answer' in parsed ? parsed.answer : endpoint.answer(state, parsed.params);
	}

	/** A drawn fault replaces the answer (or delays it); a truncated answer is cut after the work was done. */
	async function answerFor(endpoint: Endpoint, form: URLSearchParams): Promise<Answer> {
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
				await deps.wait(faults.slowMs);
				break;
			case undefined:
			case 'truncated':
				break;
			default:
				return json(failure(CODE_FAULTS[fault]!), endpoint.name === 'token');
		}
		const answer = json(handle(endpoint, form), endpoint.name === 'token');
		return fault === 'truncated' ? { ...answer, truncate: true } : answer;
	}

	return {
		serves: (path) => endpointAt(path) !== undefined,
		handle(req: IncomingMessage, path, respond, res) {
			const endpoint = endpointAt(path)!;
			if (req.method !== 'POST') {
				req.resume();
				return respond({ status: 405, type: HTML_TYPE, body: HTML_PAGES.methodNotAllowed, headers: { Allow: 'POST' } });
			}
			readBody(req, (body) => {
				stats.requests[endpoint.name]++;
				if (endpoint.cls !== 'connection' && deps.gate && !deps.gate.admit(res)) {
					return respond(json(failure(10), endpoint.name === 'token'));
				}
				const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
				const form = new URLSearchParams(body);
				// Like a servlet container, a `params` in the query string counts when the body has none.
				if (!form.has('params') && query.has('params')) form.set('params', query.get('params')!);
				answerFor(endpoint, form).then(respond, (error: unknown) => {
					const message = error instanceof Error ? error.message : String(error);
					deps.log?.(`${req.method} ${pathOf(req)} → simulator error: ${message}`);
					respond(json(failure(5), false));
				});
			});
		},
	};
}
