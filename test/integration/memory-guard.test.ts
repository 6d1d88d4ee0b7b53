import type { IDataObject } from 'n8n-workflow';
import { runWorkflow, udidWorkflow } from '../helpers/engine';
import { simulatorForFile } from '../helpers/simulator-fixture';

/** "Max Records per Execution" in n8n's engine: a sync too large for one execution stops early and says why. */

const MONTH = '2026-10';
const pagesAsked: string[] = [];
const fixture = simulatorForFile({
	seed: 8,
	perDay: 12,
	log: (line) => void (line.includes('/sharing/get') && pagesAsked.push(line)),
});

const syncMonth = (options: IDataObject) =>
	udidWorkflow(
		{ resource: 'device', operation: 'syncMonth', month: MONTH, options: { concurrency: 3, ...options } },
		{ continueOnFail: true },
	);
const keyOf = (json: IDataObject) => `${json.deviceRecordKey}#${json.versionNumber}`;

describe('memory guard', () => {
	it('stops a month larger than the maximum after its first page, explains the way out, and resumes without re-reading', async () => {
		const truth = fixture.sim.monthRecords(MONTH).map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`);
		expect(truth.length).toBeGreaterThan(300);
		const stopped = await runWorkflow(syncMonth({ maxRecordsPerExecution: 100 }), fixture.credentials);
		const items = stopped.output('UDID');
		expect(items).toHaveLength(21);
		const failure = items[20].json;
		expect(failure.error).toBe(
			`Stopped before running out of memory: this sync would emit ${truth.length} records, more than the 100 one run may hold`,
		);
		expect(failure.description).toMatch(
			/Emit Plan Instead of Records.*sub-workflow.*"Max Records per Execution" \(now 100\)/,
		);
		expect(failure).toMatchObject({
			fetchedRecords: 20,
			plannedRecords: truth.length,
			maxRecords: 100,
			resumePoint: { rangeValue: MONTH, page: 2, knownTotal: truth.length },
		});
		const asked = pagesAsked.length;
		expect(asked).toBe(1);

		const resumeFrom = (failure.resumePoint as { resumeFrom: string }).resumeFrom;
		const rest = (await runWorkflow(syncMonth({ maxRecordsPerExecution: 0, resumeFrom }), fixture.credentials)).output(
			'UDID',
		);
		expect([...items.slice(0, 20), ...rest].map((i) => keyOf(i.json)).sort()).toEqual([...truth].sort());
		expect(pagesAsked.length - asked).toBe(Math.ceil(truth.length / 20) - 1);
	});

	it('without continueOnFail the run fails with the same words; the default maximum lets a normal month through', async () => {
		const { error } = await runWorkflow(
			udidWorkflow({
				resource: 'device',
				operation: 'syncMonth',
				month: MONTH,
				options: { maxRecordsPerExecution: 50 },
			}),
			fixture.credentials,
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/would emit \d+ records, more than the 50/);
		const whole = await runWorkflow(
			udidWorkflow({ resource: 'device', operation: 'syncMonth', month: MONTH }),
			fixture.credentials,
		);
		expect(whole.error).toBeUndefined();
		expect(whole.output('UDID')).toHaveLength(fixture.sim.monthRecords(MONTH).length);
	});

	it('a bad maximum is a parameter error', async () => {
		const { error } = await runWorkflow(
			udidWorkflow({
				resource: 'device',
				operation: 'syncDay',
				date: '2026-11-20',
				options: { maxRecordsPerExecution: -1 },
			}),
			fixture.credentials,
		);
		expect(error?.message).toMatch(
			/Parameter "Max Records per Execution": -1 is not allowed\. Accepted: a whole number from 0 up/,
		);
	});
});
