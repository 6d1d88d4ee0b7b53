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
