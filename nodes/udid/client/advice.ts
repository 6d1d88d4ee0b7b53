import type { UdidError, UdidTransportError } from './errors';
import { UdidApiError } from './errors';

/** What the user should do about each return code; shells show it next to the error. */
const ADVICE: Record<number, string> = {
	2: 'Access is not authorised. Apply for data-sharing access on the UDID platform (医疗器械唯一标识管理信息系统) for this appId.',
	3: 'The appId or appSecret is wrong. Check the credential; both work for production and test.',
	4: 'The access token was rejected twice in a row. Run again; if it persists, the server is refusing fresh tokens.',
	5: 'The UDID service is unavailable; retries were exhausted. Try again later.',
	6: 'The UDID server reported a network fault; retries were exhausted. Try again later.',
	7: 'The server could not execute the request. Check the parameters named in the message.',
	8: "The server rejected a parameter's format. Check the parameter named in the message.",
	9: 'A token is still valid on the server but could not be reused. Wait until it expires (usually within two hours) and run again.',
	10: 'Requests were too frequent even after backing off. Lower the concurrency option or run later.',
	11: 'The daily visit limit (当日访问次数) is used up. Run again tomorrow (China time), starting from the resume point.',
	12: 'The registrant (or its agent) has not granted declaration authorisation (申报授权) to this appId for the credit code in the credential. Ask the registrant to grant it on the UDID platform, or use a credit code that has.',
};

const TRANSPORT_ADVICE: Record<string, string> = {
	timeout:
		'The UDID server did not answer in time, also after retries. Check the network path to udid.nmpa.gov.cn (proxy settings: HTTPS_PROXY / NO_PROXY).',
	network:
		'Could not reach the UDID server. Check DNS, firewall and proxy (HTTPS_PROXY / NO_PROXY); if the TLS handshake fails, try the credential\'s "Legacy TLS" switch.',
	html: 'A gateway answered with a web page instead of data (maintenance or a block page). Try again later; check the base URL.',
	http: 'The server answered with an HTTP error. Check the base URL in the credential.',
};

export function adviceFor(error: UdidError): string {
	if (error instanceof UdidApiError) return ADVICE[error.returnCode] ?? 'Unexpected return code from the UDID server.';
	return (
		TRANSPORT_ADVICE[(error as UdidTransportError).failure] ??
		'The answer could not be read. Try again; if it persists, report it with the execution log.'
	);
}
