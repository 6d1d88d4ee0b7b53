import {
	daysInMonth,
	hhmmProblem,
	parseYymmdd,
	parseYyyymmdd,
	resolveCentury,
} from '../../../nodes/udid/identifiers/dates';

const in2025 = new Date('2025-06-15T00:00:00Z');

describe('resolveCentury (GS1 General Specifications 7.12 sliding window)', () => {
	it.each([
		[25, in2025, 2025],
		[0, in2025, 2000],
		[75, in2025, 2075], // difference 50: still this century
		[76, in2025, 1976], // difference 51: previous century
		[99, in2025, 1999],
		[31, new Date('2080-01-01T00:00:00Z'), 2031], // difference -49: this century
		[30, new Date('2080-01-01T00:00:00Z'), 2130], // difference -50: next century
		[0, new Date('1999-12-31T00:00:00Z'), 2000], // difference -99: next century
		[49, new Date('1999-12-31T00:00:00Z'), 2049],
		[48, new Date('1999-12-31T00:00:00Z'), 2048],
	])('YY %i with reference %s is %i', (yy, now, expected) => {
		expect(resolveCentury(yy, now)).toBe(expected);
	});
});

describe('parseYymmdd', () => {
	it('converts to ISO', () => {
		expect(parseYymmdd('201225', in2025, true)).toEqual({ ok: true, iso: '2020-12-25' });
	});

	it.each([
		['240200', '2024-02-29'], // leap year
		['230200', '2023-02-28'],
		['000200', '2000-02-29'], // 2000 is a leap year
		['231200', '2023-12-31'],
		['210400', '2021-04-30'],
	])('DD=00 in %s means the last day of the month: %s', (value, iso) => {
		expect(parseYymmdd(value, in2025, true)).toEqual({ ok: true, iso });
	});

	it('refuses DD=00 where the AI does not allow it', () => {
		expect(parseYymmdd('240200', in2025, false)).toEqual({ ok: false, problem: 'day 00 is not 01-29 for 2024-02' });
	});

	it.each([
		['231332', 'month 13 is not 01-12'],
		['230015', 'month 00 is not 01-12'],
		['230230', 'day 30 is not 00-28 for 2023-02'],
		['230431', 'day 31 is not 00-30 for 2023-04'],
		['23013', 'must be 6 digits YYMMDD'],
		['2301AB', 'must be 6 digits YYMMDD'],
		['2301011', 'must be 6 digits YYMMDD'],
	])('rejects %s: %s', (value, problem) => {
		expect(parseYymmdd(value, in2025, true)).toEqual({ ok: false, problem });
	});
});

describe('parseYyyymmdd', () => {
	it('reads eight-digit dates', () => {
		expect(parseYyyymmdd('20240229')).toEqual({ ok: true, iso: '2024-02-29' });
	});

	it('rejects impossible ones', () => {
		expect(parseYyyymmdd('20230229')).toEqual({ ok: false, problem: 'day 29 is not 01-28 for 2023-02' });
		expect(parseYyyymmdd('2023022')).toEqual({ ok: false, problem: 'must be 8 digits YYYYMMDD' });
	});
});

describe('daysInMonth and hhmmProblem', () => {
	it('knows month lengths', () => {
		expect([daysInMonth(2023, 2), daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2023, 12)]).toEqual([
			28, 29, 28, 31,
		]);
	});

	it('checks times', () => {
		expect(hhmmProblem('2359')).toBeNull();
		expect(hhmmProblem('2400')).toBe('hour 24 is not 00-23');
		expect(hhmmProblem('1260')).toBe('minute 60 is not 00-59');
		expect(hhmmProblem('12:0')).toBe('time must be 4 digits HHMM');
	});
});
