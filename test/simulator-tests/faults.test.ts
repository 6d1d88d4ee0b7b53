import { errors } from 'undici';
import { FAULT_KINDS, startSimulator, type FaultKind, type Simulator } from '../simulator';
import { agent, dayParams, post, postRaw, tokenParams, withSimulator } from './helpers';

afterAll(() => agent.close());

const DAY = '2024-05-10';

describe('faults', () => {
	let sim: Simulator;
	let accessToken: string;
	const data = () => postRaw(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1));

	beforeAll(async () => {
		sim = await startSimulator({ perDay: 100, faults: { slowMs: 300 } });
		accessToken = (await post(`${sim.url}/token/get`, tokenParams())).accessToken;
	});
	afterAll(() => sim.close());

	it.each([
		['code5', 5],
		['code6', 6],
		['code7', 7],
		['code8', 8],
		['code10', 10],
	] as const)('%s answers returnCode %d with a Chinese message', async (kind, code) => {
		sim.injectFault(kind);
		const answer = await data();
		expect(answer.status).toBe(200);
		const json = JSON.parse(answer.text);
		expect(json.returnCode).toBe(code);
		expect(json.returnMsg).toMatch(/[\u4e00-\u9fff]/);
		expect(JSON.parse((await data()).text).returnCode).toBe(1); // only the next call
	});

	it('http502 answers HTTP 502 with an HTML body', async () => {
		sim.injectFault('http502');
		const answer = await data();
		expect(answer.status).toBe(502);
		expect(answer.contentType).toMatch(/^text\/html/);
		expect(answer.text).toContain('502 Bad Gateway');
	});

	it('html answers HTTP 200 with an HTML page', async () => {
		sim.injectFault('html');
		const answer = await data();
		expect(answer.status).toBe(200);
		expect(answer.contentType).toMatch(/^text\/html/);
		expect(answer.text).toMatch(/^<!DOCTYPE html>/);
	});

	it('reset drops the connection without an answer', async () => {
		sim.injectFault('reset');
		const error = await data().then(
			() => undefined,
			(e: unknown) => e as { code?: string; cause?: { code?: string } },
		);
		expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(error?.code ?? error?.cause?.code);
		expect((await data()).status).toBe(200);
	});

	it('truncated answers HTTP 200 JSON cut in the middle', async () => {
		const whole = (await data()).text;
		sim.injectFault('truncated');
		const cut = await data();
		expect(cut.status).toBe(200);
		expect(cut.contentType).toMatch(/^application\/json/);
		expect(() => JSON.parse(cut.text)).toThrow();
		expect(cut.text.length).toBeGreaterThan(10);
		expect(whole.startsWith(cut.text.slice(0, -1))).toBe(true);
	});

	it('slow waits slowMs, then answers normally', async () => {
		sim.injectFault('slow');
		const started = Date.now();
		const answer = await data();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(JSON.parse(answer.text).returnCode).toBe(1);
	});

	it('scripts faults by endpoint and count', async () => {
		sim.injectFault('code5', { endpoint: 'token', count: 2 });
		expect(JSON.parse((await data()).text).returnCode).toBe(1);
		expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(5);
		expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(5);
		expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(9);
		sim.injectFault('code6', { endpoint: 'any' });
		expect((await post(`${sim.url}/connection/test`)).returnCode).toBe(6);
		sim.injectFault('code6', { endpoint: 'connection' });
		expect(JSON.parse((await data()).text).returnCode).toBe(1);
		expect((await post(`${sim.url}/connection/test`)).returnCode).toBe(6);
	});

	it('counts injected faults', () => {
		expect(sim.stats.faultsInjected).toBe(FAULT_KINDS.length + 4);
	});
});

describe('random faults', () => {
	async function outcomes(seed: number, kinds?: FaultKind[]): Promise<string[]> {
		return withSimulator({ seed, perDay: 50, faults: { rate: 0.4, kinds } }, async (sim) => {
			let accessToken: string | undefined;
			while (!accessToken) {
				const answer = await postRaw(`${sim.url}/token/get`, tokenParams()).catch(() => undefined);
				if (answer?.status === 200)
					accessToken = (() => {
						try {
							return JSON.parse(answer.text).accessToken;
						} catch {
							return undefined;
						}
					})();
			}
			const seen: string[] = [];
			for (let i = 0; i < 30; i++) {
				const answer = await postRaw(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1)).catch(() => undefined);
				if (!answer) seen.push('reset');
				else if (answer.status !== 200) seen.push(`http${answer.status}`);
				else if (!answer.contentType.startsWith('application/json')) seen.push('html');
				else {
					try {
						seen.push(`code${JSON.parse(answer.text).returnCode}`);
					} catch {
						seen.push('truncated');
					}
				}
			}
			expect(sim.stats.faultsInjected).toBeGreaterThan(0);
			return seen;
		});
	}

	it('draws a deterministic sequence under the seed, from the given kinds', async () => {
		const a = await outcomes(3);
		const b = await outcomes(3);
		expect(a).toEqual(b);
		const faulted = a.filter((o) => o !== 'code1').length;
		expect(faulted).toBeGreaterThan(3);
		expect(faulted).toBeLessThan(25);
		const only = await outcomes(3, ['code6']);
		expect(new Set(only)).toEqual(new Set(['code1', 'code6']));
	});

	it('never faults P001 at random', async () => {
		await withSimulator({ faults: { rate: 1 } }, async (sim) => {
			for (let i = 0; i < 5; i++) expect((await post(`${sim.url}/connection/test`)).returnCode).toBe(1);
		});
	});
});

describe('close()', () => {
	it('does not hang on a pending slow request and destroys its socket', async () => {
		const sim = await startSimulator({ perDay: 50, faults: { slowMs: 60_000 } });
		const { accessToken } = await post(`${sim.url}/token/get`, tokenParams());
		sim.injectFault('slow');
		const pending = postRaw(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1));
		await new Promise((r) => setTimeout(r, 100));
		const started = Date.now();
		await sim.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(pending).rejects.toBeInstanceOf(errors.UndiciError);
		await sim.close(); // twice is fine
	});

	it('does not hang with latency timers pending', async () => {
		const sim = await startSimulator({ perDay: 50, latencyMs: 60_000 });
		const pending = postRaw(`${sim.url}/connection/test`).catch((error: unknown) => error);
		await new Promise((r) => setTimeout(r, 100));
		await sim.close();
		expect(await pending).toBeInstanceOf(errors.UndiciError);
	});
});
