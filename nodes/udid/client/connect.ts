import { createHash } from 'node:crypto';
import { validateUscc } from '../identifiers/uscc';
import type { UdidClientOptions } from './client';
import { BASE_URLS, UdidClient } from './client';
import { TokenCache } from './token-cache';

/** What a shell stores for a connection (n8n: the credential; Node-RED: the config node). */
export interface ConnectionSettings {
	appId: string;
	appSecret: string;
	/** Registrant's unified social credit code (统一社会信用代码). */
	tyshxydm: string;
	environment?: 'production' | 'test';
	baseUrl?: string;
	legacyTls?: boolean;
	ignoreSslIssues?: boolean;
}

export type CheckedConnection = ConnectionSettings & { resolvedBaseUrl: string };

/**
 * Checks connection settings and returns them with the base URL resolved, or a sentence naming the field and
 * its accepted form (a shell shows it as its own error; a connection test shows it as is).
 */
export function checkConnectionSettings(raw: Record<string, unknown>): CheckedConnection | { problem: string } {
	const c = raw as unknown as ConnectionSettings;
	const appId = String(c.appId ?? '').trim();
	if (!appId)
		return {
			problem: 'Credential field "App ID (应用码)" is empty. Enter the appId issued by the UDID data-sharing platform.',
		};
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
	const retry = {
		...(retries !== undefined ? { retries } : {}),
		...(baseDelayMs !== undefined ? { baseDelayMs, maxDelayMs: Math.max(baseDelayMs * 8, 1) } : {}),
	};
	return {
		timeoutMs: number('NMPA_UDID_TIMEOUT_MS') || undefined,
		...(Object.keys(retry).length > 0 ? { retry } : {}),
	};
}

function newClient(c: CheckedConnection, extra: Partial<UdidClientOptions> = {}): UdidClient {
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
 * A client with a token cache of its own, for a connection test: it must prove this appSecret works, not
 * reuse a token that another (correct) secret obtained earlier in the process.
 */
export function isolatedClientFor(c: CheckedConnection): UdidClient {
	return newClient(c, { tokenCache: new TokenCache(), retry: { retries: 1 } });
}

/**
 * One client per connection for the process, so keep-alive connections and the token cache are shared. The
 * log callback is the first caller's: it must not capture anything of one execution (a shell passes a
 * function of its logger only).
 */
export function clientFor(c: CheckedConnection, log?: (message: string) => void): UdidClient {
	const secretHash = createHash('sha256').update(c.appSecret).digest('hex');
	const key = [c.resolvedBaseUrl, c.appId, c.tyshxydm, secretHash, c.legacyTls ? 1 : 0, c.ignoreSslIssues ? 1 : 0].join(
		'|',
	);
	let client = clients.get(key);
	if (!client) {
		client = newClient(c, { log: log && ((message) => log(message)) });
		clients.set(key, client);
	}
	return client;
}
