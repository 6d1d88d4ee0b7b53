/** The e2e's checks in one running Node-RED: the nodes load, the admin endpoint, the three examples. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, chinaToday } from '../../nodes/udid/calendar';
import { DEFAULT_APP, type Simulator } from '../../test/simulator';
import { waitFor } from '../../test/e2e/lib/proc';
import { check, equal, log } from '../../test/e2e/lib/report';
import type { NodeRed } from './node-red';

const MODULE = 'node-red-contrib-nmpa-udid';
const CREDENTIALS = {
	appId: DEFAULT_APP.appId,
	appSecret: DEFAULT_APP.appSecret,
	tyshxydm: DEFAULT_APP.creditCodes[0],
};
type FlowNode = Record<string, unknown> & { id: string; type: string };

const keysOf = (rows: Array<Record<string, unknown>>) =>
	rows.map((r) => `${String(r.deviceRecordKey)}#${Number(r.versionNumber)}`);

function jsonLines(file: string): Array<Record<string, unknown>> {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function linesAtLeast(file: string, count: number, what: string) {
	return waitFor(what, async () => (jsonLines(file).length >= count ? jsonLines(file) : undefined), 60_000, 250);
}

/** The examples as the user gets them: from the installed package's examples/ folder (Import → Examples). */
function installedExamples(userDir: string): FlowNode[] {
	const dir = join(userDir, 'node_modules', MODULE, 'examples');
	const nodes = new Map<string, FlowNode>();
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		for (const node of JSON.parse(readFileSync(join(dir, file), 'utf8')) as FlowNode[]) nodes.set(node.id, node);
	}
	return [...nodes.values()];
}

async function checkInstalled(red: NodeRed): Promise<void> {
	const nodes = (await red.api('GET', '/nodes')).json as Array<{
		module: string;
		types: string[];
		enabled: boolean;
		err?: string;
	}>;
	const ours = nodes.filter((n) => n.module === MODULE);
	equal('the palette lists both node types, loaded without error', ours.flatMap((n) => n.types).sort(), [
		'nmpa-udid',
		'nmpa-udid-config',
	]);
	check(
		'no load error',
		ours.every((n) => n.enabled && !n.err),
		ours,
	);
	const zh = await red.api('GET', '/nodes/messages?lng=zh-CN');
	check(
		'the Chinese labels are served to a zh-CN editor',
		zh.text.includes('按日同步') && zh.text.includes('统一社会信用代码'),
	);
	const help = await red.api('GET', '/nodes', undefined);
	check('the node list answers', help.status === 200);
}

async function checkConnectionEndpoint(red: NodeRed, sim: Simulator): Promise<void> {
	const body = { ...CREDENTIALS, baseUrl: sim.url };
	const anonymous = await red.api('POST', '/nmpa-udid-config/test', body, false);
	equal('the connection test endpoint refuses a request without admin token', anonymous.status, 401);
	const answer = await red.api('POST', '/nmpa-udid-config/test', body);
	check(
		'the connection test endpoint connects with admin token',
		(answer.json as { ok?: boolean })?.ok === true,
		answer.text,
	);
	check('its answer holds no secret', !answer.text.includes(CREDENTIALS.appSecret));
}

async function deployExamples(red: NodeRed, sim: Simulator, userDir: string): Promise<void> {
	const flows = installedExamples(userDir).map((node) => {
		if (node.type === 'nmpa-udid-config') return { ...node, baseUrl: sim.url, credentials: CREDENTIALS };
		// The hourly inject also fires 30 s after a deploy; this test triggers it itself.
		if (node.id === 'nmpa-udid-incremental-inject') return { ...node, once: false };
		return node;
	});
	const deployed = await red.api('POST', '/flows', flows);
	check(
		'the three examples deploy through the admin API',
		deployed.status === 200 || deployed.status === 204,
		deployed.text,
	);
	const exported = await red.api('GET', '/flows');
	check(
		'the credentials are not part of the exported flows',
		!exported.text.includes(CREDENTIALS.appSecret) && !exported.text.includes(CREDENTIALS.appId),
	);
}

