/**
 * End-to-end test in a real n8n (npm run test:e2e, after npm run build):
 *
 *   1. Node 24 and n8n (cached outside the repo), the packed package installed like n8n's community-node installer;
 *   2. the API simulator (in this process, on a free port, with a frozen clock so "today" holds still);
 *   3. a throw-away PostgreSQL cluster;
 *   4. `n8n import:credentials` / `import:workflow`, then `n8n execute --id` of the smoke workflow and the
 *      examples that start by hand (backfill, spreadsheet export), each checked against the simulator's data;
 *   5. `n8n start`: node types (icon, codex), credential test over REST, the webhook example called for real,
 *      the polling-trigger example activated and its rows checked in PostgreSQL;
 *   6. screenshots of the node in the editor (Chromium driven by playwright-core).
 *
 *   7. measurements in real n8n: the node against the hand-built HTTP Request pagination (speed.ts), and the peak
 *      RSS per item and layout (memory.ts);
 *   8. queue mode: Redis, a main and two workers on PostgreSQL, the month backfill spread over the workers (queue.ts).
 *
 * Environment: NMPA_E2E_CACHE (default ~/.cache/nmpa-udid-e2e), NMPA_E2E_SCREENSHOTS=0 to skip them,
 * NMPA_E2E_SCREENSHOTS_DIR (default docs/screenshots), NMPA_E2E_KEEP=1 to keep the temp folder (logs, user folder,
 * database), NMPA_E2E_PER_DAY (simulated records a day, default 400), NMPA_E2E_N8N1=1 to also run the optional
 * n8n 1.x leg on the system Node 20. Parts: NMPA_E2E_QUEUE=0, NMPA_E2E_SPEED=0, NMPA_E2E_MEMORY=0 skip one;
 * NMPA_E2E_ONLY=speed,memory,queue (any of base, speed, memory, queue) runs only those; NMPA_E2E_RECORD=1 writes
 * the measurements to test/bench/results.json under "e2e".
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chinaDate } from '../simulator/china-time';
import { DEFAULT_APP, startSimulator, type DeviceRecord, type Simulator } from '../simulator';
import { installCommunityPackage, N8n, nodeOutput, PACKAGE_NAME, type N8nServer } from './lib/n8n';
import { startPostgres, type Postgres } from './lib/postgres';
import { childEnv, cleanupAll, killAllSync, onCleanup, run, waitFor } from './lib/proc';
import { check, control, elapsedSeconds, equal, log, skip, step, tally } from './lib/report';
import {
	cacheDir,
	CHROMIUM,
	ensureDebianPackages,
	ensureN8n,
	ensureN8n1,
	ensureNode24,
	ensurePlaywright,
	N8N1_VERSION,
	N8N_VERSION,
	postgresBinDir,
	type Toolchain,
} from './lib/setup';
import { takeScreenshots } from './screenshots';
import { machine, recordResult } from './lib/measure';
import { memoryPerItem } from './memory';
import { queueMode } from './queue';
import { speedComparison } from './speed';
import { releasesCli, releasesImport, releasesServer } from './releases';
import {
	listExamples,
	loadExample,
	nodeByName,
	nodeTypesOf,
	postgresCredential,
	setAssignment,
	smokeWorkflow,
	docsWorkflow,
	DOCS_ID,
	SMOKE_ID,
	stickySql,
	UDID_CREDENTIAL,
	udidCredential,
	type WorkflowFile,
} from './lib/workflows';

const REPO = resolve(__dirname, '..', '..');
const PER_DAY = Number(process.env.NMPA_E2E_PER_DAY ?? 400);
const SCREENSHOTS = process.env.NMPA_E2E_SCREENSHOTS !== '0';
const SCREENSHOTS_DIR = process.env.NMPA_E2E_SCREENSHOTS_DIR ?? join(REPO, 'docs', 'screenshots');
const SMOKE_DAY = '2024-03-15';
const BACKFILL_MONTH = '2024-02';
const BACKFILL_DAY_ID = 'NmpaUdidBackDay1';
const PARTS = ['base', 'speed', 'memory', 'queue'] as const;
type Part = (typeof PARTS)[number];
const ONLY = process.env.NMPA_E2E_ONLY?.split(',')
	.map((p) => p.trim())
	.filter(Boolean);
const wants = (part: Part) => (ONLY ? ONLY.includes(part) : process.env[`NMPA_E2E_${part.toUpperCase()}`] !== '0');
const RECORD = process.env.NMPA_E2E_RECORD === '1';
const OWNER = { email: 'e2e@example.com', password: 'E2e-Passw0rd!', firstName: 'E2E', lastName: 'Tester' };

/** The examples this test knows how to drive (others with a Manual Trigger get a generic run). */
const EX = {
	nightly: 'nightly-sync-postgres.json',
	backfill: 'month-backfill.json',
	backfillDay: 'month-backfill-day.json',
	// Queue-mode variant (driven by queue.ts against a main and workers; needs the main's webhook URL).
	backfillQueue: 'month-backfill-queue.json',
	backfillDayWebhook: 'month-backfill-day-webhook.json',
	webhook: 'barcode-lookup-webhook.json',
	export: 'daily-export-xlsx.json',
	// driven by releases.ts (patched to the simulated download site there)
	releaseFull: 'full-load-postgres.json',
	releasePart: 'full-load-part.json',
	releaseDaily: 'daily-release-postgres.json',
};

const versionKey = (r: { deviceRecordKey?: unknown; versionNumber?: unknown }) =>
	`${String(r.deviceRecordKey)}#${Number(r.versionNumber)}`;
const keySet = (records: Array<{ deviceRecordKey?: unknown; versionNumber?: unknown }>) =>
	new Set(records.map(versionKey));

function sameSet(name: string, actual: Set<string>, expected: Set<string>): boolean {
	const missing = [...expected].filter((k) => !actual.has(k));
	const extra = [...actual].filter((k) => !expected.has(k));
	return check(`${name} (${actual.size} vs ${expected.size} expected)`, missing.length === 0 && extra.length === 0, {
		missing: missing.slice(0, 5),
		missingCount: missing.length,
		extra: extra.slice(0, 5),
		extraCount: extra.length,
	});
}

