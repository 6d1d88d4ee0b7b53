/**
 * The bulk-release part of the e2e test in a real n8n (called from run.ts in three places):
 *
 *   releasesImport  – starts the simulated download site(s) and imports the release examples patched to use
 *                     them (base URL, the trigger's start date) plus the comparison workflows of workflows/;
 *   releasesServer  – with `n8n start`: publishes the full-load sub-workflow, activates the Release Trigger
 *                     example and shows it fires once per new package (rows in PostgreSQL, cursor in static data);
 *   releasesCli     – `n8n execute`: the full load through getParts and one sub-workflow per part equals the
 *                     site's truth in PostgreSQL; then the XML chain users build from n8n's own nodes against
 *                     HTTP Request → Read Part on the same ~5,000-record part (time per record, peak RSS), and on
 *                     a part with one bare `&`. The figures go to test/bench/results.json under `e2eReleases`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addDays, chinaDate } from '../simulator/china-time';
import { startReleaseSite, type ReleaseSite } from '../simulator/releases';
import { nodeOutput, type ExecutionRun, type N8n, type N8nServer } from './lib/n8n';
import type { Postgres } from './lib/postgres';
import { onCleanup, waitFor } from './lib/proc';
import { check, equal, log, skip } from './lib/report';
import { timedExecute, type TimedRun } from './releases-measure';
import { loadExample, nodeByName, type WorkflowFile } from './lib/workflows';

const REPO = resolve(__dirname, '..', '..');
const IDS = {
	full: 'NmpaUdidFullLoad',
	part: 'NmpaUdidFullPart',
	daily: 'NmpaUdidDailyRel',
	xml: 'NmpaUdidXmlChain',
	readPart: 'NmpaUdidReadPrt1',
	baseline: 'NmpaUdidBaseln01',
};
/** Records per part on the main site: days of 400 records come in two parts, the full release in many. */
const PART_SIZE = 300;
/** Records of the one-part day used for the side-by-side comparison (the real full release has ~5,000 a part). */
const COMPARE_RECORDS = 5000;

export interface ReleasesContext {
	work: string;
	logs: string;
	n8n: N8n;
	pg?: Postgres;
	tools: { node: string; n8nBin: string };
}

interface State {
	site: ReleaseSite;
	compare: ReleaseSite;
	clock: { now: Date };
	dailyStart: string;
}
let state: State | undefined;

const versionKey = (r: { deviceRecordKey?: unknown; versionNumber?: unknown }) =>
	`${String(r.deviceRecordKey)}#${Number(r.versionNumber)}`;

function setOption(wf: WorkflowFile, nodeName: string, key: string, value: unknown): void {
	const node = nodeByName(wf, nodeName);
	node.parameters.options = { ...(node.parameters.options as object), [key]: value };
}

