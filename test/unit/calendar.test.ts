import {
	CalendarInputError,
	addDays,
	addMonths,
	chinaDay,
	daysBetween,
	daysOfMonth,
	monthsBetween,
	parseDay,
	parseMonth,
} from '../../nodes/udid/calendar';

const today = '2026-11-28';

describe('China-time calendar', () => {
	it('puts instants on the China-time day whatever the process time zone', () => {
		expect(chinaDay(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
		expect(chinaDay(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
	});

	it('walks days and months across boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
		expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(daysOfMonth('2024-02')).toHaveLength(29);
		expect(daysOfMonth('2026-12').at(-1)).toBe('2026-12-31');
	});

	it.each([
		['2026-11-27', '2026-11-27'],
		['20261127', '2026-11-27'],
		['2026/1/5', '2026-01-05'],
		['2026-11-27T00:00:00', '2026-11-27'],
		['2026-11-26T20:00:00-05:00', '2026-11-27'],
		['2026-11-27T23:30:00Z', '2026-11-28'],
		// {{ $today }} in the workflow's zone: midnight there, its own date whatever the zone
		['2026-11-27T00:00:00.000+09:00', '2026-11-27'],
		['2026-11-27T00:00:00.000-08:00', '2026-11-27'],
		['2026-11-27T00:00:00Z', '2026-11-27'],
		[new Date('2026-11-26T17:00:00Z'), '2026-11-27'],
		[{ toJSDate: () => new Date('2026-11-26T17:00:00Z') }, '2026-11-27'],
		[
			{
				toJSDate: () => new Date('2026-11-26T15:00:00Z'),
				toISODate: () => '2026-11-27',
				hour: 0,
				minute: 0,
				second: 0,
				millisecond: 0,
			},
			'2026-11-27',
		],
	])('reads day %p', (input, expected) => {
		expect(parseDay('Date', input, { today })).toBe(expected);
	});

	it.each([
		['', /is empty/],
		['abc', /not a date/],
		['26-11-27', /two-digit years/],
		['2026-02-30', /not a real calendar date/],
		['2026-13-01', /not a real calendar date/],
		['2026-11-29', /in the future/],
		['1999-12-31', /before the UDID database/],
		[12345, /not a date/],
		[new Date('x'), /invalid/],
	])('rejects day %p with a message naming the parameter', (input, message) => {
		expect(() => parseDay('Date', input, { today })).toThrow(CalendarInputError);
		expect(() => parseDay('Date', input, { today })).toThrow(message);
		expect(() => parseDay('Date', input, { today })).toThrow(/Parameter "Date".*Accepted:/);
	});

	it.each([
		['2026-10', '2026-10'],
		['202610', '2026-10'],
		['2026/1', '2026-01'],
		['2026-11-05', '2026-11'],
	])('reads month %p', (input, expected) => expect(parseMonth('Month', input, { today })).toBe(expected));

	it.each([
		['2026-13', /month 13/],
		['2026-12', /in the future/],
		['26-10', /two-digit years/],
		['20261', /not a month/],
		['', /is empty/],
	])('rejects month %p', (input, message) => expect(() => parseMonth('Month', input, { today })).toThrow(message));
});
