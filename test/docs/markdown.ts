/** Links, images and headings of Markdown pages, enough to check that every reference resolves. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT, read } from './sources';

export interface Reference {
	page: string;
	line: number;
	target: string;
	image: boolean;
}

/** Text outside fenced code blocks and inline code, line by line (links inside code are examples, not links). */
export function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').map((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return '';
		}
		return fenced ? '' : line.replace(/`[^`]*`/g, '');
	});
}

export function references(page: string): Reference[] {
	const out: Reference[] = [];
	proseLines(read(page)).forEach((line, index) => {
		for (const m of line.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			out.push({ page, line: index + 1, target: m[2], image: m[1] === '!' });
		}
		for (const m of line.matchAll(/<img\s[^>]*src="([^"]+)"/g)) {
			out.push({ page, line: index + 1, target: m[1], image: true });
		}
	});
	return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept), spaces → hyphens. */
export function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/<[^>]+>/g, '')
		.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

export function anchors(page: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const line of proseLines(read(page))) {
		const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m) continue;
		const base = anchorOf(m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		out.add(count === 0 ? base : `${base}-${count}`);
	}
	return out;
}

/** Why a reference does not resolve, or undefined when it does (external URLs are not fetched). */
export function problemWith(ref: Reference): string | undefined {
	if (/^(https?:|mailto:)/i.test(ref.target)) return undefined;
	const [pathPart, anchor] = ref.target.split('#') as [string, string | undefined];
	const file = pathPart === '' ? ref.page : normalize(join(dirname(ref.page), decodeURIComponent(pathPart)));
	if (file.startsWith('..')) return `${ref.target} points outside the repository`;
	const absolute = join(ROOT, file);
	if (!existsSync(absolute)) return `${ref.target}: ${file} does not exist`;
	if (ref.image && !statSync(absolute).isFile()) return `${ref.target} is not a file`;
	if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) {
		return `${ref.target}: no heading #${anchor} in ${file}`;
	}
	return undefined;
}
