/** HTTP plumbing of the simulator: one answer type, routes tried in order, sending with latency and faults. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTML_PAGES, HTML_TYPE } from './answers';

export interface Answer {
	status: number;
	type: string;
	body: string;
	headers?: Record<string, string>;
	/** Send only the first half of the body (with a matching Content-Length): complete HTTP, broken JSON. */
	truncate?: boolean;
	/** Reset the connection instead of answering. */
	reset?: boolean;
	returnCode?: number;
}

/**
 * One part of the site. The dispatcher asks each route in order whether it serves the path (path only, no
 * query string) and hands the request to the first that does; no route: 404. To serve something new, add a
 * route to the list in server.ts.
 */
export interface Route {
	serves(path: string): boolean;
	/** Answers through `respond` (which adds the latency); the route reads the body itself if it needs one. */
	handle(req: IncomingMessage, path: string, respond: (answer: Answer) => void): void;
}

export interface Delivery {
	latencyMs(): number;
	wait(ms: number): Promise<void>;
	isClosed(): boolean;
	log?: (line: string) => void;
}

/** Path only: a query string could carry params, and tokens must never reach a log. */
export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

/** The server's request listener: route, or 404 after draining the body. */
export function dispatcher(routes: readonly Route[], delivery: Delivery) {
	return (req: IncomingMessage, res: ServerResponse) => {
		const started = Date.now();
		const respond = (answer: Answer) =>
			void delivery.wait(delivery.latencyMs()).then(() => send(req, res, answer, started, delivery));
		req.on('error', () => undefined); // a client that goes away mid-request is not the simulator's problem
		const path = pathOf(req);
		const route = routes.find((r) => r.serves(path));
		if (route) return route.handle(req, path, respond);
		req.resume();
		respond({ status: 404, type: HTML_TYPE, body: HTML_PAGES.notFound });
	};
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer, started: number, delivery: Delivery): void {
	if (delivery.isClosed() || res.destroyed) return;
	const log = delivery.log;
	if (answer.reset) {
		const socket = req.socket;
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
		log?.(`${req.method} ${pathOf(req)} → connection reset`);
		return;
	}
	let bytes = Buffer.from(answer.body, 'utf8');
	if (answer.truncate) bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
	res.writeHead(answer.status, { 'Content-Type': answer.type, 'Content-Length': bytes.length, ...answer.headers });
	res.end(bytes);
	const code =
		answer.returnCode === undefined ? '' : ` returnCode ${answer.returnCode}${answer.truncate ? ' (truncated)' : ''}`;
	log?.(`${req.method} ${pathOf(req)} → ${answer.status}${code} ${Date.now() - started}ms`);
}

const MAX_BODY_BYTES = 1 << 20;

/** The request body as text; a body over 1 MiB destroys the request (and nothing answers). */
export function readBody(req: IncomingMessage, done: (body: string) => void): void {
	const chunks: Buffer[] = [];
	let size = 0;
	req.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) req.destroy();
		else chunks.push(chunk);
	});
	req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
}
