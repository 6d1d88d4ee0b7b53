/** Every sync operation and output mode against the simulator's truth, over real HTTP. */
import { DAY, fixedClock, helper, loadNode, rowsOf, run, versionKeys, withSimulator } from './harness';

const SMALL = { seed: 7, perDay: 45, now: fixedClock };

describe('nmpa-udid sync operations', () => {
	afterEach(() => helper.unload());

	it("syncs a day page by page: one message per page of up to 20, exactly the simulator's day", () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, outputMode: 'page' });
			const { summary, caught } = await run(loaded);
			expect(caught).toBeUndefined();
			const truth = sim.dayRecords(DAY);
			expect(loaded.data.length).toBe(Math.ceil(truth.length / 20));
			for (const msg of loaded.data) expect(msg.payload.length).toBeLessThanOrEqual(20);
			expect(versionKeys(rowsOf(loaded.data))).toEqual(versionKeys(truth));
			expect(loaded.data[0].udid).toEqual({ rangeValue: DAY, page: 1 });
			expect(summary!.payload).toMatchObject({
				operation: 'syncDay',
				from: DAY,
				to: DAY,
				records: truth.length,
				complete: true,
			});
		}));

	it('one message per record, and the other message properties are kept', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', outputMode: 'record' });
			await run(loaded, { date: DAY, topic: 'udi' });
			const truth = sim.dayRecords(DAY);
			expect(loaded.data.length).toBe(truth.length);
			expect(loaded.data.every((m) => !Array.isArray(m.payload) && m.topic === 'udi')).toBe(true);
			expect(versionKeys(rowsOf(loaded.data))).toEqual(versionKeys(truth));
		}));

	it('one message with everything, in the layout and names asked for', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, {
				operation: 'syncDay',
				outputMode: 'all',
				fieldNames: 'english',
				normalizeTypes: true,
			});
			await run(loaded, { date: DAY });
			expect(loaded.data).toHaveLength(1);
			const rows = loaded.data[0].payload;
			expect(versionKeys(rows)).toEqual(versionKeys(sim.dayRecords(DAY)));
			expect(typeof rows[0].versionNumber).toBe('number');
			expect(rows[0]).toHaveProperty('primaryDi');
		}));

	it('syncs a month from msg.month', () =>
		withSimulator({ ...SMALL, perDay: 6 }, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncMonth', outputMode: 'page' });
			const { summary } = await run(loaded, { month: '2024-04' });
			expect(versionKeys(rowsOf(loaded.data)).sort()).toEqual(versionKeys(sim.monthRecords('2024-04')).sort());
			expect(summary!.payload.records).toBe(sim.monthRecords('2024-04').length);
		}));

	it('syncs a range of days from msg.from and msg.to, oldest day first', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncRange', granularity: 'day', outputMode: 'page' });
			await run(loaded, { from: '2024-05-17', to: DAY });
			const truth = ['2024-05-17', '2024-05-18', DAY].flatMap((d) => sim.dayRecords(d));
			expect(versionKeys(rowsOf(loaded.data))).toEqual(versionKeys(truth));
			expect(loaded.data.map((m) => m.udid.rangeValue)[0]).toBe('2024-05-17');
		}));

	it('a limit cuts the range with a resume point, and resuming from it gives exactly the rest', () =>
		withSimulator(SMALL, async (sim) => {
			const loaded = await loadNode(sim, {
				operation: 'syncRange',
				from: '2024-05-18',
				to: DAY,
				limit: 50,
				outputMode: 'page',
			});
			const first = await run(loaded);
			expect(first.summary!.payload).toMatchObject({ records: 50, complete: false });
			const resumeFrom = first.summary!.payload.resumeFrom as string;
			expect(resumeFrom).toMatch(/^2024-05-(18|19)#\d+#/);
			const second = await run(loaded, { resumeFrom, limit: 1000 });
			expect(second.summary!.payload.complete).toBe(true);
			// A limit can end inside a page; the resume point names that page, so its head is sent again (at
			// most one page). Nothing is missing.
			const truth = versionKeys(['2024-05-18', DAY].flatMap((d) => sim.dayRecords(d)));
			const sent = versionKeys(rowsOf(loaded.data));
			expect(new Set(sent)).toEqual(new Set(truth));
			expect(sent.length - truth.length).toBeLessThanOrEqual(20);
		}));

	it('version history of msg.keys', () =>
		withSimulator(SMALL, async (sim) => {
			const keys = sim
				.dayRecords(DAY)
				.slice(0, 3)
				.map((r) => r.deviceRecordKey);
			const loaded = await loadNode(sim, { operation: 'history', outputMode: 'all' });
			const { summary } = await run(loaded, { keys });
			const truth = keys.flatMap((k) => sim.historyOf(k));
			expect(versionKeys(loaded.data[0].payload).sort()).toEqual(versionKeys(truth).sort());
			expect(summary!.payload).toMatchObject({ operation: 'history', keys: 3, records: truth.length });
		}));

	it('shows page x/y, records and visits left in the status while it runs, and green at the end', () =>
		withSimulator({ ...SMALL, perDay: 120, latencyMs: 120 }, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, concurrency: 1 });
			const statuses: Array<{ fill?: string; text?: string }> = [];
			loaded.node.on('call:status', ((call: { args: [{ fill?: string; text?: string }] }) =>
				statuses.push(call.args[0])) as never);
			await run(loaded);
			await new Promise((r) => setTimeout(r, 20));
			expect(statuses.some((s) => /page \d+\/\d+ · \d+ records · \d+ visits left/.test(s.text ?? ''))).toBe(true);
			expect(statuses[statuses.length - 1]).toMatchObject({ fill: 'green' });
			expect(statuses.some((s) => /auto/.test(s.text ?? ''))).toBe(false);
		}));

	it('with concurrency empty (Auto) the status names the adaptive level', () =>
		withSimulator({ ...SMALL, perDay: 120, latencyMs: 120 }, async (sim) => {
			const loaded = await loadNode(sim, { operation: 'syncDay', date: DAY, concurrency: '' });
			const statuses: Array<{ fill?: string; text?: string }> = [];
			loaded.node.on('call:status', ((call: { args: [{ fill?: string; text?: string }] }) =>
				statuses.push(call.args[0])) as never);
			await run(loaded);
			await new Promise((r) => setTimeout(r, 20));
			const auto = /page \d+\/\d+ · \d+ records · auto [1-8] \(peak [2-8]\)/;
			expect(statuses.some((s) => auto.test(s.text ?? ''))).toBe(true);
		}));
});
