/** GS1 mod-10 check digit of the digits before it (GTIN-8/12/13/14, SSCC, GLN all use the same rule). */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
	let sum = 0;
	for (let i = digitsWithoutCheck.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
		sum += (digitsWithoutCheck.charCodeAt(i) - 48) * weight;
	}
	return (10 - (sum % 10)) % 10;
}

/** True when `digits` is all digits and its last digit is the GS1 check digit of the others. */
export function hasValidGs1CheckDigit(digits: string): boolean {
	if (!/^\d{2,}$/.test(digits)) return false;
	return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1), in the order GMN check values use. */
export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** Alphabet of the GMN check character pair (alphanumeric check characters, GS1 General Specifications 7.9.5). */
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const GMN_WEIGHTS = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/** The GMN check character pair for the characters before it; undefined for characters outside set 82. */
export function gmnCheckCharacters(body: string): string | undefined {
	if (body.length > GMN_WEIGHTS.length) return undefined;
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		const value = CSET82.indexOf(body[i]);
		if (value < 0) return undefined;
		sum += value * GMN_WEIGHTS[body.length - 1 - i];
	}
	const remainder = sum % 1021;
	return CSET32[remainder >> 5] + CSET32[remainder & 31];
}
