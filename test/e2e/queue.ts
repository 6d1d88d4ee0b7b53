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
import { startSimulator, type Simulator } from '../simulator';
import { stopProcess, onCleanup, waitFor } from './lib/proc';
import { startCluster, type Cluster, type QueueInput } from './lib/queue-cluster';
import { check, equal, log, step } from './lib/report';
import { loadExample } from './lib/workflows';

export type { QueueInput } from './lib/queue-cluster';

const EXECUTE_WORKFLOW_MONTH = '2024-04';
const WEBHOOK_MONTH = '2024-05';
const IDS = {
	backfill: 'NmpaUdidBackfil1',
	day: 'NmpaUdidBackDay1',
	queueBackfill: 'NmpaUdidBackfilQ',
	webhookDay: 'NmpaUdidBackDayW',
};

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

const daysOfMonth = (month: string) =>
	new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

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
		startCluster(input, sim, result.months),
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
