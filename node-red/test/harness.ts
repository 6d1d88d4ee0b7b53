/**
 * node-red-node-test-helper around the two nodes (registered from the TypeScript sources) and the simulator
 * over real HTTP. A flow is the config node, one `nmpa-udid` node, helpers on both outputs and a Catch node.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import helper = require('node-red-node-test-helper');
import { DEFAULT_APP, startSimulator, type Simulator, type SimulatorOptions } from '../../test/simulator';
import { registerConfigNode, registerUdidNode } from '../src';
import type { RedApi } from '../src/red-types';

helper.init(require.resolve('node-red'));

export { helper };

export const CREDENTIALS = {
	appId: DEFAULT_APP.appId,
	appSecret: DEFAULT_APP.appSecret,
	tyshxydm: DEFAULT_APP.creditCodes[0],
};

const configModule = (RED: RedApi) => registerConfigNode(RED);
const udidModule = (RED: RedApi) => registerUdidNode(RED);
export const MODULES = [configModule, udidModule];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Msg = Record<string, any>;

export interface Loaded {
	node: TestNode;
	data: Msg[];
	summaries: Msg[];
	caught: Msg[];
	/** Resolves with the next summary (output 2) or the next caught error, whichever comes first. */
	next(): Promise<{ summary?: Msg; caught?: Msg }>;
}

export interface TestNode {
	receive(msg: Msg): void;
	on(event: string, fn: (...args: never[]) => void): void;
	status: { args?: unknown };
}

/** Loads a flow with one `nmpa-udid` node configured by `props`, against `sim` (or no config node). */
export async function loadNode(sim: Simulator | undefined, props: Msg, credentials = CREDENTIALS): Promise<Loaded> {
	const flow = [
		{ id: 'tab', type: 'tab', label: 'test' },
		...(sim ? [{ id: 'cfg', z: 'tab', type: 'nmpa-udid-config', environment: 'production', baseUrl: sim.url }] : []),
		{ id: 'udid', z: 'tab', type: 'nmpa-udid', server: sim ? 'cfg' : '', ...props, wires: [['data'], ['summary']] },
		{ id: 'data', z: 'tab', type: 'helper' },
		{ id: 'summary', z: 'tab', type: 'helper' },
		{ id: 'catcher', z: 'tab', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
		{ id: 'caught', z: 'tab', type: 'helper' },
	];
	await helper.load(MODULES, flow, sim ? { cfg: credentials } : {});
	const loaded: Loaded = {
		node: helper.getNode('udid'),
		data: [],
		summaries: [],
		caught: [],
		next: () => Promise.resolve({}),
	};
	let waiting: ((v: { summary?: Msg; caught?: Msg }) => void) | undefined;
	helper.getNode('data').on('input', (msg: Msg) => loaded.data.push(msg));
	helper.getNode('summary').on('input', (msg: Msg) => {
		loaded.summaries.push(msg);
		waiting?.({ summary: msg });
	});
	helper.getNode('caught').on('input', (msg: Msg) => {
		loaded.caught.push(msg);
		waiting?.({ caught: msg });
	});
	loaded.next = () => new Promise((resolve) => (waiting = resolve));
	return loaded;
}

/** Sends `msg` and waits for its summary or its error. */
export async function run(loaded: Loaded, msg: Msg = {}): Promise<{ summary?: Msg; caught?: Msg }> {
	const outcome = loaded.next();
	loaded.node.receive({ payload: 'go', ...msg });
	return outcome;
}

/** Rows of output 1, whichever output mode sent them. */
export function rowsOf(messages: Msg[]): Msg[] {
	return messages.flatMap((m) => (Array.isArray(m.payload) ? m.payload : [m.payload]));
}

export const versionKeys = (rows: ReadonlyArray<Record<string, unknown>>) =>
	rows.map((r) => `${String(r.deviceRecordKey)}#${Number(r.versionNumber)}`);

export async function withSimulator(options: SimulatorOptions, body: (sim: Simulator) => Promise<void>): Promise<void> {
	const sim = await startSimulator(options);
	try {
		await body(sim);
	} finally {
		await helper.unload();
		await sim.close();
	}
}

/** A past day of the simulator's fixed clock: complete, and the same under every seed run. */
export const DAY = '2024-05-19';
export const NOON_2024_05_20 = '2024-05-20T04:00:00Z';
export const fixedClock = () => new Date(NOON_2024_05_20);
