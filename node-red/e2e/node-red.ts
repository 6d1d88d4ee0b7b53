/**
 * A real Node-RED for the e2e: installed once per version and Node into the e2e cache, a fresh user folder per
 * run with the packed tarball installed the way the palette manager does, settings with admin auth and a
 * persistent (localfilesystem) context store, and the admin API behind a bearer token.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { childEnv, freePort, run, startProcess, stopProcess, waitFor, type Managed } from '../../test/e2e/lib/proc';
import { log } from '../../test/e2e/lib/report';

export const ADMIN = { username: 'admin', password: 'e2e-Passw0rd' };
const MARKER = '.nmpa-e2e-complete';

export interface Runtime {
	/** Node binary and the folder it is in (first in PATH for npm). */
	node: string;
	nodeBinDir: string;
	nodeRedVersion: string;
}

function npmEnv(runtime: Runtime): NodeJS.ProcessEnv {
	const env = childEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
	env.PATH = `${runtime.nodeBinDir}:${env.PATH ?? ''}`;
	return env;
}

/** node-red@version installed into <cache>/node-red-<version>-node<major>, reused while its marker exists. */
export async function ensureNodeRed(cache: string, runtime: Runtime, logFile: string): Promise<string> {
	const major = (await run('node --version', runtime.node, ['--version'], { timeoutMs: 30_000 })).stdout
		.trim()
		.split('.')[0];
	const dir = join(cache, `node-red-${runtime.nodeRedVersion}-node${major.replace('v', '')}`);
	if (!existsSync(join(dir, MARKER))) {
		const partial = `${dir}.partial-${process.pid}`;
		rmSync(partial, { recursive: true, force: true });
		mkdirSync(partial, { recursive: true });
		writeFileSync(
			join(partial, 'package.json'),
			JSON.stringify({ name: 'nmpa-e2e-node-red-host', private: true }) + '\n',
		);
		log(`  installing node-red@${runtime.nodeRedVersion} with Node ${major}…`);
		await run(
			'npm install node-red',
			'npm',
			['install', '--omit=optional', '--loglevel=error', `node-red@${runtime.nodeRedVersion}`],
			{
				cwd: partial,
				env: npmEnv(runtime),
				timeoutMs: 8 * 60_000,
				logFile,
			},
		);
		writeFileSync(join(partial, MARKER), new Date().toISOString() + '\n');
		rmSync(dir, { recursive: true, force: true });
		renameSync(partial, dir);
	}
	return dir;
}

/** A new user folder with the tarball installed by `npm install <tgz>`, as the palette manager runs it. */
export async function prepareUserDir(
	userDir: string,
	tarball: string,
	runtime: Runtime,
	logFile: string,
): Promise<void> {
	mkdirSync(userDir, { recursive: true });
	writeFileSync(
		join(userDir, 'package.json'),
		JSON.stringify({ name: 'node-red-project', description: 'e2e', version: '0.0.1', private: true }) + '\n',
	);
	await run(
		'npm install <tgz>',
		'npm',
		[
			'install',
			'--no-audit',
			'--no-update-notifier',
			'--no-fund',
			'--save',
			'--save-prefix=~',
			'--omit=dev',
			'--engine-strict',
			'--',
			tarball,
		],
		{
			cwd: userDir,
			env: npmEnv(runtime),
			timeoutMs: 5 * 60_000,
			logFile,
		},
	);
}

export function writeSettings(userDir: string, nodeRedDir: string, port: number, workDir: string): string {
	const bcrypt = createRequire(join(nodeRedDir, 'node_modules', 'node-red', 'package.json'))('bcryptjs') as {
		hashSync(s: string, rounds: number): string;
	};
	const settings = {
		uiHost: '127.0.0.1',
		uiPort: port,
		flowFile: 'flows.json',
		credentialSecret: 'nmpa-udid-e2e-credential-secret',
		fileWorkingDirectory: workDir,
		adminAuth: {
			type: 'credentials',
			users: [{ username: ADMIN.username, password: bcrypt.hashSync(ADMIN.password, 8), permissions: '*' }],
		},
		// The incremental example keeps its cursor here: it must survive the restart this test does.
		contextStorage: { default: { module: 'localfilesystem', config: { flushInterval: 1 } } },
		logging: { console: { level: 'info', metrics: false, audit: false } },
		editorTheme: { tours: false, projects: { enabled: false } },
		// No update-notification prompt over the editor (and no call home).
		telemetry: { enabled: false },
		diagnostics: { enabled: false, ui: false },
	};
	const file = join(userDir, 'settings.js');
	writeFileSync(file, `module.exports = ${JSON.stringify(settings, null, 2)};\n`);
	return file;
}

export class NodeRed {
	private process?: Managed;
	token = '';
	readonly url: string;

	constructor(
		private readonly runtime: Runtime,
		private readonly nodeRedDir: string,
		private readonly userDir: string,
		readonly port: number,
		private readonly logFile: string,
	) {
		this.url = `http://127.0.0.1:${port}`;
	}

	static async create(runtime: Runtime, nodeRedDir: string, userDir: string, logFile: string): Promise<NodeRed> {
		return new NodeRed(runtime, nodeRedDir, userDir, await freePort(), logFile);
	}

	async start(): Promise<void> {
		const red = join(this.nodeRedDir, 'node_modules', 'node-red', 'red.js');
		this.process = startProcess(
			`node-red ${this.runtime.nodeRedVersion}`,
			this.runtime.node,
			[red, '-u', this.userDir, '-s', join(this.userDir, 'settings.js')],
			{
				cwd: this.userDir,
				logFile: this.logFile,
				env: childEnv({ TZ: 'Asia/Shanghai' }),
			},
		);
		await waitFor(
			'the Node-RED editor',
			async () => ((await fetch(`${this.url}/settings`)).status === 401 ? true : undefined),
			90_000,
			500,
			this.process,
		);
		const answer = await fetch(`${this.url}/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ client_id: 'node-red-admin', grant_type: 'password', scope: '*', ...ADMIN }),
		});
		this.token = ((await answer.json()) as { access_token: string }).access_token;
	}

	async stop(): Promise<void> {
		if (this.process) await stopProcess(this.process, 15_000);
	}

	/** The admin API with the bearer token (or without it, to prove an endpoint is protected). */
	async api(
		method: string,
		path: string,
		body?: unknown,
		authorised = true,
	): Promise<{ status: number; json: unknown; text: string }> {
		const res = await fetch(this.url + path, {
			method,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(authorised ? { authorization: `Bearer ${this.token}` } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}
}
