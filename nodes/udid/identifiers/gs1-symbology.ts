/**
 * What an AIM symbology identifier (ISO/IEC 15424; GS1 General Specifications 5.1.2) promises about the data
 * after it. EAN/UPC and ITF-14 symbols carry a fixed number of digits, so a read of another length is a
 * misread, not a GTIN of another length.
 */

interface DigitSymbology {
	symbology: string;
	/** Accepted digit counts. */
	lengths: readonly number[];
	/** Digits that form the GTIN (an add-on after them is not part of it); 0 when the symbol holds no GTIN. */
	gtinDigits: number;
}

const DIGIT_SYMBOLOGIES: Readonly<Record<string, DigitSymbology>> = {
	']E0': { symbology: 'EAN-13, UPC-A or UPC-E', lengths: [13], gtinDigits: 13 },
	']E1': { symbology: 'EAN/UPC two-digit add-on alone', lengths: [2], gtinDigits: 0 },
	']E2': { symbology: 'EAN/UPC five-digit add-on alone', lengths: [5], gtinDigits: 0 },
	']E3': { symbology: 'EAN-13, UPC-A or UPC-E with add-on', lengths: [15, 18], gtinDigits: 13 },
	']E4': { symbology: 'EAN-8', lengths: [8], gtinDigits: 8 },
	']I1': { symbology: 'ITF-14', lengths: [14], gtinDigits: 14 },
};

/** Symbology identifiers that announce GS1 element strings (FNC1 in first position). */
const GS1_ELEMENT_STRING_IDS: ReadonlySet<string> = new Set([']C1', ']e0', ']e1', ']d2', ']Q3', ']J1']);

export function isGs1SymbologyId(symbologyId: string | null): boolean {
	return symbologyId !== null && GS1_ELEMENT_STRING_IDS.has(symbologyId);
}

export type DigitRead = { gtin: string; warnings: string[] } | { problem: string };

/** For an EAN/UPC or ITF-14 identifier: the GTIN digits, or why the data cannot be such a symbol; else undefined. */
export function readDigitSymbology(symbologyId: string | null, data: string): DigitRead | undefined {
	const rule = symbologyId === null ? undefined : DIGIT_SYMBOLOGIES[symbologyId];
	if (rule === undefined) return undefined;
	const counts = rule.lengths.join(' or ');
	if (!/^\d+$/.test(data) || !rule.lengths.includes(data.length)) {
		const got = /^\d+$/.test(data) ? `${data.length} digits` : `${JSON.stringify(data.slice(0, 20))}`;
		return {
			problem: `symbology identifier ${symbologyId} (${rule.symbology}) carries exactly ${counts} digits, got ${got}`,
		};
	}
	if (rule.gtinDigits === 0)
		return { problem: `symbology identifier ${symbologyId} (${rule.symbology}) holds no GTIN` };
	const addOn = data.slice(rule.gtinDigits);
	const warnings =
		addOn === '' ? [] : [`the ${addOn.length}-digit add-on "${addOn}" is not part of the GTIN and was ignored`];
	return { gtin: data.slice(0, rule.gtinDigits), warnings };
}
