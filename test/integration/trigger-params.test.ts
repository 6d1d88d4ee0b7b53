import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { pollTrigger } from '../helpers/engine';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';

/** The trigger's form is checked by the core's rules and reported as n8n errors naming the parameter. */
let sim: Simulator;
let credentials: ICredentialDataDecryptedObject;

beforeAll(async () => {
	sim = await startSimulator({ port: 0, seed: 3, perDay: 5 });
	credentials = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		baseUrl: sim.url,
	};
});
afterAll(async () => {
	await sim.close();
	await closeSharedDispatchers();
});

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
		const result = await pollTrigger(parameters, credentials, {});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.staticData).toEqual({});
		expect(sim.stats.requests.data).toBe(0);
	});
});