function gtinCheckDigit(first13: string): string {
	let sum = 0;
	for (let i = 0; i < 13; i++) sum += Number(first13[12 - i]) * (i % 2 === 0 ? 3 : 1);
	return String((10 - (sum % 10)) % 10);
}

function addDays(day: string, n: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

function daysFromTo(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}

interface Context {
	work: string;
	logs: string;
	tools: Toolchain;
	n8n: N8n;
	sim: Simulator;
	pg?: Postgres;
	playwrightDir?: string;
	chromium: boolean;
	imported: Set<string>;
	examples: Map<string, WorkflowFile>;
	/** The Start Date the e2e gave the nightly example's trigger. */
	nightlyStart?: string;
	/** Tokens of other simulators (queue mode) that must not leak either. */
	moreTokens: Array<() => string[]>;
}

async function main(): Promise<number> {
	log(`NMPA UDID e2e in real n8n ${N8N_VERSION} (repo ${REPO})`);
	const work = mkdtempSync(join(tmpdir(), 'nmpa-udid-e2e-'));
	const logs = join(work, 'logs');
	const userFolder = join(work, 'n8n-user');
	const filesDir = join(work, 'files');
	for (const dir of [logs, userFolder, filesDir]) mkdirSync(dir, { recursive: true });
	log(`work folder ${work} (logs in ${logs})`);
	let keep = !!process.env.NMPA_E2E_KEEP;
	if (ONLY?.some((p) => !PARTS.includes(p as Part))) {
		throw new Error(`NMPA_E2E_ONLY: unknown part in "${ONLY.join(',')}" (known: ${PARTS.join(', ')})`);
	}
	log(`parts: ${PARTS.filter(wants).join(', ') || 'none'}`);
	const base = wants('base');

	try {
		await step(
			'preconditions: the package is built',
			async () => {
				for (const f of [
					'dist/nodes/NmpaUdid/NmpaUdid.node.js',
					'dist/nodes/NmpaUdidTrigger/NmpaUdidTrigger.node.js',
					'dist/credentials/NmpaUdidApi.credentials.js',
				]) {
					if (!existsSync(join(REPO, f)))
						throw new Error(`${f} is missing: run "npm run build" before "npm run test:e2e"`);
				}
			},
			{ fatal: true },
		);

		const cache = cacheDir();
		const setupLog = join(logs, 'setup.log');
		const setup = await step(
			`toolchain (cache ${cache})`,
			async () => {
				const [tools, playwrightDir, debian] = await Promise.all([
					ensureNode24(cache, setupLog).then((node24) => ensureN8n(cache, node24, setupLog)),
					base && SCREENSHOTS ? ensurePlaywright(cache, setupLog, REPO) : Promise.resolve(undefined),
					ensureDebianPackages(
						{ chromium: base && SCREENSHOTS, postgres: base || wants('queue'), redis: wants('queue') },
						join(logs, 'apt.log'),
					),
				]);
				if (debian.note) log(`  ${debian.note}`);
				return { tools, playwrightDir, debian };
			},
			{ fatal: true },
		);
		const { tools, playwrightDir, debian } = setup!;

		const n8n = new N8n({
			tools,
			userFolder,
			logsDir: logs,
			filesDir,
			encryptionKey: `nmpa-e2e-${process.pid}-${Date.now()}`,
		});

		const tarball = await step(
			'npm pack, install into <userFolder>/.n8n/nodes like n8n does',
			async () => {
				const packDir = join(work, 'pack');
				mkdirSync(packDir);
				const packed = await run(
					'npm pack',
					'npm',
					['pack', '--pack-destination', packDir, '--json', '--ignore-scripts'],
					{ cwd: REPO, env: childEnv(), timeoutMs: 120_000, logFile: setupLog },
				);
				const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
				const tarball = join(packDir, info[0].filename);
				log(`  ${info[0].filename}: ${info[0].files.length} files`);
				check(
					'tarball holds the built nodes, credential, icons and codex',
					[
						'dist/nodes/NmpaUdid/NmpaUdid.node.js',
						'dist/nodes/NmpaUdidTrigger/NmpaUdidTrigger.node.js',
						'dist/credentials/NmpaUdidApi.credentials.js',
						'dist/nodes/NmpaUdid/NmpaUdid.node.json',
						'dist/icons/nmpaUdid.svg',
					].every((f) => info[0].files.some((x) => x.path === f)),
					info[0].files.map((f) => f.path).slice(0, 40),
				);
				check(
					'tarball holds no sources or tests',
					!info[0].files.some(
						(f) => /^(test|nodes|credentials)\//.test(f.path) || (f.path.endsWith('.ts') && !f.path.endsWith('.d.ts')),
					),
				);
				const dir = await installCommunityPackage(tarball, userFolder, tools, setupLog);
				const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
				check(
					'installed package.json has no devDependencies / peerDependencies',
					!pkg.devDependencies && !pkg.peerDependencies,
				);
				check(
					'production dependencies installed (undici, zod)',
					existsSync(join(dir, 'node_modules', 'undici', 'package.json')) &&
						existsSync(join(dir, 'node_modules', 'zod', 'package.json')),
				);
				check(
					'n8n-workflow is not installed into the package (n8n provides it)',
					!existsSync(join(dir, 'node_modules', 'n8n-workflow')),
				);
				return tarball;
			},
			{ fatal: true },
		);

		const frozen = new Date();
		const sim = (await step(
			`simulator (seed 1, ${PER_DAY} records a day, clock frozen at ${frozen.toISOString()})`,
			async () => {
				const s = await startSimulator({ port: 0, perDay: PER_DAY, now: () => frozen });
				onCleanup('simulator', () => s.close());
				log(`  ${s.url}`);
				return s;
			},
			{ fatal: true },
		))!;

		const needsPostgres = base || wants('queue');
		const pg = !needsPostgres
			? undefined
			: await step('PostgreSQL cluster (temp folder, free port)', async () => {
					const bin = postgresBinDir();
					if (!bin)
						throw new Error(
							`no PostgreSQL server binaries (/usr/lib/postgresql/*/bin)${debian.note ? `: ${debian.note}` : ''}`,
						);
					const p = await startPostgres(bin, join(logs, 'postgres.log'));
					log(`  ${p.host}:${p.port} database ${p.database} (${bin})`);
					const ddl = stickySql(loadExample(EX.nightly));
					if (!ddl) throw new Error(`${EX.nightly} documents no CREATE TABLE in a sticky note`);
					await p.psql(ddl);
					check(
						'the DDL documented in the nightly example creates udid_device',
						(await p.psql("SELECT to_regclass('public.udid_device') IS NOT NULL")) === 't',
					);
					return p;
				});

		const ctx: Context = {
			...{ work, logs, tools, n8n, sim, pg, playwrightDir, chromium: debian.chromium },
			...{ imported: new Set<string>(), examples: new Map<string, WorkflowFile>(), moreTokens: [] },
		};
		if (base) await baseParts(ctx, debian.note, frozen);
		await measurements(ctx, frozen);
		if (!wants('queue')) skip('queue mode', 'NMPA_E2E_QUEUE=0 or NMPA_E2E_ONLY without "queue"');
		else if (!pg) skip('queue mode', 'no PostgreSQL');
		else if (!debian.redis) skip('queue mode', `no redis-server${debian.note ? ` (${debian.note})` : ''}`);
		else {
			const queue = await queueMode({ work, logs, tools, tarball: tarball!, pg, frozen, perDay: PER_DAY });
			ctx.moreTokens.push(() => queue.sim.issuedTokens());
			const { sim: _sim, ...figures } = queue;
			if (RECORD) recordResult('queue', { ...machine(N8N_VERSION, tools.node), ...figures });
		}

		if (base && process.env.NMPA_E2E_N8N1 === '1') await n8n1x(ctx, cache, setupLog);
		else
			skip(`n8n ${N8N1_VERSION} on Node ${process.versions.node.split('.')[0]}`, 'optional, NMPA_E2E_N8N1=1 runs it');
		await step('secret scan of everything the run left behind', () => secretScan(ctx));
	} catch (error) {
		log(`aborted: ${error instanceof Error ? error.message : String(error)}`);
		keep = true;
	} finally {
		if (control.interrupted) await cleanupAll();
		else await step('stop everything', () => cleanupAll());
	}

	if (tally.failed > 0) keep = true;
	log('timings:');
	for (const t of tally.timings) log(`  ${t.ok ? ' ' : '✗'} ${t.seconds.toFixed(1).padStart(6)}s  ${t.step}`);
	if (tally.failures.length) {
		log('failed checks:');
		for (const f of tally.failures) log(`  ✗ ${f.slice(0, 800)}`);
	}
	if (keep) log(`kept ${work} (logs: ${logs})`);
	else rmSync(work, { recursive: true, force: true });
	log(`total ${elapsedSeconds().toFixed(1)}s`);
	console.log(
		`e2e: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`,
	);
	return tally.failed > 0 ? 1 : 0;
}

/** The original e2e: import, the running instance (REST, webhook, trigger, editor), then the CLI runs. */
async function baseParts(ctx: Context, aptNote: string | undefined, frozen: Date): Promise<void> {
	await step('import credentials and workflows (n8n CLI)', () => importAll(ctx), { fatal: true });
	const releaseSite = 'release site, release examples and comparison workflows (n8n CLI)';
	await step(releaseSite, () => releasesImport(ctx, PER_DAY, frozen));
	// First the running instance (REST API, webhook, trigger, editor), then the CLI runs: n8n 2.x executes
	// the *published* version of a sub-workflow, and publishing is applied by the running instance.
	const server = await step('n8n start (headless), owner setup', async () => {
		const s = await ctx.n8n.startServer();
		await s.setupOwner(OWNER);
		return s;
	});
	if (server) {
		await step('node types, icons and codex as the editor loads them', () => nodeTypes(server));
		await step('credential test through the REST API', () => credentialTest(ctx, server));
		await step(`publish the sub-workflow ${EX.backfillDay} (REST)`, async () => {
			await server.activate(BACKFILL_DAY_ID);
			const status = await server.waitPublication(BACKFILL_DAY_ID, ['published', 'not_published']);
			check(`publication of ${BACKFILL_DAY_ID} settled (${status.status})`, true);
		});
		await step(`example ${EX.webhook}: activate, call the production webhook`, () => webhook(ctx, server));
		await step(`example ${EX.nightly}: activate the polling trigger, rows in PostgreSQL`, () => nightly(ctx, server));
		const releaseTrigger =
			'releases: publish the part sub-workflow; Release Trigger example fires once per new package';
		await step(releaseTrigger, () => releasesServer(ctx, server));
		if (!SCREENSHOTS) skip('screenshots', 'NMPA_E2E_SCREENSHOTS=0');
		else if (!ctx.chromium || !ctx.playwrightDir)
			skip('screenshots', `no Chromium at ${CHROMIUM}${aptNote ? ` (${aptNote})` : ''}`);
		else
			await step('screenshots of the node in the editor (docs/screenshots)', () =>
				takeScreenshots({
					playwrightDir: ctx.playwrightDir!,
					chromium: CHROMIUM,
					baseUrl: server.baseUrl,
					owner: OWNER,
					outDir: SCREENSHOTS_DIR,
					work: ctx.work,
					workflowId: DOCS_ID,
					examples: [
						...[EX.nightly, EX.backfill, EX.webhook, EX.export]
							.map((f) => ctx.examples.get(f))
							.filter((w): w is WorkflowFile => !!w),
						// imported by the releases step under the examples' own ids
						...[EX.releaseFull, EX.releaseDaily].map((f) => loadExample(f)),
					],
					panels: [
						{
							name: 'node-release-read-part',
							what: 'Read Release Part in the full-load sub-workflow, its parameters',
							workflowId: loadExample(EX.releasePart).id!,
							node: 'Read the part',
						},
					],
				}),
			);
		await step('stop n8n', () => server.stop());
	}

	await step('smoke workflow: n8n execute (every operation once)', () => smoke(ctx));
	await step(`example ${EX.backfill}: n8n execute, ${BACKFILL_MONTH} day by day into PostgreSQL`, () => backfill(ctx));
	await step(`example ${EX.export}: n8n execute, yesterday into an .xlsx file`, () => exportXlsx(ctx));
	await step('other examples with a Manual Trigger: n8n execute', () => otherExamples(ctx));
	const fullLoad = 'releases: full load through the fan-out; Read Part vs the XML chain of n8n nodes';
	await step(fullLoad, () => releasesCli(ctx));
}

/** Speed against the hand-built peer workflow and memory per item, each in real n8n (see speed.ts, memory.ts). */
async function measurements(ctx: Context, frozen: Date): Promise<void> {
	const off = (part: string) => `NMPA_E2E_${part.toUpperCase()}=0 or NMPA_E2E_ONLY without "${part}"`;
	if (!wants('speed')) skip('speed comparison with the peer workflow', off('speed'));
	else {
		const title = 'speed: 500-page day, NMPA UDID node (defaults) vs HTTP Request pagination + Code';
		const speed = await step(title, () => speedComparison(ctx.n8n, ctx.work, frozen));
		if (speed && RECORD) recordResult('speed', { ...machine(N8N_VERSION, ctx.tools.node), ...speed });
	}
	if (!wants('memory')) skip('memory per item', off('memory'));
	else {
		const measure = () => memoryPerItem(ctx.n8n, ctx.work, frozen, OWNER);
		const memory = await step('memory: peak RSS of n8n per item and layout', measure);
		const method = {
			execute: 'n8n execute per (layout, records), executions not saved, its VmHWM polled every 50 ms',
			server: 'n8n start per layout, webhook runs smallest first, executions saved, VmHWM reset before each run',
			slope: 'MiB per 10,000 = slope between the two sizes; recordsUnder1GiB from slope and intercept',
		};
		if (memory && RECORD) recordResult('memory', { ...machine(N8N_VERSION, ctx.tools.node), method, ...memory });
	}
}

/** Credentials (plain data: n8n encrypts it on import) and workflows (examples patched for this run). */
async function importAll(ctx: Context): Promise<void> {
	const credentials: object[] = [udidCredential(ctx.sim.url)];
	if (ctx.pg) {
		credentials.push(postgresCredential(ctx.pg));
	}
	await ctx.n8n.importCredentials(credentials);
	check('credentials imported', true);

	const dir = join(ctx.work, 'workflows');
	mkdirSync(dir);
	const today = chinaDate(new Date());
	const smokeInputs = smokeInputsFrom(ctx.sim);
	const workflows: WorkflowFile[] = [smokeWorkflow(smokeInputs), docsWorkflow(SMOKE_DAY)];
	writeFileSync(join(ctx.logs, 'smoke-inputs.json'), JSON.stringify(smokeInputs, null, 2));
	let generic = 0;
	for (const file of listExamples()) {
		const wf = loadExample(file);
		// What the e2e changes in its copies of the examples (the files stay as users import them):
		if (file === EX.nightly) {
			ctx.nightlyStart = addDays(today, -1);
			nodeByName(wf, 'New and changed devices').parameters.startDate = ctx.nightlyStart;
		}
		if (file === EX.backfill) setAssignment(wf, 'Backfill settings', 'month', BACKFILL_MONTH);
		if (file === EX.export) {
			const folder = join(ctx.work, 'files', 'udid-exports');
			mkdirSync(folder, { recursive: true });
			setAssignment(wf, 'Export settings', 'folder', folder);
		}
		if (!Object.values(EX).includes(file)) {
			// Examples added by others: run on the simulator credential, under a stable id.
			wf.id ??= `NmpaUdidExample${++generic}`.slice(0, 16);
			for (const node of wf.nodes)
				if (node.credentials?.nmpaUdidApi) node.credentials.nmpaUdidApi = { ...UDID_CREDENTIAL };
		}
		ctx.examples.set(file, wf);
		workflows.push(wf);
	}
	for (const wf of workflows) writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	const out = await ctx.n8n.cli('import:workflow --separate', ['import:workflow', '--separate', `--input=${dir}`]);
	check(
		`import:workflow --separate imported ${workflows.length} workflows`,
		new RegExp(`Successfully imported ${workflows.length} workflows?`).test(out),
		out.slice(-600),
	);
	const listed = await ctx.n8n.cli('list:workflow', ['list:workflow']);
	for (const wf of workflows) {
		const present = listed.includes(`${wf.id}|`);
		if (present) ctx.imported.add(wf.id!);
		check(`workflow ${wf.id} (${wf.name}) is in n8n's database`, present);
	}
}

function smokeInputsFrom(sim: Simulator): {
	day: string;
	scanned: string;
	unknownDi: string;
	barcode: string;
	historyKey: string;
	di: string;
} {
	const records = sim.dayRecords(SMOKE_DAY);
	const gs1 = records.find((r) => r.CPBSBMTXMC === 'GS1' && /^\d{14}$/.test(r.ZXXSDYCPBS));
	const updated = records.find((r) => Number(r.versionNumber) > 1);
	if (!gs1 || !updated) throw new Error(`the simulator's ${SMOKE_DAY} has no GS1 record or no updated record`);
	let unknownDi = '';
	for (let n = 0; n < 100 && !unknownDi; n++) {
		const first13 = `069999999${String(9000 + n).padStart(4, '0')}`;
		const candidate = first13 + gtinCheckDigit(first13);
		if (!sim.findByDi(candidate)) unknownDi = candidate;
	}
	return {
		day: SMOKE_DAY,
		di: gs1.ZXXSDYCPBS,
		scanned: `(01)${gs1.ZXXSDYCPBS}(17)281130(10)B-2024(21)0042`,
		unknownDi,
		barcode: `https://id.gs1.org/01/${gs1.ZXXSDYCPBS}/10/LOT-E2E/21/SN42?17=271231`,
		historyKey: updated.deviceRecordKey,
	};
}

async function smoke(ctx: Context): Promise<void> {
	const inputs = JSON.parse(readFileSync(join(ctx.logs, 'smoke-inputs.json'), 'utf8')) as ReturnType<
		typeof smokeInputsFrom
	>;
	const runData = await ctx.n8n.execute(SMOKE_ID);
	equal('execution status', runData.status, 'success');
	check('no execution error', !runData.data.resultData.error, runData.data.resultData.error);
	const errorsOf = (node: string) => nodeOutput(runData, node).filter((i) => i.error);
	for (const node of [
		'Sync Day',
		'Get by DI (scanned)',
		'Get by DI (unknown)',
		'Parse Barcode',
		'Get History',
		'Connection Test',
		'Token',
	]) {
		const errors = errorsOf(node);
		check(`${node}: no error items`, errors.length === 0, errors[0]);
	}

	const day = nodeOutput(runData, 'Sync Day');
	const truth = ctx.sim.dayRecords(SMOKE_DAY);
	equal(`Sync Day ${SMOKE_DAY}: item count = simulator's records of the day`, day.length, truth.length);
	sameSet('Sync Day: exactly the (deviceRecordKey, versionNumber) of the day', keySet(day), keySet(truth));
	check(
		'Sync Day: every item is of that day (versionTime)',
		day.every((i) => i.versionTime === SMOKE_DAY),
	);

	const found = nodeOutput(runData, 'Get by DI (scanned)');
	const expected = ctx.sim.findByDi(inputs.di) as DeviceRecord;
	equal('Get by DI (scanned): one item', found.length, 1);
	const f = found[0] ?? {};
	check('Get by DI: found = true', f.found === true, f);
	equal('Get by DI: the DI of the scanned code', f.ZXXSDYCPBS, inputs.di);
	equal('Get by DI: the current version of the record (simulator)', versionKey(f), versionKey(expected));
	equal('Get by DI: product name and model', [f.CPMCTYMC, f.GGXH], [expected.CPMCTYMC, expected.GGXH]);
	equal(
		'Get by DI: enriched with the scan (lot, serial, expiry, format)',
		[f.scanLot, f.scanSerial, f.scanExpiryDate, f.scanFormat],
		['B-2024', '0042', '2028-11-30', 'gs1'],
	);

	const unknown = nodeOutput(runData, 'Get by DI (unknown)');
	equal(
		'Get by DI (unknown DI): one item with found = false',
		unknown.map((i) => [i.found, i.di]),
		[[false, inputs.unknownDi]],
	);

	const parsed = nodeOutput(runData, 'Parse Barcode')[0] ?? {};
	equal(
		'Parse Barcode (GS1 Digital Link, no credential): valid, format, DI, lot, serial, expiry',
		[parsed.valid, parsed.format, parsed.di, parsed.lot, parsed.serial, parsed.expiryDate],
		[true, 'gs1-digital-link', inputs.di, 'LOT-E2E', 'SN42', '2027-12-31'],
	);

	const history = nodeOutput(runData, 'Get History');
	const versions = ctx.sim.historyOf(inputs.historyKey);
	equal(
		`Get History: every version of ${inputs.historyKey}`,
		history.map(versionKey).sort(),
		versions.map(versionKey).sort(),
	);

	const connection = nodeOutput(runData, 'Connection Test')[0] ?? {};
	equal(
		'Connection Test: reachable through the credential base URL',
		[connection.reachable, connection.baseUrl],
		[true, ctx.sim.url],
	);

	const token = nodeOutput(runData, 'Token')[0] ?? {};
	check(
		'Token: remaining visits and a future expiry, without the token itself',
		typeof token.todayRemainVisitCount === 'number' &&
			Date.parse(String(token.expiresAt)) > Date.now() &&
			!('accessToken' in token),
		token,
	);
}

/** Neither the app secret nor any token the simulator issued may appear in n8n's logs or run outputs. */
async function secretScan(ctx: Context): Promise<void> {
	const tokens = [...ctx.sim.issuedTokens(), ...ctx.moreTokens.flatMap((more) => more())];
	const secrets = [DEFAULT_APP.appSecret, ...tokens].filter((s) => s.length >= 8);
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			// credentials.json is the import input (plain data by design); nothing else may hold a secret.
			else if (entry.name !== 'credentials.json') files.push(path);
		}
	};
	walk(ctx.work);
	const leaks = files.filter((f) => {
		if (statSync(f).size > 200 * 1024 * 1024) return false;
		const text = readFileSync(f, 'latin1');
		return secrets.some((s) => text.includes(s));
	});
	check(
		`no app secret or access token (${secrets.length - 1} issued) in ${files.length} files: n8n logs, run outputs, database, exports`,
		leaks.length === 0,
		leaks,
	);
}

