/**
 * What the docs must agree with, read from the sources at test time (so a node, option or simulator flag
 * added later is checked without touching this file).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

interface Property {
	displayName?: string;
	name?: string;
	type?: string;
	options?: Property[];
	values?: Property[];
}

/** package.json's n8n block lists the built files; ts-jest loads the TypeScript source beside each one. */
function sourceOf(distPath: string): string {
	return join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function n8nEntries(): { nodes: string[]; credentials: string[] } {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return { nodes: pkg.n8n.nodes.map(sourceOf), credentials: pkg.n8n.credentials.map(sourceOf) };
}

function instances(file: string): Array<Record<string, unknown>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(file) as Record<string, unknown>;
	return Object.values(exported)
		.filter((value): value is new () => Record<string, unknown> => typeof value === 'function')
		.map((Cls) => new Cls());
}

/** Every displayName a user sees in the parameters, down through collections, plus resource and operation names. */
function collectNames(properties: Property[], into: Set<string>): void {
	for (const property of properties) {
		if (property.displayName) into.add(property.displayName);
		const groups = property.type === 'fixedCollection' ? (property.options ?? []) : [];
		const nested = groups.flatMap((group) => group.values ?? []);
		if (property.type === 'collection') collectNames(property.options ?? [], into);
		collectNames(nested, into);
		if (property.name === 'resource' || property.name === 'operation') {
			for (const option of property.options ?? []) if (option.name) into.add(option.name);
		}
	}
}

export interface UiNames {
	/** node or credential display name → the names shown in its parameters */
	[owner: string]: string[];
}

export function uiNames(): UiNames {
	const { nodes, credentials } = n8nEntries();
	const result: UiNames = {};
	for (const file of nodes) {
		for (const node of instances(file)) {
			const description = node.description as { displayName: string; properties: Property[] } | undefined;
			if (!description) continue;
			const names = new Set<string>([description.displayName]);
			collectNames(description.properties, names);
			result[description.displayName] = [...names];
		}
	}
	for (const file of credentials) {
		for (const credential of instances(file)) {
			const names = new Set<string>([String(credential.displayName)]);
			collectNames(credential.properties as Property[], names);
			result[String(credential.displayName)] = [...names];
		}
	}
	return result;
}

export interface SimulatorFlag {
	flag: string;
	/** The default the CLI applies, as text, when it has one. */
	defaultValue?: string;
}

/** The flag table of test/simulator/cli.ts: its `known` list and the defaults its readers fall back to. */
export function simulatorFlags(): SimulatorFlag[] {
	const cli = readFileSync(join(ROOT, 'test/simulator/cli.ts'), 'utf8');
	const known = /const known = \[([^\]]*)\]/.exec(cli);
	if (!known) throw new Error('test/simulator/cli.ts: no `const known = [...]` flag list found');
	const flags = [...known[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
	const defaults = new Map<string, string>();
	for (const m of cli.matchAll(/number\(args, '([a-z-]+)', ([\d.]+)\)/g)) defaults.set(m[1], m[2]);
	for (const m of cli.matchAll(/args\.get\('([a-z-]+)'\) \?\? '([^']*)'/g)) defaults.set(m[1], m[2]);
	return flags.map((flag) => ({ flag, defaultValue: defaults.get(flag) }));
}

/** Fault kinds `--faults` accepts (FAULT_KINDS in test/simulator/types.ts). */
export function faultKinds(): string[] {
	const types = readFileSync(join(ROOT, 'test/simulator/types.ts'), 'utf8');
	const list = /FAULT_KINDS[^=]*=\s*\[([^\]]*)\]/.exec(types);
	if (!list) throw new Error('test/simulator/types.ts: FAULT_KINDS not found');
	return [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

interface DemoApp {
	appId: string;
	appSecret: string;
	creditCodes: string[];
}

export function simulatorApp(): DemoApp {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(join(ROOT, 'test/simulator/defaults.ts')) as { DEFAULT_APP: DemoApp }).DEFAULT_APP;
}

export function exampleFiles(): string[] {
	return readdirSync(join(ROOT, 'examples'))
		.filter((name) => name.endsWith('.json'))
		.sort();
}

/** Markdown files under a folder, recursively, as paths relative to ROOT. */
export function markdownUnder(folder: string): string[] {
	const out: string[] = [];
	const walk = (relative: string) => {
		for (const entry of readdirSync(join(ROOT, relative)).sort()) {
			const path = `${relative}/${entry}`;
			if (statSync(join(ROOT, path)).isDirectory()) walk(path);
			else if (entry.endsWith('.md')) out.push(path);
		}
	};
	walk(folder);
	return out;
}

export function read(relative: string): string {
	return readFileSync(join(ROOT, relative), 'utf8');
}

/** Every field of the field dictionary, as `table.code`. */
export function dictionaryFields(): Array<{ table: string; code: string; camel: string; zh: string }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { FIELDS } = require(join(ROOT, 'nodes/udid/fields.ts')) as {
		FIELDS: Record<string, Array<{ code: string; camel: string; zh: string }>>;
	};
	return Object.entries(FIELDS).flatMap(([table, defs]) => defs.map((def) => ({ table, ...def })));
}
