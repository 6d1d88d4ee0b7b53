/**
 * The Release Trigger's cursor (no n8n import): which packages were emitted, so that each is emitted once.
 * It keeps the names of packages emitted within a window of days before the newest package seen, and a
 * watermark below which nothing is emitted; the feeds publish a package within a day or two of its last day,
 * so the window only has to outlast that. The state is plain JSON for n8n's workflow static data.
 */
import { addDays } from '../udid/calendar';
import type { ReleasePackage } from '../udid/releases';

export interface ReleaseCursor {
	v: 1;
	/** Packages whose last day is before this day are never emitted (yyyy-MM-dd). */
	watermark: string;
	/** Name → last day of every package emitted on or after the watermark. */
	seen: Record<string, string>;
}

/** Days of names kept behind the newest package: a late package of an older day is still caught. */
export const SEEN_WINDOW_DAYS = 62;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The stored cursor, or a new one starting at `start` when there is none or it is not one (hand-edited). */
export function readCursor(stored: unknown, start: string): ReleaseCursor {
	const s = stored as Partial<ReleaseCursor> | undefined;
	if (!s || typeof s !== 'object' || s.v !== 1 || typeof s.watermark !== 'string' || !DAY.test(s.watermark)) {
		return { v: 1, watermark: start, seen: {} };
	}
	const seen: Record<string, string> = {};
	for (const [name, day] of Object.entries(s.seen ?? {}))
		if (typeof day === 'string' && DAY.test(day)) seen[name] = day;
	return { v: 1, watermark: s.watermark, seen };
}

/** The packages not emitted before (oldest first, as listed) and the cursor that remembers them. */
export function advanceCursor(
	cursor: ReleaseCursor,
	packages: ReleasePackage[],
): { emit: ReleasePackage[]; cursor: ReleaseCursor } {
	const seen = { ...cursor.seen };
	const emit: ReleasePackage[] = [];
	for (const pkg of packages) {
		if (pkg.endDate < cursor.watermark || seen[pkg.name] !== undefined) continue;
		seen[pkg.name] = pkg.endDate;
		emit.push(pkg);
	}
	const newest = Object.values(seen).reduce((a, b) => (a > b ? a : b), cursor.watermark);
	const floor = addDays(newest, -SEEN_WINDOW_DAYS);
	const watermark = floor > cursor.watermark ? floor : cursor.watermark;
	for (const [name, day] of Object.entries(seen)) if (day < watermark) delete seen[name];
	return { emit, cursor: { v: 1, watermark, seen } };
}