async function backfill(ctx: Context): Promise<void> {
	if (!ctx.pg) return skip(EX.backfill, 'no PostgreSQL');
	for (const id of ['NmpaUdidBackfil1', BACKFILL_DAY_ID])
		if (!ctx.imported.has(id)) throw new Error(`${id} was not imported`);
	const before = Number(
		await ctx.pg.psql(`SELECT count(*) FROM udid_device WHERE to_char(version_time, 'YYYY-MM') = '${BACKFILL_MONTH}'`),
	);
	equal('no rows of the month before the backfill', before, 0);
	const runData = await ctx.n8n.execute('NmpaUdidBackfil1', 600_000);
	equal('execution status', runData.status, 'success');
	check('no execution error', !runData.data.resultData.error, runData.data.resultData.error);
	const days = daysFromTo(`${BACKFILL_MONTH}-01`, addDays(`${addDays(`${BACKFILL_MONTH}-28`, 4).slice(0, 7)}-01`, -1));
	const summary = nodeOutput(runData, 'Backfill summary')[0] ?? {};
	const perDay = (summary.perDay as Array<{ date: string; records: number }> | undefined) ?? [];
	equal(`summary: ${days.length} days`, summary.days, days.length);
	const truthPerDay = days.map((d) => ({ date: d, records: ctx.sim.dayRecords(d).length }));
	equal('summary: records per day = simulator', perDay, truthPerDay);
	const truth = new Set(days.flatMap((d) => [...keySet(ctx.sim.dayRecords(d))]));
	const rows = (
		await ctx.pg.psql(
			`SELECT device_record_key || '#' || version_number FROM udid_device WHERE to_char(version_time, 'YYYY-MM') = '${BACKFILL_MONTH}'`,
		)
	)
		.split('\n')
		.filter(Boolean);
	equal('PostgreSQL: no duplicate rows', rows.length, new Set(rows).size);
	sameSet(`PostgreSQL: the rows of ${BACKFILL_MONTH} are the simulator's versions of the month`, new Set(rows), truth);
	const sample = ctx.sim.dayRecords(`${BACKFILL_MONTH}-10`)[0];
	const row = (
		await ctx.pg.psql(
			`SELECT primary_di, product_name, record->>'GGXH', version_time::text FROM udid_device WHERE device_record_key = '${sample.deviceRecordKey}' AND version_number = ${Number(sample.versionNumber)}`,
		)
	).split('|');
	equal('PostgreSQL: mapped columns and the jsonb record of a sample row', row, [
		sample.ZXXSDYCPBS,
		sample.CPMCTYMC,
		sample.GGXH,
		sample.versionTime,
	]);
	// Re-running a day must not duplicate anything (upsert on the primary key).
	const again = await ctx.n8n.execute('NmpaUdidBackfil1', 600_000);
	equal('second backfill run: status', again.status, 'success');
	equal(
		'second backfill run: row count unchanged (upsert)',
		Number(
			await ctx.pg.psql(
				`SELECT count(*) FROM udid_device WHERE to_char(version_time, 'YYYY-MM') = '${BACKFILL_MONTH}'`,
			),
		),
		truth.size,
	);
}

