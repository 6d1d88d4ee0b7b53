/** Bad input, a quota stop and its resume, and closing the node during a sync. */
import { DEFAULT_APP } from '../../test/simulator';
import { CREDENTIALS, DAY, fixedClock, helper, loadNode, rowsOf, run, versionKeys, withSimulator } from './harness';

const SMALL = { seed: 11, perDay: 90, now: fixedClock };
const dataCalls = (sim: { stats: { requests: Record<string, number> } }) =>
	sim.stats.requests.data + sim.stats.requests.history + sim.stats.requests.single;

describe('nmpa-udid bad input', () => {
	afterEach(() => helper.unload());

	it.each([
		[
			{ operation: 'syncDay' },
			{ date: '2024-13-45' },
			/^Error: Parameter "date": "2024-13-45" is not a real calendar date\. Accepted: a date as yyyy-MM-dd/,
		],
		[{ operation: 'syncDay' }, { date: '2099-01-01' }, /Parameter "date": 2099-01-01 is in the future/],
		[
			{ operation: 'syncMonth' },
			{ month: 'May' },
			/Parameter "month": "May" is not a month\. Accepted: a month as yyyy-MM/,
		],
		[{ operation: 'syncRange' }, { from: DAY, to: '2024-05-01' }, /Parameter "to": 2024-05-01 is before from/],
		[
			{ operation: 'syncDay' },
			{ date: DAY, resumeFrom: '2024-05-18#2#' },
			/Parameter "resumeFrom": 2024-05-18 is not part of this sync/,
		],
		[
			{ operation: 'syncDay' },
			{ date: DAY, resumeFrom: 'page 3' },
			/Parameter "resumeFrom": "page 3" is not a resume point\. Accepted: the resumeFrom value/,
		],
		[
			{ operation: 'syncDay', limit: -5 },
			{ date: DAY },
			/Parameter "limit": -5 is not allowed\. Accepted: a whole number from 1 up/,
		],
		[
			{ operation: 'syncDay', concurrency: '12' },
			{ date: DAY },
			/Parameter "concurrency": "12" is not allowed\. Accepted: Auto, or a whole number from 1 to 8/,
		],
		[{ operation: 'history' }, { keys: ['ok-key', 'bad key!'] }, /Parameter "keys": "key!" is not a valid key/],
		[{ operation: 'history' }, {}, /Parameter "keys": is empty/],
		[{ operation: 'getByDi' }, { di: '(01)06901234567893' }, /Parameter "di": .* check digit/],
		[{ operation: 'frobnicate' }, {}, /Parameter "operation": "frobnicate" is unknown/],
	])('%j with %j: a clear error to Catch and no call to the API', (props, msg, message) =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, props);
			const { caught, summary } = await run(loaded, msg);
			expect(summary).toBeUndefined();
			expect(caught!.error.message).toMatch(message);
			expect(loaded.data).toHaveLength(0);
			expect(dataCalls(sim)).toBe(0);
		}),
	);

	it('names the config field when the connection is misconfigured or missing', () =>
		withSimulator(SMALL, async (sim) => {
			const bad = await loadNode(sim, { operation: 'syncDay' }, { ...CREDENTIALS, tyshxydm: '123' });
			expect((await run(bad, { date: DAY })).caught!.error.message).toMatch(
				/Credential field "Registrant Credit Code \(统一社会信用代码\)" is not a valid/,
			);
			await helper.unload();
			const none = await loadNode(undefined, { operation: 'syncDay' });
			expect((await run(none, { date: DAY })).caught!.error.message).toMatch(/No nmpa-udid-config node is selected/);
		}));
});

describe('nmpa-udid stops and resumes', () => {
	afterEach(() => helper.unload());

	it('a quota stop keeps what was sent, gives msg.resumeFrom to Catch, and resuming completes the day exactly', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, concurrency: 1, outputMode: 'page' });
			await run(loaded, { date: DAY, limit: 1 }); // the token call first, so the quota counts data pages only
			loaded.data.length = 0;
			sim.setRemainingVisits(DEFAULT_APP.appId, 2);
			const stopped = await run(loaded);
			expect(stopped.caught!.error.message).toMatch(/returnCode 11.*daily visit limit/);
			expect(stopped.caught!.resumeFrom).toMatch(new RegExp(`^${DAY}#3#\\d+$`));
			expect(stopped.caught!.fetchedRecords).toBe(40);
			expect(stopped.caught!.returnCode).toBe(11);
			expect(rowsOf(loaded.data)).toHaveLength(40);
			sim.resetQuota();
			const resumed = await run(loaded, { resumeFrom: stopped.caught!.resumeFrom });
			expect(resumed.summary!.payload).toMatchObject({ complete: true, records: sim.dayRecords(DAY).length - 40 });
			expect(versionKeys(rowsOf(loaded.data))).toEqual(versionKeys(sim.dayRecords(DAY)));
		}));

	it('in "all" mode the stopped message carries the rows fetched so far', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, concurrency: 1, outputMode: 'all' });
			await run(loaded, { limit: 1 });
			sim.setRemainingVisits(DEFAULT_APP.appId, 3);
			const { caught } = await run(loaded);
			expect(caught!.partial).toBe(true);
			expect(versionKeys(caught!.payload)).toEqual(versionKeys(sim.dayRecords(DAY).slice(0, 60)));
		}));

	it('in "all" mode the memory guard stops a day too large for one message, keeping the first page', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, outputMode: 'all', maxHeld: 50 });
			const { caught } = await run(loaded);
			const total = sim.dayRecords(DAY).length;
			expect(caught!.error.message).toMatch(
				new RegExp(`would emit ${total} records, more than the 50 one run may hold`),
			);
			expect(caught!.error.message).toMatch(/one message per page/);
			expect(caught!.partial).toBe(true);
			expect(versionKeys(caught!.payload)).toEqual(versionKeys(sim.dayRecords(DAY).slice(0, 20)));
			expect(caught!.resumeFrom).toBe(`${DAY}#2#${total}`);
		}));

	it('closing the node (redeploy) aborts a running sync: no more calls, no error, close waits for it', () =>
		withSimulator({ ...SMALL, perDay: 2000, latencyMs: 80 }, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, concurrency: 1, outputMode: 'page' });
			const firstPage = new Promise<void>((resolve) => helper.getNode('data').on('input', () => resolve()));
			loaded.node.receive({ payload: 'go' });
			await firstPage;
			await helper.unload();
			const callsAtClose = dataCalls(sim);
			await new Promise((r) => setTimeout(r, 400));
			expect(dataCalls(sim)).toBe(callsAtClose);
			expect(callsAtClose).toBeLessThan(10);
			expect(loaded.caught).toHaveLength(0);
			expect(loaded.summaries).toHaveLength(0);
		}));
});
