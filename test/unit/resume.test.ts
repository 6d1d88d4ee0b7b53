import { ParameterError } from '../../nodes/udid/parameter-error';
import { RESUME_FROM_FORM, formatResumePoint, parseResumePoint, validateResumePoint } from '../../nodes/udid/resume';

describe('resume point text form', () => {
	it.each([
		[{ rangeValue: '2026-11-20', page: 31, knownTotal: 3568 }, '2026-11-20#31#3568'],
		[{ rangeValue: '2026-10', page: 2, knownTotal: 0 }, '2026-10#2#0'],
		[{ rangeValue: '2026-11-20', page: 1 }, '2026-11-20#1#'],
	])('%p formats as %s and parses back', (point, text) => {
		expect(formatResumePoint(point)).toBe(text);
		expect(parseResumePoint(text)).toEqual(point);
	});

	it('reads the value users copied from earlier errors, with surrounding blanks', () => {
		expect(parseResumePoint(' 2026-11-20#31#3568\n')).toEqual({ rangeValue: '2026-11-20', page: 31, knownTotal: 3568 });
	});

	it.each([
		'2026-11-20 page 5',
		'2026-11-20#0#100',
		'2026-11-20#-1#100',
		'2026-11-20#5',
		'2026-11-20#5#abc',
		'20261120#5#100',
		'#5#100',
		'history of 3 keys (a, …)#2#',
		'2026-11-20#99999999999999999999#',
		'',
	])('rejects %p', (text) => {
		expect(parseResumePoint(text)).toBeUndefined();
	});

	it('reads the object a stopped run reported, with or without its text form', () => {
		expect(parseResumePoint({ rangeValue: '2026-11-20', page: 5, knownTotal: 100 })).toEqual({
			rangeValue: '2026-11-20',
			page: 5,
			knownTotal: 100,
		});
		expect(parseResumePoint({ rangeValue: '2026-11', page: '3' })).toEqual({ rangeValue: '2026-11', page: 3 });
		expect(parseResumePoint({ resumeFrom: '2026-11-19#4#', page: 9 })).toEqual({ rangeValue: '2026-11-19', page: 4 });
		expect(parseResumePoint({ rangeValue: '2026-11-20', page: 0 })).toBeUndefined();
		expect(parseResumePoint({ rangeValue: 'yesterday', page: 2 })).toBeUndefined();
		expect(parseResumePoint({ rangeValue: '2026-11-20', page: 2, knownTotal: -1 })).toBeUndefined();
		expect(parseResumePoint(42)).toBeUndefined();
		expect(parseResumePoint(null)).toBeUndefined();
	});
});

describe('validateResumePoint', () => {
	const days = ['2026-11-18', '2026-11-19', '2026-11-20'];

	it('empty means no resume point', () => {
		for (const empty of [undefined, null, '']) expect(validateResumePoint(empty, days)).toBeUndefined();
	});

	it('a point inside the sync is returned', () => {
		expect(validateResumePoint('2026-11-19#4#80', days)).toEqual({ rangeValue: '2026-11-19', page: 4, knownTotal: 80 });
	});

	it('a malformed value names the parameter and the accepted form', () => {
		const error = catchError(() => validateResumePoint('2026-11-20 page 5', days));
		expect(error).toBeInstanceOf(ParameterError);
		expect(error.message).toBe(
			`Parameter "Resume From": "2026-11-20 page 5" is not a resume point. Accepted: ${RESUME_FROM_FORM}`,
		);
	});

	it('a point of another sync is refused, with the span of this one', () => {
		const error = catchError(() => validateResumePoint('2026-11-02#5#100', days, 'resumeFrom'));
		expect(error.message).toBe(
			'Parameter "resumeFrom": 2026-11-02 is not part of this sync (2026-11-18 to 2026-11-20). Accepted: a resume point of a run of this same sync',
		);
	});
});

function catchError(action: () => unknown): Error {
	try {
		action();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}