async function exportXlsx(ctx: Context): Promise<void> {
	const runData = await ctx.n8n.execute('NmpaUdidExport01');
	equal('execution status', runData.status, 'success');
	check('no execution error', !runData.data.resultData.error, runData.data.resultData.error);
	const settings = nodeOutput(runData, 'Export settings')[0] ?? {};
	const day = String(settings.day);
	equal('"yesterday" in the workflow time zone (Asia/Shanghai)', day, addDays(chinaDate(new Date()), -1));
	const file = join(String(settings.folder), `udid-${day}.xlsx`);
	check(`wrote ${file}`, existsSync(file));
	if (!existsSync(file)) return;
	// The spreadsheet is read back with the SheetJS copy that ships with n8n.
	const fromNodesBase = createRequire(join(ctx.tools.n8nDir, 'node_modules', 'n8n-nodes-base', 'package.json'));
	const xlsx = fromNodesBase(
		['@e965/xlsx', 'xlsx'].find((name) => {
			try {
				return !!fromNodesBase.resolve(name);
			} catch {
				return false;
			}
		}) ?? '@e965/xlsx',
	) as {
		read(data: Buffer, o: object): { SheetNames: string[]; Sheets: Record<string, unknown> };
		utils: { sheet_to_json(sheet: unknown, o?: object): Array<Record<string, unknown>> };
	};
	const book = xlsx.read(readFileSync(file), { type: 'buffer' });
	equal('one sheet named after the day', book.SheetNames, [day]);
	const rows = xlsx.utils.sheet_to_json(book.Sheets[book.SheetNames[0]]);
	const truth = ctx.sim.dayRecords(day);
	equal('rows = simulator records of the day', rows.length, truth.length);
	const diColumn = '最小销售单元产品标识';
	check(
		`Chinese column labels (${diColumn}, 产品名称/通用名称)`,
		rows.length > 0 && diColumn in rows[0] && '产品名称/通用名称' in rows[0],
		Object.keys(rows[0] ?? {}).slice(0, 12),
	);
	equal(
		'the DIs in the sheet = the DIs of the day',
		rows.map((r) => String(r[diColumn])).sort(),
		truth.map((r) => r.ZXXSDYCPBS).sort(),
	);
}