/** Starts the sites (same seed and records a day as the API simulator) and imports the patched workflows. */
export async function releasesImport(ctx: ReleasesContext, perDay: number, frozen: Date): Promise<void> {
	const clock = { now: frozen };
	// a full release of the 14 days before last month began: no day of it is written by another example
	const month = chinaDate(frozen).slice(0, 7);
	const fullDate = `${addDays(`${month}-01`, -1).slice(0, 7)}-01`;
	const fullReleases = [{ date: fullDate, from: addDays(fullDate, -14) }];
	const site = await startReleaseSite({
		perDay,
		partSize: PART_SIZE,
		dailyCount: 5,
		weeklyCount: 1,
		monthlyCount: 1,
		fullReleases,
		now: () => clock.now,
	});
	onCleanup('release site', () => site.close());
	const compare = await startReleaseSite({
		seed: 7,
		perDay: COMPARE_RECORDS,
		partSize: 4 * COMPARE_RECORDS,
		dailyCount: 1,
		weeklyCount: 0,
		monthlyCount: 0,
		fullReleases: [],
		now: () => frozen,
	});
	onCleanup('release comparison site', () => compare.close());
	log(
		`  release sites ${site.url} (${perDay} a day, parts of ${PART_SIZE}) and ${compare.url} (${COMPARE_RECORDS} a day, one part)`,
	);
	const dailies = site
		.packages()
		.filter((p) => p.kind === 'daily')
		.sort((a, b) => (a.days[0] < b.days[0] ? -1 : 1));
	const dailyStart = dailies[dailies.length - 2].days[0];
	state = { site, compare, clock, dailyStart };

	const dir = join(ctx.work, 'release-workflows');
	mkdirSync(dir, { recursive: true });
	const full = loadExample('full-load-postgres.json');
	for (const name of ['Newest full release', 'Download and plan parts']) setOption(full, name, 'baseUrl', site.url);
	const part = loadExample('full-load-part.json');
	setOption(part, 'Read the part', 'baseUrl', site.url);
	const daily = loadExample('daily-release-postgres.json');
	nodeByName(daily, 'New daily package').parameters.startDate = dailyStart;
	setOption(daily, 'New daily package', 'baseUrl', site.url);
	setOption(daily, 'Read the package', 'baseUrl', site.url);
	const comparison = ['xml-chain.json', 'readpart-binary.json', 'baseline.json'].map(
		(f) => JSON.parse(readFileSync(join(__dirname, 'workflows', f), 'utf8')) as WorkflowFile,
	);
	const dailyName = compare.packages().find((p) => p.kind === 'daily')!.name;
	for (const wf of comparison.slice(0, 2))
		nodeByName(wf, 'Download package').parameters.url = compare.downloadUrl(dailyName);
	const workflows = [full, part, daily, ...comparison];
	for (const wf of workflows) writeFileSync(join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	const out = await ctx.n8n.cli('import:workflow --separate (releases)', [
		'import:workflow',
		'--separate',
		`--input=${dir}`,
	]);
	check(
		`release workflows imported (${workflows.length}, examples patched to ${site.url})`,
		new RegExp(`Successfully imported ${workflows.length} workflows`).test(out),
		out.slice(-600),
	);
}

async function rowsOf(pg: Postgres, days: string[]): Promise<string[]> {
	const list = days.map((d) => `'${d}'`).join(',');
	return (
		await pg.psql(
			`SELECT device_record_key || '#' || version_number FROM udid_device WHERE version_time::text IN (${list})`,
		)
	)
		.split('\n')
		.filter(Boolean);
}

async function settledExecutions(server: N8nServer, id: string, count: number) {
	return waitFor(
		`${count} execution(s) of ${id}`,
		async () => {
			const list = await server.executions(id);
			return list.length >= count && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		},
		180_000,
		1000,
		server.proc,
	);
}

/** Publishes the sub-workflow; the Release Trigger example fires once per new package across activations. */
export async function releasesServer(ctx: ReleasesContext, server: N8nServer): Promise<void> {
	if (!state) return skip('releases (server)', 'the release workflows were not imported');
	const types = (
		await server.request<
			Array<{
				name: string;
				polling?: boolean;
				iconUrl?: unknown;
				credentials?: unknown[];
				codex?: { categories?: string[] };
			}>
		>('GET', '/types/nodes.json')
	).body;
	const trigger = types.find((t) => t.name === 'n8n-nodes-nmpa-udid.nmpaUdidReleaseTrigger');
	check(
		'nmpaUdidReleaseTrigger is loaded: polling, icons, codex, no credential',
		!!trigger?.polling && !!trigger.iconUrl && !!trigger.codex?.categories?.length && !trigger.credentials?.length,
		trigger,
	);
	await server.activate(IDS.part);
	check(
		`sub-workflow ${IDS.part} published`,
		(await server.waitPublication(IDS.part, ['published'])).status === 'published',
	);
	if (!ctx.pg) return skip('daily-release-postgres.json', 'no PostgreSQL');
	const { site, clock, dailyStart } = state;
	const dailyOf = () => site.packages().filter((p) => p.kind === 'daily' && p.days[0] >= dailyStart);
	const first = dailyOf();
	await server.activate(IDS.daily);
	check(
		'Release Trigger example published',
		(await server.waitPublication(IDS.daily, ['published'])).status === 'published',
	);
	const runs = await settledExecutions(server, IDS.daily, 1);
	equal(
		`activation poll: one execution for ${first.map((p) => p.name).join(', ')}`,
		runs.map((e) => [e.mode, e.status]),
		[['trigger', 'success']],
	);
	await expectRows(
		ctx.pg,
		first.map((p) => p.name),
		'after the first poll',
	);
	const wf = await server.rest<{ staticData?: Record<string, { releaseCursor?: { seen?: Record<string, string> } }> }>(
		'GET',
		`/workflows/${IDS.daily}`,
	);
	const cursor = Object.values(wf.staticData ?? {}).find(
		(v) => v && typeof v === 'object' && 'releaseCursor' in v,
	)?.releaseCursor;
	equal(
		'the cursor in static data names the packages emitted',
		Object.keys(cursor?.seen ?? {}).sort(),
		first.map((p) => p.name).sort(),
	);

	// a day later the site has published one more package: the next poll (a re-activation) emits only it
	clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
	const added = dailyOf().filter((p) => !first.some((f) => f.name === p.name));
	equal('the site published one new daily package', added.length, 1);
	await reactivate(server, IDS.daily);
	const second = await settledExecutions(server, IDS.daily, 2);
	equal(
		'second poll: one more execution, successful',
		second.map((e) => e.status),
		['success', 'success'],
	);
	await expectRows(
		ctx.pg,
		added.map((p) => p.name),
		`after the second poll (${added[0]?.name})`,
	);
	await reactivate(server, IDS.daily);
	await new Promise((r) => setTimeout(r, 5000));
	equal('third poll with nothing new: no execution', (await server.executions(IDS.daily)).length, 2);
	await server.deactivate(IDS.daily);
}

async function reactivate(server: N8nServer, id: string): Promise<void> {
	await server.deactivate(id);
	await server.waitPublication(id, ['not_published']);
	await server.activate(id);
	await server.waitPublication(id, ['published']);
}

async function expectRows(pg: Postgres, names: string[], when: string): Promise<void> {
	const site = state!.site;
	for (const name of names) {
		const truth = site.recordsOf(name).map(versionKey);
		const days = [...new Set(site.recordsOf(name).map((r) => String(r.versionTime)))];
		const rows = new Set(await rowsOf(pg, days));
		const missing = truth.filter((k) => !rows.has(k));
		check(`${when}: every version of ${name} is in udid_device (${truth.length})`, missing.length === 0, {
			missing: missing.slice(0, 5),
			missingCount: missing.length,
		});
	}
}

/** The full load through the fan-out, then the side-by-side comparison with the XML chain. */
export async function releasesCli(ctx: ReleasesContext): Promise<void> {
	if (!state) return skip('releases (CLI)', 'the release workflows were not imported');
	if (ctx.pg) await fullLoad(ctx, ctx.pg);
	else skip('full-load-postgres.json', 'no PostgreSQL');
	await compareWithXmlChain(ctx);
}

async function fullLoad(ctx: ReleasesContext, pg: Postgres): Promise<void> {
	const { site } = state!;
	const pkg = site
		.packages()
		.filter((p) => p.kind === 'full')
		.sort((a, b) => (a.name < b.name ? -1 : 1))
		.pop()!;
	const truth = site.recordsOf(pkg.name);
	const days = [...new Set(truth.map((r) => String(r.versionTime)))];
	equal(`no rows of ${pkg.name}'s days before the load`, (await rowsOf(pg, days)).length, 0);
	const run = await ctx.n8n.execute(IDS.full, 900_000);
	equal('full load: execution status', run.status, 'success');
	check('full load: no execution error', !run.data.resultData.error, run.data.resultData.error);
	const plan = nodeOutput(run, 'Download and plan parts');
	const summary = nodeOutput(run, 'Full load summary')[0] ?? {};
	check(
		`full load: ${plan.length} parts planned, one sub-workflow run each`,
		plan.length > 5 && summary.parts === plan.length,
		{ parts: summary.parts, planned: plan.length },
	);
	equal('full load: records reported by the sub-workflows = the package', summary.records, truth.length);
	const rows = await rowsOf(pg, days);
	equal('PostgreSQL: no duplicate rows', rows.length, new Set(rows).size);
	const expected = new Set(truth.map(versionKey));
	const missing = [...expected].filter((k) => !rows.includes(k));
	const extra = rows.filter((k) => !expected.has(k));
	check(
		`PostgreSQL: the rows of ${pkg.name} (${rows.length}) are exactly its ${expected.size} versions`,
		missing.length === 0 && extra.length === 0,
		{ missing: missing.slice(0, 5), extra: extra.slice(0, 5) },
	);
	const sample = truth[Math.floor(truth.length / 2)];
	const row = (
		await pg.psql(
			`SELECT primary_di, product_name, record->>'GGXH' FROM udid_device WHERE device_record_key = '${sample.deviceRecordKey}' AND version_number = ${Number(sample.versionNumber)}`,
		)
	).split('|');
	equal('PostgreSQL: mapped columns and the jsonb record of a sample row', row, [
		sample.ZXXSDYCPBS,
		sample.CPMCTYMC,
		sample.GGXH,
	]);
}

/** Milliseconds n8n reports for each node (its executionTime, summed over runs). */
const perNodeMs = (run: ExecutionRun, nodes: string[]): Record<string, number> =>
	Object.fromEntries(
		nodes.map((n) => [
			n,
			((run.data.resultData.runData[n] ?? []) as Array<{ executionTime?: number }>).reduce(
				(s, r) => s + (r.executionTime ?? 0),
				0,
			),
		]),
	);
const nodeMs = (run: ExecutionRun, nodes: string[]) => Object.values(perNodeMs(run, nodes)).reduce((a, b) => a + b, 0);

async function compareWithXmlChain(ctx: ReleasesContext): Promise<void> {
	const { compare } = state!;
	const name = compare.packages().find((p) => p.kind === 'daily')!.name;
	const truth = compare.recordsOf(name);
	const keys = truth.map(versionKey);
	const baseline = await timedExecute(ctx, IDS.baseline);
	const xmlNodes = ['Download package', 'Decompress', 'Extract text', 'Parse XML', 'Split devices'];
	const chain = await timedExecute(ctx, IDS.xml);
	const devices = nodeOutput(chain.run, 'Split devices');
	equal(`XML chain: one item per device (${truth.length})`, devices.length, truth.length);
	check(
		'XML chain: raw lower-case tags and 是/否, nothing flattened',
		devices.length > 0 && 'zxxsdycpbs' in devices[0] && !('ZXXSDYCPBS' in devices[0]),
		Object.keys(devices[0] ?? {}).slice(0, 8),
	);
	const ours = await timedExecute(ctx, IDS.readPart);
	const items = nodeOutput(ours.run, 'Read Part');
	equal('Read Part (flat): exactly the versions of the part, in order', items.map(versionKey), keys);
	const chainUs = (nodeMs(chain.run, xmlNodes) * 1000) / truth.length;
	const oursUs = (nodeMs(ours.run, ['Download package', 'Read Part']) * 1000) / truth.length;
	log(
		`  ${truth.length} records: XML chain ${chainUs.toFixed(0)} µs/record, peak RSS ${chain.maxRssMb} MB; Read Part ${oursUs.toFixed(0)} µs/record, peak RSS ${ours.maxRssMb} MB; n8n execute alone ${baseline.maxRssMb} MB`,
	);
	check(`Read Part is ≥ 3× faster than the XML chain (${(chainUs / oursUs).toFixed(1)}×)`, chainUs / oursUs >= 3);
	check(
		`Read Part peaks lower than the XML chain (${ours.maxRssMb} vs ${chain.maxRssMb} MB)`,
		ours.maxRssMb < chain.maxRssMb,
	);

	compare.setTrouble({ dirt: ['ampersand'], dirtEvery: 1_000_000 });
	const dirtyChain = await timedExecute(ctx, IDS.xml);
	const chainError = dirtyChain.run.data.resultData.error;
	check(
		'one bare & in the part: the XML chain fails and emits no device',
		dirtyChain.run.status === 'error' && nodeOutput(dirtyChain.run, 'Split devices').length === 0,
		{ status: dirtyChain.run.status, error: chainError?.message },
	);
	const dirtyOurs = await timedExecute(ctx, IDS.readPart);
	const dirtyItems = nodeOutput(dirtyOurs.run, 'Read Part');
	equal('one bare & in the part: Read Part returns every record', dirtyItems.map(versionKey), keys);
	check(
		'…with the & kept in the text',
		dirtyItems.some((i) => / & /.test(String(i.CPMS))),
	);
	compare.setTrouble({});
	record({
		records: truth.length,
		baseline,
		chain,
		ours,
		chainUs,
		oursUs,
		chainError: chainError?.message,
		chainNodesMs: perNodeMs(chain.run, xmlNodes),
		oursNodesMs: perNodeMs(ours.run, ['Download package', 'Read Part']),
	});
}

function record(r: {
	records: number;
	baseline: TimedRun;
	chain: TimedRun;
	ours: TimedRun;
	chainUs: number;
	oursUs: number;
	chainError?: string;
	chainNodesMs: object;
	oursNodesMs: object;
}): void {
	const file = join(REPO, 'test', 'bench', 'results.json');
	const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	results.e2eReleases = {
		measuredAt: new Date().toISOString(),
		n8n: "n8n execute (real n8n 2.x, Node 24), one process per run; time = sum of the nodes' executionTime; peak RSS = /usr/bin/time %M of the n8n process (it includes n8n printing the whole run as JSON, for both)",
		partRecords: r.records,
		xmlChain: {
			nodes: 'HTTP Request (file) → Compression → Extract From File (text) → XML → Split Out',
			usPerRecord: Math.round(r.chainUs),
			nodesMs: r.chainNodesMs,
			peakRssMb: r.chain.maxRssMb,
			wallSeconds: r.chain.seconds,
		},
		readPart: {
			nodes: 'HTTP Request (file) → NMPA UDID Read Part (binary, flat)',
			usPerRecord: Math.round(r.oursUs),
			nodesMs: r.oursNodesMs,
			peakRssMb: r.ours.maxRssMb,
			wallSeconds: r.ours.seconds,
		},
		emptyWorkflowPeakRssMb: r.baseline.maxRssMb,
		speedup: Number((r.chainUs / r.oursUs).toFixed(2)),
		dirtyPart: { bareAmpersands: 1, xmlChain: r.chainError ?? 'did not fail', readPart: 'every record returned' },
	};
	writeFileSync(file, JSON.stringify(results, null, '\t') + '\n');
	log(`  recorded under e2eReleases in ${file}`);
}
