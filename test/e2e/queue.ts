/**
 * n8n in queue mode, end to end: Redis, PostgreSQL as n8n's database, one main and two workers, each with the
 * packed package installed in its own user folder (as n8n's installer would on each machine). The month backfill
 * runs twice, against its own simulator (fresh token store):
 *   - examples/month-backfill.json (Execute Workflow per day): the rows are right, and all days run inside the
 *     worker that runs the parent (n8n runs a sub-workflow in its caller's process);
 *   - examples/month-backfill-queue.json (the day workflow called over its webhook): every day is its own queued
 *     execution, spread over both workers.
 * Then: the rows in PostgreSQL equal the simulator's truth, and each worker process asked for a token at most
 * once (the second one adopts the first one's token through code 9).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP, startSimulator, type Simulator } from '../simulator';
import { installCommunityPackage, N8n, PACKAGE_NAME, startWorker, type N8nServer, type N8nWorker } from './lib/n8n';
import type { Postgres } from './lib/postgres';
import { freePort, onCleanup, stopProcess, waitFor } from './lib/proc';
import { startRedis, type Redis } from './lib/redis';
import { check, equal, log, step } from './lib/report';
import type { Toolchain } from './lib/setup';
import { loadExample, POSTGRES_CREDENTIAL, setAssignment, UDID_CREDENTIAL, type WorkflowFile } from './lib/workflows';

const EXECUTE_WORKFLOW_MONTH = '2024-04';
const WEBHOOK_MONTH = '2024-05';
const WORKER_CONCURRENCY = 5;
const IDS = {
	backfill: 'NmpaUdidBackfil1',
	day: 'NmpaUdidBackDay1',
	queueBackfill: 'NmpaUdidBackfilQ',
	webhookDay: 'NmpaUdidBackDayW',
};
const OWNER = { email: 'queue@example.com', password: 'Queue-Passw0rd!', firstName: 'Queue', lastName: 'Tester' };

export interface QueueInput {
	work: string;
	logs: string;
	tools: Toolchain;
	tarball: string;
	pg: Postgres;
	frozen: Date;
	perDay: number;
}

export interface QueueResult {
	sim: Simulator;
	months: { executeWorkflow: string; webhook: string };
	/**
	 * Execute Workflow month: the worker that ran the parent, and the executions each worker took from the queue
	 * besides it (0 and 0: the days ran inside the parent's process, as n8n runs sub-workflows in the caller).
	 */
	executeWorkflowSplit?: { parentWorker?: string; days: number; otherQueuedExecutions: Record<string, number> };
	webhookSplit?: Record<string, number>;
	tokenRequests?: number;
	tokensIssued?: number;
	seconds: Record<string, number>;
}

interface Cluster {
	main: N8nServer;
	workers: N8nWorker[];
	redis: Redis;
	sim: Simulator;
	pg: Postgres;
}

const daysOfMonth = (month: string) =>
	new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

function queueEnv(input: QueueInput, redis: { host: string; port: number }, database: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: input.pg.host,
		DB_POSTGRESDB_PORT: String(input.pg.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: input.pg.user,
		DB_POSTGRESDB_PASSWORD: input.pg.password,
	};
}

/** Runs the whole queue-mode section; every part is a step with its own duration. */
export async function queueMode(input: QueueInput): Promise<QueueResult> {
	const seconds: Record<string, number> = {};
	const timed = async <T>(key: string, name: string, fn: () => Promise<T>): Promise<T | undefined> => {
		const t0 = Date.now();
		const result = await step(`queue mode: ${name}`, fn);
		seconds[key] = (Date.now() - t0) / 1000;
		return result;
	};
	const sim = await startSimulator({ port: 0, perDay: input.perDay, now: () => input.frozen });
	onCleanup('queue simulator', () => sim.close());
	const result: QueueResult = {
		sim,
		seconds,
		months: { executeWorkflow: EXECUTE_WORKFLOW_MONTH, webhook: WEBHOOK_MONTH },
	};
	const cluster = await timed('setup', 'Redis, n8n database, package on main and 2 workers, n8n main + workers', () =>
		setUp(input, sim),
	);
	if (!cluster) return result;
	result.executeWorkflowSplit = await timed(
		'executeWorkflowMonth',
		`${loadExample('month-backfill.json').name} (${EXECUTE_WORKFLOW_MONTH})`,
		() => executeWorkflowBackfill(cluster),
	);
	result.webhookSplit = await timed(
		'webhookMonth',
		`${loadExample('month-backfill-queue.json').name} (${WEBHOOK_MONTH})`,
		() => webhookBackfill(cluster),
	);
	await timed('tokens', 'token requests per worker process', async () => {
		result.tokenRequests = sim.stats.requests.token;
		result.tokensIssued = sim.stats.tokensIssued;
		checkTokens(sim, cluster.workers.length, Object.values(result.webhookSplit ?? {}).filter((n) => n > 0).length);
	});
	// Free the machine for what follows (the registered cleanups would do it at the very end).
	await step('queue mode: stop the main, the workers and Redis', async () => {
		await Promise.all([cluster.main.stop(), ...cluster.workers.map((w) => stopProcess(w.proc, 20_000))]);
		await cluster.redis.stop();
	});
	return result;
}