async function otherExamples(ctx: Context): Promise<void> {
	const others = [...ctx.examples.entries()].filter(([file]) => !Object.values(EX).includes(file));
	if (others.length === 0) return skip('other examples', 'none');
	for (const [file, wf] of others) {
		const types = nodeTypesOf(wf);
		const credentialTypes = new Set(wf.nodes.flatMap((n) => Object.keys(n.credentials ?? {})));
		if (!types.includes('n8n-nodes-base.manualTrigger') || [...credentialTypes].some((t) => t !== 'nmpaUdidApi')) {
			skip(file, 'no Manual Trigger, or needs credentials other than the UDID one');
			continue;
		}
		const runData = await ctx.n8n.execute(wf.id!);
		equal(`${file}: execution status`, runData.status, 'success');
		check(`${file}: no execution error`, !runData.data.resultData.error, runData.data.resultData.error);
		const last = runData.data.resultData.lastNodeExecuted ?? '';
		const items = nodeOutput(runData, last);
		check(
			`${file}: "${last}" produced items without errors (${items.length})`,
			items.length > 0 && !items.some((i) => i.error),
			items.find((i) => i.error),
		);
	}
}

interface NodeTypeJson {
	name: string;
	version: number | number[];
	icon?: unknown;
	iconUrl?: string | { light: string; dark: string };
	codex?: { categories?: string[]; alias?: string[] };
	polling?: boolean;
	credentials?: Array<{ name: string }>;
	properties: Array<{
		name: string;
		options?: Array<{ value?: unknown }>;
		displayOptions?: { show?: Record<string, unknown[]> };
	}>;
}

