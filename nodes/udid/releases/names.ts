/** What the names of packages and parts say (see the releases spec): kind, dates, part number. */

export type ReleaseKind = 'daily' | 'weekly' | 'monthly' | 'full';
export const RELEASE_KINDS: readonly ReleaseKind[] = ['daily', 'weekly', 'monthly', 'full'];

export interface PackageName {
	kind: ReleaseKind;
	/** First day the package covers (yyyy-MM-dd); for a full release its release date. */
	startDate: string;
	/** Last day it covers; for a full release its release date. */
	endDate: string;
}

const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function lastDayOfMonth(yyyymm: string): string {
	const day = new Date(Date.UTC(+yyyymm.slice(0, 4), +yyyymm.slice(4, 6), 0)).getUTCDate();
	return `${yyyymm.slice(0, 4)}-${yyyymm.slice(4, 6)}-${String(day).padStart(2, '0')}`;
}

/**
 * UDID_DAY_UPDATE_yyyyMMdd, UDID_WEEKLY_UPDATE_yyyyMMdd_yyyyMMdd, UDID_MONTH_UPDATE_yyyyMM,
 * UDID_FULL_RELEASE_yyyyMMdd (with or without .zip).
 */
export function parsePackageName(name: string): PackageName | undefined {
	const base = name.trim().replace(/^.*[\\/]/, '');
	let m = /^UDID_DAY_UPDATE_(\d{8})(?:\.zip)?$/i.exec(base);
	if (m) return { kind: 'daily', startDate: iso(m[1]), endDate: iso(m[1]) };
	m = /^UDID_WEEKLY_UPDATE_(\d{8})_(\d{8})(?:\.zip)?$/i.exec(base);
	if (m) return { kind: 'weekly', startDate: iso(m[1]), endDate: iso(m[2]) };
	m = /^UDID_MONTH_UPDATE_(\d{6})(?:\.zip)?$/i.exec(base);
	if (m) return { kind: 'monthly', startDate: `${iso(m[1] + '01')}`, endDate: lastDayOfMonth(m[1]) };
	m = /^UDID_FULL_RELEASE_(\d{8})(?:\.zip)?$/i.exec(base);
	if (m) return { kind: 'full', startDate: iso(m[1]), endDate: iso(m[1]) };
	return undefined;
}

/** PART(\d+)_Of_(\d+) in an entry name, e.g. UDID_FULL_DOWNLOAD_PART26_Of_1136_2026-05-01.xml. */
export function parsePartName(entry: string): { part: number; of: number } | undefined {
	const m = /PART(\d+)_Of_(\d+)/i.exec(entry);
	return m ? { part: Number(m[1]), of: Number(m[2]) } : undefined;
}

/** A zip name safe to use as a file name in the cache (no folders, no odd characters). */
export function safeFileName(name: string): string {
	const base = name.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9._-]/g, '_');
	if (base === '' || base === '.' || base === '..') throw new Error(`"${name}" cannot be used as a file name`);
	return base;
}
