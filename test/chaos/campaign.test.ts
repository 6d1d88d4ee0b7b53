import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { processTokenCache } from '../../nodes/udid/client/token-cache';
import { captured, runWorkflow, udidWorkflow } from '../helpers/engine';
import type { FaultKind, Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { leakedSecrets, recordSecrets, scannedVolume } from './secrets';

/**
 * Fault campaign: scenarios × seeds against the simulator, through the action node in n8n's engine. Every run
 * must emit exactly the ground truth — or end with an error item whose resume point, fed back as the "Resume
 * From" option, completes the set: nothing lost, nothing twice within a run. CHAOS_SEEDS bounds the matrix (CI runs a few, `npm run
 * test:chaos` more).
 */

const SEEDS = Array.from({ length: Number(process.env.CHAOS_SEEDS ?? 6) }, (_, i) => 101 + i * 17);
const DAY = '2026-11-19';
const RETRYABLE: FaultKind[] = ['code5', 'code6', 'code10', 'http502', 'reset', 'html', 'truncated'];

interface Scenario {
	name: string;
	setup(sim: Simulator, seed: number): void;
	/** Called with the count of data requests answered so far. */
	onData?(sim: Simulator, n: number, seed: number): void;
	/** The run is expected to stop (quota) and be resumed. */
	mayStop?: boolean;
	lift?(sim: Simulator): void;
}

const scenarios: Scenario[] = [
	{ name: 'random retryable faults at 20 %', setup: (sim) => sim.setFaults({ rate: 0.2, kinds: RETRYABLE }) },
	{ name: 'heavy faults at 40 %', setup: (sim) => sim.setFaults({ rate: 0.4, kinds: RETRYABLE }) },
	{
		name: 'slow answers past the timeout',
		setup: (sim) => sim.setFaults({ rate: 0.08, kinds: ['slow'], slowMs: 4_000 }),
	},
	{
		name: 'odd answers (double-encoded, lower-case keys, string codes, BOM) with faults',
		setup: (sim) => {
			sim.setVariant({ doubleEncodedAll: true, lowerCaseKeys: true, stringCodes: true, bom: true });
			sim.setFaults({ rate: 0.15, kinds: RETRYABLE });
		},
	},
	{
		name: 'token expiry mid-sync',
		setup: () => undefined,
		onData: (sim, n, seed) => n === 2 + (seed % 9) && sim.expireTokens(),
	},
	{
		name: 'token expiry twice, with faults',
		setup: (sim) => sim.setFaults({ rate: 0.1, kinds: RETRYABLE }),
		onData: (sim, n) => (n === 4 || n === 9) && sim.expireTokens(),
	},
	{
		name: 'records published during paging',
		setup: (sim, seed) => sim.publishDuringPaging(DAY, { afterPage: 2 + (seed % 5), count: 15 + (seed % 30) }),
	},
	{
		name: 'daily quota reached mid-sync, then lifted (resume)',
		setup: () => undefined,
		onData: (sim, n, seed) => n === 3 + (seed % 6) && sim.setRemainingVisits(DEFAULT_APP.appId, 0),
		mayStop: true,
		lift: (sim) => sim.resetQuota(),
	},
	{
		name: 'quota and faults and publishing together',
		setup: (sim, seed) => {
			sim.setFaults({ rate: 0.15, kinds: RETRYABLE });
			sim.publishDuringPaging(DAY, { afterPage: 4, count: 10 + (seed % 10) });
		},
		onData: (sim, n, seed) => n === 6 + (seed % 5) && sim.setRemainingVisits(DEFAULT_APP.appId, 0),
		mayStop: true,
		lift: (sim) => sim.resetQuota(),
	},
];

const keyOf = (json: IDataObject) => `${json.deviceRecordKey}#${json.versionNumber}`;

describe.each(scenarios)('chaos: $name', (scenario) => {
	it.each(SEEDS)('seed %i: nothing lost, nothing twice', async (seed) => {
		let dataRequests = 0;
		let lifted = false;
		const sim = await startSimulator({
			port: 0,
			seed,
			perDay: 260,
			log: (line) => {
				if (line.includes('/sharing/get') && !lifted) scenario.onData?.(sim, ++dataRequests, seed);
			},
		});
		processTokenCache.clear();
		process.env.NMPA_UDID_TIMEOUT_MS = '1500';
		const credentials: ICredentialDataDecryptedObject = {
			appId: DEFAULT_APP.appId,
			appSecret: DEFAULT_APP.appSecret,
			tyshxydm: DEFAULT_APP.creditCodes[0],
			baseUrl: sim.url,
		};
		try {
			scenario.setup(sim, seed);
			const options: IDataObject = { concurrency: 1 + (seed % 8) };
			const emitted: string[] = [];
			let resumeFrom = '';
			let stops = 0;
			for (let attempt = 0; attempt < 4; attempt++) {
				const { output, error } = await runWorkflow(
					udidWorkflow(
						{ resource: 'device', operation: 'syncDay', date: DAY, options: { ...options, resumeFrom } },
						{ continueOnFail: true },
					),
					credentials,
				);
				expect(error).toBeUndefined();
				const items: INodeExecutionData[] = output('UDID');
				const failure = items.find((i) => i.json.error !== undefined);
				const keys = items.filter((i) => i !== failure).map((i) => keyOf(i.json));
				expect(keys.length - new Set(keys).size).toBe(0); // no duplicates within a run
				emitted.push(...keys);
				recordSecrets(items);
				if (!failure) break;
				// any stop must be a clear error with a resume point; quota stops are the expected ones
				stops++;
				expect(failure.json).toMatchObject({
					error: expect.stringMatching(/returnCode|retr|timed out|network|HTML|HTTP/),
					resumePoint: { rangeValue: DAY, page: expect.any(Number) },
				});
				if (failure.json.returnCode === 11) expect(scenario.mayStop).toBe(true);
				resumeFrom = (failure.json.resumePoint as { resumeFrom: string }).resumeFrom;
				scenario.lift?.(sim);
				lifted = true;
			}
			sim.setFaults({ rate: 0 });
			const truth = sim
				.dayRecords(DAY)
				.map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`)
				.sort();
			const got = [...emitted].sort();
			// a resumed run may re-read records of its start page: duplicates across runs are expected and harmless
			// for upserts, but within one run there are none, and the union must equal the truth
			expect([...new Set(got)]).toEqual(truth);
			if (stops === 0) expect(got.length).toBe(truth.length);
			if (scenario.mayStop) expect(stops).toBe(1);
			recordSecrets([...captured.logs, ...captured.uiMessages], [DEFAULT_APP.appSecret, ...sim.issuedTokens()]);
		} finally {
			await sim.close();
		}
	});
});

describe('campaign secret scan (runs last)', () => {
	it('secret scan: no app secret or issued token in any item, error, log line or editor message of the campaign', () => {
		expect(scannedVolume().texts).toBeGreaterThan(SEEDS.length * scenarios.length);
		expect(leakedSecrets()).toEqual([]);
	});
});

afterAll(async () => {
	await closeSharedDispatchers();
});
