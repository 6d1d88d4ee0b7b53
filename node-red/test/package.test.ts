/**
 * What `npm pack` puts into node-red-contrib-nmpa-udid: the node entries with their editor files, the compiled
 * shell and core, the examples; no sources, tests or n8n. Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const files: string[] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
)[0].files.map((f: { path: string }) => f.path);

describe('the node-red-contrib-nmpa-udid tarball', () => {
	it("declares the node-red block, the keywords and only the core's runtime dependencies (yauzl for the releases)", () => {
		expect(pkg.name).toBe('node-red-contrib-nmpa-udid');
		expect(pkg.keywords).toEqual(expect.arrayContaining(['node-red', 'nmpa']));
		expect(pkg['node-red'].version).toBe('>=4.0.0');
		expect(Object.keys(pkg.dependencies).sort()).toEqual(['undici', 'yauzl', 'zod']);
		expect(JSON.stringify(pkg)).not.toMatch(/n8n-workflow|n8n-core/);
	});

	it('holds every node entry with its editor HTML, help and labels in both languages, and the compiled code', () => {
		for (const [type, entry] of Object.entries(pkg['node-red'].nodes as Record<string, string>)) {
			expect(files).toContain(entry);
			expect(files).toContain(entry.replace(/\.js$/, '.html'));
			for (const lang of ['en-US', 'zh-CN']) {
				expect(files).toContain(`nodes/locales/${lang}/${type}.json`);
				expect(files).toContain(`nodes/locales/${lang}/${type}.html`);
			}
			const target = /require\('([^']+)'\)/.exec(readFileSync(join(root, entry), 'utf8'))![1];
			expect(files).toContain(join('nodes', target).replace(/\\/g, '/') + '.js');
		}
		expect(files).toContain('nodes/icons/nmpa-udid.svg');
		expect(files).toContain('dist/nodes/udid/client/client.js');
	});

	it('ships the example flows and nothing of the tests, sources or the simulator', () => {
		expect(files.filter((f) => f.startsWith('examples/') && f.endsWith('.json')).length).toBeGreaterThanOrEqual(3);
		expect(
			files.filter((f) => f.endsWith('.ts') || f.endsWith('.map') || /(^|\/)(test|e2e|simulator)\//.test(f)),
		).toEqual([]);
	});

	it('keeps the editor labels of both languages in step', () => {
		const keys = (o: object, prefix = ''): string[] =>
			Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
		for (const type of Object.keys(pkg['node-red'].nodes)) {
			const en = JSON.parse(readFileSync(join(root, 'nodes/locales/en-US', `${type}.json`), 'utf8'));
			const zh = JSON.parse(readFileSync(join(root, 'nodes/locales/zh-CN', `${type}.json`), 'utf8'));
			expect(keys(zh).sort()).toEqual(keys(en).sort());
		}
	});
});
