/**
 * Memory per item in a running n8n (`n8n start`, the way users run it), next to the `n8n execute` figures of
 * memory.ts: one fresh server per layout; each run is a call of a published webhook workflow (Webhook → Sync Day →
 * Limit 1, answered when the last node is done), and n8n saves the execution as it does by default. Before each
 * call the server's peak RSS is reset (/proc/<pid>/clear_refs "5"), after the answer VmHWM is read. The sizes run
 * smallest first, so the larger run's peak is not the smaller one's leftover heap.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8n, N8nServer } from './lib/n8n';
import { measuredOptions, round } from './lib/measure';
import { check, log } from './lib/report';
import type { WorkflowFile, WorkflowNode } from './lib/workflows';

export interface ServerRun {
	peakRssMiB: number;
	rssBeforeMiB: number;
	seconds: number;
}

const serverWorkflowId = (layout: string, n: number) =>
	`NmpaUdidSrv${layout[0].toUpperCase()}${String(Math.round(n / 1000)).padStart(3, '0')}k`.slice(0, 16);
const webhookPath = (layout: string, n: number) => `nmpa-udid-memory-${layout}-${n}`;

function memoryStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? round(Number(m[1]) / 1024) : NaN;
}

/** Webhook → Sync Day (the layout, the credential of that size) → Limit 1 (a small answer). */
export function serverMemoryWorkflow(layout: string, n: number, credentialId: string, day: string): WorkflowFile {
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: object): WorkflowNode => ({
		id: `e0a80001-0000-4000-a000-00000000000${x / 200}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters: parameters as Record<string, unknown>,
	});
	const hook = node('Run', 'n8n-nodes-base.webhook', 2, 0, {
		httpMethod: 'POST',
		path: webhookPath(layout, n),
		responseMode: 'lastNode',
		options: {},
	});
	hook.webhookId = `e0a80001-1000-4000-a000-${String(n).padStart(6, '0')}${layout.length.toString().padStart(6, '0')}`;
	const sync = node('Sync Day', 'n8n-nodes-nmpa-udid.nmpaUdid', 1, 200, {
		resource: 'device',
		operation: 'syncDay',
		date: day,
		returnAll: true,
		options: measuredOptions(layout),
	});
	sync.credentials = { nmpaUdidApi: { id: credentialId, name: `NMPA UDID (memory ${n})` } };
	const limit = node('First item', 'n8n-nodes-base.limit', 1, 400, { maxItems: 1 });
	return {
		id: serverWorkflowId(layout, n),
		name: `NMPA UDID – memory in n8n start, ${layout}, ${n} records`,
		nodes: [hook, sync, limit],
		connections: {
			Run: { main: [[{ node: 'Sync Day', type: 'main', index: 0 }]] },
			'Sync Day': { main: [[{ node: 'First item', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		active: false,
	};
}

export function writeServerWorkflows(
	dir: string,
	sizes: Record<string, number[]>,
	credentialId: (n: number) => string,
	day: string,
): void {
	for (const [layout, ns] of Object.entries(sizes)) {
		for (const n of ns)
			writeFileSync(
				join(dir, `${serverWorkflowId(layout, n)}.json`),
				JSON.stringify(serverMemoryWorkflow(layout, n, credentialId(n), day)),
			);
	}
}

async function oneRun(server: N8nServer, layout: string, n: number): Promise<ServerRun> {
	const pid = server.proc.child.pid!;
	writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
	const rssBeforeMiB = memoryStatus(pid, 'VmRSS');
	const t0 = Date.now();
	const res = await server.request(
		'POST',
		`/webhook/${webhookPath(layout, n)}`,
		{},
		{ auth: false, timeoutMs: 10 * 60_000 },
	);
	const seconds = round((Date.now() - t0) / 1000);
	const peakRssMiB = memoryStatus(pid, 'VmHWM');
	check(`n8n start, ${layout}, ${n} records: the webhook run answered 200`, res.status === 200, res.text.slice(0, 300));
	return { peakRssMiB, rssBeforeMiB, seconds };
}

/** One fresh `n8n start` per layout; returns records → run per layout. */
export async function serverMemory(
	n8n: N8n,
	owner: { email: string; password: string; firstName: string; lastName: string },
	sizes: Record<string, number[]>,
): Promise<Record<string, Record<string, ServerRun>>> {
	const results: Record<string, Record<string, ServerRun>> = {};
	for (const [layout, ns] of Object.entries(sizes)) {
		const server = await n8n.startServer();
		try {
			await server.signIn(owner);
			for (const n of ns) {
				await server.activate(serverWorkflowId(layout, n));
				await server.waitPublication(serverWorkflowId(layout, n), ['published']);
			}
			results[layout] = {};
			for (const n of [...ns].sort((a, b) => a - b)) {
				const run = await oneRun(server, layout, n);
				results[layout][String(n)] = run;
				log(
					`  n8n start, ${layout.padEnd(10)} ${String(n).padStart(6)} records: peak RSS ${run.peakRssMiB} MiB ` +
						`(${run.rssBeforeMiB} before, ${run.seconds} s)`,
				);
			}
		} finally {
			await server.stop();
		}
	}
	return results;
}
