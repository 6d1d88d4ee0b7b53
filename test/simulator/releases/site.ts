/**
 * The simulated public download site (公开数据下载): the four RSS feeds at /rss/download.html?files=KIND and the
 * packages at /attachments/attachment/download.html?path=HEX (the zip name in hex), with switchable trouble:
 * dirt and a wrong header count in the parts, a truncated zip, Range answered with 200, and a connection cut
 * part-way through a download. It runs as its own server beside the API simulator, with the same seed and
 * per-day count, so its packages hold the versions D001 serves.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset } from '../dataset';
import type { DeviceRecord } from '../types';
import { writePackage, type ContentTrouble } from './build';
import {
	catalog,
	packageCount,
	packageRecords,
	type CatalogOptions,
	type SimPackage,
	type SimReleaseKind,
} from './catalog';
import { rssFeed } from './rss';

export interface TransferTrouble {
	/** Serve only the first `truncateAt` share of each zip, with a Content-Length that matches the cut file. */
	truncateAt?: number;
	/** Answer a Range request with 200 and the whole file. */
	ignoreRange?: boolean;
	/** Destroy the connection after this share of the body has been sent... */
	cutAt?: number;
	/** ...for this many downloads (default 1). */
	cuts?: number;
}

export type ReleaseTrouble = ContentTrouble & TransferTrouble;

export interface ReleaseSiteOptions extends CatalogOptions {
	seed?: number;
	perDay?: number;
	now?: () => Date;
	/** Records per XML part, default 5000 (the real full release has ~5,000). */
	partSize?: number;
	trouble?: ReleaseTrouble;
	/** Where built packages are kept; default a new temporary folder removed by close(). */
	cacheDir?: string;
	host?: string;
	port?: number;
	/** Serve HTTPS with this key and certificate (e.g. self-signed, to test the ignore-certificate switch). */
	tls?: { key: string | Buffer; cert: string | Buffer };
	log?: (line: string) => void;
}

export interface DownloadLogEntry {
	name: string;
	range?: string;
	status: number;
	bytesSent: number;
	cut: boolean;
}

export interface ReleaseSite {
	/** Origin, e.g. http://127.0.0.1:PORT: the base URL for the feed reader. */
	url: string;
	feedUrl(kind: SimReleaseKind): string;
	downloadUrl(name: string): string;
	packages(): SimPackage[];
	/** What a package holds (the truth a reader is compared with). */
	recordsOf(name: string): DeviceRecord[];
	/** Builds (or finds) the package file as served without trouble in transfer. */
	packageFile(name: string): Promise<string>;
	setTrouble(trouble: ReleaseTrouble): void;
	downloads: DownloadLogEntry[];
	dataset: Dataset;
	close(): Promise<void>;
}

const DOWNLOAD_PATH = '/attachments/attachment/download.html';

