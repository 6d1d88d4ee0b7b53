/**
 * Keeps the user documentation honest where a machine can check it: every name the n8n UI shows is explained in
 * English and in Chinese, every example workflow is described in both, every link and image resolves, and the
 * simulator page matches the simulator's CLI.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { anchors, problemWith, proseLines, references } from './markdown';
import {
	ROOT,
	dictionaryFields,
	exampleFiles,
	faultKinds,
	markdownUnder,
	read,
	simulatorApp,
	simulatorFlags,
	uiNames,
} from './sources';

const LANGUAGES = ['en', 'zh'] as const;
const pages = (language: string) => markdownUnder(`docs/${language}`);
const corpus = (language: string) => pages(language).map(read).join('\n');

/** Pages other helpers own; they are linked from the README and the index like every other page. */
const PAGES_LINKED_FROM_README = ['releases.md', 'large-syncs.md', 'queue-mode.md', 'identifiers.md', 'node-red.md'];

/** An API address with a port: the simulator's, in the docs' examples and the credential's placeholder. */
const SIMULATOR_ADDRESS = /https?:\/\/(?:127\.0\.0\.1|localhost|host\.docker\.internal|\[::1\]|[\w.-]+):(\d+)\/api\//g;

describe('every name the n8n UI shows is documented in both languages', () => {
	const names = uiNames();
	it('reads the nodes and the credential from package.json', () => {
		expect(Object.keys(names)).toEqual(expect.arrayContaining(['NMPA UDID', 'NMPA UDID Trigger', 'NMPA UDID API']));
		expect(names['NMPA UDID']).toEqual(expect.arrayContaining(['Resume From', 'Output Not Found as Item', 'Sync Day']));
	});
	for (const language of LANGUAGES) {
		it(`docs/${language}`, () => {
			const text = corpus(language);
			const missing = Object.entries(names).flatMap(([owner, list]) =>
				list.filter((name) => !text.includes(name)).map((name) => `${owner}: ${name}`),
			);
			expect(missing).toEqual([]);
		});
	}
});

describe('every example workflow is described in both languages', () => {
	for (const language of LANGUAGES) {
		it(`docs/${language}`, () => {
			const text = corpus(language);
			expect(exampleFiles().filter((file) => !text.includes(file))).toEqual([]);
		});
	}
});

describe('the field reference lists the whole field dictionary in both languages', () => {
	for (const language of LANGUAGES) {
		it(`docs/${language}/fields.md`, () => {
			const rows = read(`docs/${language}/fields.md`).split('\n');
			const listed = (f: { code: string; camel: string; zh: string }) =>
				rows.some((row) => row.startsWith(`| ${f.code} | ${f.camel} | ${f.zh} |`));
			const missing = dictionaryFields().filter((f) => !listed(f));
			expect(missing.map((f) => `${f.table}.${f.code}`)).toEqual([]);
		});
	}
});

