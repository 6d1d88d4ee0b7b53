/**
 * From a config node's settings and credentials to a core client. The checks name the field and its accepted
 * form, and no message ever holds the secret.
 */
import { createHash } from 'node:crypto';
import { BASE_URLS, UdidClient } from '../../nodes/udid/client/client';
import { TokenCache } from '../../nodes/udid/client/token-cache';
import { validateUscc } from '../../nodes/udid/identifiers/uscc';

export interface ConnectionSettings {
	appId?: string;
	appSecret?: string;
	tyshxydm?: string;
	environment?: string;
	baseUrl?: string;
	legacyTls?: boolean | string;
	ignoreCertificate?: boolean | string;
}

export interface CheckedConnection {
	appId: string;
	appSecret: string;
	creditCode: string;
	baseUrl: string;
	legacyTls: boolean;
	ignoreCertificate: boolean;
}

export class ConfigurationError extends Error {
	readonly name = 'ConfigurationError';
}

const truthy = (value: unknown) => value === true || value === 'true';

/** Checks the settings of an `nmpa-udid-config` node; throws a ConfigurationError naming the field. */
export function checkConnection(settings: ConnectionSettings): CheckedConnection {
	const appId = String(settings.appId ?? '').trim();
	if (!appId) throw new ConfigurationError('Config field "App ID (应用码)" is empty. Enter the appId issued by the UDID data-sharing platform.');
	const appSecret = String(settings.appSecret ?? '');
	if (!appSecret) throw new ConfigurationError('Config field "App Secret (应用授权码)" is empty.');
	const uscc = validateUscc(String(settings.tyshxydm ?? ''));
	if (!uscc.valid) {
		throw new ConfigurationError(
			`Config field "Credit Code (统一社会信用代码)" is not a valid unified social credit code: ${uscc.reason}. ` +
				'Accepted: 18 characters per GB 32100-2015, e.g. 91350100M000100Y43.',
		);
	}
	const environment = settings.environment === 'test' ? 'test' : 'production';
	if (settings.environment !== undefined && settings.environment !== '' && settings.environment !== environment) {
		throw new ConfigurationError(`Config field "Environment" ("${settings.environment}") is unknown. Accepted: production, test.`);
	}
	const override = String(settings.baseUrl ?? '').trim();
	let baseUrl: string = BASE_URLS[environment];
	if (override) {
		const url = URL.canParse(override) ? new URL(override) : undefined;
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
			throw new ConfigurationError(
				`Config field "Base URL" ("${override}") is not an http(s) URL. Accepted: an address such as ` +
					'https://udid.nmpa.gov.cn/api/v2, or leave it empty.',
			);
		}
		baseUrl = override.replace(/\/+$/, '');
	}
	return {
		appId,
		appSecret,
		creditCode: uscc.code,
		baseUrl,
		legacyTls: truthy(settings.legacyTls),
		ignoreCertificate: truthy(settings.ignoreCertificate),
	};
}

/** A fingerprint of the settings (the secret hashed), to reuse one client while nothing changed. */
export function connectionKey(c: CheckedConnection): string {
	const secret = createHash('sha256').update(c.appSecret).digest('hex');
	return [c.baseUrl, c.appId, c.creditCode, secret, c.legacyTls ? 1 : 0, c.ignoreCertificate ? 1 : 0].join('|');
}

export function createClient(c: CheckedConnection, options: { isolated?: boolean; log?: (m: string) => void } = {}) {
	return new UdidClient({
		baseUrl: c.baseUrl,
		appId: c.appId,
		appSecret: c.appSecret,
		creditCode: c.creditCode,
		legacyTls: c.legacyTls,
		ignoreCertificate: c.ignoreCertificate,
		log: options.log,
		// The connection test must prove this secret works, not reuse a token another secret obtained earlier.
		...(options.isolated ? { tokenCache: new TokenCache(), retry: { retries: 1 } } : {}),
	});
}
