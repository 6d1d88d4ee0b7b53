/**
 * Which packages the simulated download site publishes, built from the API simulator's seeded data set (the
 * same Dataset class, so a package and D001 hold the same versions): daily packages for recent complete days,
 * weekly packages (Monday to Sunday), monthly packages (a zip of daily zips) and full releases.
 */
import { addDays, chinaDate, daysOfMonth } from '../china-time';
import type { Dataset } from '../dataset';
import { FIRST_DAY } from '../defaults';
import type { DeviceRecord } from '../types';

export type SimReleaseKind = 'daily' | 'weekly' | 'monthly' | 'full';
export const SIM_RELEASE_KINDS: readonly SimReleaseKind[] = ['daily', 'weekly', 'monthly', 'full'];

export interface SimPackage {
	kind: SimReleaseKind;
	/** Zip name, e.g. UDID_DAY_UPDATE_20260916.zip. */
	name: string;
	/** Days whose versions it holds, oldest first. */
	days: string[];
	/** When the feed says it was published (the morning after its last day, China time). */
	published: Date;
}

export interface CatalogOptions {
	/** Daily packages: the most recent complete days, default 10. */
	dailyCount?: number;
	weeklyCount?: number;
	monthlyCount?: number;
	/** Full releases: the release date and the first day they hold (the simulator's database starts there). */
	fullReleases?: Array<{ date: string; from: string }>;
}

const compact = (date: string) => date.replace(/-/g, '');

function publishedAfter(lastDay: string): Date {
	// 02:00 China time the next day
	return new Date(Date.parse(`${addDays(lastDay, 1)}T02:00:00+08:00`));
}

function dayRange(from: string, to: string): string[] {
	const days: string[] = [];
	for (let d = from < FIRST_DAY ? FIRST_DAY : from; d <= to; d = addDays(d, 1)) days.push(d);
	return days;
}

export function dailyPackage(date: string): SimPackage {
	return { kind: 'daily', name: `UDID_DAY_UPDATE_${compact(date)}.zip`, days: [date], published: publishedAfter(date) };
}

/** The packages published by `now`, newest first within each kind. */
export function catalog(now: Date, options: CatalogOptions): SimPackage[] {
	const today = chinaDate(now);
	const out: SimPackage[] = [];
	const yesterday = addDays(today, -1);
	for (let i = 0; i < (options.dailyCount ?? 10); i++) out.push(dailyPackage(addDays(yesterday, -i)));
	// last complete Monday-Sunday week before today
	const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
	let sunday = addDays(today, -weekday - 1);
	for (let i = 0; i < (options.weeklyCount ?? 2); i++, sunday = addDays(sunday, -7)) {
		const monday = addDays(sunday, -6);
		const name = `UDID_WEEKLY_UPDATE_${compact(monday)}_${compact(sunday)}.zip`;
		out.push({ kind: 'weekly', name, days: dayRange(monday, sunday), published: publishedAfter(sunday) });
	}
	let month = today.slice(0, 7);
	for (let i = 0; i < (options.monthlyCount ?? 2); i++) {
		month = addDays(`${month}-01`, -1).slice(0, 7);
		const days = daysOfMonth(month);
		out.push({
			kind: 'monthly',
			name: `UDID_MONTH_UPDATE_${compact(month)}.zip`,
			days,
			published: publishedAfter(days[days.length - 1]),
		});
	}
	const fulls = options.fullReleases ?? [
		{ date: `${today.slice(0, 7)}-01`, from: addDays(`${today.slice(0, 7)}-01`, -14) },
	];
	for (const full of fulls) {
		const days = dayRange(full.from, addDays(full.date, -1));
		out.push({
			kind: 'full',
			name: `UDID_FULL_RELEASE_${compact(full.date)}.zip`,
			days,
			published: publishedAfter(addDays(full.date, -1)),
		});
	}
	return out.filter((p) => p.published.getTime() <= now.getTime());
}

/** What a package holds, in the order its parts list them: days oldest first, each day as D001 lists it. */
export function packageRecords(dataset: Dataset, pkg: SimPackage): DeviceRecord[] {
	return pkg.days.flatMap((day) => dataset.dayRecords(day));
}

/** Record count without generating the records (what the feed's description states). */
export function packageCount(dataset: Dataset, pkg: SimPackage): number {
	return pkg.days.reduce((sum, day) => sum + dataset.dayList(day).total, 0);
}