describe('links and images', () => {
	const all = ['README.md', ...markdownUnder('docs')];
	it('every relative link, anchor and image in README.md and docs/ resolves', () => {
		const broken = all.flatMap(references).flatMap((ref) => {
			const problem = problemWith(ref);
			return problem ? [`${ref.page}:${ref.line}: ${problem}`] : [];
		});
		expect(broken).toEqual([]);
	});
	it('the documentation links of the nodes and the credential land on a heading of the README', () => {
		const files = [...listFiles(join(ROOT, 'nodes'), '.node.json'), ...listFiles(join(ROOT, 'credentials'), '.ts')];
		const readme = anchors('README.md');
		const links = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/n8n-nodes-nmpa-udid#([\w-]+)/g)]);
		expect(links.length).toBeGreaterThan(0);
		// #readme is GitHub's own anchor for the README
		expect(links.map((m) => m[1]).filter((anchor) => anchor !== 'readme' && !readme.has(anchor))).toEqual([]);
	});
	it('every screenshot in docs/screenshots is shown somewhere', () => {
		const shown = new Set(
			all
				.flatMap(references)
				.filter((ref) => ref.image)
				.map((ref) => ref.target.split('/').pop()),
		);
		const screenshots = readdirSync(join(ROOT, 'docs/screenshots')).filter((f) => f.endsWith('.png'));
		expect(screenshots.filter((file) => !shown.has(file))).toEqual([]);
	});
	it('the English and Chinese pages mirror each other', () => {
		const names = (language: string) => pages(language).map((p) => p.slice(`docs/${language}/`.length));
		expect(names('zh')).toEqual(names('en'));
	});
	it('each Chinese page has the headings and table rows of its English page (a full mirror, not a summary)', () => {
		const shape = (page: string) => {
			const lines = proseLines(read(page));
			return {
				headings: lines.filter((l) => /^#{1,6} /.test(l)).length,
				tableRows: lines.filter((l) => l.startsWith('|')).length,
			};
		};
		const differing = pages('en')
			.map((page) => ({ page, en: shape(page), zh: shape(page.replace('docs/en/', 'docs/zh/')) }))
			.filter(({ en, zh }) => en.headings !== zh.headings || en.tableRows !== zh.tableRows);
		expect(differing).toEqual([]);
	});
	it('each language index links every page of its language, and the README links both indexes and every page', () => {
		for (const language of LANGUAGES) {
			const linked = new Set(references(`docs/${language}/index.md`).map((ref) => ref.target.split('#')[0]));
			const unlisted = pages(language)
				.map((p) => p.split('/').pop()!)
				.filter((p) => p !== 'index.md' && !linked.has(p));
			expect(unlisted).toEqual([]);
		}
		const readme = new Set(references('README.md').map((ref) => ref.target.split('#')[0]));
		const wanted = LANGUAGES.flatMap((l) => ['index.md', ...PAGES_LINKED_FROM_README].map((p) => `docs/${l}/${p}`));
		expect(wanted.filter((target) => !readme.has(target))).toEqual([]);
	});
});

describe('the simulator page matches test/simulator/cli.ts', () => {
	const flags = simulatorFlags();
	it('parses the flag table', () => {
		expect(flags.map((f) => f.flag)).toEqual(expect.arrayContaining(['port', 'host', 'faults', 'quiet']));
		expect(flags.find((f) => f.flag === 'port')?.defaultValue).toMatch(/^\d+$/);
	});
	for (const language of LANGUAGES) {
		it(`docs/${language}/simulator.md names every flag with its default, every fault kind and the demo app`, () => {
			const page = read(`docs/${language}/simulator.md`);
			const rows = page.split('\n').filter((line) => line.startsWith('|'));
			const problems: string[] = [];
			for (const { flag, defaultValue } of flags) {
				const row = rows.find((line) => line.includes(`\`--${flag}`));
				if (!row) problems.push(`no table row for --${flag}`);
				else if (defaultValue !== undefined && !row.includes(`\`${defaultValue}\``)) {
					problems.push(`--${flag}: default ${defaultValue} not in its row`);
				}
			}
			for (const kind of faultKinds()) if (!page.includes(`\`${kind}\``)) problems.push(`fault kind ${kind}`);
			const app = simulatorApp();
			for (const value of [app.appId, app.appSecret, app.creditCodes[0]]) {
				if (!page.includes(value)) problems.push(`demo credential value ${value}`);
			}
			expect(problems).toEqual([]);
		});
	}
	it('every simulator address in the docs and the credential uses the default port', () => {
		const port = flags.find((f) => f.flag === 'port')!.defaultValue!;
		const texts = ['README.md', ...markdownUnder('docs'), 'credentials/NmpaUdidApi.credentials.ts'];
		const wrong = texts.flatMap((file) =>
			[...read(file).matchAll(SIMULATOR_ADDRESS)].filter((m) => m[1] !== port).map((m) => `${file}: ${m[0]}`),
		);
		expect(wrong).toEqual([]);
	});
});

describe('environment variables the nodes read are documented in both languages', () => {
	const sources = listFiles(join(ROOT, 'nodes'), '.ts');
	const mentioned = (file: string) => [...readFileSync(file, 'utf8').matchAll(/NMPA_UDID_[A-Z_]+/g)].map((m) => m[0]);
	const variables = new Set(sources.flatMap(mentioned));
	it('finds them', () => expect(variables.size).toBeGreaterThan(0));
	for (const language of LANGUAGES) {
		it(`docs/${language}/environment.md`, () => {
			const page = read(`docs/${language}/environment.md`);
			expect([...variables].filter((v) => !page.includes(v))).toEqual([]);
		});
	}
});

function listFiles(folder: string, ending: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		return entry.isDirectory() ? listFiles(path, ending) : entry.name.endsWith(ending) ? [path] : [];
	});
}
