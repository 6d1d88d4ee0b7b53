/**
 * `nmpa-udid-config`: the connection every `nmpa-udid` node shares. appId, appSecret and the credit code are
 * Node-RED credentials, so they stay out of exported flows. The editor's "Test connection" button posts the
 * dialog's values to an admin endpoint that is protected like Node-RED's own (`nmpa-udid-config.write`).
 */
import type { UdidClient } from '../../nodes/udid/client/client';
import { UdidError } from '../../nodes/udid/client/errors';
import type { CheckedConnection, ConnectionSettings } from './connection';
import { ConfigurationError, checkConnection, connectionKey, createClient } from './connection';
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
	/** The client for these settings (reused while they do not change); throws a ConfigurationError. */
	client(): UdidClient;
}

export function registerConfigNode(RED: RedApi): void {
	function NmpaUdidConfigNode(this: UdidConfigNode, config: ConfigProperties) {
		RED.nodes.createNode(this, config);
		const settings: ConnectionSettings = { ...config, ...(this.credentials ?? {}) };
		let cached: { key: string; client: UdidClient } | undefined;
		this.client = () => {
			const checked: CheckedConnection = checkConnection(settings);
			const key = connectionKey(checked);
			if (!cached || cached.key !== key) cached = { key, client: createClient(checked, { log: (m) => this.debug(m) }) };
			return cached.client;
		};
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
	const settings: ConnectionSettings = {
		appId: field('appId') ?? saved.appId,
		appSecret: secret === undefined || secret === '' || secret === KEPT_SECRET ? saved.appSecret : secret,
		tyshxydm: field('tyshxydm') ?? saved.tyshxydm,
		environment: field('environment'),
		baseUrl: field('baseUrl'),
		legacyTls: body.legacyTls === true || body.legacyTls === 'true',
		ignoreCertificate: body.ignoreCertificate === true || body.ignoreCertificate === 'true',
	};
	try {
		const checked = checkConnection(settings);
		const client = createClient(checked, { isolated: true });
		const connection = await client.testConnection();
		const token = await client.getTokenInfo();
		res.json({
			ok: true,
			baseUrl: checked.baseUrl,
			latencyMs: connection.latencyMs,
			tokenOrigin: token.origin,
			remainingVisits: token.todayRemainVisitCount ?? null,
		});
	} catch (error) {
		const known = error instanceof ConfigurationError || error instanceof UdidError;
		res.json({ ok: false, message: known ? (error as Error).message : 'The connection test failed unexpectedly.' });
	}
}
