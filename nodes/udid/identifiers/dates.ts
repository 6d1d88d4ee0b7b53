export type DateCheck = { ok: true; iso: string } | { ok: false; problem: string };

/**
 * Full year for a two-digit year by the GS1 sliding window (GS1 General Specifications 7.12): if YY minus
 * the reference year's last two digits is 51..99 the date is in the previous century, if it is -99..-50 it
 * is in the next century, otherwise in the reference year's century.
 */
export function resolveCentury(yy: number, now: Date): number {
	const referenceYear = now.getUTCFullYear();
	const referenceYy = referenceYear % 100;
	const century = referenceYear - referenceYy;
	const difference = yy - referenceYy;
	if (difference >= 51) return century - 100 + yy;
	if (difference <= -50) return century + 100 + yy;
	return century + yy;
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

function checkYearMonthDay(year: number, month: number, day: number, dayZeroMeansLastDay: boolean): DateCheck {
	if (month < 1 || month > 12) return { ok: false, problem: `month ${pad(month, 2)} is not 01-12` };
	const lastDay = daysInMonth(year, month);
	if (day === 0 && dayZeroMeansLastDay) {
		return { ok: true, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(lastDay, 2)}` };
	}
	if (day < 1 || day > lastDay) {
		const allowed = dayZeroMeansLastDay ? `00-${pad(lastDay, 2)}` : `01-${pad(lastDay, 2)}`;
		return { ok: false, problem: `day ${pad(day, 2)} is not ${allowed} for ${pad(year, 4)}-${pad(month, 2)}` };
	}
	return { ok: true, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/**
 * Checks a YYMMDD date and converts it to ISO yyyy-MM-dd. With `dayZeroMeansLastDay` (GS1 AIs 11-17),
 * DD = 00 stands for the last day of the month.
 */
export function parseYymmdd(value: string, now: Date, dayZeroMeansLastDay: boolean): DateCheck {
	if (!/^\d{6}$/.test(value)) return { ok: false, problem: 'must be 6 digits YYMMDD' };
	const yy = Number(value.slice(0, 2));
	return checkYearMonthDay(
		resolveCentury(yy, now),
		Number(value.slice(2, 4)),
		Number(value.slice(4, 6)),
		dayZeroMeansLastDay,
	);
}

export function parseYyyymmdd(value: string): DateCheck {
	if (!/^\d{8}$/.test(value)) return { ok: false, problem: 'must be 8 digits YYYYMMDD' };
	return checkYearMonthDay(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)), false);
}

/** HHMM with HH 00-23 and MM 00-59; null when fine, otherwise the problem. */
export function hhmmProblem(value: string): string | null {
	if (!/^\d{4}$/.test(value)) return 'time must be 4 digits HHMM';
	const hours = Number(value.slice(0, 2));
	const minutes = Number(value.slice(2, 4));
	if (hours > 23) return `hour ${value.slice(0, 2)} is not 00-23`;
	if (minutes > 59) return `minute ${value.slice(2, 4)} is not 00-59`;
	return null;
}
