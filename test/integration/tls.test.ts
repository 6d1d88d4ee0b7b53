import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UdidClient } from '../../nodes/udid/client/client';
import { UdidTransportError } from '../../nodes/udid/client/errors';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { TokenCache } from '../../nodes/udid/client/token-cache';

/** The TLS switches reach the connection: a self-signed gateway fails by default and works when allowed. */

let server: Server;
let url: string;

beforeAll(async () => {
	const dir = mkdtempSync(join(tmpdir(), 'udid-tls-'));
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-subj',
			'/CN=localhost',
			'-days',
			'1',
			'-keyout',
			join(dir, 'key.pem'),
			'-out',
			join(dir, 'cert.pem'),
		],
		{ stdio: 'ignore' },
	);
	server = createServer(
		{ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
		(_req, res) => {
			res.setHeader('content-type', 'application/json');
			res.end('{"returnCode":1,"returnMsg":"ok"}');
		},
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await closeSharedDispatchers();
});

const client = (options: { ignoreCertificate?: boolean; legacyTls?: boolean }) =>
	new UdidClient({
		baseUrl: url,
		appId: 'a',
		appSecret: 's',
		creditCode: '91350100M000100Y43',
		tokenCache: new TokenCache(),
		retry: { retries: 0 },
		timeoutMs: 3000,
		...options,
	});

describe('TLS options', () => {
	it('rejects a self-signed certificate by default, naming the TLS failure', async () => {
		const error = await client({})
			.testConnection()
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UdidTransportError);
		expect((error as Error).message).toMatch(/SELF_SIGNED|CERT|certificate/i);
	});

	it('connects when certificate checks are switched off, also with the legacy security level', async () => {
		expect(await client({ ignoreCertificate: true }).testConnection()).toMatchObject({ returnCode: 1 });
		expect(await client({ ignoreCertificate: true, legacyTls: true }).testConnection()).toMatchObject({
			returnCode: 1,
		});
	});
});
