import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INode, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CalendarInputError } from '../../udid/calendar';
import type { UdidClientOptions } from '../../udid/client/client';
import { BASE_URLS, UdidClient } from '../../udid/client/client';
import { TokenCache } from '../../udid/client/token-cache';
import { UdidApiError, UdidError, UdidTransportError, formatResumeFrom } from '../../udid/client/errors';
import { validateUscc } from '../../udid/identifiers/uscc';

export const CREDENTIAL_NAME = 'nmpaUdidApi';

export interface UdidCredentials {
	appId: string;
	appSecret: string;
	tyshxydm: string;
	environment: 'production' | 'test';
	baseUrl?: string;
	legacyTls?: boolean;
	ignoreSslIssues?: boolean;
}

export type CheckedCredentials = UdidCredentials & { resolvedBaseUrl: string };

/**
 * Checks a credential and returns the client settings, or a sentence naming the field and its accepted form
 * (the node turns it into a NodeOperationError, the credential test shows it as is).
 */
export function checkCredentials(raw: ICredentialDataDecryptedObject): CheckedCredentials | { problem: string } {
	const c = raw as unknown as UdidCredentials;
	const appId = String(c.appId ?? '').trim();
	if (!appId) return { problem: 'Credential field "App ID (应用码)" is empty. Enter the appId issued by the UDID data-sharing platform.' };
	if (!String(c.appSecret ?? '')) return { problem: 'Credential field "App Secret (应用授权码)" is empty.' };
	const uscc = validateUscc(String(c.tyshxydm ?? ''));
	if (!uscc.valid) {
		return {
			problem: `Credential field "Registrant Credit Code (统一社会信用代码)" is not a valid unified social credit code: ${uscc.reason}. Accepted: 18 characters per GB 32100-2015, e.g. 91350100M000100Y43.`,
		};
	}
	const override = String(c.baseUrl ?? '').trim();
	let resolvedBaseUrl: string = BASE_URLS[c.environment === 'test' ? 'test' : 'production'];
	if (override) {
		const url = URL.canParse(override) ? new URL(override) : undefined;
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
			return {
				problem: `Credential field "Base URL Override" ("${override}") is not an http(s) URL. Accepted: an address such as https://udid.nmpa.gov.cn/api/v2, or leave it empty.`,
			};
		}
		resolvedBaseUrl = override.replace(/\/+$/, '');
	}
	return { ...c, appId, tyshxydm: uscc.code, resolvedBaseUrl };
}

const clients = new Map<string, UdidClient>();

/**
 * Operators can tune timeouts and retries for their network without editing workflows:
 * NMPA_UDID_TIMEOUT_MS (per request, default 30000), NMPA_UDID_RETRIES (default 4),
 * NMPA_UDID_RETRY_BASE_MS (first back-off, default 500).
 */
function tuningFromEnvironment(): Partial<UdidClientOptions> {
	const number = (name: string) => {
		const value = Number(process.env[name]);
		return Number.isFinite(value) && value >= 0 && process.env[name] !== '' ? value : undefined;
	};
	const retries = number('NMPA_UDID_RETRIES');
	const baseDelayMs = number('NMPA_UDID_RETRY_BASE_MS');
	return {
		timeoutMs: number('NMPA_UDID_TIMEOUT_MS') || undefined,
		...(retries !== undefined || baseDelayMs !== undefined ? { retry: { ...(retries !== undefined ? { retries } : {}), ...(baseDelayMs !== undefined ? { baseDelayMs, maxDelayMs: Math.max(baseDelayMs * 8, 1) } : {}) } } : {}),
	};
}

function newClient(c: CheckedCredentials, extra: Partial<UdidClientOptions> = {}): UdidClient {
	return new UdidClient({
		baseUrl: c.resolvedBaseUrl,
		appId: c.appId,
		appSecret: c.appSecret,
		creditCode: c.tyshxydm,
		legacyTls: c.legacyTls === true,
		ignoreCertificate: c.ignoreSslIssues === true,
		...tuningFromEnvironment(),
		...extra,
	});
}

/**
 * A client with a token cache of its own, for the credential test: it must prove this appSecret works, not
 * reuse a token that another (correct) secret obtained earlier in the process.
 */
export function isolatedClientFor(c: CheckedCredentials): UdidClient {
	return newClient(c, { tokenCache: new TokenCache(), retry: { retries: 1 } });
}

/** One client per credential for the process, so keep-alive connections and the token cache are shared. */
export function clientFor(c: CheckedCredentials, log?: (message: string) => void): UdidClient {
	const secretHash = createHash('sha256').update(c.appSecret).digest('hex');
	const key = [c.resolvedBaseUrl, c.appId, c.tyshxydm, secretHash, c.legacyTls ? 1 : 0, c.ignoreSslIssues ? 1 : 0].join('|');
	let client = clients.get(key);
	if (!client) {
		client = newClient(c, { log: log && ((message) => log(message)) });
		clients.set(key, client);
	}
	return client;
}