async function nodeTypes(server: N8nServer): Promise<void> {
	const res = await server.request<NodeTypeJson[]>('GET', '/types/nodes.json');
	equal('GET /types/nodes.json', res.status, 200);
	const types = res.body;
	for (const name of ['nmpaUdid', 'nmpaUdidTrigger']) {
		const type = types.find((t) => t.name === `${PACKAGE_NAME}.${name}`);
		if (
			!check(
				`${PACKAGE_NAME}.${name} is loaded`,
				!!type,
				types.filter((t) => t.name.includes('nmpa')).map((t) => t.name),
			)
		)
			continue;
		const icons =
			typeof type!.iconUrl === 'string'
				? [type!.iconUrl]
				: type!.iconUrl
					? [type!.iconUrl.light, type!.iconUrl.dark]
					: [];
		check(`${name}: light and dark icon URLs`, icons.length === 2, type!.iconUrl);
		for (const url of icons) {
			const icon = await server.request('GET', `/${url}`);
			check(
				`${name}: ${url} is served as SVG`,
				icon.status === 200 && /svg/.test(icon.headers.get('content-type') ?? '') && icon.text.includes('<svg'),
				{ status: icon.status, type: icon.headers.get('content-type') },
			);
		}
		check(
			`${name}: codex categories (Data & Storage, Development)`,
			['Data & Storage', 'Development'].every((c) => type!.codex?.categories?.includes(c)),
			type!.codex,
		);
		check(
			`${name}: codex aliases (UDI, 医疗器械唯一标识)`,
			['UDI', '医疗器械唯一标识'].every((a) => type!.codex?.alias?.includes(a)),
			type!.codex?.alias,
		);
		check(`${name}: uses the nmpaUdidApi credential`, !!type!.credentials?.some((c) => c.name === 'nmpaUdidApi'));
	}
	const action = types.find((t) => t.name === `${PACKAGE_NAME}.nmpaUdid`);
	const deviceOps = action?.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('device'),
	);
	equal('nmpaUdid: device operations', deviceOps?.options?.map((o) => o.value).sort(), [
		'getByDi',
		'getHistory',
		'syncDay',
		'syncMonth',
		'syncRange',
	]);
	equal(
		'nmpaUdid: resources',
		action?.properties.find((p) => p.name === 'resource')?.options?.map((o) => o.value),
		['barcode', 'connection', 'device', 'release', 'token'],
	);
	check('nmpaUdidTrigger: polling', types.find((t) => t.name === `${PACKAGE_NAME}.nmpaUdidTrigger`)?.polling === true);
	check(
		'usableAsTool: the AI tool variant nmpaUdidTool is registered',
		types.some((t) => t.name === `${PACKAGE_NAME}.nmpaUdidTool`),
	);
	const creds = await server.request<Array<{ name: string; supportedNodes?: string[]; iconUrl?: unknown }>>(
		'GET',
		'/types/credentials.json',
	);
	const cred = creds.body.find?.((c) => c.name === 'nmpaUdidApi');
	check('credential type nmpaUdidApi is loaded, with an icon', !!cred && !!cred.iconUrl, cred);
	check(
		'credential supports both nodes',
		['nmpaUdid', 'nmpaUdidTrigger'].every((n) => cred?.supportedNodes?.includes(`${PACKAGE_NAME}.${n}`)),
		cred?.supportedNodes,
	);
}

