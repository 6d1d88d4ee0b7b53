/** Raw-HTTP helpers for the simulator tests: no client code of the package is used. */
import { Agent, request } from 'undici';
import { DEFAULT_APP, startSimulator, type Simulator, type SimulatorOptions } from '../simulator';

export const agent = new Agent({ keepAliveTimeout: 1000, connections: 16 });

export interface RawAnswer {
	status: number;
	contentType: string;
	text: string;
}

/** POSTs `params` form-encoded (no body at all when `params` is undefined). */
export async function postRaw(
	url: string,
	params?: unknown,
	init: { method?: 'POST' | 'GET'; rawParams?: string } = {},
): Promise<RawAnswer> {
	const body =
		init.rawParams !== undefined
			? new URLSearchParams({ params: init.rawParams }).toString()
			: params === undefined
				? undefined
				: new URLSearchParams({ params: JSON.stringify(params) }).toString();
	const res = await request(url, {
		method: init.method ?? 'POST',
		body: init.method === 'GET' ? undefined : body,
		headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
		dispatcher: agent,
	});
	// Buffer decoding keeps a byte order mark (body.text() would drop it).
	const bytes = Buffer.from(await res.body.arrayBuffer());
	return {
		status: res.statusCode,
		contentType: String(res.headers['content-type'] ?? ''),
		text: bytes.toString('utf8'),
	};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function post(url: string, params?: unknown): Promise<Json> {
	const answer = await postRaw(url, params);
	return JSON.parse(answer.text) as Json;
}

export function tokenParams(creditCode = DEFAULT_APP.creditCodes[0]) {
	return { appId: DEFAULT_APP.appId, appSecret: DEFAULT_APP.appSecret, TYSHXYDM: creditCode };
}

export async function token(sim: Simulator, creditCode?: string): Promise<string> {
	const answer = await post(`${sim.url}/token/get`, tokenParams(creditCode));
	if (answer.returnCode !== 1 && answer.returnCode !== 9) throw new Error(`no token: ${JSON.stringify(answer)}`);
	return answer.accessToken as string;
}

export function dayParams(
	accessToken: string,
	date: string,
	page: number | string,
	extra: Record<string, unknown> = {},
) {
	return { accessToken, requestType: '1', rangeValue: date, currentPageNumber: String(page), ...extra };
}

/** A clock the test moves by hand. */
export function manualClock(iso: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
	let t = Date.parse(iso);
	return {
		now: () => new Date(t),
		set: (next) => {
			t = Date.parse(next);
		},
		advance: (ms) => {
			t += ms;
		},
	};
}

/** 12:00 China time on 2024-05-20: days up to 2024-05-19 are complete, 2024-05-20 is half published. */
export const NOON_2024_05_20 = '2024-05-20T04:00:00Z';

export async function withSimulator<T>(options: SimulatorOptions, run: (sim: Simulator) => Promise<T>): Promise<T> {
	const sim = await startSimulator(options);
	try {
		return await run(sim);
	} finally {
		await sim.close();
	}
}
