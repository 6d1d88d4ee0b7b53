/**
 * `nmpa-udid-config`: the connection every `nmpa-udid` node shares. appId, appSecret and the credit code are
 * Node-RED credentials, so they stay out of exported flows. The editor's "Test connection" button posts the
 * dialog's values to an admin endpoint that is protected like Node-RED's own (`nmpa-udid-config.write`).
 */
import type { UdidClient } from '../../nodes/udid/client/client';
import type { CheckedConnection } from '../../nodes/udid/client/connect';
import { checkConnectionSettings, clientFor, isolatedClientFor } from '../../nodes/udid/client/connect';
import { UdidError } from '../../nodes/udid/client/errors';
import type { HttpRequest, HttpResponse, RedApi, RedNode } from './red-types';

export const CONFIG_TYPE = 'nmpa-udid-config';
/** What the editor sends for a password credential it has but does not show. */
const KEPT_SECRET = '__PWRD__';

interface ConfigProperties {
	name?: string;
	environment?: string;
	baseUrl?: string;
	legacyTls?: boolean;
	ignoreCertificate?: boolean;
}

export interface UdidConfigNode extends RedNode {
	/** The client for these settings (shared per connection in the process); throws a ConfigurationError. */
	client(): UdidClient;
}

/** A config node whose settings cannot make a connection; the message names the field and its accepted form. */
export class ConfigurationError extends Error {
	readonly name = 'ConfigurationError';
}

/** The config node's form and credentials, as the core's connection settings. */
function settingsOf(values: Record<string, unknown>): Record<string, unknown> {
	const truthy = (v: unknown) => v === true || v === 'true';
	return {
		appId: values.appId,
		appSecret: values.appSecret,
		tyshxydm: values.tyshxydm,
		environment: values.environment === 'test' ? 'test' : 'production',
		baseUrl: values.baseUrl,
		legacyTls: truthy(values.legacyTls),
		ignoreSslIssues: truthy(values.ignoreCertificate),
	};
}

function checked(values: Record<string, unknown>): CheckedConnection {
	const result = checkConnectionSettings(settingsOf(values));
	if ('problem' in result) throw new ConfigurationError(result.problem);
	return result;
}

export function registerConfigNode(RED: RedApi): void {
	function NmpaUdidConfigNode(this: UdidConfigNode, config: ConfigProperties) {
		RED.nodes.createNode(this, config);
		const values: Record<string, unknown> = { ...config, ...(this.credentials ?? {}) };
		// Shared per connection in the process: keep-alive sockets and the token cache outlive a redeploy, so
		// no callback of this node instance is handed to the client.
		this.client = () => clientFor(checked(values));
	}
	RED.nodes.registerType(CONFIG_TYPE, NmpaUdidConfigNode as never, {
		credentials: { appId: { type: 'text' }, appSecret: { type: 'password' }, tyshxydm: { type: 'text' } },
	});
	RED.httpAdmin.post(`/${CONFIG_TYPE}/test`, RED.auth.needsPermission(`${CONFIG_TYPE}.write`), (req, res) => {
		void testConnection(RED, req, res);
	});
}

/**
 * P001 (reachability, latency) and P002 (this appId/appSecret/credit code get a token) with the dialog's
 * values; a secret the editor did not resend is taken from the saved node. Answers never carry the secret.
 */
async function testConnection(RED: RedApi, req: HttpRequest, res: HttpResponse): Promise<void> {
	const body = req.body ?? {};
	const id = typeof body.id === 'string' ? body.id : '';
	const saved = id ? (RED.nodes.getCredentials(id) ?? {}) : {};
	const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
	const secret = field('appSecret');
	const values = {
		...body,
		appId: field('appId') ?? saved.appId,
		appSecret: secret === undefined || secret === '' || secret === KEPT_SECRET ? saved.appSecret : secret,
		tyshxydm: field('tyshxydm') ?? saved.tyshxydm,
	};
	try {
		const connection = checked(values);
		const client = isolatedClientFor(connection);
		const reachable = await client.testConnection();
		const token = await client.getTokenInfo();
		res.json({
			ok: true,
			baseUrl: connection.resolvedBaseUrl,
			latencyMs: reachable.latencyMs,
			tokenOrigin: token.origin,
			remainingVisits: token.todayRemainVisitCount ?? null,
		});
	} catch (error) {
		const known = error instanceof ConfigurationError || error instanceof UdidError;
		res.json({ ok: false, message: known ? (error as Error).message : 'The connection test failed unexpectedly.' });
	}
}
