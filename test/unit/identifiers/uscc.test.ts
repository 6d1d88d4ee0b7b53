import { usccCheckCharacter, validateUscc } from '../../../nodes/udid/identifiers/uscc';

describe('validateUscc', () => {
	it('accepts a valid code, also in lower case with spaces around', () => {
		expect(validateUscc('91350100M000100Y43')).toEqual({ valid: true, code: '91350100M000100Y43' });
		expect(validateUscc(' 91350100m000100y43 ')).toEqual({ valid: true, code: '91350100M000100Y43' });
	});

	it('rejects a wrong check character', () => {
		expect(validateUscc('91350100M000100Y44')).toEqual({
			valid: false,
			code: '91350100M000100Y44',
			reason: 'check character (校验码) is "4" but should be "3"',
		});
	});

	it.each([
		['91350100M000100Y4', 'must be 18 characters, got 17'],
		['91350100M000100Y431', 'must be 18 characters, got 19'],
		['', 'must be 18 characters, got 0'],
	])('rejects the length of %j', (code, reason) => {
		expect(validateUscc(code)).toMatchObject({ valid: false, reason });
	});

	it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s', (letter) => {
		expect(validateUscc(`91350100M000100${letter}43`)).toMatchObject({
			valid: false,
			reason: `character "${letter}" is not allowed (digits and A-Y without I, O, S, V, Z)`,
		});
	});

	it('rejects punctuation', () => {
		expect(validateUscc('91350100M000100-43')).toMatchObject({
			valid: false,
			reason: 'character "-" is not allowed (digits and A-Y without I, O, S, V, Z)',
		});
	});
});

describe('usccCheckCharacter', () => {
	it('computes the check character', () => {
		expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
	});

	it('is undefined for characters outside the alphabet', () => {
		expect(usccCheckCharacter('91350100M000100O4')).toBeUndefined();
	});
});
