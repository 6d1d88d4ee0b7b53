/**
 * `nmpa-udid`: one node for every operation. Output 1 carries data, output 2 one summary per message. Errors
 * go to Catch nodes through done(error) with msg.resumeFrom on a stop; closing the node (redeploy, shutdown)
 * aborts what is running and waits for it.
 */
import type { UdidClient } from '../../nodes/udid/client/client';
import type { UdidConfigNode } from './config-node';
import { describeFailure, isAbort } from './errors';
import { Output } from './output';
import type { NodeForm } from './params';
import { bad, readOutputMode } from './params';
import { getByDi, parseBarcode, testConnection, tokenInfo } from './operations/single';
import { releaseList, releaseParts, releaseRead } from './operations/releases';
import { history, incremental, syncDay, syncMonth, syncRange } from './operations/sync';
import type { Operation } from './operations/types';
import type { DoneFunction, NodeMessage, RedApi, RedNode, SendFunction } from './red-types';
import { StatusReporter } from './status';

export const NODE_TYPE = 'nmpa-udid';

const OPERATIONS: Record<string, Operation> = {
	testConnection,
	tokenInfo,
	syncDay,
	syncMonth,
	syncRange,
	history,
	getByDi,
	parseBarcode,
	incremental,
	releaseList,
	releaseParts,
	releaseRead,
};

interface NodeConfig extends NodeForm {
	name?: string;
	server?: string;
}

export function registerUdidNode(RED: RedApi): void {
	function NmpaUdidNode(this: RedNode, config: NodeConfig) {
		RED.nodes.createNode(this, config);
		const running = new Set<{ controller: AbortController; job: Promise<void> }>();
		let incrementalBusy = false;

		this.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
			const controller = new AbortController();
			const entry = { controller, job: Promise.resolve() };
			const operation = String(msg.operation && !config.operation ? msg.operation : config.operation || 'syncDay');
			if (operation === 'incremental' && incrementalBusy) {
				this.warn('The previous incremental run is still going; this message was skipped so nothing is emitted twice.');
				done();
				return;
			}
			if (operation === 'incremental') incrementalBusy = true;
			entry.job = handle(RED, this, config, operation, msg, send, controller.signal)
				.then(
					() => done(),
					(error: Error) => done(error),
				)
				.finally(() => {
					running.delete(entry);
					if (operation === 'incremental') incrementalBusy = false;
				});
			running.add(entry);
		});

		this.on('close', (_removed: boolean, done: () => void) => {
			for (const { controller } of running) controller.abort();
			void Promise.allSettled([...running].map((r) => r.job)).then(() => {
				this.status({});
				done();
			});
		});
	}
	RED.nodes.registerType(NODE_TYPE, NmpaUdidNode as never);
}

/** Resolves when the operation finished or was aborted by a close; rejects with the error for Catch nodes. */
async function handle(
	RED: RedApi,
	node: RedNode,
	config: NodeConfig,
	operation: string,
	msg: NodeMessage,
	send: SendFunction,
	signal: AbortSignal,
): Promise<void> {
	const server = config.server ? (RED.nodes.getNode(config.server) as UdidConfigNode | null) : null;
	let used: UdidClient | undefined;
	const client = () => {
		if (!server) throw new Error('No nmpa-udid-config node is selected: open the node and choose or add a connection.');
		return (used = server.client());
	};
	const status = new StatusReporter(node, () => used?.lastKnownRemainingVisits);
	let output: Output | undefined;
	try {
		const run = OPERATIONS[operation];
		if (!run) bad('operation', `"${operation}" is unknown`, Object.keys(OPERATIONS).join(', '));
		output = new Output(readOutputMode(config), msg, send);
		const userDir = RED.settings?.userDir;
		const summary = await run({ node, form: config, msg, output, status, signal, client, userDir });
		output.summary(summary);
		status.done(`${operation}: ${typeof summary.records === 'number' ? `${summary.records} records` : 'done'}`);
	} catch (error) {
		if (signal.aborted && isAbort(error)) return; // closed on redeploy: nothing to report
		const failure = describeFailure(error);
		output?.failed(failure);
		if (failure.returnCode !== undefined) msg.returnCode = failure.returnCode;
		status.failed(failure.message);
		throw new Error(failure.message);
	}
}
