import type { INodeProperties } from 'n8n-workflow';
import { triggerProperties } from '../../nodes/NmpaUdidTrigger/trigger.descriptions';
import { MAX_CONCURRENCY } from '../../nodes/udid/paging';
import { INCREMENTAL_BOUNDS, INCREMENTAL_DEFAULTS } from '../../nodes/udid/sync';

/** The trigger's form shows the defaults and bounds the core's incremental poll applies. */
describe('trigger options', () => {
	const options = (triggerProperties.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];
	const option = (name: string) => options.find((o) => o.name === name)!;

	it.each([
		['maxDaysPerPoll', 'maxDays'],
		['maxRecordsPerPoll', 'maxRecords'],
		['settleDays', 'settleDays'],
		['addSyncFields', 'addSyncFields'],
		['concurrency', 'concurrency'],
	] as const)('%s defaults to the core default', (name, key) => {
		expect(option(name).default).toBe(INCREMENTAL_DEFAULTS[key]);
	});

	it('bounds match the core', () => {
		expect(option('maxDaysPerPoll').typeOptions).toEqual({
			minValue: INCREMENTAL_BOUNDS.maxDays.min,
			maxValue: INCREMENTAL_BOUNDS.maxDays.max,
		});
		expect(option('settleDays').typeOptions).toEqual({
			minValue: INCREMENTAL_BOUNDS.settleDays.min,
			maxValue: INCREMENTAL_BOUNDS.settleDays.max,
		});
		expect(option('concurrency').typeOptions).toEqual({ minValue: 1, maxValue: MAX_CONCURRENCY });
	});
});
