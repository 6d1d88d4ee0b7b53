/**
 * A real n8n (from the cache, on Node 24) with a fresh user folder: the community package installed the way
 * n8n's installer does it, the CLI (import, publish, execute) and a headless `n8n start` with a small REST client.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, freePort, onCleanup, run, startProcess, stopProcess, tailOf, waitFor, type Managed } from './proc';
import { log } from './report';
import type { Toolchain } from './setup';

export const PACKAGE_NAME = 'n8n-nodes-nmpa-udid';

export interface N8nOptions {
	tools: Toolchain;
	userFolder: string;
	logsDir: string;
	/** Directory that Read/Write Files from Disk may use (N8N_RESTRICT_FILE_ACCESS_TO). */
	filesDir: string;
	encryptionKey: string;
	/** Added to the environment of every n8n process of this instance. */
	extraEnv?: Record<string, string>;
	/** Distinguishes the log files of several instances sharing `logsDir` (n8n-start-<logName>.log). */
	logName?: string;
}

/** The part of `n8n execute --rawOutput`'s JSON (an IRun) the assertions read. */
export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }> | null> };
					error?: { message?: string };
				}>
			>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

/** Output items (json) of a node's runs, all runs concatenated, main output `output`. */
export function nodeOutput(runData: ExecutionRun, node: string, output = 0): Array<Record<string, unknown>> {
	const runs = runData.data.resultData.runData[node] ?? [];
	return runs.flatMap((r) => r.data?.main?.[output] ?? []).map((i) => i.json);
}

/**
 * Unpacks the tarball into <userFolder>/.n8n/nodes/node_modules/<name> and installs its production
 * dependencies exactly like n8n's CommunityPackagesService.downloadPackage (2.x): dev/peer/optional
 * dependencies dropped from package.json, then `npm install` with the same flags, and the package recorded in
 * nodes/package.json.
 */
export async function installCommunityPackage(
	tarball: string,
	userFolder: string,
	tools: Toolchain,
	logFile: string,
): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	await run('tar -x', 'tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		timeoutMs: 60_000,
		logFile,
	});
	const pkgPath = join(packageDir, 'package.json');
	const {
		devDependencies: _dev,
		peerDependencies: _peer,
		optionalDependencies: _optional,
		...pkg
	} = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(pkgPath, JSON.stringify(pkg, null, 2), 'utf8');
	const env = childEnv({ npm_config_update_notifier: 'false' });
	env.PATH = `${tools.nodeBinDir}:${env.PATH ?? ''}`;
	await run(
		'npm install (package dependencies)',
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{
			cwd: packageDir,
			env,
			timeoutMs: 5 * 60_000,
			logFile,
		},
	);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: String(pkg.version) } },
			null,
			2,
		),
	);
	return packageDir;
}

export class N8n {
	private execCount = 0;

	constructor(readonly options: N8nOptions) {}

