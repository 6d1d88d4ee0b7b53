import type { UdidClient } from '../../../nodes/udid/client/client';
import type { Output } from '../output';
import type { NodeForm } from '../params';
import type { NodeMessage, RedNode } from '../red-types';
import type { StatusReporter } from '../status';

export interface OperationContext {
	node: RedNode;
	form: NodeForm;
	msg: NodeMessage;
	output: Output;
	status: StatusReporter;
	/** Aborted when the node is closed (redeploy, shutdown). */
	signal: AbortSignal;
	/** The config node's client; throws a ConfigurationError naming a bad field. */
	client: () => UdidClient;
	/** Node-RED's user folder (RED.settings.userDir), where the release cache lives by default. */
	userDir?: string;
}

/** Runs an operation and returns its summary (sent on output 2). */
export type Operation = (ctx: OperationContext) => Promise<Record<string, unknown>>;
