/**
 * What a polling trigger keeps between polls so each new package is emitted exactly once: the names already
 * seen (plain JSON, fit for n8n's static data). Names identify packages (a package is never republished under
 * the same name); the list is bounded to the newest ones, because the feeds only list recent packages.
 */
import type { ReleasePackage } from './feed';

export interface ReleaseCursor {
	/** Names of packages already seen, newest last. */
	seen: string[];
}

/** On the first poll (no cursor yet): emit nothing and remember everything, emit the newest only, or emit all. */
export type FirstPoll = 'none' | 'latest' | 'all';

const KEEP = 1000;

const newestLast = (a: ReleasePackage, b: ReleasePackage) =>
	a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The packages of `listed` not seen before (oldest first) and the cursor to store after emitting them. */
export function newPackages(
	listed: readonly ReleasePackage[],
	cursor: ReleaseCursor | undefined,
	firstPoll: FirstPoll = 'none',
): { fresh: ReleasePackage[]; cursor: ReleaseCursor } {
	const sorted = [...listed].sort(newestLast);
	const seen = new Set(cursor?.seen ?? []);
	let fresh = sorted.filter((p) => !seen.has(p.name));
	if (!cursor) fresh = firstPoll === 'all' ? fresh : firstPoll === 'latest' ? fresh.slice(-1) : [];
	const names = [...(cursor?.seen ?? []), ...sorted.map((p) => p.name).filter((name) => !seen.has(name))];
	return { fresh, cursor: { seen: names.slice(-KEEP) } };
}
