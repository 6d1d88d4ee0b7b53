import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import type { Simulator, SimulatorOptions } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';

/**
 * A simulator for the tests of one file, started before them and closed after them, with a credential for it.
 * Read `fixture.sim` and `fixture.credentials` inside tests (they are set once beforeAll ran).
 */
export function simulatorForFile(options: SimulatorOptions) {
	const fixture = {} as { sim: Simulator; credentials: ICredentialDataDecryptedObject };
	beforeAll(async () => {
		fixture.sim = await startSimulator({ port: 0, ...options });
		fixture.credentials = {
			appId: DEFAULT_APP.appId,
			appSecret: DEFAULT_APP.appSecret,
			tyshxydm: DEFAULT_APP.creditCodes[0],
			baseUrl: fixture.sim.url,
		};
	});
	afterAll(async () => {
		await fixture.sim.close();
		await closeSharedDispatchers();
	});
	return fixture;
}