async function checkDailySync(red: NodeRed, sim: Simulator, files: string): Promise<void> {
	const yesterday = addDays(chinaToday(), -1);
	// A deploy answers before its nodes are started: until then the inject node is not found (404).
	const inject = await waitFor(
		'the deployed inject node',
		async () => {
			const answer = await red.api('POST', '/inject/nmpa-udid-daily-inject');
			return answer.status === 404 ? undefined : answer;
		},
		15_000,
		200,
	);
	equal('POST /inject/:id starts the daily sync', inject.status, 200);
	const [summary] = await linesAtLeast(join(files, 'nmpa-udid-daily-summary.jsonl'), 1, 'the daily summary line');
	const rows = jsonLines(join(files, 'nmpa-udid-daily.jsonl'));
	const truth = sim.dayRecords(yesterday);
	equal(
		`the file holds yesterday (${yesterday}) exactly as the simulator publishes it (${truth.length} versions)`,
		keysOf(rows),
		keysOf(truth),
	);
	check(
		'the first record matches field by field',
		rows[0]?.ZXXSDYCPBS === truth[0]?.ZXXSDYCPBS && rows[0]?.CPMCTYMC === truth[0]?.CPMCTYMC,
	);
	check(
		'the summary says complete',
		(summary as { complete?: boolean }).complete === true && (summary as { records?: number }).records === truth.length,
		summary,
	);
}

async function checkBarcode(red: NodeRed, sim: Simulator): Promise<void> {
	const device = sim.dayRecords(addDays(chinaToday(), -1)).find((r) => /^0\d{13}$/.test(r.ZXXSDYCPBS))!;
	const res = await fetch(`${red.url}/udi?code=${encodeURIComponent(`(01)${device.ZXXSDYCPBS}(17)271231(10)E2E1`)}`);
	const body = (await res.json()) as Record<string, unknown>;
	check(
		'HTTP in → device: the scanned code answers its device with the lot',
		res.status === 200 &&
			body.found === true &&
			body.deviceRecordKey === device.deviceRecordKey &&
			body.scanLot === 'E2E1',
		body,
	);
	const bad = await fetch(`${red.url}/udi?code=${encodeURIComponent('(01)06901234567893')}`);
	const reason = (await bad.json()) as { error?: string };
	check(
		'a bad code answers 400 with the reason',
		bad.status === 400 && /Parameter "di"/.test(reason.error ?? ''),
		reason,
	);
}

async function runIncremental(red: NodeRed, files: string, runs: number): Promise<Record<string, unknown>> {
	const inject = await waitFor(
		'the incremental inject node',
		async () => {
			const answer = await red.api('POST', '/inject/nmpa-udid-incremental-inject');
			return answer.status === 404 ? undefined : answer;
		},
		15_000,
		200,
	);
	equal(`incremental run ${runs} triggered`, inject.status, 200);
	return (await linesAtLeast(join(files, 'nmpa-udid-incremental-summary.jsonl'), runs, `incremental summary ${runs}`))[
		runs - 1
	];
}

export async function checkFlows(red: NodeRed, sim: Simulator, userDir: string, files: string): Promise<void> {
	await checkInstalled(red);
	await checkConnectionEndpoint(red, sim);
	await deployExamples(red, sim, userDir);
	await checkDailySync(red, sim, files);
	await checkBarcode(red, sim);
	const today = chinaToday();
	const days = [addDays(today, -1), today];
	const first = await runIncremental(red, files, 1);
	// Today's simulated records appear through the day: compare with what the simulator held at each run.
	const truthBefore = days.flatMap((d) => sim.dayRecords(d));
	equal('the first incremental run emits yesterday and today', first.records, truthBefore.length);
	log('  restarting Node-RED; publishing 4 versions meanwhile');
	await red.stop();
	const published = sim.publish(today, 4, { updates: 1 });
	await red.start();
	const second = await runIncremental(red, files, 2);
	const truthAfter = days.flatMap((d) => sim.dayRecords(d));
	check(`${published.length} versions published while it was down`, published.length === 4);
	equal(
		'after the restart, the next run emits exactly what was published meanwhile',
		second.records,
		truthAfter.length - truthBefore.length,
	);
	const emitted = keysOf(jsonLines(join(files, 'nmpa-udid-incremental.jsonl')));
	equal('the incremental flow emitted nothing twice across the restart', emitted.length, new Set(emitted).size);
	equal('and everything the simulator holds for those days', [...emitted].sort(), keysOf(truthAfter).sort());
}
