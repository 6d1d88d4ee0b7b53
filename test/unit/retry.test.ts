import { UdidApiError, UdidTransportError } from '../../nodes/udid/client/errors';
import { withRetry } from '../../nodes/udid/client/retry';

const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };

describe('withRetry', () => {
	it('retries codes 5, 6, 10, HTTP 5xx, resets and timeouts, then succeeds', async () => {
		const failures = [
			new UdidApiError('sharing', 5, ''),
			new UdidApiError('sharing', 6, ''),
			new UdidApiError('sharing', 10, ''),
		];
		let calls = 0;
		const delays: number[] = [];
		const result = await withRetry(
			async () => {
				if (calls < failures.length) throw failures[calls++];
				calls++;
				return 'ok';
			},
			{ ...fast, onRetry: ({ delayMs }) => delays.push(delayMs) },
		);
		expect(result).toBe('ok');
		expect(calls).toBe(4);
		expect(delays).toHaveLength(3);
		// code 10 backs off harder than a transient fault
		expect(delays[2]).toBeGreaterThanOrEqual(delays[0]);
		for (const e of [
			new UdidTransportError('sharing', 'http', '', 502),
			new UdidTransportError('sharing', 'network', ''),
			new UdidTransportError('sharing', 'timeout', ''),
		]) {
			let n = 0;
			await expect(
				withRetry(async () => {
					if (n++ === 0) throw e;
					return n;
				}, fast),
			).resolves.toBe(2);
		}
	});

	it.each([2, 3, 7, 8, 11, 12])('does not retry code %i', async (code) => {
		let calls = 0;
		await expect(
			withRetry(async () => {
				calls++;
				throw new UdidApiError('sharing', code, '');
			}, fast),
		).rejects.toMatchObject({ returnCode: code });
		expect(calls).toBe(1);
	});

	it('does not retry HTTP 4xx and gives up after the configured retries', async () => {
		let calls = 0;
		await expect(
			withRetry(async () => {
				calls++;
				throw new UdidTransportError('sharing', 'http', '', 404);
			}, fast),
		).rejects.toBeInstanceOf(UdidTransportError);
		expect(calls).toBe(1);
		calls = 0;
		await expect(
			withRetry(async () => {
				calls++;
				throw new UdidApiError('sharing', 5, '');
			}, fast),
		).rejects.toMatchObject({ returnCode: 5 });
		expect(calls).toBe(4);
	});

	it('stops waiting when the signal aborts', async () => {
		const controller = new AbortController();
		const pending = withRetry(
			async () => {
				throw new UdidApiError('sharing', 5, '');
			},
			{ retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, signal: controller.signal },
		);
		setTimeout(() => controller.abort(), 10);
		await expect(pending).rejects.toMatchObject({ failure: 'aborted' });
	});
});
