import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { UdidClient } from '../udid/client/client';
import { checkConnectionSettings, clientFor } from '../udid/client/connect';

export const CREDENTIAL_NAME = 'nmpaUdidApi';

/** The client for the node's credential; a malformed credential is a NodeOperationError naming the field. */
export async function udidClient(ctx: IExecuteFunctions | IPollFunctions): Promise<UdidClient> {
	const checked = checkConnectionSettings(await ctx.getCredentials(CREDENTIAL_NAME));
	if ('problem' in checked) throw new NodeOperationError(ctx.getNode(), checked.problem);
	// The client is cached for the process: its log callback must not capture this execution's context, which
	// holds every item the execution outputs and would keep them alive until n8n restarts.
	const logger = ctx.logger;
	return clientFor(checked, (message) => logger.debug(message));
}
