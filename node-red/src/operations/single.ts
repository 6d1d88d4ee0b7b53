/** The one-answer operations: connection test, token info, device by DI (or a whole scan), barcode parse. */
import { DI_FORM, lookUpDevice } from '../../../nodes/udid/device-lookup';
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

/** D003: the current version of one DI; a whole scan gives its DI, and its lot, serial and dates are added. */
export const getByDi: Operation = async ({ form, msg, client, signal, output }) => {
	const input = readText(form, msg, 'di', DI_FORM).trim();
	const shape = readShape(form);
	const found = await lookUpDevice(client(), input, signal);
	if (!found.ok) bad('di', found.reason, DI_FORM);
	const { di, scan, record } = found;
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
