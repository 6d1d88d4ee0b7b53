/**
 * 4. Token requests: 20 concurrent executions of syncRange (10 days) in one process, sharing one credential,
 * against one simulator in the same process. The process-wide token cache is cleared first.
 */
import '../test/setup-env';
import { closeSharedDispatchers } from '../nodes/udid/client/http';
import { processTokenCache } from '../nodes/udid/client/token-cache';
import { runWorkflow, udidWorkflow } from '../test/helpers/engine';
import { addDays } from '../test/simulator/china-time';
import { DEFAULT_APP, startSimulator } from '../test/simulator';
import { childMain, silenceEngineLogger, round, SEED } from './lib';

export interface TokensInput {
	from: string;
	days: number;
	perDay: number;
	executions: number;
	latencyMs: number;
}

silenceEngineLogger();

export async function main(input: TokensInput) {
	const sim = await startSimulator({
		port: 0,
		seed: SEED,
		perDay: input.perDay,
		latencyMs: input.latencyMs,
		dailyQuota: 1_000_000_000,
	});
	try {
		const to = addDays(input.from, input.days - 1);
		const credentials = {
			appId: DEFAULT_APP.appId,
			appSecret: DEFAULT_APP.appSecret,
			tyshxydm: DEFAULT_APP.creditCodes[0],
			environment: 'production',
			baseUrl: sim.url,
		};
		let expected = 0;
		for (let d = 0; d < input.days; d++) expected += sim.dayRecords(addDays(input.from, d)).length;
		const params = { resource: 'device', operation: 'syncRange', from: input.from, to, granularity: 'day' };

		const wave = async () => {
			const before = { token: sim.stats.requests.token, issued: sim.stats.tokensIssued, data: sim.stats.requests.data };
			const t0 = performance.now();
			const runs = await Promise.all(
				Array.from({ length: input.executions }, () => runWorkflow(udidWorkflow(params), credentials)),
			);
			const wallMs = performance.now() - t0;
			const failed = runs.filter((r) => r.error).map((r) => r.error!.message);
			const wrongCounts = runs.filter((r) => !r.error && r.output('UDID').length !== expected).length;
			return {
				tokenRequests: sim.stats.requests.token - before.token,
				tokensIssued: sim.stats.tokensIssued - before.issued,
				dataRequests: sim.stats.requests.data - before.data,
				failed: failed.length,
				firstFailure: failed[0],
				wrongItemCounts: wrongCounts,
				wallMs: round(wallMs, 0),
			};
		};

		processTokenCache.clear();
		const cold = await wave();
		// The token is cached for the process: a second wave asks for none.
		const warm = await wave();
		// Until expiry: every issued token becomes invalid; data calls answer code 4 and the cache refreshes once.
		sim.expireTokens();
		const afterExpiry = await wave();
		return {
			executions: input.executions,
			days: input.days,
			perDay: input.perDay,
			latencyMs: input.latencyMs,
			recordsPerExecution: expected,
			cold,
			warm,
			afterExpiry,
		};
	} finally {
		await sim.close();
		await closeSharedDispatchers();
	}
}

if (require.main === module) childMain(main);
