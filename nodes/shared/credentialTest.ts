import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { adviceFor } from '../udid/client/advice';
import { checkConnectionSettings, isolatedClientFor } from '../udid/client/connect';
import { UdidApiError, UdidError } from '../udid/client/errors';

/**
 * Asks the server for a token with the credential and explains the answer in words. Success shows the
 * remaining daily visits; the token itself is never shown.
 */
export async function nmpaUdidApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const checked = checkConnectionSettings(credential.data ?? {});
		if ('problem' in checked) return { status: 'Error', message: checked.problem };
		const client = isolatedClientFor(checked);
		const info = await client.getTokenInfo();
		const visits =
			info.todayRemainVisitCount !== undefined
				? `${info.todayRemainVisitCount} visits left today`
				: 'remaining visits not reported';
		const reused = info.origin === 'reused' ? ' (the server reused a token that is still valid)' : '';
		return { status: 'OK', message: `Connection successful: token obtained${reused}, ${visits}.` };
	} catch (error) {
		return { status: 'Error', message: explain(error) };
	}
}

function explain(error: unknown): string {
	if (error instanceof UdidApiError) {
		const server = error.serverMessage ? ` (server: ${error.serverMessage})` : '';
		return `Return code ${error.returnCode}: ${adviceFor(error)}${server}`;
	}
	if (error instanceof UdidError) return `${adviceFor(error)} (${error.message})`;
	return `Unexpected failure: ${(error as Error)?.message ?? String(error)}`;
}
