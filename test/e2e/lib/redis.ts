/**
 * A throw-away Redis (Debian's redis-server) for n8n's queue mode: loopback only, a free port, its own folder,
 * no persistence. Started in its own process group like every other process of the e2e.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onCleanup, startProcess, stopProcess, waitFor } from './proc';

export const REDIS_SERVER = process.env.NMPA_E2E_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface Redis {
	host: string;
	port: number;
	/** Sends one inline command and returns the raw reply (enough for PING / DBSIZE). */
	command(line: string): Promise<string>;
	stop(): Promise<void>;
}

export function hasRedis(): boolean {
	return existsSync(REDIS_SERVER);
}

function sendCommand(port: number, line: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`${line}\r\n`));
		socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
		socket.once('data', (data) => {
			resolve(data.toString('utf8').trim());
			socket.end();
		});
		socket.once('error', reject);
	});
}

export async function startRedis(logFile: string): Promise<Redis> {
	const dir = mkdtempSync(join(tmpdir(), 'nmpa-udid-e2e-redis-'));
	const port = await freePort();
	// No RDB snapshots, no AOF: the queue only lives as long as the test.
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
	];
	const proc = startProcess('redis-server', REDIS_SERVER, args, { logFile });
	const stop = async () => {
		await stopProcess(proc, 10_000);
		if (!process.env.NMPA_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
	};
	onCleanup('Redis', stop);
	await waitFor(
		'redis-server to answer PING',
		async () => ((await sendCommand(port, 'PING')) === '+PONG' ? true : undefined),
		30_000,
		200,
		proc,
	);
	return { host: '127.0.0.1', port, command: (line) => sendCommand(port, line), stop };
}