/** What the user should do about each return code; shown as the error description. */
const ADVICE: Record<number, string> = {
	2: 'Access is not authorised. Apply for data-sharing access on the UDID platform (医疗器械唯一标识管理信息系统) for this appId.',
	3: 'The appId or appSecret is wrong. Check the credential; both work for production and test.',
	4: 'The access token was rejected twice in a row. Run again; if it persists, the server is refusing fresh tokens.',
	5: 'The UDID service is unavailable; retries were exhausted. Try again later.',
	6: 'The UDID server reported a network fault; retries were exhausted. Try again later.',
	7: 'The server could not execute the request. Check the parameters named in the message.',
	8: 'The server rejected a parameter\'s format. Check the parameter named in the message.',
	9: 'A token is still valid on the server but could not be reused. Wait until it expires (usually within two hours) and run again.',
	10: 'Requests were too frequent even after backing off. Lower the concurrency option or run later.',
	11: 'The daily visit limit (当日访问次数) is used up. Run again tomorrow (China time), starting from the resume point.',
	12: 'The registrant (or its agent) has not granted declaration authorisation (申报授权) to this appId for the credit code in the credential. Ask the registrant to grant it on the UDID platform, or use a credit code that has.',
};

export function adviceFor(error: UdidError): string {
	if (error instanceof UdidApiError) return ADVICE[error.returnCode] ?? 'Unexpected return code from the UDID server.';
	const transport = error as UdidTransportError;
	switch (transport.failure) {
		case 'timeout':
			return 'The UDID server did not answer in time, also after retries. Check the network path to udid.nmpa.gov.cn (proxy settings: HTTPS_PROXY / NO_PROXY).';
		case 'network':
			return 'Could not reach the UDID server. Check DNS, firewall and proxy (HTTPS_PROXY / NO_PROXY); if the TLS handshake fails, try the credential\'s "Legacy TLS" switch.';
		case 'html':
			return 'A gateway answered with a web page instead of data (maintenance or a block page). Try again later; check the base URL.';
		case 'http':
			return 'The server answered with an HTTP error. Check the base URL in the credential.';
		default:
			return 'The answer could not be read. Try again; if it persists, report it with the execution log.';
	}
}

/** Maps any error of the core to the n8n error a user sees; secrets never enter it (core errors hold none). */
export function toNodeError(node: INode, error: unknown, itemIndex: number, context = ''): Error {
	const prefix = context ? `${context}: ` : '';
	if (error instanceof CalendarInputError) {
		return new NodeOperationError(node, prefix + error.message, { itemIndex });
	}
	if (error instanceof UdidError) {
		const details: JsonObject = { endpoint: error.endpoint, retryable: error.retryable };
		if (error instanceof UdidApiError) {
			details.returnCode = error.returnCode;
			details.returnMsg = error.serverMessage;
			if (error.errorCode !== undefined) details.errorCode = error.errorCode;
		} else {
			details.failure = (error as UdidTransportError).failure;
		}
		if (error.fetchedRecords !== undefined) details.fetchedRecords = error.fetchedRecords;
		if (error.resumePoint) details.resumePoint = { ...error.resumePoint, resumeFrom: formatResumeFrom(error.resumePoint) };
		const apiError = new NodeApiError(node, details, {
			message: prefix + error.message,
			description: adviceFor(error) + resumeSentence(error),
			itemIndex,
			httpCode: error instanceof UdidTransportError && error.httpStatus ? String(error.httpStatus) : undefined,
		});
		return apiError;
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(node, prefix + ((error as Error)?.message ?? String(error)), { itemIndex });
}

function resumeSentence(error: UdidError): string {
	if (!error.resumePoint) return '';
	const point = error.resumePoint;
	const kept = error.fetchedRecords !== undefined ? ` ${error.fetchedRecords} records were fetched before the failure.` : '';
	if (!point.rangeValue) return `${kept} Resume from page ${point.page} (option "Start Page").`;
	return `${kept} Resume from ${point.rangeValue}, page ${point.page}: set the option "Resume From" to ${formatResumeFrom(point)} (it also re-reads records published meanwhile).`;
}

/** The client for the node's credential; a malformed credential is a NodeOperationError naming the field. */
export async function udidClient(ctx: IExecuteFunctions | IPollFunctions): Promise<UdidClient> {
	const checked = checkCredentials(await ctx.getCredentials(CREDENTIAL_NAME));
	if ('problem' in checked) throw new NodeOperationError(ctx.getNode(), checked.problem);
	// The client is cached for the process: its log callback must not capture this execution's context, which
	// holds every item the execution outputs and would keep them alive until n8n restarts.
	const logger = ctx.logger;
	return clientFor(checked, (message) => logger.debug(message));
}