/**
 * `busy`: workers that synced days. A worker holds no token before it asks once, so requests <= busy means one
 * request each.
 */
function checkTokens(sim: Simulator, workers: number, busy: number): void {
	const { requests, tokensIssued } = sim.stats;
	log(
		`  the simulator answered ${requests.token} token requests and issued ${tokensIssued} token(s); ` +
			`${busy} worker(s) synced days`,
	);
	equal('one token issued for the whole cluster', tokensIssued, 1);
	check(
		`at most one token request per worker process (${requests.token} requests, ${workers} workers)`,
		requests.token <= workers,
		requests,
	);
	check(
		'the other worker adopted the token through code 9 (requests - issued = busy workers - 1)',
		requests.token - tokensIssued === Math.max(0, busy - 1),
		{ requests: requests.token, tokensIssued, busy },
	);
}

async function setUp(input: QueueInput, sim: Simulator): Promise<Cluster> {
	const redis = await startRedis(join(input.logs, 'redis.log'));
	log(`  Redis on ${redis.host}:${redis.port}`);
	const database = 'n8n_queue';
	await input.pg.psql(`CREATE DATABASE ${database} OWNER ${input.pg.user}`, { database: 'postgres', user: 'postgres' });
	const root = join(input.work, 'queue');
	const encryptionKey = `nmpa-e2e-queue-${process.pid}-${Date.now()}`;
	const env = queueEnv(input, redis, database);
	const instance = (name: string, extra: Record<string, string> = {}) => {
		const userFolder = join(root, name);
		mkdirSync(userFolder, { recursive: true });
		return new N8n({
			tools: input.tools,
			userFolder,
			logsDir: input.logs,
			filesDir: join(input.work, 'files'),
			encryptionKey,
			extraEnv: { ...env, ...extra },
			logName: `queue-${name}`,
		});
	};
	// Manual runs (the editor's "Execute workflow") go to the workers too, as they would for a user of queue mode.
	const main = instance('main', { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' });
	const workerInstances = [instance('worker-1'), instance('worker-2')];
	for (const n of [main, ...workerInstances]) {
		const dir = await installCommunityPackage(
			input.tarball,
			n.options.userFolder,
			input.tools,
			join(input.logs, 'setup.log'),
		);
		check(
			`package installed in ${n.options.userFolder.slice(root.length + 1)}'s own user folder`,
			dir.startsWith(n.options.userFolder),
		);
	}
	const port = await freePort();
	await importInto(main, input, sim, `http://127.0.0.1:${port}/webhook/nmpa-udid-backfill-day`);
	const [server, ...workers] = await Promise.all([
		main.startServer(port),
		...workerInstances.map((w, i) => startWorker(w, `n8n-worker-${i + 1}`, WORKER_CONCURRENCY)),
	]);
	await server.setupOwner(OWNER);
	const types = await server.request<Array<{ name: string }>>('GET', '/types/nodes.json');
	const loaded = Array.isArray(types.body) && types.body.some((t) => t.name === `${PACKAGE_NAME}.nmpaUdid`);
	check('queue main: the editor lists the NMPA UDID node (loaded from its own user folder)', loaded);
	return { main: server, workers, sim, pg: input.pg, redis };
}

async function importInto(main: N8n, input: QueueInput, sim: Simulator, dayWebhookUrl: string): Promise<void> {
	const pg = input.pg;
	await main.importCredentials([
		{
			id: UDID_CREDENTIAL.id,
			name: UDID_CREDENTIAL.name,
			type: 'nmpaUdidApi',
			data: {
				appId: DEFAULT_APP.appId,
				appSecret: DEFAULT_APP.appSecret,
				tyshxydm: DEFAULT_APP.creditCodes[0],
				environment: 'production',
				baseUrl: sim.url,
				legacyTls: false,
				ignoreSslIssues: false,
			},
		},
		{
			id: POSTGRES_CREDENTIAL.id,
			name: POSTGRES_CREDENTIAL.name,
			type: 'postgres',
			data: {
				host: pg.host,
				port: pg.port,
				database: pg.database,
				user: pg.user,
				password: pg.password,
				ssl: 'disable',
				maxConnections: 10,
				allowUnauthorizedCerts: false,
				sshTunnel: false,
			},
		},
	]);
	const backfill = loadExample('month-backfill.json');
	setAssignment(backfill, 'Backfill settings', 'month', EXECUTE_WORKFLOW_MONTH);
	const queueBackfill = loadExample('month-backfill-queue.json');
	setAssignment(queueBackfill, 'Backfill settings', 'month', WEBHOOK_MONTH);
	setAssignment(queueBackfill, 'Backfill settings', 'dayWebhookUrl', dayWebhookUrl);
	const workflows: WorkflowFile[] = [
		backfill,
		loadExample('month-backfill-day.json'),
		queueBackfill,
		loadExample('month-backfill-day-webhook.json'),
	];
	const dir = join(input.work, 'queue', 'workflows');
	mkdirSync(dir, { recursive: true });
	for (const wf of workflows) writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	const out = await main.cli('import:workflow --separate', ['import:workflow', '--separate', `--input=${dir}`]);
	check(
		`queue main: imported ${workflows.length} workflows into PostgreSQL`,
		new RegExp(`Successfully imported ${workflows.length} workflows`).test(out),
		out.slice(-600),
	);
}

/** Starts the manual run on the main (offloaded to a worker) and waits for the execution to end. */
async function runToEnd(
	cluster: Cluster,
	workflowId: string,
): Promise<{ id: string; status: string; worker?: string }> {
	const id = await cluster.main.runManually(workflowId, 'Start backfill');
	const done = await waitFor(
		`execution ${id} of ${workflowId}`,
		async () => {
			const execution = (await cluster.main.executions(workflowId)).find((e) => e.id === id);
			return execution && !['new', 'running', 'waiting'].includes(execution.status) ? execution : undefined;
		},
		15 * 60_000,
		1000,
		cluster.main.proc,
	);
	const worker = cluster.workers.find((w) => w.startedExecutions().includes(id))?.name;
	log(`  execution ${id}: ${done.status} on ${worker ?? 'no worker (ran on the main?)'}`);
	return { id, status: done.status, worker };
}

async function monthRowsEqualTruth(cluster: Cluster, month: string): Promise<void> {
	const days = Array.from({ length: daysOfMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
	const truth = new Set(
		days.flatMap((d) => cluster.sim.dayRecords(d).map((r) => `${r.deviceRecordKey}#${Number(r.versionNumber)}`)),
	);
	const rows = (
		await cluster.pg.psql(
			`SELECT device_record_key || '#' || version_number FROM udid_device ` +
				`WHERE to_char(version_time, 'YYYY-MM') = '${month}'`,
		)
	)
		.split('\n')
		.filter(Boolean);
	equal(`PostgreSQL ${month}: no duplicate rows`, rows.length, new Set(rows).size);
	const missing = [...truth].filter((k) => !rows.includes(k));
	const extra = rows.filter((k) => !truth.has(k));
	check(
		`PostgreSQL ${month}: rows = the simulator's versions of the month (${rows.length} vs ${truth.size})`,
		missing.length === 0 && extra.length === 0,
		{ missing: missing.slice(0, 5), missingCount: missing.length, extra: extra.slice(0, 5) },
	);
}

/** Executions each worker started since `before` (a snapshot of startedExecutions per worker), minus `except`. */
function startedSince(cluster: Cluster, before: Map<string, number>, except: string[]): Record<string, number> {
	return Object.fromEntries(
		cluster.workers.map((w) => [
			w.name,
			w
				.startedExecutions()
				.slice(before.get(w.name) ?? 0)
				.filter((id) => !except.includes(id)).length,
		]),
	);
}

const snapshot = (cluster: Cluster) => new Map(cluster.workers.map((w) => [w.name, w.startedExecutions().length]));

async function executeWorkflowBackfill(cluster: Cluster): Promise<QueueResult['executeWorkflowSplit']> {
	await cluster.main.activate(IDS.day);
	await cluster.main.waitPublication(IDS.day, ['published', 'not_published']);
	const before = snapshot(cluster);
	const run = await runToEnd(cluster, IDS.backfill);
	equal('parent execution: success', run.status, 'success');
	check('the parent ran on a worker, not on the main', !!run.worker);
	await monthRowsEqualTruth(cluster, EXECUTE_WORKFLOW_MONTH);
	// Sub-workflows run in their caller's process: the other worker gets no job while the month runs.
	const split = startedSince(cluster, before, [run.id]);
	log(
		`  parent on ${run.worker}; executions taken from the queue besides it: ${JSON.stringify(split)} ` +
			`(the days ran inside the parent's worker)`,
	);
	check(
		"Execute Workflow: no queued job per day (the days ran inside the parent's worker)",
		Object.values(split).every((n) => n === 0),
		split,
	);
	return { parentWorker: run.worker, days: daysOfMonth(EXECUTE_WORKFLOW_MONTH), otherQueuedExecutions: split };
}

async function webhookBackfill(cluster: Cluster): Promise<Record<string, number>> {
	await cluster.main.activate(IDS.webhookDay);
	const status = await cluster.main.waitPublication(IDS.webhookDay, ['published']);
	check('day workflow published, its production webhook listens on the main', status.status === 'published', status);
	const before = snapshot(cluster);
	const run = await runToEnd(cluster, IDS.queueBackfill);
	equal('parent execution: success', run.status, 'success');
	await monthRowsEqualTruth(cluster, WEBHOOK_MONTH);
	const split = startedSince(cluster, before, [run.id]);
	const total = Object.values(split).reduce((a, b) => a + b, 0);
	log(`  day executions per worker: ${JSON.stringify(split)} (parent on ${run.worker})`);
	equal(`one queued execution per day (${daysOfMonth(WEBHOOK_MONTH)})`, total, daysOfMonth(WEBHOOK_MONTH));
	check(
		'the days ran on both workers',
		Object.values(split).every((n) => n > 0),
		split,
	);
	return split;
}
