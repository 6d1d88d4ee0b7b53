/** The one-answer operations: connection test, token info, device by DI (or a whole scan), barcode parse. */
import { UdidApiError } from '../../../nodes/udid/client/errors';
import { parseIdentifier } from '../../../nodes/udid/identifiers';
import { shapeRecord } from '../../../nodes/udid/shape';
import { bad, readShape, readText } from '../params';
import type { Operation } from './types';

export const testConnection: Operation = async ({ client, signal, output }) => {
	const result = await client().testConnection(signal);
	output.result(result);
	return { operation: 'test', ok: true, latencyMs: result.latencyMs };
};

/** P002 through the shared token cache; the token itself never leaves the client. */
export const tokenInfo: Operation = async ({ client, signal, output }) => {
	const info = await client().getTokenInfo(signal);
	output.result(info);
	return { operation: 'tokenInfo', origin: info.origin, remainingVisits: info.todayRemainVisitCount ?? null };
};

/** Production data from a scanned code, kept next to the device's fields. */
const SCAN_COLUMNS = [
	['lot', 'scanLot'],
	['serial', 'scanSerial'],
	['productionDate', 'scanProductionDate'],
	['expiryDate', 'scanExpiryDate'],
	['sterilisationLot', 'scanSterilisationLot'],
] as const;

const DI_FORM = 'a DI (GTIN-14 like 06901234567892, an MA code, or another registered DI) or a whole scanned UDI';

/** D003: the current version of one DI; a whole scan gives its DI, and its lot, serial and dates are added. */
export const getByDi: Operation = async ({ form, msg, client, signal, output }) => {
	const input = readText(form, msg, 'di', DI_FORM).trim();
	const parsed = parseIdentifier(input);
	let di = input;
	const scan: Record<string, unknown> = {};
	if (parsed.format !== 'unknown') {
		if (!parsed.valid || !parsed.di)
			bad(
				'di',
				`"${input.slice(0, 80)}" is not a valid ${parsed.format} code: ${parsed.reason ?? 'no DI in it'}`,
				DI_FORM,
			);
		di = parsed.di as string;
		scan.scanFormat = parsed.format;
		for (const [key, column] of SCAN_COLUMNS) if (parsed[key] !== null) scan[column] = parsed[key];
	} else if (/\s/.test(input) || input.length > 120) {
		bad('di', `"${input.slice(0, 80)}" is not a DI: ${parsed.reason ?? 'unrecognised format'}`, DI_FORM);
	}
	const shape = readShape(form);
	// errorCode 4 is "data does not exist": an unknown DI is an answer, not a failure.
	const page = await client()
		.getSingle(di, signal)
		.catch((error: unknown) => {
			if (error instanceof UdidApiError && error.errorCode === 4) return undefined;
			throw error;
		});
	const record = page?.records.find((r) => String(r.ZXXSDYCPBS ?? '') === di) ?? page?.records[0];
	if (!record) {
		output.result({ found: false, di, ...scan });
		return { operation: 'getByDi', di, found: false };
	}
	const rows = shapeRecord(record, shape).map((row) => ({ ...row, found: true, ...scan }));
	output.result(rows.length === 1 ? rows[0] : rows);
	return { operation: 'getByDi', di, found: true };
};

/** Offline: splits a scanned UDI into DI and production identifiers. */
export const parseBarcode: Operation = async ({ form, msg, output }) => {
	const text = readText(form, msg, 'code', 'the scanned text, e.g. (01)06901234567892(17)270101(10)A1B2');
	const result = parseIdentifier(text);
	output.result({ ...result, ais: { ...result.ais }, elements: result.elements.map((e) => ({ ...e })) });
	return { operation: 'parseBarcode', format: result.format, valid: result.valid };
};