	/** Environment of every n8n process of this run. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env = childEnv({
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_ENCRYPTION_KEY: this.options.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_MODE: 'internal',
			N8N_RUNNERS_TASK_TIMEOUT: '300',
			N8N_SECURE_COOKIE: 'false',
			N8N_RESTRICT_FILE_ACCESS_TO: this.options.filesDir,
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'Asia/Shanghai',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			...this.options.extraEnv,
			...extra,
		});
		env.PATH = `${this.options.tools.nodeBinDir}:${env.PATH ?? ''}`;
		return env;
	}

	/** One n8n CLI command (each boots n8n: a few seconds). */
	async cli(label: string, args: string[], timeoutMs = 180_000): Promise<string> {
		const brokerPort = await freePort();
		const result = await run(`n8n ${label}`, this.options.tools.node, [this.options.tools.n8nBin, ...args], {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_PORT: String(await freePort()) }),
			timeoutMs,
			logFile: join(this.options.logsDir, 'n8n-cli.log'),
		});
		return result.stdout;
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.options.logsDir, 'credentials.json');
		// import:credentials encrypts plain `data` objects with N8N_ENCRYPTION_KEY (2.x readCredentials()).
		writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		const out = await this.cli('import:credentials', ['import:credentials', `--input=${file}`]);
		if (!/Successfully imported/.test(out))
			throw new Error(`import:credentials did not report success:\n${out.slice(-2000)}`);
	}

	async importWorkflow(file: string): Promise<void> {
		const out = await this.cli(`import:workflow ${file}`, ['import:workflow', `--input=${file}`]);
		if (!/Successfully imported/.test(out))
			throw new Error(`import:workflow did not report success:\n${out.slice(-2000)}`);
	}

	/**
	 * `n8n execute --id <id> --rawOutput`: runs from the workflow's Manual Trigger (or Execute Workflow
	 * Trigger) in `cli` mode and prints the run as JSON after n8n's own log lines.
	 */
	async execute(id: string, timeoutMs = 300_000): Promise<ExecutionRun> {
		this.execCount++;
		const brokerPort = await freePort();
		const logFile = join(this.options.logsDir, `execute-${this.execCount}-${id}.log`);
		const result = await run(
			`n8n execute ${id}`,
			this.options.tools.node,
			[this.options.tools.n8nBin, 'execute', `--id=${id}`, '--rawOutput'],
			{
				env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_PORT: String(await freePort()) }),
				timeoutMs,
				check: false,
			},
		);
		writeFileSync(
			logFile,
			`exit ${result.code} after ${result.seconds.toFixed(1)}s\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}`,
		);
		log(`  n8n execute --id=${id}: exit ${result.code} in ${result.seconds.toFixed(1)}s (log: ${logFile})`);
		// Log lines come first; the JSON starts at the first line that is exactly "{".
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		if (start < 0)
			throw new Error(
				`n8n execute --id=${id} printed no run JSON (exit ${result.code}):\n${(result.stderr || result.stdout).split('\n').slice(-40).join('\n')}`,
			);
		let end = lines.length;
		while (end > start && lines[end - 1] !== '}') end--;
		return JSON.parse(lines.slice(start, end).join('\n')) as ExecutionRun;
	}

	/** `n8n start` on `port` (default: a free one); resolves once the REST API answers. */
	async startServer(port?: number): Promise<N8nServer> {
		port ??= await freePort();
		const brokerPort = await freePort();
		const logFile = join(
			this.options.logsDir,
			`n8n-start${this.options.logName ? `-${this.options.logName}` : ''}.log`,
		);
		const env = this.env({
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		});
		const proc = startProcess('n8n start', this.options.tools.node, [this.options.tools.n8nBin, 'start'], {
			env,
			logFile,
		});
		const server = new N8nServer(`http://127.0.0.1:${port}`, proc);
		onCleanup('n8n start', () => server.stop());
		// /healthz/readiness answers before the REST controllers are mounted (n8n 1.x): wait for /rest/settings.
		await waitFor(
			'n8n /healthz/readiness and /rest/settings',
			async () => {
				const ready = await fetch(`${server.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
				if (!ready.ok) return undefined;
				const settings = await fetch(`${server.baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
				return settings.ok && /json/.test(settings.headers.get('content-type') ?? '') ? true : undefined;
			},
			180_000,
			500,
			proc,
		);
		log(`  n8n is up at ${server.baseUrl} (log: ${logFile})`);
		return server;
	}
}

export interface N8nWorker {
	name: string;
	proc: Managed;
	/** The execution ids this worker logged as started ("Worker started execution <id> (job <n>)"). */
	startedExecutions(): string[];
}

/**
 * `n8n worker` (queue mode): takes executions from the Redis queue. Ready when it logs "n8n worker is now ready".
 * Its `extra` environment comes on top of the instance's (the instance's user folder is the worker's own).
 */
export async function startWorker(instance: N8n, name: string, concurrency: number): Promise<N8nWorker> {
	const logFile = join(instance.options.logsDir, `${name}.log`);
	const env = instance.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) });
	const args = [instance.options.tools.n8nBin, 'worker', `--concurrency=${concurrency}`];
	const proc = startProcess(name, instance.options.tools.node, args, { env, logFile });
	onCleanup(name, () => stopProcess(proc, 20_000));
	const logText = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const ready = async () => (logText().includes('n8n worker is now ready') ? true : undefined);
	await waitFor(`${name}: "n8n worker is now ready"`, ready, 180_000, 500, proc);
	log(`  ${name} is ready (log: ${logFile})`);
	return {
		name,
		proc,
		startedExecutions: () => [...logText().matchAll(/Worker started execution (\S+) \(job/g)].map((m) => m[1]),
	};
}

