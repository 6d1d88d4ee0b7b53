/**
 * The slice of Node-RED's runtime API these nodes use. Node-RED ships no types of its own and @types/node-red
 * describes the 1.x API; a few structural types keep the shell typed without a dependency.
 */
import type { EventEmitter } from 'node:events';

export type NodeMessage = Record<string, unknown> & { payload?: unknown; _msgid?: string };

export type SendFunction = (msg: NodeMessage | null | Array<NodeMessage | NodeMessage[] | null>) => void;
export type DoneFunction = (error?: Error) => void;

export interface NodeStatus {
	fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
	shape?: 'ring' | 'dot';
	text?: string;
}

export interface ContextStore {
	get(key: string, store: string | undefined, callback: (error: Error | null, value: unknown) => void): void;
	set(key: string, value: unknown, store: string | undefined, callback: (error: Error | null) => void): void;
}

export interface RedNode extends EventEmitter {
	id: string;
	name?: string;
	credentials?: Record<string, string | undefined>;
	status(status: NodeStatus | Record<string, never>): void;
	send: SendFunction;
	log(message: string): void;
	warn(message: string): void;
	error(error: string | Error, msg?: NodeMessage): void;
	debug(message: string): void;
	context(): { get: ContextStore['get']; set: ContextStore['set'] };
}

export interface HttpRequest {
	body: Record<string, unknown>;
	params: Record<string, string>;
}
export interface HttpResponse {
	status(code: number): HttpResponse;
	json(body: unknown): void;
}
type Handler = (req: HttpRequest, res: HttpResponse, next?: () => void) => void;

export interface RedApi {
	nodes: {
		createNode(node: object, config: object): void;
		registerType(type: string, constructor: (this: RedNode, config: never) => void, options?: object): void;
		getNode(id: string): unknown;
		getCredentials(id: string): Record<string, string | undefined> | undefined;
	};
	httpAdmin: { post(path: string, ...handlers: Handler[]): void };
	auth: { needsPermission(permission: string): Handler };
	/** Node-RED's settings; userDir is the user folder (~/.node-red unless started with --userDir). */
	settings?: { userDir?: string };
	_(key: string, substitutions?: Record<string, unknown>): string;
}