async function credentialTest(ctx: Context, server: N8nServer): Promise<void> {
	const data = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl: ctx.sim.url,
		legacyTls: false,
		ignoreSslIssues: false,
	};
	const test = (d: object) =>
		server.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: UDID_CREDENTIAL.id, name: UDID_CREDENTIAL.name, type: 'nmpaUdidApi', data: d },
		});
	const ok = await test(data);
	log(`  valid: ${JSON.stringify(ok)}`);
	equal('valid credential: status OK', ok.status, 'OK');
	const bad = await test({ ...data, appSecret: 'not-the-secret' });
	log(`  wrong secret: ${JSON.stringify(bad)}`);
	equal('wrong appSecret: status Error', bad.status, 'Error');
	check(
		'wrong appSecret: the message says the appId/appSecret is wrong',
		/appSecret/i.test(bad.message) && /wrong|incorrect/i.test(bad.message),
		bad.message,
	);
	const unreachable = await test({ ...data, baseUrl: 'http://127.0.0.1:9/api/v2' });
	log(`  unreachable: ${JSON.stringify(unreachable)}`);
	check(
		'unreachable server: an explained network error',
		unreachable.status === 'Error' && /reach|connect|network/i.test(unreachable.message),
		unreachable,
	);
}

async function webhook(ctx: Context, server: N8nServer): Promise<void> {
	const id = 'NmpaUdidScanHook';
	await server.activate(id);
	const status = await server.waitPublication(id, ['published']);
	check('workflow published, its webhook trigger activated', status.status === 'published', status);
	const inputs = JSON.parse(readFileSync(join(ctx.logs, 'smoke-inputs.json'), 'utf8')) as ReturnType<
		typeof smokeInputsFrom
	>;
	const call = (code: string) =>
		server.request<Record<string, unknown>>('POST', '/webhook/nmpa-udid/lookup', { code }, { auth: false });
	const found = await call(inputs.scanned);
	const expected = ctx.sim.findByDi(inputs.di)!;
	equal('scanned GS1 code: HTTP 200', found.status, 200);
	const b = found.body ?? {};
	equal(
		'answer: found, DI, record version',
		[b.found, b.primaryDi, versionKey(b)],
		[true, inputs.di, versionKey(expected)],
	);
	equal('answer: product name (English field names)', b.productName, expected.CPMCTYMC);
	equal(
		'answer: lot / serial / expiry from the scan',
		[b.scanLot, b.scanSerial, b.scanExpiryDate],
		['B-2024', '0042', '2028-11-30'],
	);
	equal(
		'answer: nested packaging list (layout nested, English names)',
		Array.isArray(b.packaging) ? b.packaging.length : Object.keys(b),
		expected.packing.length,
	);
	const unknown = await call(inputs.unknownDi);
	equal('unknown DI: HTTP 404 with found = false', [unknown.status, unknown.body?.found], [404, false]);
	const invalid = await call('(01)12345678901234');
	equal('invalid code: HTTP 400', invalid.status, 400);
	check(
		'invalid code: the error explains it',
		typeof invalid.body?.error === 'string' &&
			/check digit|not a valid/i.test(String(invalid.body.error) + String(invalid.body.description ?? '')),
		invalid.body,
	);
	// The response is sent by "Respond to Webhook"; the execution finishes a moment later.
	const executions = await waitFor(
		'the webhook executions to finish',
		async () => {
			const list = await server.executions(id);
			return list.length >= 3 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		},
		30_000,
	);
	equal(
		'three webhook executions, all successful',
		executions.map((e) => e.status),
		['success', 'success', 'success'],
	);
	await server.deactivate(id);
}

