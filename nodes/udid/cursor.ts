import { createHash } from 'node:crypto';
import { addDays, daysBetween } from './calendar';

/**
 * The polling trigger's cursor, kept in the workflow's static data (plain JSON, ISO day strings). It never
 * moves past data that was not fetched:
 * - `done`: every day up to and including it was walked completely after it had settled; it is never read again.
 * - `open`: days after `done` that were walked at least partly, with the versions already emitted (as short
 *   hashes, to keep static data small) and the total seen at the last complete walk. Today and the
 *   `settleDays` before it stay open so late additions are picked up; an open day is finalised by one
 *   complete walk once it is older than the window.
 */
export interface Cursor {
	v: 1;
	start: string;
	done: string | null;
	open: Record<string, OpenDay>;
}

export interface OpenDay {
	/** totalRecordCount at the last complete walk, or null if no walk of this day has completed yet. */
	total: number | null;
	/** Emitted versions: concatenated fixed-width hashes of "deviceRecordKey#versionNumber". */
	seen: string;
}

const HASH_CHARS = 12; // 48 bits: a collision among a day's few thousand versions is ~1e-8

export function versionHash(versionKey: string): string {
	return createHash('sha1').update(versionKey).digest('hex').slice(0, HASH_CHARS);
}

export function seenSet(day: OpenDay | undefined): Set<string> {
	const set = new Set<string>();
	if (!day) return set;
	for (let i = 0; i + HASH_CHARS <= day.seen.length; i += HASH_CHARS) set.add(day.seen.slice(i, i + HASH_CHARS));
	return set;
}

export function newCursor(start: string): Cursor {
	return { v: 1, start, done: null, open: {} };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HASHES = new RegExp(`^(?:[0-9a-f]{${HASH_CHARS}})*$`);

/**
 * Reads a cursor from static data, or undefined when there is none or it is not one of ours (then the poll
 * starts afresh from its start date). Open days that do not read as ours (edited or garbled static data) are
 * dropped: that day is walked again and may re-emit its versions, which is better than failing every poll.
 */
export function readCursor(value: unknown): Cursor | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const c = value as Partial<Cursor>;
	if (c.v !== 1 || typeof c.start !== 'string' || !DAY.test(c.start)) return undefined;
	if (c.done !== null && (typeof c.done !== 'string' || !DAY.test(c.done))) return undefined;
	if (typeof c.open !== 'object' || c.open === null || Array.isArray(c.open)) return undefined;
	const open: Record<string, OpenDay> = {};
	for (const [day, entry] of Object.entries(c.open as Record<string, unknown>)) {
		if (DAY.test(day) && isOpenDay(entry)) open[day] = { total: entry.total, seen: entry.seen };
	}
	return { v: 1, start: c.start, done: c.done ?? null, open };
}

function isOpenDay(entry: unknown): entry is OpenDay {
	if (!entry || typeof entry !== 'object') return false;
	const { total, seen } = entry as Partial<OpenDay>;
	const totalOk = total === null || (typeof total === 'number' && Number.isSafeInteger(total) && total >= 0);
	return totalOk && typeof seen === 'string' && HASHES.test(seen);
}

export interface PollPlan {
	/** Days to walk in this poll, oldest first: settled days being caught up, then the open window. */
	days: string[];
	/** Settled days that did not fit into this poll and wait for the next ones. */
	behindDays: number;
}

/**
 * Which days a poll walks: up to `maxDays` settled days after `done` (oldest first, so a long downtime is
 * caught up in order), then the window of today and the `settleDays` before it, which stays open for late
 * additions and is walked every poll (a day whose total did not change costs one request).
 */
export function planPoll(cursor: Cursor, today: string, maxDays: number, settleDays: number): PollPlan {
	const first = cursor.done ? addDays(cursor.done, 1) : cursor.start;
	const pending = first <= today ? daysBetween(first, today) : [];
	const settled = pending.filter((d) => isSettled(d, today, settleDays));
	const catchUp = settled.slice(0, Math.max(1, maxDays));
	const window = pending.filter((d) => !isSettled(d, today, settleDays));
	return { days: [...catchUp, ...window], behindDays: settled.length - catchUp.length };
}

/** True once a day is older than the settle window and so can be finalised by a complete walk. */
export function isSettled(day: string, today: string, settleDays: number): boolean {
	return day < addDays(today, -settleDays);
}

/** Records one day's outcome and advances `done` over the contiguous run of finalised days. */
export function recordDay(
	cursor: Cursor,
	day: string,
	update: { addedHashes: string[]; completeTotal?: number; settled: boolean },
): void {
	const open = cursor.open[day] ?? { total: null, seen: '' };
	open.seen += update.addedHashes.join('');
	if (update.completeTotal !== undefined) open.total = update.completeTotal;
	cursor.open[day] = open;
	const expectedNext = cursor.done ? addDays(cursor.done, 1) : cursor.start;
	if (update.completeTotal !== undefined && update.settled && day === expectedNext) {
		cursor.done = day;
		delete cursor.open[day];
	}
}
