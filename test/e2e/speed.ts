/**
 * Speed against a fast server, in real n8n: one 500-page day (10,000 records) with the simulator answering after
 * 50 ms (no limit on requests in flight), through the NMPA UDID node's Sync Day with default settings and through
 * the peer workflow a user builds by hand (HTTP Request pagination + a Code node that flattens), both in the same
 * execution. The times are the node execution times n8n records; the ratio is the figure of merit (target ≥ 4×).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP, startSimulator } from '../simulator';
import { nodeOutput, type ExecutionRun, type N8n } from './lib/n8n';
import { executeMeasured, parseRunOutput, perDayForExactly, round } from './lib/measure';
import { onCleanup } from './lib/proc';
import { check, equal, log } from './lib/report';
import { setAssignment, type WorkflowFile } from './lib/workflows';

export const SPEED_DAY = '2025-03-03';
const RECORDS = 10_000;
const LATENCY_MS = 50;
const TARGET_RATIO = 4;
const WORKFLOW_ID = 'NmpaUdidPeerHttp';
const NODE = 'Sync Day (NMPA UDID node, defaults)';
const PEER_NODES = ['Get token', 'Fetch all pages', 'Flatten pages'];
/** Its own app: the peer workflow holds the secret in plain text, as a hand-built one would. */
const PEER_APP = {
	appId: 'peer-speed-app',
	appSecret: 'peer-speed-demo-secret-0001',
	creditCodes: [DEFAULT_APP.creditCodes[0]],
};

export interface SpeedResult {
	day: string;
	records: number;
	pages: number;
	latencyMs: number;
	nodeSeconds: number;
	peerSeconds: number;
	peerSecondsByNode: Record<string, number>;
	ratio: number;
	target: number;
	met: boolean;
	/** Requests the simulator had in flight at most (recorded when the simulator counts it). */
	serverPeakInFlight?: number;
	/** Peak RSS of the `n8n execute` process that ran both. */
	n8nPeakRssMiB: number;
}

type TaskData = { executionTime?: number };
const executionSeconds = (run: ExecutionRun, node: string) =>
	((run.data.resultData.runData[node] ?? []) as TaskData[]).reduce((sum, task) => sum + (task.executionTime ?? 0), 0) /
	1000;
const versionKeys = (items: Array<Record<string, unknown>>) =>
	new Set(items.map((i) => `${String(i.deviceRecordKey)}#${Number(i.versionNumber)}`));

export async function speedComparison(n8n: N8n, work: string, frozen: Date): Promise<SpeedResult | undefined> {
	const sim = await startSimulator({
		port: 0,
		perDay: perDayForExactly(SPEED_DAY, RECORDS),
		latencyMs: LATENCY_MS,
		apps: [PEER_APP],
		now: () => frozen,
	});
	onCleanup('speed simulator', () => sim.close());
	const truth = sim.dayRecords(SPEED_DAY); // also fills the simulator's day cache before anything is timed
	equal(`${SPEED_DAY} holds ${RECORDS} records (${RECORDS / 20} pages)`, truth.length, RECORDS);
	await n8n.importCredentials([
		{
			id: 'NmpaUdidCredPeer',
			name: 'NMPA UDID (speed comparison)',
			type: 'nmpaUdidApi',
			data: {
				appId: PEER_APP.appId,
				appSecret: PEER_APP.appSecret,
				tyshxydm: PEER_APP.creditCodes[0],
				environment: 'production',
				baseUrl: sim.url,
				legacyTls: false,
				ignoreSslIssues: false,
			},
		},
	]);
	const workflow = JSON.parse(
		readFileSync(join(__dirname, 'workflows', 'peer-http-pagination.json'), 'utf8'),
	) as WorkflowFile;
	const settings: Record<string, string> = {
		baseUrl: sim.url,
		appId: PEER_APP.appId,
		appSecret: PEER_APP.appSecret,
		creditCode: PEER_APP.creditCodes[0],
		day: SPEED_DAY,
	};
	for (const [field, value] of Object.entries(settings)) setAssignment(workflow, 'Settings', field, value);
	const file = join(work, 'workflows', `${WORKFLOW_ID}.json`);
	mkdirSync(join(work, 'workflows'), { recursive: true });
	writeFileSync(file, JSON.stringify(workflow, null, 2));
	await n8n.importWorkflow(file);

	const logFile = join(n8n.options.logsDir, `speed-${WORKFLOW_ID}.log`);
	const measured = await executeMeasured(n8n, WORKFLOW_ID, logFile);
	log(
		`  n8n execute: exit ${measured.code} in ${round(measured.seconds)} s, ` +
			`peak RSS ${measured.peakRssMiB} MiB (log: ${logFile})`,
	);
	const run = parseRunOutput<ExecutionRun>(measured.output);
	equal('execution status', run.status, 'success');
	const nodeItems = nodeOutput(run, NODE);
	const peerItems = nodeOutput(run, 'Flatten pages');
	const truthKeys = versionKeys(truth as unknown as Array<Record<string, unknown>>);
	equal(`node: ${RECORDS} items`, nodeItems.length, RECORDS);
	equal(`peer: ${RECORDS} items`, peerItems.length, RECORDS);
	check(
		'node and peer emit the same device versions as the simulator',
		[versionKeys(nodeItems), versionKeys(peerItems)].every(
			(s) => s.size === truthKeys.size && [...truthKeys].every((k) => s.has(k)),
		),
	);
	const nodeSeconds = round(executionSeconds(run, NODE), 2);
	const peerSecondsByNode = Object.fromEntries(PEER_NODES.map((n) => [n, round(executionSeconds(run, n), 2)]));
	const peerSeconds = round(
		Object.values(peerSecondsByNode).reduce((a, b) => a + b, 0),
		2,
	);
	if (!(nodeSeconds > 0 && peerSeconds > 0)) {
		check('n8n recorded both execution times', false, { nodeSeconds, peerSecondsByNode });
		return undefined;
	}
	const ratio = round(peerSeconds / nodeSeconds, 2);
	const met = ratio >= TARGET_RATIO;
	// Recorded, not asserted: a wall-clock ratio on a shared machine is a measurement, not a pass/fail check.
	log(
		`  node ${nodeSeconds} s, peer ${peerSeconds} s (${JSON.stringify(peerSecondsByNode)}): ${ratio}× — ` +
			`target ≥ ${TARGET_RATIO}× ${met ? 'met' : 'MISSED'}`,
	);
	const serverPeakInFlight = (sim.stats as { peakInFlight?: number }).peakInFlight;
	return {
		day: SPEED_DAY,
		records: RECORDS,
		pages: RECORDS / 20,
		latencyMs: LATENCY_MS,
		nodeSeconds,
		peerSeconds,
		peerSecondsByNode,
		ratio,
		target: TARGET_RATIO,
		met,
		serverPeakInFlight,
		n8nPeakRssMiB: measured.peakRssMiB,
	};
}