async function nightly(ctx: Context, server: N8nServer): Promise<void> {
	if (!ctx.pg) return skip(EX.nightly, 'no PostgreSQL');
	const id = 'NmpaUdidNightly1';
	const start = ctx.nightlyStart ?? addDays(chinaDate(new Date()), -1);
	const before = Number(await ctx.pg.psql(`SELECT count(*) FROM udid_device WHERE version_time >= '${start}'`));
	equal(`no rows from ${start} on before activation`, before, 0);
	// Activation polls once right away (n8n's activation poll) and runs the workflow with what it emitted.
	await server.activate(id);
	const status = await server.waitPublication(id, ['published']);
	check('workflow published, its polling trigger activated', status.status === 'published', status);
	const executions = await waitFor(
		'the trigger execution to finish',
		async () => {
			const list = await server.executions(id);
			return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		},
		180_000,
		1000,
		server.proc,
	);
	equal(
		'one trigger execution, successful',
		executions.map((e) => [e.mode, e.status]),
		[['trigger', 'success']],
	);
	const end = chinaDate(new Date());
	const truth = new Set(daysFromTo(start, end).flatMap((d) => [...keySet(ctx.sim.dayRecords(d))]));
	const rows = (
		await ctx.pg.psql(
			`SELECT device_record_key || '#' || version_number FROM udid_device WHERE version_time >= '${start}'`,
		)
	)
		.split('\n')
		.filter(Boolean);
	equal('PostgreSQL: no duplicate rows', rows.length, new Set(rows).size);
	sameSet(`PostgreSQL: rows from ${start} to ${end} = the simulator's versions of those days`, new Set(rows), truth);

	// The cursor lives in the workflow's static data: after a restart of the trigger nothing is emitted twice.
	const wf = await server.rest<{ staticData?: Record<string, { cursor?: unknown }> }>('GET', `/workflows/${id}`);
	const cursor = Object.values(wf.staticData ?? {}).find((v) => v && typeof v === 'object' && 'cursor' in v)?.cursor;
	check('the trigger cursor is saved in the workflow static data', !!cursor, wf.staticData);
	await server.deactivate(id);
	await server.waitPublication(id, ['not_published']);
	await server.activate(id);
	await server.waitPublication(id, ['published']);
	await new Promise((r) => setTimeout(r, 5000));
	const after = await server.executions(id);
	equal('re-activation: the poll finds nothing new, no second execution', after.length, 1);
	equal(
		're-activation: row count unchanged',
		Number(await ctx.pg.psql(`SELECT count(*) FROM udid_device WHERE version_time >= '${start}'`)),
		truth.size,
	);
	await server.deactivate(id);
}

/**
 * Optional leg: the last n8n 1.x on the system Node 20, same package, same simulator: the smoke workflow via
 * `n8n execute`, then node types and the credential test over REST.
 */
async function n8n1x(ctx: Context, cache: string, setupLog: string): Promise<void> {
	const label = `n8n ${N8N1_VERSION} on Node ${process.versions.node}`;
	const tools = await step(`${label}: install (cache)`, () => ensureN8n1(cache, setupLog));
	if (!tools) return;
	const root = join(ctx.work, 'n8n1');
	const logs = join(root, 'logs');
	mkdirSync(logs, { recursive: true });
	writeFileSync(join(logs, 'smoke-inputs.json'), readFileSync(join(ctx.logs, 'smoke-inputs.json')));
	// isolated-vm 6 (n8n 1.123's "vm" expression engine) has no Node 20 build and does not compile against
	// Node 20's V8, so this leg uses n8n's "legacy" expression engine.
	const n8n = new N8n({
		tools,
		userFolder: join(root, 'user'),
		logsDir: logs,
		filesDir: join(ctx.work, 'files'),
		encryptionKey: `nmpa-e2e-1x-${process.pid}`,
		extraEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
	});
	const ctx1: Context = { ...ctx, tools, n8n, logs, imported: new Set(), examples: new Map() };
	const ready = await step(`${label}: install the package, import`, async () => {
		const packDir = join(root, 'pack');
		mkdirSync(packDir);
		const packed = await run('npm pack', 'npm', ['pack', '--pack-destination', packDir, '--ignore-scripts'], {
			cwd: REPO,
			env: childEnv(),
			timeoutMs: 120_000,
		});
		await installCommunityPackage(
			join(packDir, packed.stdout.trim().split('\n').pop()!),
			join(root, 'user'),
			tools,
			setupLog,
		);
		await n8n.importCredentials([udidCredential(ctx.sim.url)]);
		const inputs = JSON.parse(readFileSync(join(logs, 'smoke-inputs.json'), 'utf8')) as ReturnType<
			typeof smokeInputsFrom
		>;
		const file = join(root, 'smoke.json');
		writeFileSync(file, JSON.stringify(smokeWorkflow(inputs)));
		await n8n.importWorkflow(file);
		return true;
	});
	if (!ready) return;
	await step(`${label}: smoke workflow, n8n execute`, () => smoke(ctx1));
	const server = await step(`${label}: n8n start, owner setup`, async () => {
		const s = await n8n.startServer();
		await s.setupOwner(OWNER);
		return s;
	});
	if (!server) return;
	await step(`${label}: node types, icons and codex`, () => nodeTypes(server));
	await step(`${label}: credential test through the REST API`, () => credentialTest(ctx1, server));
	await step(`${label}: stop n8n`, () => server.stop());
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		if (exiting) return;
		exiting = true;
		control.interrupted = true;
		log(`${signal}: stopping everything`);
		void cleanupAll().finally(() => {
			console.log(`e2e: interrupted by ${signal} after ${tally.passed} passed, ${tally.failed} failed`);
			process.exit(130);
		});
	});
}
process.on('exit', () => killAllSync());

main().then(
	(code) => process.exit(code),
	async (error: unknown) => {
		console.error(error);
		await cleanupAll();
		console.log(`e2e: ${tally.passed} passed, ${tally.failed + 1} failed`);
		process.exit(1);
	},
);
