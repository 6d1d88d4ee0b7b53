import { UdidApiError } from '../../nodes/udid/client/errors';
import type { TokenAnswer } from '../../nodes/udid/client/token-cache';
import { TokenCache, tokenLifetimeMs } from '../../nodes/udid/client/token-cache';

describe('TokenCache', () => {
	let now = 1_000_000;
	const clock = () => now;

	it('shares one in-flight request among concurrent callers and caches until expiry', async () => {
		const cache = new TokenCache(clock);
		let requests = 0;
		const request = async (): Promise<TokenAnswer> => {
			requests++;
			await new Promise((r) => setTimeout(r, 5));
			return { returnCode: 1, accessToken: `t${requests}`, expiresIn: 7200, todayRemainVisitCount: 99 };
		};
		const states = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', request)));
		expect(requests).toBe(1);
		expect(new Set(states.map((s) => s.accessToken))).toEqual(new Set(['t1']));
		expect((await cache.get('k', request)).accessToken).toBe('t1');
		now += 7200_000;
		expect((await cache.get('k', request)).accessToken).toBe('t2');
		expect(requests).toBe(2);
	});

	it('refreshes once after code 4, and not again when another caller already did', async () => {
		const cache = new TokenCache(clock);
		let n = 0;
		const request = async (): Promise<TokenAnswer> => ({ returnCode: 1, accessToken: `t${++n}`, expiresIn: 7200 });
		await cache.get('k', request);
		const [a, b] = await Promise.all([cache.get('k', request, 't1'), cache.get('k', request, 't1')]);
		expect(a.accessToken).toBe('t2');
		expect(b.accessToken).toBe('t2');
		expect(n).toBe(2);
		expect((await cache.get('k', request, 't1')).accessToken).toBe('t2');
		expect(n).toBe(2);
	});

	it('code 9 reuses the token in the answer, or the cached one, and never loops', async () => {
		const cache = new TokenCache(clock);
		let calls = 0;
		const nine = (token?: string) => async (): Promise<TokenAnswer> => {
			calls++;
			return { returnCode: 9, accessToken: token };
		};
		expect((await cache.get('a', nine('carried'))).accessToken).toBe('carried');
		expect((await cache.get('a', nine('carried'))).origin).toBe('reused');
		expect(calls).toBe(1);

		await cache.get('b', async () => ({ returnCode: 1, accessToken: 'cached', expiresIn: 1 }));
		now += 10_000;
		expect((await cache.get('b', nine(undefined))).accessToken).toBe('cached');

		calls = 0;
		await expect(cache.get('b', nine('cached'), 'cached')).rejects.toBeInstanceOf(UdidApiError);
		expect(calls).toBe(1);
		await expect(cache.get('c', nine(undefined))).rejects.toThrow(/did not return it/);
	});

	it('a failed request does not poison the cache', async () => {
		const cache = new TokenCache(clock);
		await expect(
			cache.get('k', async () => {
				throw new UdidApiError('token', 3, 'bad');
			}),
		).rejects.toMatchObject({ returnCode: 3 });
		expect((await cache.get('k', async () => ({ returnCode: 1, accessToken: 'ok', expiresIn: 60 }))).accessToken).toBe(
			'ok',
		);
	});

	it('reads expiresIn defensively', () => {
		expect(tokenLifetimeMs(7200)).toBe(7200_000 - 60_000);
		expect(tokenLifetimeMs(7_200_000)).toBe(7_200_000 - 60_000);
		expect(tokenLifetimeMs(30)).toBe(30_000);
		expect(tokenLifetimeMs(undefined)).toBe(300_000);
		expect(tokenLifetimeMs(-5)).toBe(300_000);
	});
});
