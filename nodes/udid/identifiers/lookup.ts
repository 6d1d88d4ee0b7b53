/**
 * What a DI lookup (device → getByDi) does with what the user typed or scanned: which DI to ask the API for,
 * and which production data from the scan to add to the answer, or why there is nothing to ask for.
 *
 * Authoritative rules (GS1 check digits, the GS1 syntax dictionary, real calendar dates) decide whether a code is
 * valid; non-authoritative ones (the MA check character) only warn, so they never stop a lookup. The API's answer
 * is the truth about a DI.
 */
import { parseIdentifier } from './index';
import type { IdentifierResult, ParseOptions } from './types';

/** Production data from the scanned code, as scalar columns so a flat output layout stays flat. */
const SCAN_COLUMNS = [
	['lot', 'scanLot'],
	['serial', 'scanSerial'],
	['productionDate', 'scanProductionDate'],
	['expiryDate', 'scanExpiryDate'],
	['sterilisationLot', 'scanSterilisationLot'],
] as const;

export type ScanColumns = Record<string, string>;

export type LookupPlan = { ok: true; di: string; scan: ScanColumns } | { ok: false; reason: string };

function scanColumns(parsed: IdentifierResult): ScanColumns {
	const scan: ScanColumns = { scanFormat: parsed.format };
	for (const [key, column] of SCAN_COLUMNS) {
		const value = parsed[key];
		if (value !== null) scan[column] = value;
	}
	if (parsed.warnings.length > 0) scan.scanWarnings = parsed.warnings.join('; ');
	return scan;
}

/**
 * A recognised code must be valid and hold a DI. Anything unrecognised without spaces and of DI-like length is
 * passed on as it stands: NMPA accepts DIs from issuers this package does not know.
 */
export function planLookup(input: string, options: ParseOptions = {}): LookupPlan {
	const parsed = parseIdentifier(input, options);
	const shown = JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
	if (parsed.format === 'unknown') {
		if (/\s/.test(input) || input.length > 120)
			return { ok: false, reason: `${shown} is not a DI: ${parsed.reason ?? 'unrecognised format'}` };
		return { ok: true, di: input, scan: {} };
	}
	if (!parsed.valid) return { ok: false, reason: `${shown} is not a valid ${parsed.format} code: ${parsed.reason}` };
	if (parsed.di === null) {
		return {
			ok: false,
			reason: `${shown} is a valid ${parsed.format} code but holds no device identifier (DI) to look up`,
		};
	}
	return { ok: true, di: parsed.di, scan: scanColumns(parsed) };
}