export async function startReleaseSite(options: ReleaseSiteOptions = {}): Promise<ReleaseSite> {
	const now = options.now ?? (() => new Date());
	const dataset = new Dataset({ seed: options.seed ?? 1, perDay: options.perDay ?? 3600, now });
	const ownCache = !options.cacheDir;
	const cacheDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'udid-release-site-'));
	const partSize = options.partSize ?? 5000;
	let trouble: ReleaseTrouble = { ...options.trouble };
	let cutsLeft = trouble.cuts ?? 1;
	const building = new Map<string, Promise<string>>();
	const downloads: DownloadLogEntry[] = [];
	const sockets = new Set<Socket>();
	let origin = '';

	const packages = () => catalog(now(), options);
	const find = (name: string) => packages().find((p) => p.name === name);

	function contentKey(): string {
		return `${partSize}-${(trouble.dirt ?? []).join('+') || 'clean'}-${trouble.dirtEvery ?? 50}-${trouble.headerMismatch ? 'h' : ''}`;
	}

	function packageFile(name: string): Promise<string> {
		const pkg = find(name);
		if (!pkg) return Promise.reject(new Error(`no package ${name}`));
		const file = join(cacheDir, contentKey(), name);
		let pending = building.get(file);
		if (!pending) {
			const content = { dirt: trouble.dirt, dirtEvery: trouble.dirtEvery, headerMismatch: trouble.headerMismatch };
			pending = existsSync(file)
				? Promise.resolve(file)
				: writePackage(dataset, pkg, file, { partSize, trouble: content }).then(() => file);
			building.set(file, pending);
			pending.catch(() => building.delete(file));
		}
		return pending;
	}

	function sendFeed(res: ServerResponse, kind: string | null): void {
		const known = ['daily', 'weekly', 'monthly', 'full'];
		if (!kind || !known.includes(kind)) {
			res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' }).end('<html><body>404</body></html>');
			return;
		}
		const items = packages()
			.filter((p) => p.kind === kind)
			.map((p) => ({
				pkg: p,
				link: `${origin}${DOWNLOAD_PATH}?path=${Buffer.from(p.name).toString('hex')}`,
				count: packageCount(dataset, p),
			}));
		const body = Buffer.from(rssFeed(kind as SimReleaseKind, items), 'utf8');
		res
			.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=UTF-8', 'Content-Length': body.length })
			.end(body);
	}

	async function sendPackage(req: IncomingMessage, res: ServerResponse, hex: string | null): Promise<void> {
		const name = hex && /^[0-9a-f]+$/i.test(hex) ? Buffer.from(hex, 'hex').toString('utf8') : '';
		if (!find(name)) {
			res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' }).end('<html><body>文件不存在</body></html>');
			return;
		}
		const file = await packageFile(name);
		const fullSize = statSync(file).size;
		const size = trouble.truncateAt ? Math.floor(fullSize * trouble.truncateAt) : fullSize;
		const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
		const start = range && !trouble.ignoreRange ? Number(range[1]) : 0;
		const entry: DownloadLogEntry = { name, range: req.headers.range, status: 200, bytesSent: 0, cut: false };
		downloads.push(entry);
		if (start >= size && range && !trouble.ignoreRange) {
			entry.status = 416;
			res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
			return;
		}
		const headers: Record<string, string | number> = {
			'Content-Type': 'application/octet-stream',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Content-Length': size - start,
			'Accept-Ranges': 'bytes',
		};
		if (start > 0) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
		entry.status = start > 0 ? 206 : 200;
		res.writeHead(entry.status, headers);
		const cutAfter = trouble.cutAt !== undefined && cutsLeft > 0 ? Math.floor(size * trouble.cutAt) - start : Infinity;
		if (cutAfter !== Infinity) cutsLeft--;
		const stream = createReadStream(file, { start, end: size - 1 });
		stream.on('data', (chunk) => {
			const buffer = chunk as Buffer;
			const allowed = Math.min(buffer.length, cutAfter - entry.bytesSent);
			if (allowed < buffer.length) {
				if (allowed > 0) res.write(buffer.subarray(0, allowed));
				entry.bytesSent += Math.max(0, allowed);
				entry.cut = true;
				stream.destroy();
				// let the written bytes leave before the connection is cut
				setTimeout(() => req.socket.destroy(), 20);
				return;
			}
			entry.bytesSent += buffer.length;
			if (!res.write(buffer)) {
				stream.pause();
				res.once('drain', () => stream.resume());
			}
		});
		stream.on('end', () => res.end());
	}

	const listener: RequestListener = (req, res) => {
		req.resume();
		const url = new URL(req.url ?? '/', 'http://site');
		const done = (error?: unknown) => {
			if (error) {
				options.log?.(`release site error: ${error instanceof Error ? error.message : String(error)}`);
				if (!res.headersSent) res.writeHead(500).end();
				else res.destroy();
			}
		};
		if (req.method !== 'GET') return void res.writeHead(405, { Allow: 'GET' }).end();
		if (url.pathname === '/rss/download.html') return sendFeed(res, url.searchParams.get('files'));
		if (url.pathname === DOWNLOAD_PATH)
			return void sendPackage(req, res, url.searchParams.get('path')).then(() => done(), done);
		res.writeHead(404).end();
	};
	const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((ready, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, host, () => ready());
	});
	const address = server.address();
	origin = `${options.tls ? 'https' : 'http'}://${host}:${typeof address === 'object' && address ? address.port : 0}`;

	return {
		url: origin,
		feedUrl: (kind) => `${origin}/rss/download.html?files=${kind}`,
		downloadUrl: (name) => `${origin}${DOWNLOAD_PATH}?path=${Buffer.from(name).toString('hex')}`,
		packages,
		recordsOf: (name) => {
			const pkg = find(name);
			if (!pkg) throw new Error(`no package ${name}`);
			return packageRecords(dataset, pkg);
		},
		packageFile,
		setTrouble(next) {
			trouble = { ...next };
			cutsLeft = trouble.cuts ?? 1;
		},
		downloads,
		dataset,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => {
					if (ownCache) rmSync(cacheDir, { recursive: true, force: true });
					resolve();
				});
				for (const socket of sockets) socket.destroy();
			}),
	};
}
