/**
 * device → getByDi, the part every shell shares: what to ask for (from a typed DI or a whole scan), the D003
 * call, and which of the answer's rows is the device. A shell only reads its input, shapes the record and
 * reports a refusal in its own way.
 */
import type { UdidClient } from './client/client';
import { UdidApiError } from './client/errors';
import { planLookup } from './identifiers/lookup';
import type { ScanColumns } from './identifiers/lookup';
import type { DeviceRecord } from './records';

export const DI_FORM =
	'a DI (GTIN-14 like 06901234567892, an MA code, or another registered DI) or a whole scanned UDI';

export type DeviceLookup =
	| { ok: false; reason: string }
	/** `record` is undefined when NMPA knows no such DI: that is an answer, not a failure. */
	| { ok: true; di: string; scan: ScanColumns; record: DeviceRecord | undefined };

/** A code that breaks an authoritative rule, or holds no DI, is refused before any request is made. */
export async function lookUpDevice(client: UdidClient, input: string, signal?: AbortSignal): Promise<DeviceLookup> {
	const plan = planLookup(input);
	if (!plan.ok) return plan;
	// errorCode 4 is "data does not exist".
	const page = await client.getSingle(plan.di, signal).catch((error: unknown) => {
		if (error instanceof UdidApiError && error.errorCode === 4) return undefined;
		throw error;
	});
	const record = page?.records.find((r) => String(r.ZXXSDYCPBS ?? '') === plan.di) ?? page?.records[0];
	return { ok: true, di: plan.di, scan: plan.scan, record };
}
