/** China-time (UTC+8, no daylight saving) calendar helpers; the API's days and months are China days. */

const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** yyyy-MM-dd of the China-time day containing `at`. */
export function chinaDate(at: Date | number): string {
	const d = new Date((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS);
	return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** yyyyMMddHHmmss in China time: the shape real token answers use for `currentTime`. */
export function chinaStamp(at: Date | number): string {
	const d = new Date((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS);
	return (
		`${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}` +
		`${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`
	);
}

/** Epoch milliseconds of 00:00 China time on `date` (yyyy-MM-dd, assumed valid). */
export function dayStartMs(date: string): number {
	return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - OFFSET_MS;
}

export function isValidDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const d = new Date(Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)));
	return (
		d.getUTCFullYear() === +text.slice(0, 4) &&
		d.getUTCMonth() === +text.slice(5, 7) - 1 &&
		d.getUTCDate() === +text.slice(8, 10)
	);
}

export function isValidMonth(text: string): boolean {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(text) && +text.slice(0, 4) >= 1;
}

export function addDays(date: string, days: number): string {
	return chinaDate(dayStartMs(date) + days * DAY_MS);
}

/** Whole days from 2019-01-01 to `date` (negative before). */
export function dayOrdinal(date: string): number {
	return Math.round((dayStartMs(date) - dayStartMs('2019-01-01')) / DAY_MS);
}

/** The days of a month, oldest first. */
export function daysOfMonth(month: string): string[] {
	const year = +month.slice(0, 4);
	const monthIndex = +month.slice(5, 7) - 1;
	const count = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
	const days: string[] = [];
	for (let day = 1; day <= count; day++) days.push(`${month}-${pad2(day)}`);
	return days;
}

/** The day `ordinal` days after 2019-01-01. */
export function dateOfOrdinal(ordinal: number): string {
	return chinaDate(dayStartMs('2019-01-01') + ordinal * DAY_MS);
}
