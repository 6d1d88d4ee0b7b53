import type { IDataObject } from 'n8n-workflow';
import { pollTrigger } from '../helpers/engine';
import { simulatorForFile } from '../helpers/simulator-fixture';

/** The trigger's form is checked by the core's rules and reported as n8n errors naming the parameter. */
const fixture = simulatorForFile({ seed: 3, perDay: 5 });

describe('trigger parameters', () => {
	it.each([
		[
			{ options: { settleDays: 15 } },
			/Parameter "Settle Days": 15 is not allowed\. Accepted: a whole number from 0 to 14/,
		],
		[{ options: { maxDaysPerPoll: 0 } }, /Parameter "Max Catch-Up Days per Poll": 0 is not allowed/],
		[{ options: { maxRecordsPerPoll: 2.5 } }, /Parameter "Max Records per Poll"/],
		[{ options: { concurrency: 9 } }, /Parameter "Concurrency".*from 1 to 8/],
		[{ options: { layout: 'table' } }, /Parameter "Layout": "table" is unknown/],
		[{ startDate: '2026-13-01' }, /Parameter "Start Date"/],
	] as Array<[IDataObject, RegExp]>)('%p is refused', async (parameters, message) => {
		const result = await pollTrigger(parameters, fixture.credentials, {});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.staticData).toEqual({});
		expect(fixture.sim.stats.requests.data).toBe(0);
	});
});
