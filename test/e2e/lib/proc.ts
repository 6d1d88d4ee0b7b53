/**
 * External processes: every one is started in its own process group and remembered, so that the cleanup
 * (normal end, failure, Ctrl-C, SIGTERM) stops all of them by id. Nothing is ever killed by name.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, createWriteStream, openSync, readFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { log } from './report';

export interface Managed {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** Resolves with the exit code (or the signal name) once the process has ended. */
	exited: Promise<number | string>;
	done: boolean;
}

const running = new Set<Managed>();
const cleanups: Array<{ name: string; fn: () => Promise<void> | void; sync?: () => void }> = [];

/** Registers something to undo at the end (last registered runs first). `sync` is the fallback on a hard exit. */
export function onCleanup(name: string, fn: () => Promise<void> | void, sync?: () => void): void {
	cleanups.push({ name, fn, sync });
}

/** Environment for children: this process's, minus what `npm run` injects that would change npm's behaviour. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		const k = key.toLowerCase();
		// `npm run` exports the repo's .npmrc (ignore-scripts=true) and its own settings to scripts.
		if (
			k === 'npm_config_ignore_scripts' ||
			k === 'npm_config_engine_strict' ||
			k === 'npm_config_prefix' ||
			k === 'npm_config_global'
		)
			delete env[key];
		if (k.startsWith('ts_node_')) delete env[key];
	}
	delete env.NODE_OPTIONS;
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

export interface StartOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	logFile: string;
}

/** Starts a long-running process with stdout and stderr going to `logFile`. */
export function startProcess(name: string, command: string, args: string[], options: StartOptions): Managed {
	const fd = openSync(options.logFile, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? childEnv(),
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	const managed: Managed = {
		name,
		child,
		logFile: options.logFile,
		done: false,
		exited: new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				managed.done = true;
				running.delete(managed);
				resolve(code ?? signal ?? 'unknown');
			});
			child.once('error', (error) => {
				managed.done = true;
				running.delete(managed);
				resolve(`spawn error: ${error.message}`);
			});
		}),
	};
	running.add(managed);
	return managed;
}

function signalGroup(managed: Managed, signal: NodeJS.Signals): void {
	if (managed.done || managed.child.pid === undefined) return;
	try {
		process.kill(-managed.child.pid, signal);
	} catch {
		try {
			managed.child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** SIGTERM to the process group, SIGKILL after `graceMs`. */
export async function stopProcess(managed: Managed, graceMs = 10_000): Promise<void> {
	if (managed.done) return;
	signalGroup(managed, 'SIGTERM');
	const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
	if ((await Promise.race([managed.exited, timer])) === 'timeout') {
		log(`  ${managed.name} did not stop within ${graceMs / 1000}s: SIGKILL`);
		signalGroup(managed, 'SIGKILL');
		await Promise.race([managed.exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
	}
	// The group may hold children that outlived the leader (n8n's task runner): make sure they are gone too.
	try {
		if (managed.child.pid !== undefined) process.kill(-managed.child.pid, 'SIGKILL');
	} catch {
		/* no such group: all gone */
	}
}

export interface RunResult {
	code: number | string;
	stdout: string;
	stderr: string;
	seconds: number;
}

export interface RunOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	timeoutMs: number;
	/** Appends the command, its output and exit code here. */
	logFile?: string;
	/** Throw when the exit code is not 0 (default true). */
	check?: boolean;
}

/** Runs a command to completion, with a timeout after which its whole process group is killed. */
export async function run(name: string, command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const t0 = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? childEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let logStream: WriteStream | undefined;
	if (options.logFile) {
		logStream = createWriteStream(options.logFile, { flags: 'a' });
		logStream.write(`\n$ ${command} ${args.join(' ')}\n`);
	}
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout?.on('data', (chunk: Buffer) => {
		out.push(chunk);
		logStream?.write(chunk);
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		err.push(chunk);
		logStream?.write(chunk);
	});
	const exited = new Promise<number | string>((resolve) => {
		child.once('close', (c, signal) => resolve(c ?? signal ?? 'unknown'));
		child.once('error', (error) => resolve(`spawn error: ${error.message}`));
	});
	const managed: Managed = { name, child, logFile: options.logFile ?? '', done: false, exited };
	running.add(managed);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		signalGroup(managed, 'SIGKILL');
	}, options.timeoutMs);
	const code = await exited;
	clearTimeout(timer);
	managed.done = true;
	running.delete(managed);
	// Leftovers of the group (e.g. a task runner) must not outlive the command.
	try {
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	} catch {
		/* none */
	}
	const result: RunResult = {
		code,
		stdout: Buffer.concat(out).toString('utf8'),
		stderr: Buffer.concat(err).toString('utf8'),
		seconds: (Date.now() - t0) / 1000,
	};
	if (logStream) {
		logStream.write(`\n[exit ${code} after ${result.seconds.toFixed(1)}s${timedOut ? ', TIMED OUT' : ''}]\n`);
		await new Promise((resolve) => logStream!.end(resolve));
	}
	if (timedOut) throw new Error(`${name}: timed out after ${options.timeoutMs / 1000}s (${command} ${args.join(' ')})`);
	if (options.check !== false && code !== 0) {
		const tail = (result.stderr || result.stdout).trim().split('\n').slice(-25).join('\n');
		throw new Error(`${name}: exit code ${code} (${command} ${args.join(' ')})\n${tail}`);
	}
	return result;
}

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
	intervalMs = 500,
	alive?: Managed,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		if (alive?.done)
			throw new Error(
				`${what}: ${alive.name} exited early (${await alive.exited}); see ${alive.logFile}:\n${tailOf(alive.logFile)}`,
			);
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ''}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

export function tailOf(file: string, lines = 30): string {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

let cleaningUp: Promise<void> | undefined;

/** Stops everything started here: registered cleanups first (newest first), then any process still running. */
export async function cleanupAll(): Promise<void> {
	cleaningUp ??= (async () => {
		while (cleanups.length) {
			const c = cleanups.pop()!;
			try {
				await Promise.race([c.fn(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
			} catch (error) {
				log(`  cleanup "${c.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
				c.sync?.();
			}
		}
		for (const managed of [...running]) await stopProcess(managed, 5000);
	})();
	await cleaningUp;
}

/** Last resort on process exit (synchronous): SIGKILL every remaining group and run the sync fallbacks. */
export function killAllSync(): void {
	for (const c of cleanups.splice(0).reverse()) {
		try {
			c.sync?.();
		} catch {
			/* best effort */
		}
	}
	for (const managed of running) signalGroup(managed, 'SIGKILL');
}

/** Synchronous helper for cleanups that must also work from an exit handler. */
export function runSync(command: string, args: string[], timeoutMs = 30_000): number | null {
	return spawnSync(command, args, { stdio: 'ignore', timeout: timeoutMs, env: childEnv() }).status;
}
