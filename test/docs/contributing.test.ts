/**
 * CONTRIBUTING.md is the map of the tree: every path its layout blocks name must exist, so the map cannot drift
 * from the code it describes. Paths are read from the fenced blocks only (the prose may name future work).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The first column of each line of a fenced block: a path like `nodes/udid/` or `actions/router.ts`. */
function mappedPaths(markdown: string): string[] {
	const blocks = markdown.split('```').filter((_, index) => index % 2 === 1);
	const paths: string[] = [];
	for (const block of blocks) {
		let parent = '';
		for (const line of block.split('\n')) {
			const match = /^(\s*)([\w.@-]+(?:\/[\w.<>*@-]*)*\/?)(?:\s|$)/.exec(line);
			if (!match || !/[/.]/.test(match[2]) || /[<>*]/.test(match[2])) continue;
			const [, indent, path] = match;
			// an indented entry is relative to the last top-level folder above it
			const full = indent.length > 0 && parent ? join(parent, path) : path;
			if (indent.length === 0 && path.endsWith('/')) parent = path;
			paths.push(full);
		}
	}
	return paths;
}

describe('CONTRIBUTING.md', () => {
	const paths = mappedPaths(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8'));
	it('maps the tree (the check reads a meaningful number of paths)', () => {
		expect(paths.length).toBeGreaterThan(20);
	});
	it('names only paths that exist', () => {
		expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
	});
});
