/** The incremental sync: a cursor in the node's context, every version once, late additions picked up. */
import { addDays, chinaToday } from '../../nodes/udid/calendar';
import { helper, loadNode, rowsOf, run, versionKeys, withSimulator } from './harness';

describe('nmpa-udid incremental sync', () => {
	afterEach(() => helper.unload());

	it('emits each published version once across runs, and exactly what was published since', () =>
		withSimulator({ seed: 5, perDay: 30 }, async (sim) => {
			const today = chinaToday();
			const start = addDays(today, -3);
			const loaded = await loadNode(sim, {
				operation: 'incremental',
				startDate: start,
				settleDays: 1,
				outputMode: 'page',
			});
			const first = await run(loaded);
			const days = [start, addDays(today, -2), addDays(today, -1), today];
			const truth = days.flatMap((d) => sim.dayRecords(d));
			const firstKeys = versionKeys(rowsOf(loaded.data));
			expect(new Set(firstKeys)).toEqual(new Set(versionKeys(truth)));
			expect(firstKeys).toHaveLength(truth.length);
			expect(first.summary!.payload).toMatchObject({
				operation: 'incremental',
				records: truth.length,
				syncedThrough: addDays(today, -2),
			});
			expect(rowsOf(loaded.data)[0]).toHaveProperty('syncDay');

			loaded.data.length = 0;
			const second = await run(loaded);
			expect(second.summary!.payload.records).toBe(0);
			expect(loaded.data).toHaveLength(0);

			const published = sim.publish(addDays(today, -1), 5, { updates: 2 });
			const third = await run(loaded);
			expect(third.summary!.payload.records).toBe(5);
			expect(versionKeys(rowsOf(loaded.data)).sort()).toEqual(versionKeys(published).sort());
		}));

	it('skips a message that arrives while a run is still going, so nothing is emitted twice', () =>
		withSimulator({ seed: 6, perDay: 200, latencyMs: 40 }, async (sim) => {
			const loaded = await loadNode(sim, {
				operation: 'incremental',
				startDate: addDays(chinaToday(), -1),
				concurrency: 1,
				outputMode: 'page',
			});
			const summary = loaded.next();
			loaded.node.receive({ payload: 1 });
			loaded.node.receive({ payload: 2 });
			await summary;
			await new Promise((r) => setTimeout(r, 100));
			expect(loaded.summaries).toHaveLength(1);
			const keys = versionKeys(rowsOf(loaded.data));
			expect(new Set(keys).size).toBe(keys.length);
		}));
});
