/**
 * The queue-mode cluster of the e2e: Debian's Redis, a second database for n8n in the test's PostgreSQL cluster,
 * the packed package installed in the user folder of each of three n8n instances (main, worker-1, worker-2) that
 * share EXECUTIONS_MODE=queue, Redis, the database and the encryption key, and the month-backfill workflows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../simulator';
import { installCommunityPackage, N8n, PACKAGE_NAME, startWorker, type N8nServer, type N8nWorker } from './n8n';
import type { Postgres } from './postgres';
import { freePort } from './proc';
import { startRedis, type Redis } from './redis';
import { check, log } from './report';
import type { Toolchain } from './setup';
import { loadExample, postgresCredential, setAssignment, udidCredential, type WorkflowFile } from './workflows';

const WORKER_CONCURRENCY = 5;
const OWNER = { email: 'queue@example.com', password: 'Queue-Passw0rd!', firstName: 'Queue', lastName: 'Tester' };

export interface Months {
	executeWorkflow: string;
	webhook: string;
}

export interface QueueInput {
	work: string;
	logs: string;
	tools: Toolchain;
	tarball: string;
	pg: Postgres;
	frozen: Date;
	perDay: number;
}

export interface Cluster {
	main: N8nServer;
	workers: N8nWorker[];
	redis: Redis;
	sim: Simulator;
	pg: Postgres;
}

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

/** Redis, n8n's database, the package in three user folders, the workflows; then the main and two workers. */
export async function startCluster(input: QueueInput, sim: Simulator, months: Months): Promise<Cluster> {
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
	await importInto(main, input, sim, months, `http://127.0.0.1:${port}/webhook/nmpa-udid-backfill-day`);
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

async function importInto(main: N8n, input: QueueInput, sim: Simulator, months: Months, dayWebhookUrl: string) {
	const pg = input.pg;
	await main.importCredentials([udidCredential(sim.url), postgresCredential(pg)]);
	const backfill = loadExample('month-backfill.json');
	setAssignment(backfill, 'Backfill settings', 'month', months.executeWorkflow);
	const queueBackfill = loadExample('month-backfill-queue.json');
	setAssignment(queueBackfill, 'Backfill settings', 'month', months.webhook);
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
