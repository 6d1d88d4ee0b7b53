import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { addDays, daysBetween } from '../../nodes/udid/calendar';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { processTokenCache } from '../../nodes/udid/client/token-cache';
import { captured, pollTrigger } from '../helpers/engine';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';

/**
 * Weeks of polls against the simulator with a moving clock (only Date is faked; timers and sockets are real).
 * After every scenario the union of emitted versions must equal the simulator's ground truth for the period.
 */

const REAL_TIMERS = [
	'nextTick',
	'setImmediate',
	'clearImmediate',
	'setTimeout',
	'clearTimeout',
	'setInterval',
	'clearInterval',
	'queueMicrotask',
	'hrtime',
	'performance',
] as const;

/** A China-time wall clock moment, e.g. at('2026-11-03', 10) = 10:00 in Beijing. */
const at = (day: string, hour: number) => new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3600_000 + hour * 3600_000);

interface Harness {
	sim: Simulator;
	credentials: ICredentialDataDecryptedObject;
	staticData: IDataObject;
	emitted: string[];
	errors: Error[];
	onData?: (n: number) => void;
	dataRequests: number;
}

async function harness(seed: number): Promise<Harness> {
	const h = { staticData: {}, emitted: [], errors: [], dataRequests: 0 } as unknown as Harness;
	h.sim = await startSimulator({
		port: 0,
		seed,
		perDay: 60,
		log: (line) => {
			if (line.includes('/sharing/get')) h.onData?.(++h.dataRequests);
		},
	});
	h.credentials = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl: h.sim.url,
	};
	return h;
}

async function pollAt(h: Harness, moment: Date, parameters: IDataObject) {
	jest.setSystemTime(moment);
	const result = await pollTrigger(parameters, h.credentials, h.staticData);
	h.staticData = result.staticData; // a restart between polls: static data only survives as JSON
	h.emitted.push(...result.items.map((i: INodeExecutionData) => `${i.json.deviceRecordKey}#${i.json.versionNumber}`));
	if (result.error) h.errors.push(result.error);
	return result;
}

function truth(h: Harness, from: string, to: string) {
	return daysBetween(from, to)
		.flatMap((d) => h.sim.dayRecords(d))
		.map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`)
		.sort();
}

function expectExactlyOnce(h: Harness, from: string, to: string) {
	const emitted = [...h.emitted].sort();
	expect(emitted.length - new Set(emitted).size).toBe(0);
	expect(emitted).toEqual(truth(h, from, to));
}

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('trigger in time zone %s', (zone) => {
	const originalZone = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = zone;
		jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
	});
	afterAll(async () => {
		jest.useRealTimers();
		process.env.TZ = originalZone;
		await closeSharedDispatchers();
	});
	beforeEach(() => processTokenCache.clear());

	it('three weeks of polls with late additions, updates, downtime and restarts: nothing lost, nothing twice', async () => {
		const h = await harness(21);
		const params = { startDate: '2026-11-01', options: { maxDaysPerPoll: 3, settleDays: 2 } };
		let day = '2026-11-03';
		const last = '2026-11-24';
		for (; day <= last; day = addDays(day, 1)) {
			if (day >= '2026-11-09' && day <= '2026-11-13') continue; // five days of downtime
			for (const hour of [1, 7, 13, 19]) {
				if (hour === 13) h.sim.publish(addDays(day, -1), 3); // late additions to yesterday
				if (hour === 19) h.sim.publish(day, 4, { updates: 2 }); // updates: new versions of existing records
				await pollAt(h, at(day, hour), params);
			}
		}
		// the last poll of the last day, after which nothing more is published
		await pollAt(h, at(last, 23.5), params);
		expect(h.errors).toEqual([]);
		expectExactlyOnce(h, '2026-11-01', last);
		const cursor = h.staticData['node:UDID Trigger'] as { cursor: { done: string } };
		expect(cursor.cursor.done).toBe(addDays(last, -3));
		await h.sim.close();
	});

	it('quota hit mid-day keeps the cursor, and the next poll after the quota resets completes the set', async () => {
		const h = await harness(33);
		const params = { startDate: '2026-11-10', options: { maxDaysPerPoll: 10 } };
		await pollAt(h, at('2026-11-12', 2), params);
		h.onData = (n) => n === h.dataRequests && n % 7 === 0 && h.sim.setRemainingVisits(DEFAULT_APP.appId, 0);
		await pollAt(h, at('2026-11-16', 9), params);
		const partial = h.emitted.length;
		await pollAt(h, at('2026-11-16', 10), params); // still no visits left: nothing emitted, nothing lost
		expect(h.errors.some((e) => /returnCode 11/.test(e.message))).toBe(true);
		h.onData = undefined;
		h.sim.resetQuota();
		for (const hour of [11, 12, 13]) await pollAt(h, at('2026-11-16', hour), params);
		expect(h.emitted.length).toBeGreaterThan(partial);
		expectExactlyOnce(h, '2026-11-10', '2026-11-16');
		await h.sim.close();
	});

	it('catch-up after long downtime is bounded per poll and says how far behind it is', async () => {
		const h = await harness(45);
		const params = { startDate: '2026-10-01', options: { maxDaysPerPoll: 5, settleDays: 1 } };
		const first = await pollAt(h, at('2026-10-31', 12), params);
		const days = new Set(first.items.map((i) => i.json.syncDay));
		expect([...days].filter((d) => String(d) < '2026-10-30')).toHaveLength(5);
		expect(first.items[0].json.syncBehindDays).toBe(29 - 5);
		// the poll's summary names the level Auto (the default) reached
		expect(captured.logs.some((l) => /NMPA UDID Trigger: .*; concurrency auto reached [1-8];/.test(l))).toBe(true);
		for (let i = 0; i < 6; i++) await pollAt(h, at('2026-10-31', 13 + i), params);
		expectExactlyOnce(h, '2026-10-01', '2026-10-31');
		await h.sim.close();
	});

	it('"Fetch Test Event" returns a sample without moving the cursor', async () => {
		const h = await harness(52);
		jest.setSystemTime(at('2026-11-20', 15));
		const sample = await pollTrigger({ startDate: '2026-11-19' }, h.credentials, {}, 'manual');
		expect(sample.items.length).toBeGreaterThan(0);
		expect(sample.items.length).toBeLessThanOrEqual(5);
		expect(sample.staticData).toEqual({});
		await h.sim.close();
	});
});
