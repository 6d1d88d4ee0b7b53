/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
 * (digits and upper-case letters without I, O, S, V, Z); the last one is a check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccResult = { valid: true; code: string } | { valid: false; code: string; reason: string };

/** The check character for the first 17 characters, or undefined when one of them is not in the alphabet. */
export function usccCheckCharacter(first17: string): string | undefined {
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = ALPHABET.indexOf(first17[i]);
		if (value < 0) return undefined;
		sum += value * WEIGHTS[i];
	}
	return ALPHABET[(31 - (sum % 31)) % 31];
}

export function validateUscc(input: string): UsccResult {
	const code = input.trim().toUpperCase();
	if (code.length !== 18) {
		return { valid: false, code, reason: `must be 18 characters, got ${code.length}` };
	}
	const bad = [...code].find((c) => !ALPHABET.includes(c));
	if (bad !== undefined) {
		return { valid: false, code, reason: `character "${bad}" is not allowed (digits and A-Y without I, O, S, V, Z)` };
	}
	const expected = usccCheckCharacter(code.slice(0, 17))!;
	if (expected !== code[17]) {
		return { valid: false, code, reason: `check character (校验码) is "${code[17]}" but should be "${expected}"` };
	}
	return { valid: true, code };
}
