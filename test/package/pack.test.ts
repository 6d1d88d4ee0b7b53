import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP } from '../simulator';

/**
 * What `npm pack` puts into the tarball is what n8n installs: the compiled nodes and credential, icons and
 * codex files, nothing else (no tests, no sources, no source maps pointing at files that are not shipped, no
 * secrets). Needs `npm run build` first, which `npm test` does.
 */

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packed: Array<{ path: string; size: number }> = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
)[0].files;
const paths = packed.map((f) => f.path).sort();

describe('the packed tarball', () => {
	it('holds dist and the package files only', () => {
		const outside = paths.filter(
			(p) => !p.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'index.js'].includes(p),
		);
		expect(outside).toEqual([]);
		expect(paths.filter((p) => /(^|\/)test\/|\.test\.|\/simulator\//.test(p))).toEqual([]);
		expect(paths.filter((p) => p.endsWith('.ts') || p.endsWith('.map'))).toEqual([]);
	});

	it('holds what n8n needs: nodes, credential, icons and codex files', () => {
		for (const p of [
			'dist/nodes/NmpaUdid/NmpaUdid.node.js',
			'dist/nodes/NmpaUdid/NmpaUdid.node.json',
			'dist/nodes/NmpaUdidTrigger/NmpaUdidTrigger.node.js',
			'dist/nodes/NmpaUdidTrigger/NmpaUdidTrigger.node.json',
			'dist/credentials/NmpaUdidApi.credentials.js',
			'dist/icons/nmpaUdid.svg',
			'dist/icons/nmpaUdid.dark.svg',
		]) {
			expect(paths).toContain(p);
		}
	});

	it("resolves package.json's n8n paths and the icons the nodes and the credential name", () => {
		for (const p of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(existsSync(join(root, p))).toBe(true);
		for (const file of [
			'dist/nodes/NmpaUdid/NmpaUdid.node.js',
			'dist/nodes/NmpaUdidTrigger/NmpaUdidTrigger.node.js',
			'dist/credentials/NmpaUdidApi.credentials.js',
		]) {
			const source = readFileSync(join(root, file), 'utf8');
			const icons = [...source.matchAll(/file:([^'"]+\.svg)/g)].map((m) => m[1]);
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) expect(paths).toContain(join(file, '..', icon).replace(/\\/g, '/'));
		}
	});

	it('declares only undici, yauzl and zod at run time, n8n-workflow as a peer, and the community keyword', () => {
		expect(Object.keys(pkg.dependencies).sort()).toEqual(['undici', 'yauzl', 'zod']);
		expect(pkg.dependencies.undici).toMatch(/^\^?7\./);
		expect(pkg.dependencies.yauzl).toMatch(/^\^?3\./);
		expect(pkg.dependencies.zod).toMatch(/3\.25\./);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
	});

	it('contains no secret of the simulator and no token-looking literal', () => {
		for (const f of paths.filter((p) => p.endsWith('.js') || p.endsWith('.json'))) {
			const text = readFileSync(join(root, f), 'utf8');
			expect(text.includes(DEFAULT_APP.appSecret)).toBe(false);
			expect(text).not.toMatch(/(appSecret|accessToken)["' ]*[:=] *["'][A-Za-z0-9]{16,}/);
		}
	});
});