export interface RestResponse<T = unknown> {
	status: number;
	body: T;
	text: string;
	headers: Headers;
}

export interface PublicationStatus {
	status: string;
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nServer {
	private cookie = '';

	constructor(
		readonly baseUrl: string,
		readonly proc: Managed,
	) {}

	async request<T = unknown>(
		method: string,
		path: string,
		body?: unknown,
		options: { auth?: boolean; timeoutMs?: number; headers?: Record<string, string> } = {},
	): Promise<RestResponse<T>> {
		const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (options.auth !== false && this.cookie) headers.cookie = this.cookie;
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON */
		}
		return { status: res.status, body: parsed as T, text, headers: res.headers };
	}

	/** REST call that must answer 2xx; returns the `data` field of n8n's `{ data }` envelope. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request<{ data: T }>(method, `/rest${path}`, body);
		if (res.status < 200 || res.status >= 300)
			throw new Error(`${method} /rest${path} answered ${res.status}: ${res.text.slice(0, 1000)}`);
		return res.body.data;
	}

	/** Creates the instance owner (first start of a fresh user folder) and keeps its session cookie. */
	async setupOwner(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<void> {
		const res = await this.request('POST', '/rest/owner/setup', owner);
		if (res.status !== 200) throw new Error(`POST /rest/owner/setup answered ${res.status}: ${res.text.slice(0, 500)}`);
		if (!this.cookie) throw new Error('owner setup did not set the n8n-auth cookie');
	}

	/** Signs in as the owner, creating it first on a fresh database (a user folder's second `n8n start`). */
	async signIn(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status === 200 && this.cookie) return;
		const credentials = { emailOrLdapLoginId: owner.email, password: owner.password };
		const login = await this.request('POST', '/rest/login', credentials);
		if (login.status !== 200 || !this.cookie) {
			throw new Error(`POST /rest/login answered ${login.status}: ${login.text.slice(0, 300)}`);
		}
	}

	async activate(workflowId: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	/**
	 * n8n 2.x applies a publication asynchronously (an outbox the running instance works through): waits until
	 * GET /rest/workflows/:id/publication-status reports one of `accepted` (not "in_progress").
	 */
	async waitPublication(workflowId: string, accepted: string[], timeoutMs = 90_000): Promise<PublicationStatus> {
		let last: PublicationStatus | undefined;
		try {
			return await waitFor(
				`publication of ${workflowId} (${accepted.join(' or ')})`,
				async () => {
					last = await this.rest<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
					if (last.status === 'failed' || last.status === 'partial')
						throw new Error(`publication ${last.status}: ${JSON.stringify(last.triggers)}`);
					return accepted.includes(last.status) ? last : undefined;
				},
				timeoutMs,
				500,
				this.proc,
			);
		} catch (error) {
			throw new Error(`${error instanceof Error ? error.message : String(error)}; last status ${JSON.stringify(last)}`);
		}
	}

	/** "Execute workflow" from the editor: a full manual run from the named trigger; returns the execution id. */
	async runManually(workflowId: string, trigger: string): Promise<string> {
		const path = `/workflows/${workflowId}/run`;
		const result = await this.rest<{ executionId?: string }>('POST', path, { triggerToStartFrom: { name: trigger } });
		if (!result.executionId) throw new Error(`POST /rest${path} started no execution: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.rest('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	async executions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string; finished?: boolean }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results: Array<{ id: string; status: string; mode: string; finished?: boolean }> }>(
			'GET',
			`/executions?filter=${filter}&limit=50`,
		);
		return data.results;
	}

	logTail(lines = 40): string {
		return tailOf(this.proc.logFile, lines);
	}

	async stop(): Promise<void> {
		await stopProcess(this.proc, 20_000);
	}
}
