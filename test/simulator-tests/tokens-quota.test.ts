import { usccCheckCharacter } from '../../nodes/udid/identifiers/uscc';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { agent, dayParams, manualClock, post, tokenParams, withSimulator } from './helpers';

afterAll(() => agent.close());

const DAY = '2024-05-10';

describe('tokens', () => {
	it('answers 3 to a wrong appId or appSecret, 12 to a credit code the app may not use, 8 to a malformed one', async () => {
		await withSimulator({ perDay: 50 }, async (sim) => {
			expect(await post(`${sim.url}/token/get`, { ...tokenParams(), appSecret: 'nope' })).toMatchObject({
				returnCode: 3,
			});
			expect(await post(`${sim.url}/token/get`, { ...tokenParams(), appId: 'nope' })).toMatchObject({ returnCode: 3 });
			// the demo code with a wrong check character
			expect(
				await post(`${sim.url}/token/get`, tokenParams(DEFAULT_APP.creditCodes[0].slice(0, 17) + 'X')),
			).toMatchObject({
				returnCode: 8,
				errorCode: 3,
			});
			const other = '91310115MA1K3B2C4'; // a valid code that is not the app's
			expect(await post(`${sim.url}/token/get`, tokenParams(other + usccCheckCharacter(other)))).toMatchObject({
				returnCode: 12,
			});
			expect(sim.stats.tokensIssued).toBe(0);
		});
	});

	it('issues a 32-hex token, then answers 9 with the same token while more than 5 minutes are left', async () => {
		const clock = manualClock('2024-05-20T04:00:00Z');
		await withSimulator({ perDay: 50, now: clock.now, tokenTtlSeconds: 7200 }, async (sim) => {
			const first = await post(`${sim.url}/token/get`, tokenParams());
			expect(first).toMatchObject({
				returnCode: 1,
				expiresIn: 7200,
				currentTime: '20240520120000',
				todayRemainVisitCount: 99_999,
			});
			expect(first.accessToken).toMatch(/^[0-9a-f]{32}$/);
			clock.advance(7200_000 - 6 * 60_000);
			const again = await post(`${sim.url}/token/get`, tokenParams());
			expect(again).toMatchObject({ returnCode: 9, accessToken: first.accessToken });
			expect(again.expiresIn).toBeUndefined();
			// another credit code of the same app has its own token
			const second = await post(`${sim.url}/token/get`, tokenParams(DEFAULT_APP.creditCodes[1]));
			expect(second.returnCode).toBe(1);
			clock.advance(2 * 60_000); // 4 minutes left: a new token is issued
			const renewed = await post(`${sim.url}/token/get`, tokenParams());
			expect(renewed.returnCode).toBe(1);
			expect(renewed.accessToken).not.toBe(first.accessToken);
			expect(sim.issuedTokens()).toEqual([first.accessToken, second.accessToken, renewed.accessToken]);
			expect(sim.stats.tokensIssued).toBe(3);
		});
	});

	it('answers 4 to unknown, missing, expired and revoked tokens', async () => {
		const clock = manualClock('2024-05-20T04:00:00Z');
		await withSimulator({ perDay: 50, now: clock.now, tokenTtlSeconds: 600 }, async (sim) => {
			const { accessToken } = await post(`${sim.url}/token/get`, tokenParams());
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(1);
			expect((await post(`${sim.url}/sharing/get`, dayParams('0'.repeat(32), DAY, 1))).returnCode).toBe(4);
			expect((await post(`${sim.url}/sharing/single`, { primaryDeviceId: '06912345678905' })).returnCode).toBe(4);
			clock.advance(601_000);
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(4);
			const fresh = await post(`${sim.url}/token/get`, tokenParams());
			expect(fresh.returnCode).toBe(1);
			sim.expireTokens();
			expect(
				(
					await post(`${sim.url}/sharing/history/get`, {
						accessToken: fresh.accessToken,
						dataSet: [{ deviceRecordKey: 'x' }],
						currentPageNumber: '1',
					})
				).returnCode,
			).toBe(4);
			expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(1); // not 9: the old one was revoked
		});
	});
});

describe('quota and rate', () => {
	it('counts every call but P001, answers 11 when the day is used up, and starts again the next China day', async () => {
		const clock = manualClock('2024-05-20T15:00:00Z'); // 23:00 China time
		await withSimulator({ perDay: 50, now: clock.now, dailyQuota: 5, tokenTtlSeconds: 86_400 }, async (sim) => {
			const { accessToken, todayRemainVisitCount } = await post(`${sim.url}/token/get`, tokenParams());
			expect(todayRemainVisitCount).toBe(4);
			await post(`${sim.url}/connection/test`);
			for (let i = 0; i < 4; i++)
				expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(1);
			expect(await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).toMatchObject({ returnCode: 11 });
			expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(11);
			expect((await post(`${sim.url}/connection/test`)).returnCode).toBe(1);
			clock.advance(3600_000); // midnight in China
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(1);
		});
	});

	it('lets tests set the remaining visits and reset them', async () => {
		await withSimulator({ perDay: 50 }, async (sim) => {
			const { accessToken } = await post(`${sim.url}/token/get`, tokenParams());
			sim.setRemainingVisits(DEFAULT_APP.appId, 1);
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(1);
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 2))).returnCode).toBe(11);
			sim.setRemainingVisits(DEFAULT_APP.appId, 0);
			expect((await post(`${sim.url}/token/get`, tokenParams())).returnCode).toBe(11);
			sim.resetQuota();
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 2))).returnCode).toBe(1);
		});
	});

	it('answers 10 above the rate limit', async () => {
		const sim = await startSimulator({ perDay: 50, rateLimitPerSecond: 3 });
		try {
			const { accessToken } = await post(`${sim.url}/token/get`, tokenParams());
			const codes = await Promise.all(
				Array.from({ length: 6 }, (_, i) =>
					post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, i + 1)).then((a) => a.returnCode as number),
				),
			);
			expect(codes.filter((c) => c === 10).length).toBe(4); // the token call used one of the three
			expect(codes.filter((c) => c === 1).length).toBe(2);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1))).returnCode).toBe(1);
		} finally {
			await sim.close();
		}
	});
});
