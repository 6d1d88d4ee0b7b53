/**
 * A throw-away PostgreSQL cluster: initdb into a temp folder, listening on 127.0.0.1:<free port> and on a
 * socket in that folder, run as the `postgres` OS user when we are root (PostgreSQL refuses to run as root).
 * Local socket connections are trusted (for psql here); TCP needs the password (as n8n uses it).
 */
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, freePort, onCleanup, run, runSync } from './proc';

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** Runs SQL through psql (unaligned, tuples only) and returns its output. */
	psql(sql: string, options?: { database?: string; user?: string }): Promise<string>;
	stop(): Promise<void>;
}

function postgresUid(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root but there is no "postgres" user (install the postgresql package)');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(binDir: string, logFile: string): Promise<Postgres> {
	const owner = postgresUid();
	const root = mkdtempSync(join(tmpdir(), 'nmpa-udid-e2e-pg-'));
	chmodSync(root, 0o700);
	if (owner) chownSync(root, owner.uid, owner.gid);
	const asOwner = (command: string, args: string[]): [string, string[]] =>
		owner ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	const data = join(root, 'data');
	const superPassword = `e2e-super-${process.pid}`;
	const pwfile = join(root, 'pwfile');
	writeFileSync(pwfile, superPassword + '\n', { mode: 0o600 });
	if (owner) chownSync(pwfile, owner.uid, owner.gid);
	const env = childEnv({ LC_ALL: 'C', LANG: 'C' });

	await run(
		'initdb',
		...asOwner(join(binDir, 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--pwfile',
			pwfile,
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'--encoding=UTF8',
			'--locale=C',
			'--no-sync',
		]),
		{
			cwd: root,
			env,
			timeoutMs: 120_000,
			logFile,
		},
	);
	const port = await freePort();
	const pgLog = join(root, 'postgres.log');
	const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	const pgCtl = join(binDir, 'pg_ctl');
	const removeRoot = () => {
		if (!process.env.NMPA_E2E_KEEP) rmSync(root, { recursive: true, force: true });
	};
	const stopSync = () => {
		if (!existsSync(join(data, 'postmaster.pid'))) return removeRoot();
		const [cmd, args] = asOwner(pgCtl, ['-D', data, 'stop', '-m', 'immediate', '-w', '-t', '20']);
		if (runSync(cmd, args, 30_000) !== 0) {
			// pg_ctl could not do it: signal the postmaster itself (its pid is the first line of postmaster.pid).
			try {
				const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
				if (pid > 1) process.kill(pid, 'SIGQUIT');
			} catch {
				/* gone */
			}
		}
		removeRoot();
	};
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (existsSync(join(data, 'postmaster.pid'))) {
			await run('pg_ctl stop', ...asOwner(pgCtl, ['-D', data, 'stop', '-m', 'fast', '-w', '-t', '30']), {
				env,
				timeoutMs: 45_000,
				logFile,
				check: false,
			});
		}
		stopSync();
	};
	onCleanup('PostgreSQL', stop, stopSync);
	await run('pg_ctl start', ...asOwner(pgCtl, ['-D', data, '-l', pgLog, '-o', options, '-w', '-t', '60', 'start']), {
		env,
		timeoutMs: 90_000,
		logFile,
	});

	const psqlBin = existsSync(join(binDir, 'psql')) ? join(binDir, 'psql') : 'psql';
	const psql = async (sql: string, o: { database?: string; user?: string } = {}) => {
		const result = await run(
			'psql',
			psqlBin,
			[
				'-h',
				root,
				'-p',
				String(port),
				'-U',
				o.user ?? 'postgres',
				'-d',
				o.database ?? 'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-X',
				'-q',
				'-A',
				'-t',
				'-c',
				sql,
			],
			{
				env,
				timeoutMs: 120_000,
				logFile,
			},
		);
		return result.stdout.trim();
	};
	const password = `udid-e2e-${process.pid}`;
	await psql(`CREATE ROLE udid LOGIN PASSWORD '${password}'`);
	await psql('CREATE DATABASE udid OWNER udid');
	return {
		host: '127.0.0.1',
		port,
		database: 'udid',
		user: 'udid',
		password,
		psql: (sql, o) => psql(sql, { database: 'udid', user: 'udid', ...o }),
		stop,
	};
}
